"""Declarations of interest and exempt business, as the lines state them.

One finder for the parse stage:

- a declaration names the member and, when stated, the kind of interest:
  ``Councillor Helen Hale declared a personal interest in …`` or, as some councils
  list them, ``Councillor Andrew Barr, Non Statutory Interest, as a member of …``;
- exempt business is an exclusion of the press and public (``RESOLVED that the press
  and public be excluded …``, ``to exclude the press and public``) or a mention of
  ``exempt information``; the paragraphs of Schedule 12A to the Local Government Act
  1972 it cites are read as numbers.

A line that only explains the law ("Members are reminded that they are required to
declare any interests") names no member and is not a declaration.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from minutekit import patterns
from minutekit.model import Declaration, Exemption, Span
from minutekit.text import collapse, numbered_lines, own_text

__all__ = ["declarations", "exemption"]

_MEMBER = (
    r"(?P<member>(?:Councillor|Cllr\.?|County Councillor|Alderman|Mr|Mrs|Ms|Miss|Dr)"
    r"\s+(?:[A-Z][\w'’-]*\.?\s+){0,3}[A-Z][\w'’-]+)"
)
_DECLARED = re.compile(
    _MEMBER
    + r"\s+declared\s+(?:an?\s+|the\s+following\s+)?(?P<kind>(?:[\w-]+\s+){0,3}?)interests?\b"
)
_LISTED = re.compile(_MEMBER + r",\s+(?P<kind>[A-Z][\w ]{0,40}?\s+)?Interest\b")
_EXCLUSION = re.compile(
    r"\b(?:exclude[ds]?|excluding)\s+(?:the\s+|members\s+of\s+the\s+)?"
    r"(?:press\s+and\s+(?:the\s+)?public|public\s+and\s+(?:the\s+)?press|public)\b"
    r"|\b(?:public|press)(?:\s+and\s+(?:the\s+)?(?:press|public))?(?:\s+and\s+attendees)?"
    r"\s+be\s+excluded\b"
    r"|\bexempt\s+information\b",
    re.I,
)
# What any exclusion or exemption contains, to skip the other lines fast.
_EXCLUSION_CUES = ("xclu", "XCLU", "xempt", "XEMPT")
_SCHEDULE_12A = re.compile(
    r"\bparagraphs?\s+(?P<numbers>\d{1,2}(?:\s*(?:,|and|&|or)\s*\d{1,2})*)\s+of\s+"
    r"(?:Part\s+(?:1|I|One)\s+of\s+)?Schedule\s+12\s*A\b",
    re.I,
)


def _span(number: int, start: int, end: int) -> Span:
    return Span(number, start + 1, number, end + 1)


def declarations(lines: Sequence[str]) -> tuple[Declaration, ...]:
    """Every member's declaration of interest in ``lines``, in order."""
    found: list[Declaration] = []
    for number, line in numbered_lines(lines):
        if "nterest" not in line:
            continue
        for pattern in (_DECLARED, _LISTED):
            for match in pattern.finditer(line):
                kind = collapse(match["kind"] or "") or None
                found.append(
                    Declaration(
                        collapse(match["member"]),
                        kind,
                        collapse(match[0]),
                        _span(number, match.start(), match.end()),
                        _span(number, match.start("member"), match.end("member")),
                    )
                )
    return tuple(sorted(found, key=lambda d: (d.span.line, d.span.column)))


def exemption(lines: Sequence[str]) -> Exemption | None:
    """The first exclusion of the press and public or mention of exempt information.

    The Schedule 12A paragraphs are read from that line and the three after it (a
    hard-wrapped resolution runs on).
    """
    text = own_text(lines)
    if not any(cue in text for cue in _EXCLUSION_CUES):  # most items: one scan says so
        return None
    numbered = list(numbered_lines(lines))
    for number, line in numbered:
        if not any(cue in line for cue in _EXCLUSION_CUES):
            continue
        match = _EXCLUSION.search(line)
        if match is None:
            continue
        paragraphs: list[int] = []
        cited = " ".join(lines[number - 1 : number + 3])
        for found in _SCHEDULE_12A.finditer(cited):
            # Schedule 12A's paragraphs are numbered from 1: "paragraph 0" cites none.
            paragraphs += [
                int(n) for n in patterns.DIGITS_RE.findall(found["numbers"]) if int(n) > 0
            ]
        span = _span(number, match.start(), match.end())
        return Exemption(collapse(match[0]), tuple(dict.fromkeys(paragraphs)), span)
    return None
