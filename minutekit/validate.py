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

from minutekit import rules, schema
from minutekit.diagnostics import Diagnostic, Finding, Severity
from minutekit.model import AgendaItem
from minutekit.parse import parse
from minutekit.source import read_source

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


@attrs.frozen
class ValidationResult:
    item: AgendaItem
    diagnostics: tuple[Diagnostic, ...]

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


def validate_bytes(
    data: bytes,
    path: str,
    selection: Selection = Selection(),
    encoding: str | None = None,
) -> ValidationResult:
    """Check the file ``path`` whose bytes are ``data`` (in ``encoding``, if known)."""
    plan = _plan(selection)
    source = read_source(data, path, encoding)
    item, grammar_findings = parse(source, selection.headings)
    found: list[tuple[rules.Rule, Finding]] = []
    for finding in [*source.findings, *grammar_findings]:
        assert finding.code is not None, "stage findings carry their code"
        if finding.code in plan.active:
            found.append((plan.active[finding.code], finding))
    if not source.refused:  # not text: its one finding says so, nothing piles on it
        for failure in schema.check(item.to_jsonable(), plan.requirement_codes):
            rule = plan.active[failure.code]
            found.append((rule, rule.locate(item, failure.path)))
        for rule in plan.checks:
            found.extend((rule, finding) for finding in rule.check(item, selection))
    diagnostics = sorted(
        (_stamp(path, rule, plan.severities[rule.code], f, source.lines) for rule, f in found),
        key=Diagnostic.sort_key,
    )
    return ValidationResult(item, tuple(diagnostics))
