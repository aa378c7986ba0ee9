"""The minutes refer to a document that the report summary does not submit.

Why: in this house style the summary says which document is submitted ("will submit
Document “P”") and the minutes refer back to it. When the minutes name another letter,
one of the two is a typing slip, and readers of the published record look up the
wrong paper. Reported when the summary names documents and a reference in the minutes
names none of them.

Passing example::

    Agenda item

    BUDGET MONITORING

    The Director will submit Document “P”.

    Minutes:

    Members considered Document “P”.

Failing example::

    Agenda item

    BUDGET MONITORING

    The Director will submit Document “P”.

    Minutes:

    Members considered Document “Q”.
"""

from __future__ import annotations

from collections.abc import Iterator

from minutekit import patterns
from minutekit.diagnostics import Finding, Severity
from minutekit.model import AgendaItem, Position
from minutekit.text import inside_word, numbered_lines

CODE = "MK401"
NAME = "document-reference-mismatch"
SEVERITY = Severity.WARNING

# Opens with the literal word, found fast; the boundary before it: text.inside_word.
_REFERENCE = patterns.DOCUMENT_REFERENCE_RE


def _references(lines: list[tuple[int, str]]) -> list[tuple[int, int, str]]:
    return [
        (number, match.start() + 1, match["document_letter"])
        for number, line in lines
        if "Document" in line
        for match in _REFERENCE.finditer(line)
        if not inside_word(line, match.start())
    ]


def check(item: AgendaItem) -> Iterator[Finding]:
    if not item.summary or item.minutes is None:
        return
    lines = list(numbered_lines(item.source.lines))
    summary_end = item.summary[-1].span.end_line
    submitted = {letter for _, _, letter in _references([n for n in lines if n[0] <= summary_end])}
    if not submitted:
        return
    span = item.minutes.span
    minutes = [n for n in lines if span.line <= n[0] <= span.end_line]
    names = ", ".join(f"Document “{letter}”" for letter in sorted(submitted))
    for number, column, letter in _references(minutes):
        if letter not in submitted:
            yield Finding(
                Position(number, column),
                f"Document “{letter}” is not the document the summary submits ({names})",
            )
