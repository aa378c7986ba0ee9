"""The HTML report: one run's findings as a page a clerk opens from disk or an e-mail.

Takes a :class:`~minutekit.reports.Run` and reads each file it names again, through the
reader that validation used, to show the text as the clerk wrote it with the line
numbers the findings use. Guarantees: one self-contained file (style and the filter's
small script inline; nothing fetched from the network); every piece of text from a file
or a finding is escaped by the template engine (Jinja2, autoescaping on), so a minute
holding ``<script>`` shows it as text; every finding of the run is on the page, at its
line; a file that could not be checked is shown as not checked, with why, never as
clean; the same run gives the same bytes. Never writes a file: the caller does.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import jinja2

from minutekit import __version__, rule_docs, rules
from minutekit.diagnostics import Diagnostic, Severity, summary_line

if TYPE_CHECKING:
    from minutekit.reports import Run

__all__ = ["environment", "html"]

#: What a file that cannot be read again is shown with, instead of its text.
_UNAVAILABLE = "The text could not be read again for this report; the findings are listed."


@functools.cache
def environment() -> jinja2.Environment:
    """The template environment: the package's templates, autoescaping always on."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("minutekit", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


@attrs.frozen
class _Finding:
    anchor: str
    line: int
    column: int
    severity: str
    code: str
    name: str
    message: str
    fix: str | None
    #: Where the finding stands in the original, when not read as plain text (¶12:5).
    place: str | None = None

    @property
    def rule_anchor(self) -> str:
        return f"rule-{self.code.lower()}"


@attrs.frozen
class _Line:
    number: int
    text: str
    findings: tuple[_Finding, ...]


@attrs.frozen
class _File:
    name: str
    anchor: str
    lines: tuple[_Line, ...]
    findings: int
    failing: bool
    status: str
    why: str | None = None
    unavailable: str | None = None


@attrs.frozen
class _RuleRow:
    page: rule_docs.RulePage
    severity: str
    count: int
    findings: tuple[str, ...]


def _anchor(index: int, name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40]
    return f"file-{index}-{slug}" if slug else f"file-{index}"


def _text_lines(name: str) -> tuple[str, ...] | None:
    """The lines of the file ``name`` read with the defaults, or None if unreadable (for
    a run that does not say how it read its files)."""
    from minutekit import readers

    try:
        data = Path(name).read_bytes()
    except OSError:
        return None
    return tuple(readers.for_input(data, name).read(data, name).source.lines)


def _status(found: list[Diagnostic]) -> tuple[bool, str]:
    errors = sum(d.severity >= Severity.ERROR for d in found)
    if errors:
        return True, f"Failing: {errors} error{'s' if errors != 1 else ''}, {len(found)} in all."
    if found:
        return (
            False,
            f"Passing, with {len(found)} finding{'s' if len(found) != 1 else ''} to look at.",
        )
    return False, "Passing: no findings."


def html(run: Run) -> str:
    """The report of ``run`` as one HTML page."""
    not_checked = dict(run.not_checked)
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in run.diagnostics:
        by_file[d.path].append(d)
    names = list(dict.fromkeys([*run.files, *by_file]))
    anchors = {name: _anchor(i, name) for i, name in enumerate(names, start=1)}
    catalogue = rules.by_code()
    findings_of: dict[str, list[str]] = defaultdict(list)
    files = []
    number = 0
    for name in names:
        found = by_file.get(name, [])
        if name in not_checked:
            files.append(
                _File(name, anchors[name], (), 0, True, "Not checked", why=not_checked[name])
            )
            continue
        text = run.read_lines(name) if run.read_lines is not None else _text_lines(name)
        at: dict[int, list[_Finding]] = defaultdict(list)
        last = max(len(text or ()), max((d.line for d in found), default=0), 1)
        for d in found:
            number += 1
            anchor = f"finding-{number}"
            findings_of[d.code].append(anchor)
            rule = catalogue.get(d.code)
            at[min(max(d.line, 1), last)].append(
                _Finding(
                    anchor,
                    d.line,
                    d.column,
                    str(d.severity),
                    d.code,
                    d.name,
                    d.message,
                    rule.fix if rule is not None and d.edits else None,
                    str(d.place) if d.place is not None else None,
                )
            )
        lines = text if text is not None else ("",) * (last if found else 0)
        failing, status = _status(found)
        files.append(
            _File(
                name,
                anchors[name],
                tuple(
                    _Line(n, line, tuple(at.get(n, ())))
                    for n, line in enumerate(lines or ("",) * (1 if found else 0), start=1)
                ),
                len(found),
                failing,
                status,
                unavailable=None if text is not None else _UNAVAILABLE,
            )
        )
    counts: dict[str, int] = defaultdict(int)
    severity: dict[str, str] = {}
    for d in run.diagnostics:
        counts[d.code] += 1
        severity[d.code] = str(d.severity)
    rows = [
        _RuleRow(
            rule_docs.page(catalogue[code]), severity[code], counts[code], tuple(findings_of[code])
        )
        for code in sorted(counts)
    ]
    checked = len(run.files) - len(not_checked)
    failing_files = {d.path for d in run.diagnostics if d.severity >= Severity.ERROR}
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            summary_line=summary_line(run.diagnostics, checked)
            + (f" {len(not_checked)} could not be checked." if not_checked else ""),
            checked=checked,
            failing=len(failing_files | set(not_checked)),
            not_checked=sorted(not_checked.items()),
            anchors=anchors,
            total=len(run.diagnostics),
            baselined=run.baselined,
            rules=rows,
            severities=[str(s) for s in sorted(Severity, reverse=True)],
            files=files,
            version=__version__,
        )
    )
