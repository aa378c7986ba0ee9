"""Starter configuration: a profile learnt from a sample of the council's own files.

Takes the bytes of a sample of files. Each file is checked with every part requirement
of :data:`minutekit.profiles.PARTS` turned on: a part is present in a file when its rule
reports nothing there (one definition of "present": the rule's). Guarantees: a part is
required when it is present in at least ``threshold`` of the files read; ``outcome`` is
left out when ``resolved`` is required (a Resolved block is an outcome), and
``action-owner`` when ``action`` is not (it would hold no line to account); the heading
spellings recorded are those the grammar read as a part's heading on a line of their
own, the most frequent first (the house's spelling, which MK306 holds the others to);
every ACTION owner seen is listed; what was seen, and how often, is written beside it
in comments; the configuration written loads as minutekit reads configuration. Files
no reader could read (binary, empty, a damaged document) are counted apart and teach
nothing. Never writes a file: the command does, and never over an existing configuration
without ``--force``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import attrs

from minutekit.config import toml_document
from minutekit.grammar import HEADING_TERMINALS
from minutekit.profiles import PARTS
from minutekit.rules import part_headings
from minutekit.selection import Selection
from minutekit.source import REFUSING
from minutekit.text import collapse
from minutekit.validate import validate_bytes

__all__ = ["DEFAULT_THRESHOLD", "Learnt", "learn", "merge_pyproject", "render"]

#: A part is required when at least this share of the files have it.
DEFAULT_THRESHOLD = 0.8
#: Every part requirement, and the findings that say a file could not be read at all.
_ALL_PARTS = Selection.of(select=[*PARTS.values(), *REFUSING])


@attrs.frozen
class Learnt:
    """What a sample of files showed."""

    files: int
    #: Files no reader could read (binary, empty, damaged), and so taught nothing.
    unread: int
    #: For each part of :data:`PARTS`, the number of files that have it.
    present: dict[str, int]
    #: For each part with a heading, each spelling seen (white space collapsed), by files.
    headings: dict[str, Counter[str]]
    #: Each ACTION owner seen, by the number of files naming it.
    owners: Counter[str]

    def required(self, threshold: float) -> list[str]:
        """The parts to require, in the order of :data:`PARTS`."""
        if not self.files:
            return []
        parts = [p for p in PARTS if self.present.get(p, 0) / self.files >= threshold]
        if "resolved" in parts and "outcome" in parts:
            parts.remove("outcome")
        if "action-owner" in parts and "action" not in parts:  # owners of no ACTION lines
            parts.remove("action-owner")
        return parts


def learn(
    files: Iterable[tuple[str, bytes]],
    encoding: str | None = None,
    input_format: str | None = None,
) -> Learnt:
    """What the files ``(name, bytes)`` show of the house style, each read as validation
    reads it (in ``encoding``, by the reader ``input_format`` names, when given)."""
    total = unread = 0
    present: Counter[str] = Counter()
    headings: dict[str, Counter[str]] = {part: Counter() for part in HEADING_TERMINALS}
    owners: Counter[str] = Counter()
    codes = {code: part for part, code in PARTS.items()}
    for name, data in files:
        result = validate_bytes(data, name, _ALL_PARTS, encoding, input_format)
        found = {d.code for d in result.diagnostics}
        if found & REFUSING:
            unread += 1
            continue
        total += 1
        missing = {codes[c] for c in found if c in codes}
        present.update(part for part in PARTS if part not in missing)
        items = result.meeting.items if result.meeting is not None else (result.item,)
        spelled: set[tuple[str, str]] = set()
        named: set[str] = set()
        for item in items:
            lines = item.source.lines
            for part, heading in part_headings(item):
                line = lines[heading.span.line - 1] if heading.span.line <= len(lines) else ""
                if collapse(line) == collapse(heading.text):  # a heading on its own line
                    spelled.add((part, collapse(heading.text)))
            named.update(collapse(o) for a in item.actions for o in a.owners if collapse(o))
        for part, text in spelled:
            headings[part][text] += 1
        owners.update(named)
    return Learnt(total, unread, dict(present), headings, owners)


def _toml(value: str | Sequence[str]) -> str:
    """A TOML string or array of strings (JSON's escapes are TOML's for these)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"


def _comment(text: str) -> str:
    return "# " + re.sub(r"[\r\n]+", " ", text)


def render(learnt: Learnt, threshold: float, name: str, source: str, prefix: str = "") -> str:
    """The configuration text: ``prefix`` is ``"tool.minutekit."`` inside pyproject.toml."""
    required = learnt.required(threshold)
    n = learnt.files
    out = [
        _comment(
            f"minutekit configuration learnt by 'minutekit init' from {n} file(s) in {source}."
        ),
        _comment(
            f"A part is required when at least {threshold:.0%} of the files have it"
            " (minutekit init --threshold)."
        ),
    ]
    if learnt.unread:
        out.append(_comment(f"{learnt.unread} more file(s) could not be read and taught nothing."))
    out += ["#", "# Parts seen (files that have each):"]
    for part in PARTS:
        have = learnt.present.get(part, 0)
        share = have / n if n else 0.0
        if part in required:
            verdict = "required"
        elif part == "outcome" and "resolved" in required and share >= threshold:
            verdict = "not required: a required Resolved block is an outcome"
        elif part == "action-owner" and share >= threshold:
            verdict = "not required: ACTION lines are not required"
        else:
            verdict = "not required"
        out.append(f"#   {part:<16} {have:>5}/{n:<5} {share:>4.0%}  {verdict}")
    if prefix:
        out += ["", f"[{prefix.rstrip('.')}]"]
    else:
        out.append("")
    out.append(f"profile = {_toml(name)}")
    out += ["", f"[{prefix}profiles.{name}]"]
    out.append(f"description = {_toml(f'Learnt from {n} file(s) in {source} by minutekit init')}")
    out.append(f"require = {_toml(required)}")
    if learnt.owners:
        out.append(
            "# Every ACTION owner seen, most frequent first (MK109 checks owners against this"
            " list): remove any that are mistakes."
        )
        for owner, count in learnt.owners.most_common():
            out.append(_comment(f"  {owner!r}: {count} file(s)"))
        out.append(f"owners = {_toml([o for o, _ in learnt.owners.most_common()])}")
    seen = {part: c for part, c in learnt.headings.items() if c}
    if seen:
        out += [
            "",
            "# Heading spellings seen, by files; the most frequent is the house's (MK306 points",
            "# at the others, and 'minutekit fix --unsafe-fixes' rewrites them):",
        ]
        for part, counts in seen.items():
            spellings = ", ".join(f"{h!r} ×{c}" for h, c in counts.most_common())
            out.append(_comment(f"  {part}: {spellings}"))
        out.append(f"[{prefix}profiles.{name}.headings]")
        for part, counts in seen.items():
            out.append(f"{part} = {_toml([counts.most_common(1)[0][0]])}")
    return "\n".join(out) + "\n"


_TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def has_table(text: str) -> bool:
    """Whether ``text`` (a pyproject.toml) has a ``[tool.minutekit]`` table already."""
    return any(_is_ours(m[1]) for m in map(_TABLE.match, text.splitlines()) if m)


def _is_ours(table: str) -> bool:
    name = table.replace(" ", "").replace('"', "")
    return name == "tool.minutekit" or name.startswith("tool.minutekit.")


def merge_pyproject(text: str, config: str) -> str:
    """``text`` with its ``[tool.minutekit…]`` tables replaced by ``config`` at the end.

    Raises ValueError (saying why, to follow "'pyproject.toml' is not changed:") when
    ``text`` is not TOML, or when its other tables would not come through unchanged.
    """
    try:
        before = toml_document(text)
    except ValueError as error:
        raise ValueError(f"it is not valid TOML ({error})") from None
    kept: list[str] = []
    ours = False
    for line in text.splitlines(keepends=True):
        match = _TABLE.match(line)
        if match:
            ours = _is_ours(match[1])
        if not ours:
            kept.append(line)
    body = "".join(kept).rstrip("\n")
    merged = (body + "\n\n" if body else "") + config
    try:
        after = toml_document(merged)
    except ValueError:
        after = None
    if after is None or _others(after) != _others(before):
        raise ValueError(
            "its [tool.minutekit] tables cannot be replaced without touching the rest of it:"
            " edit it by hand, or write .minutekit.toml (without --pyproject)"
        )
    return merged


def _others(document: dict[str, object]) -> dict[str, object]:
    """``document`` without its ``tool.minutekit`` table."""
    tool = document.get("tool")
    if not isinstance(tool, dict):
        return document
    return {**document, "tool": {k: v for k, v in tool.items() if k != "minutekit"}}
