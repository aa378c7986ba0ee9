"""CSV: tidy tables linked by keys, with a Frictionless data package.

One set of files for a whole batch: ``items.csv`` (one row per agenda item),
``recommendations.csv`` and ``resolutions.csv`` (one row per numbered item),
``actions.csv`` (one row per owner of an ACTION line, with its remark), ``votes.csv``
(one row per recorded vote), ``declarations.csv`` (one row per declaration of interest)
and ``datapackage.json``, which gives every field's type, the primary keys, and the
foreign keys from each table to ``items``. Files are UTF-8 with CRLF line ends (RFC 4180).

A text cell that a spreadsheet would run as a formula (one starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) is written with a leading apostrophe, as
OWASP recommends; the data package says so in its description.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any

from minutekit.convert import (
    ConversionError,
    ConvertOptions,
    InputFiles,
    check_replaceable,
    file_mode,
    temporary_beside,
    write_atomic,
)
from minutekit.model import AgendaItem, NumberedBlock

FORMAT = "csv"
SUFFIX = ".csv"
MEDIA_TYPE = "text/csv"

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMULA_NOTE = (
    "Text cells that begin with =, +, -, @, a tab or a carriage return are written with a "
    "leading apostrophe (') so that spreadsheets do not run them as formulas; remove that "
    "one apostrophe to recover the text as published."
)


def _numbered_fields(what: str) -> list[tuple[str, str, str]]:
    return [
        ("item_id", "string", "The agenda item (items.item_id)."),
        ("position", "integer", "Order in the block, from 1."),
        ("num", "string", "The marker as written, e.g. '(1)'."),
        ("number", "integer", "The marker's value; empty when it has none."),
        ("text", "string", f"The {what}."),
        ("line", "integer", "Line of the source file."),
    ]


# name → (description, fields as (name, type, description), primary key)
TABLES: dict[str, tuple[str, list[tuple[str, str, str]], list[str]]] = {
    "items": (
        "One row per agenda item.",
        [
            ("item_id", "string", "The item's id (its file name without .txt unless given)."),
            ("source_file", "string", "The name of the file the item was read from."),
            ("source_sha256", "string", "SHA-256 of the file's bytes."),
            ("source_media_type", "string", "The media type of the file ('text/plain', ...)."),
            (
                "item_number",
                "string",
                "The item's number as the page prints it ('40.', '78/21'), when it does.",
            ),
            ("title", "string", "The title line; empty when the item has none."),
            ("meeting_date", "date", "The meeting's date, when the page states it."),
            ("committee", "string", "The body that met, when the page states it."),
            ("recommendations", "integer", "Number of numbered Recommended items."),
            ("resolutions", "integer", "Number of numbered Resolved items."),
            ("actions", "integer", "Number of ACTION lines."),
            ("minutes_labelled", "boolean", "Whether the minutes carry a 'Minutes:' heading."),
            ("contact", "string", "The contact line as written, '(Name – phone)'."),
            (
                "contact_names",
                "string",
                "The officers named in the contact line, separated by '; '.",
            ),
            ("contact_phone", "string", "The telephone number(s) in the contact line."),
            ("scrutiny", "string", "The Overview and Scrutiny lines, separated by '; '."),
            (
                "outcome_heading",
                "string",
                "The words that introduce the outcome ('Resolved –', 'Decided:', 'AGREED to').",
            ),
            ("votes", "integer", "Number of recorded votes (votes.csv)."),
            ("declarations", "integer", "Number of declarations of interest (declarations.csv)."),
            (
                "exempt",
                "boolean",
                "Whether the item is exempt business (press and public excluded).",
            ),
            (
                "schedule_12a_paragraphs",
                "string",
                "The paragraphs of Schedule 12A to the Local Government Act 1972 cited, '; '.",
            ),
        ],
        ["item_id"],
    ),
    "recommendations": (
        "One row per numbered item of the Recommended block.",
        _numbered_fields("recommendation"),
        ["item_id", "position"],
    ),
    "resolutions": (
        "One row per numbered item of the Resolved block.",
        _numbered_fields("resolution"),
        ["item_id", "position"],
    ),
    "actions": (
        "One row per owner of an ACTION line (one row with no owner when the line names none).",
        [
            ("item_id", "string", "The agenda item (items.item_id)."),
            ("action", "integer", "Which ACTION line of the item, from 1."),
            ("owner_position", "integer", "Order of the owner on the line, from 1 (0: no owner)."),
            ("owner", "string", "The post responsible, as written."),
            ("remark", "string", "A bracketed remark after the owners, as written."),
            ("line", "integer", "Line of the source file."),
        ],
        ["item_id", "action", "owner_position"],
    ),
    "votes": (
        "One row per recorded vote; a side the text does not state is empty, never 0.",
        [
            ("item_id", "string", "The agenda item (items.item_id)."),
            ("vote", "integer", "Which vote of the item, from 1."),
            ("for", "integer", "Members voting for."),
            ("against", "integer", "Members voting against."),
            ("abstain", "integer", "Members abstaining."),
            ("outcome", "string", "What became of the motion ('carried'), when stated."),
            ("text", "string", "The words that state the counts, as written."),
            ("line", "integer", "Line of the source file."),
        ],
        ["item_id", "vote"],
    ),
    "declarations": (
        "One row per member's declaration of interest.",
        [
            ("item_id", "string", "The agenda item (items.item_id)."),
            ("declaration", "integer", "Which declaration of the item, from 1."),
            ("member", "string", "The member as written ('Councillor A Khan')."),
            ("kind", "string", "The kind of interest as written ('personal'), when stated."),
            ("text", "string", "The words that make the declaration."),
            ("line", "integer", "Line of the source file."),
        ],
        ["item_id", "declaration"],
    ),
}


def _outcome_heading(item: AgendaItem) -> str | None:
    if item.resolved is not None:
        return item.resolved.heading.text
    return item.decision.heading.text if item.decision is not None else None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _numbered(item_id: str, block: NumberedBlock | None) -> Iterable[list[Any]]:
    for position, entry in enumerate(block.items if block else (), start=1):
        yield [item_id, position, entry.num, entry.number, entry.text, entry.span.line]


def records(item: AgendaItem, item_id: str) -> dict[str, list[list[str]]]:
    """The rows ``item`` adds to each table, as CSV cells (small: made where the item is
    parsed, so a batch never holds its items, only these)."""
    rows = _rows([(item, item_id)])
    return {name: [[_cell(v) for v in row] for row in table] for name, table in rows.items()}


def _rows(items: Sequence[tuple[AgendaItem, str]]) -> dict[str, list[list[Any]]]:
    rows: dict[str, list[list[Any]]] = {name: [] for name in TABLES}
    for item, item_id in items:
        contact = item.contact
        rows["items"].append(
            [
                item_id,
                PurePath(item.source.name).name,
                item.source.sha256,
                item.source.media_type,
                next((line.text for line in item.preface if line.kind == "item_number"), None),
                item.title.text if item.title else None,
                item.meeting.date if item.meeting else None,
                item.meeting.committee if item.meeting else None,
                len(item.recommended.items) if item.recommended else 0,
                len(item.resolved.items) if item.resolved else 0,
                len(item.actions),
                item.minutes is not None and item.minutes.heading is not None,
                contact.text if contact else None,
                "; ".join(contact.names) if contact else None,
                contact.phone if contact else None,
                "; ".join(f"{s.label}: {s.value}" for s in item.scrutiny) or None,
                _outcome_heading(item),
                len(item.votes),
                len(item.declarations),
                item.exempt is not None,
                "; ".join(str(n) for n in item.exempt.paragraphs) if item.exempt else None,
            ]
        )
        for number, vote in enumerate(item.votes, start=1):
            rows["votes"].append(
                [
                    item_id,
                    number,
                    vote.votes_for,
                    vote.against,
                    vote.abstain,
                    vote.outcome,
                    vote.text,
                    vote.span.line,
                ]
            )
        for number, declaration in enumerate(item.declarations, start=1):
            rows["declarations"].append(
                [
                    item_id,
                    number,
                    declaration.member,
                    declaration.kind,
                    declaration.text,
                    declaration.span.line,
                ]
            )
        rows["recommendations"].extend(_numbered(item_id, item.recommended))
        rows["resolutions"].extend(_numbered(item_id, item.resolved))
        for number, action in enumerate(item.actions, start=1):
            owners: list[tuple[int, str | None]] = [*enumerate(action.owners, start=1)]
            owners = owners or [(0, None)]
            for position, owner in owners:
                rows["actions"].append(
                    [item_id, number, position, owner, action.remark, action.span.line]
                )
    return rows


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue().encode("utf-8")


def descriptor(generated: datetime.date) -> dict[str, Any]:
    """The Frictionless data package descriptor of the tables."""
    resources = []
    for name, (description, fields, primary_key) in TABLES.items():
        schema: dict[str, Any] = {
            "fields": [{"name": f, "type": t, "description": d} for f, t, d in fields],
            "primaryKey": primary_key,
            "missingValues": [""],
        }
        if name == "items":
            schema["fields"][0]["constraints"] = {"required": True, "unique": True}
        else:
            schema["foreignKeys"] = [
                {"fields": ["item_id"], "reference": {"resource": "items", "fields": ["item_id"]}}
            ]
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": description,
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "minutekit-minutes",
        "title": "Minutes of council meetings, by agenda item",
        "description": (
            "Agenda items read by minutekit: their recommendations, resolutions, the "
            "posts that own each action, recorded votes and declarations of interest. "
            + FORMULA_NOTE
        ),
        "created": f"{generated.isoformat()}T00:00:00Z",
        "resources": resources,
    }


def _package(options: ConvertOptions) -> bytes:
    package = json.dumps(descriptor(options.generated), ensure_ascii=False, indent=2) + "\n"
    return package.encode("utf-8")


def convert_batch(
    items: Sequence[tuple[AgendaItem, str]], options: ConvertOptions
) -> Mapping[str, bytes]:
    rows = _rows(items)
    files = {
        f"{name}.csv": _csv([f for f, _, _ in fields], rows[name])
        for name, (_, fields, _) in TABLES.items()
    }
    files["datapackage.json"] = _package(options)
    return files


class BatchWriter:
    """Writes the tables row by row into ``folder``, whatever the number of items.

    Each table goes to a temporary file beside its final name; :meth:`commit` renames
    them all into place (and writes ``datapackage.json``), :meth:`abort` removes them,
    so the tables are written whole or not at all and memory does not grow with the
    batch. The bytes are those of :func:`convert_batch` for the same items.
    """

    def __init__(self, folder: Path, options: ConvertOptions, inputs: InputFiles) -> None:
        self.folder = folder
        self.options = options
        self.inputs = inputs
        folder.mkdir(parents=True, exist_ok=True)
        self._files: dict[str, tuple[Path, Any, Any]] = {}
        try:
            for name, (_, fields, _) in TABLES.items():
                target = folder / f"{name}.csv"
                if inputs.includes(target):
                    raise ConversionError(f"refusing to write '{target}': it is one of the inputs")
                check_replaceable(target)
                handle, temporary = temporary_beside(target)
                out = os.fdopen(handle, "w", encoding="utf-8", newline="")
                writer = csv.writer(out, lineterminator="\r\n")
                writer.writerow([f for f, _, _ in fields])
                self._files[name] = (Path(temporary), out, writer)
        except BaseException:
            self.abort()
            raise

    def add(self, record: Mapping[str, list[list[str]]]) -> None:
        for name, rows in record.items():
            self._files[name][2].writerows(rows)

    def commit(self) -> list[Path]:
        """Put every table and the descriptor in place (the descriptor last)."""
        for temporary, out, _ in self._files.values():
            out.close()
            os.chmod(temporary, file_mode())
        written = []
        for name, (temporary, _, _) in self._files.items():
            target = self.folder / f"{name}.csv"
            os.replace(temporary, target)
            written.append(target)
        self._files = {}
        package = self.folder / "datapackage.json"
        write_atomic(package, _package(self.options), self.inputs)
        return [*written, package]

    def abort(self) -> None:
        for temporary, out, _ in self._files.values():
            out.close()
            temporary.unlink(missing_ok=True)
        self._files = {}
