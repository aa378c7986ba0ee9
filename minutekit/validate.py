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

import attrs

from minutekit import readers, rules, schema, split
from minutekit.diagnostics import Diagnostic, Finding, Severity
from minutekit.model import AgendaItem, MeetingFile, Paragraph, Source, Span
from minutekit.parse import parse
from minutekit.source import SourceText
from minutekit.text import collapse

__all__ = ["Selection", "ValidationResult", "validate_bytes"]


@attrs.frozen
class Selection:
    """Which rules run (codes or names; empty ``select`` means all) and at what severity."""

    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    severities: tuple[tuple[str, Severity], ...] = ()
    #: Rules that are off by default (MK108) turned on, by a profile or the configuration.
    enable: frozenset[str] = frozenset()
    #: The profile's own heading spellings, (part, heading) pairs, read by the parser.
    headings: tuple[tuple[str, str], ...] = ()
    #: The profile's owner vocabulary (MK109).
    owners: tuple[str, ...] = ()

    def includes(self, rule: rules.Rule) -> bool:
        keys = {rule.code, rule.name}
        if self.select and not keys & self.select:
            return False
        if not self.select and not rule.default and not keys & self.enable:
            return False
        return not keys & self.ignore

    def severity_of(self, rule: rules.Rule) -> Severity:
        for key, severity in self.severities:
            if key in (rule.code, rule.name):
                return severity
        return rule.severity

    @classmethod
    def of(
        cls,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        severities: Iterable[tuple[str, Severity]] = (),
        enable: Iterable[str] = (),
        headings: Iterable[tuple[str, str]] = (),
        owners: Iterable[str] = (),
    ) -> Selection:
        def norm(keys: Iterable[str]) -> frozenset[str]:
            return frozenset(k.upper() if k.upper().startswith("MK") else k.lower() for k in keys)

        return cls(
            norm(select),
            norm(ignore),
            tuple(severities),
            norm(enable),
            tuple(headings),
            tuple(owners),
        )


_SAME_LINES: readers.LocationMap = readers.SameLines()


@attrs.frozen
class ValidationResult:
    """What checking one file found.

    ``item`` is the file's agenda item; for a whole-meeting file, ``meeting`` holds all
    of its items (each checked on its own) and ``item`` is the first.
    """

    item: AgendaItem
    diagnostics: tuple[Diagnostic, ...]
    meeting: MeetingFile | None = None
    #: Where each line of the text read stands in the original file (see
    #: :mod:`minutekit.readers`): the identity for plain text.
    locations: readers.LocationMap = _SAME_LINES
    #: The media type of the original file.
    media_type: str = "text/plain"

    @property
    def valid(self) -> bool:
        """No error-level diagnostic."""
        return not any(d.severity >= Severity.ERROR for d in self.diagnostics)


def fingerprint(code: str, lines: Sequence[str], line: int) -> str:
    """The content key of a finding: its code and its line's text, not the line number."""
    text = " ".join(lines[line - 1].split()) if 1 <= line <= len(lines) else ""
    return hashlib.sha256(f"{code}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _stamp(
    path: str, rule: rules.Rule, severity: Severity, finding: Finding, lines: Sequence[str]
) -> Diagnostic:
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
    plan: _Plan, selection: Selection, source: SourceText
) -> tuple[AgendaItem, list[tuple[rules.Rule, Finding]]]:
    item, grammar_findings = parse(source, selection.headings)
    found = _staged(plan, grammar_findings)
    for failure in schema.check(item.to_jsonable(), plan.requirement_codes):
        rule = plan.active[failure.code]
        found.append((rule, rule.locate(item, failure.path)))
    for rule in plan.checks:
        found.extend((rule, finding) for finding in rule.check(item, selection))
    return item, found


def _only(source: SourceText, first: int, last: int) -> SourceText:
    """The item in lines ``first:last`` (0-based) of ``source``: the lines before it
    left blank, the blank lines after its text and everything after them dropped.

    The item keeps the file's line numbers, so everything it reports is located in
    the file as it is, and its end is the end of its own text.
    """
    while last > first and not source.lines[last - 1].strip():
        last -= 1
    lines = ("",) * first + source.lines[first:last]
    return attrs.evolve(source, lines=lines, findings=())


def validate_bytes(
    data: bytes,
    path: str,
    selection: Selection = Selection(),
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
    found = _staged(plan, source.findings)
    starts = [] if source.refused else split.item_starts(source.lines)
    meeting = None
    if starts:
        ends = [*starts[1:], len(source.lines)]
        items = []
        for first, last in zip(starts, ends, strict=True):
            item, item_found = _check_item(plan, selection, _only(source, first, last))
            items.append(item)
            found += item_found
        if starts[0] > 0:  # the meeting's own lines: the checks of the text as written
            text_only, _ = parse(_only(source, 0, starts[0]), selection.headings)
            for rule in plan.checks:
                if getattr(rule.module, "LINES", False):
                    found.extend((rule, f) for f in rule.check(text_only, selection))
        preface = tuple(
            Paragraph(collapse(line), Span.of_line(n, line))
            for n, line in enumerate(source.lines[: starts[0]], start=1)
            if line.strip()
        )
        meeting = MeetingFile(
            Source(source.name, source.sha256, source.lines), preface, tuple(items)
        )
        item = items[0]
    elif source.refused:  # not text: its one finding says so, nothing piles on it
        item, grammar_findings = parse(source, selection.headings)
        found += _staged(plan, grammar_findings)
    else:
        item, item_found = _check_item(plan, selection, source)
        found += item_found
    diagnostics = sorted(
        (_stamp(path, rule, plan.severities[rule.code], f, source.lines) for rule, f in found),
        key=Diagnostic.sort_key,
    )
    return ValidationResult(
        item, tuple(diagnostics), meeting, reading.locations, reading.media_type
    )
