"""Validation: bytes → source → parse → schema requirements → rules → diagnostics.

Takes the bytes of one file and its display name. Guarantees: every finding of every
stage comes back as a located :class:`~minutekit.diagnostics.Diagnostic`, sorted by
line, column and code; a rule that is not selected is not run; the item is returned
with its diagnostics so that callers (``parse``, ``convert``) use the same parse.
Never raises for anything in the input.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from minutekit import readers, rules, schema, split
from minutekit.diagnostics import Diagnostic, Finding, Severity
from minutekit.model import AgendaItem, MeetingFile, Paragraph, Source, Span
from minutekit.selection import Selection
from minutekit.source import SourceText
from minutekit.text import ItemLines, collapse

__all__ = ["Parsed", "ValidationResult", "validate_bytes"]


_SAME_LINES: readers.LocationMap = readers.SameLines()
#: The default selection: every rule that runs by default, at its own severity.
_EVERY_RULE = Selection()


@attrs.frozen(kw_only=True)
class Parsed:
    """What minutekit understood of one file: one agenda item, or a meeting's items.

    ``kind`` says which: ``"item"`` (``item`` is the file's agenda item) or
    ``"meeting"`` (a whole-meeting file: ``meeting`` holds its preface and items, each
    parsed on its own; ``item`` is refused, there being several). ``items`` is every
    item either way. Picklable.
    """

    items: tuple[AgendaItem, ...]
    meeting: MeetingFile | None = None
    #: Where each line of the text read stands in the original file (see
    #: :mod:`minutekit.readers`): the identity for plain text.
    locations: readers.LocationMap = _SAME_LINES
    #: The media type of the original file.
    media_type: str = "text/plain"
    #: Not text at all (binary, empty, a document no reader reads): nothing was
    #: checked and nothing may be converted, even when forced.
    refused: bool = False

    @property
    def kind(self) -> str:
        """``"item"`` or ``"meeting"``."""
        return "item" if self.meeting is None else "meeting"

    @property
    def item(self) -> AgendaItem:
        """The file's one agenda item (a whole-meeting file has several: see ``items``)."""
        if self.meeting is not None:
            raise ValueError(
                f"'{self.meeting.source.name}' holds a meeting of {len(self.items)} items:"
                " use .items or .meeting"
            )
        return self.items[0]

    @property
    def name(self) -> str:
        """The file's name as reported."""
        return self.items[0].source.name

    def to_jsonable(self) -> dict[str, Any]:
        """The JSON form: the item's, or the meeting's with all of its items."""
        whole: AgendaItem | MeetingFile = self.meeting if self.meeting is not None else self.item
        return whole.to_jsonable()


@attrs.frozen(kw_only=True)
class ValidationResult(Parsed):
    """What checking one file found: the parse and its diagnostics."""

    diagnostics: tuple[Diagnostic, ...]

    @property
    def valid(self) -> bool:
        """No error-level diagnostic."""
        return not any(d.severity >= Severity.ERROR for d in self.diagnostics)

    @property
    def parsed(self) -> Parsed:
        """The parse alone."""
        return Parsed(
            items=self.items,
            meeting=self.meeting,
            locations=self.locations,
            media_type=self.media_type,
            refused=self.refused,
        )


def fingerprint(code: str, lines: Sequence[str], line: int) -> str:
    """The content key of a finding: its code and its line's text, not the line number."""
    text = " ".join(lines[line - 1].split()) if 1 <= line <= len(lines) else ""
    return hashlib.sha256(f"{code}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _stamp(
    path: str,
    rule: rules.Rule,
    severity: Severity,
    finding: Finding,
    lines: Sequence[str],
    locations: readers.LocationMap,
) -> Diagnostic:
    position = finding.position
    place = None
    if not isinstance(locations, readers.SameLines):
        place = locations.place(position.line, position.column)
    return Diagnostic(
        path=path,
        line=finding.position.line,
        column=finding.position.column,
        severity=severity,
        code=rule.code,
        name=rule.name,
        message=finding.message,
        fingerprint=fingerprint(rule.code, lines, finding.position.line),
        edits=finding.edits,
        place=place,
    )


@attrs.frozen
class _Plan:
    """What a selection runs: worked out once per selection, not once per file."""

    active: dict[str, rules.Rule]
    requirement_codes: tuple[str, ...]
    checks: tuple[rules.Rule, ...]
    severities: dict[str, Severity]


@functools.cache
def _plan(selection: Selection) -> _Plan:
    active = {r.code: r for r in rules.catalogue() if selection.includes(r)}
    return _Plan(
        active=active,
        requirement_codes=tuple(c for c in schema.requirement_codes() if c in active),
        checks=tuple(r for r in active.values() if r.kind == "rule"),
        severities={code: selection.severity_of(r) for code, r in active.items()},
    )


def _staged(plan: _Plan, findings: Iterable[Finding]) -> list[tuple[rules.Rule, Finding]]:
    """The findings of a stage (source, grammar) whose rules the selection runs."""
    kept = []
    for finding in findings:
        assert finding.code is not None, "stage findings carry their code"
        if finding.code in plan.active:
            kept.append((plan.active[finding.code], finding))
    return kept


def _check_item(
    plan: _Plan,
    selection: Selection,
    source: SourceText,
    heading_lines: frozenset[int] = frozenset(),
) -> tuple[AgendaItem, list[tuple[rules.Rule, Finding]]]:
    from minutekit.parse import parse  # lark and the grammar: not for a cached result

    item, grammar_findings = parse(source, selection.headings, heading_lines)
    found = _staged(plan, grammar_findings)
    for failure in schema.check(item.to_jsonable(), plan.requirement_codes):
        rule = plan.active[failure.code]
        found.append((rule, rule.locate(item, failure.path)))
    for rule in plan.checks:
        found.extend((rule, finding) for finding in rule.check(item, selection))
    return item, found


def _only(source: SourceText, first: int, last: int) -> SourceText:
    """The item in lines ``first:last`` (0-based) of ``source``: the lines before it
    read as blank, the blank lines after its text and everything after them dropped.

    The item keeps the file's line numbers, so everything it reports is located in
    the file as it is, and its end is the end of its own text. Its lines are a view of
    the file's (:class:`~minutekit.text.ItemLines`), so checking an item costs what the
    item is long, not where it stands in the file.
    """
    while last > first and not source.lines[last - 1].strip():
        last -= 1
    return attrs.evolve(source, lines=ItemLines(source.lines, first, last), findings=())


def _check_text(
    plan: _Plan,
    selection: Selection,
    source: SourceText,
    heading_lines: frozenset[int] = frozenset(),
) -> tuple[AgendaItem, MeetingFile | None, list[tuple[rules.Rule, Finding]]]:
    """The item (or meeting) in ``source`` and what the checks found in its text
    (``heading_lines``: the lines its original marks as headings)."""
    from minutekit.parse import meeting_heading, parse  # lark: not for a cached result

    found: list[tuple[rules.Rule, Finding]] = []
    starts = [] if source.refused else split.item_starts(source.lines)
    meeting = None
    if starts:
        ends = [*starts[1:], len(source.lines)]
        items = []
        for first, last in zip(starts, ends, strict=True):
            item, item_found = _check_item(
                plan, selection, _only(source, first, last), heading_lines
            )
            items.append(item)
            found += item_found
        if starts[0] > 0:  # the meeting's own lines: the checks of the text as written
            text_only, _ = parse(_only(source, 0, starts[0]), selection.headings)
            for rule in plan.checks:
                if rule.lines:
                    found.extend((rule, f) for f in rule.check(text_only, selection))
        preface = tuple(
            Paragraph(collapse(line), Span.of_line(n, line))
            for n, line in enumerate(source.lines[: starts[0]], start=1)
            if line.strip()
        )
        meeting = MeetingFile(
            Source(source.name, source.sha256, source.lines),
            preface,
            tuple(items),
            meeting_heading(source.lines[: starts[0]]),
        )
        item = items[0]
    elif source.refused:  # not text: its one finding says so, nothing piles on it
        item, grammar_findings = parse(source, selection.headings)
        found += _staged(plan, grammar_findings)
    else:
        item, found = _check_item(plan, selection, source, heading_lines)
    return item, meeting, found


def _without_artefacts(
    plan: _Plan,
    selection: Selection,
    as_cp1252: Sequence[str],
    found: list[tuple[rules.Rule, Finding]],
) -> list[tuple[rules.Rule, Finding]]:
    """``found`` less what the replacement of undecodable bytes made: a finding stays
    only when the text read with those bytes as Windows-1252 has it too (same rule,
    same line). A dash or quote shown as U+FFFD does not make a contact line unknown
    or a list start at "(2)"; what the replaced bytes hide is checked once the file is
    saved as UTF-8."""
    text = SourceText("", "", as_cp1252, ())
    kept = {(rule.code, f.position.line) for rule, f in _check_text(plan, selection, text)[2]}
    return [(rule, f) for rule, f in found if (rule.code, f.position.line) in kept]


def _with_media_type(
    item: AgendaItem, meeting: MeetingFile | None, media_type: str
) -> tuple[AgendaItem, MeetingFile | None]:
    """``item`` and ``meeting`` with their sources naming the original's media type
    (the grammar reads only the text the reader made of it)."""

    def named(source: Source) -> Source:
        return attrs.evolve(source, media_type=media_type)

    if meeting is not None:
        items = tuple(attrs.evolve(each, source=named(each.source)) for each in meeting.items)
        meeting = attrs.evolve(meeting, source=named(meeting.source), items=items)
        return items[0], meeting
    return attrs.evolve(item, source=named(item.source)), None


def validate_bytes(
    data: bytes,
    path: str,
    selection: Selection = _EVERY_RULE,
    encoding: str | None = None,
    input_format: str | None = None,
) -> ValidationResult:
    """Check the file ``path`` whose bytes are ``data`` (in ``encoding``, if known).

    The file is read by the reader ``input_format`` names, or else by the one its
    content calls for (see :mod:`minutekit.readers`). A whole-meeting file (see
    :mod:`minutekit.split`) is checked item by item.
    """
    plan = _plan(selection)
    reading = readers.for_input(data, path, input_format).read(data, path, encoding)
    source = reading.source
    item, meeting, found = _check_text(plan, selection, source, reading.heading_lines)
    item, meeting = _with_media_type(item, meeting, reading.media_type)
    if source.undecoded_as_cp1252 is not None:
        found = _without_artefacts(plan, selection, source.undecoded_as_cp1252, found)
    found = _staged(plan, source.findings) + found
    diagnostics = sorted(
        (
            _stamp(path, rule, plan.severities[rule.code], f, source.lines, reading.locations)
            for rule, f in found
        ),
        key=Diagnostic.sort_key,
    )
    return ValidationResult(
        items=meeting.items if meeting is not None else (item,),
        meeting=meeting,
        locations=reading.locations,
        media_type=reading.media_type,
        refused=source.refused,
        diagnostics=tuple(diagnostics),
    )
