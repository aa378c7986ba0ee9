"""Recorded votes: how many members voted for, against and abstained.

One finder for the parse stage, over the lines as written. Three forms are read:

- counts in a sentence, label first or count first: ``For: 7, Against: 2, Abstain: 1``,
  ``5 for, 1 against, 1 abstention``, ``(For 9, Against 3)``; at least two of the three
  sides must be stated on the line, so that "for 2 years" is never a vote;
- a count in a heading's brackets: ``RESOLVED – (58 for) That …``;
- a voting record's table, one side per line with the members' names between the label
  and the count: ``ForA Smith and B Jones2`` / ``AgainstC Brown1``, the nearest
  ``Motion status:Carried`` line above giving its outcome.

Nothing is guessed: a side the text does not state is None, never 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import attrs

from minutekit.model import Span, Vote
from minutekit.text import collapse, digit_runs, fold, numbered_lines, own_text

__all__ = ["recorded_votes"]

_SIDES = {
    "for": "for",
    "against": "against",
    "abstain": "abstain",
    "abstained": "abstain",
    "abstaining": "abstain",
    "abstains": "abstain",
    "abstention": "abstain",
    "abstentions": "abstain",
}
_SIDE = r"(?:for|against|abstain(?:ed|ing|s)?|abstentions?)"
# "For: 7", "Against 2", "Abstentions – 1".
_LABEL_COUNT = re.compile(
    rf"(?<!\w)(?P<side>{_SIDE})\s*[:=–-]?\s*(?P<count>\d{{1,3}})(?![\d/])", re.I
)
# "5 for", "1 against", "2 abstentions", "6 votes for".
_COUNT_LABEL = re.compile(
    rf"(?<![\w.,/£$])(?P<count>\d{{1,3}})\s+(?:votes?\s+|members?\s+)?(?P<side>{_SIDE})(?!\w)", re.I
)
_BRACKETED_FOR = re.compile(r"\((?P<count>\d{1,3}) for\)", re.I)
# A voting record's row: the label glued to the names, the count glued to the end.
_TABLE_ROW = re.compile(
    r"^\s*(?P<side>For|Against|Abstain|Abstentions?)(?=[A-Z:\s]).*?(?<!\d)(?P<count>\d{1,3})\s*$"
)
_MOTION_STATUS = re.compile(r"^\s*Motion status:\s*(?P<status>[A-Za-z ]+?)\s*$")
_DIGIT = re.compile(r"\d")
# A side next to a count, or a table row's side at the start of the line: only such
# lines are looked at closely ("for" alone is in most lines of any minute).
_CUE = re.compile(
    rf"\d\s+(?:votes?\s+|members?\s+)?{_SIDE}|{_SIDE}\s*[:=–-]?\s*\d|^\s*(?:For|Against|Abstain)",
    re.I | re.M,
)


@attrs.define
class _Counts:
    start: int
    end: int
    sides: dict[str, int] = attrs.field(factory=dict)


def _counts(line: str, pattern: re.Pattern[str]) -> _Counts | None:
    """The sides ``pattern`` finds on ``line``, when it finds at least two."""
    found: _Counts | None = None
    for match in pattern.finditer(line):
        side = _SIDES[fold(match["side"])]
        if found is None:
            found = _Counts(match.start(), match.end())
        if side in found.sides:
            continue
        found.sides[side] = int(match["count"])
        found.end = match.end()
    return found if found is not None and len(found.sides) >= 2 else None


def _vote(sides: dict[str, int], text: str, span: Span, outcome: str | None = None) -> Vote:
    return Vote(
        collapse(text), sides.get("for"), sides.get("against"), sides.get("abstain"), outcome, span
    )


def _in_line(number: int, line: str) -> Iterator[Vote]:
    counts = _counts(line, _LABEL_COUNT) or _counts(line, _COUNT_LABEL)
    if counts is not None:
        span = Span(number, counts.start + 1, number, counts.end + 1)
        yield _vote(counts.sides, line[counts.start : counts.end], span)
        return
    bracketed = _BRACKETED_FOR.search(line)
    if bracketed is not None:
        span = Span(number, bracketed.start() + 1, number, bracketed.end() + 1)
        yield _vote({"for": int(bracketed["count"])}, bracketed[0], span)


def _status_above(lines: Sequence[str], first: int) -> str | None:
    """The "Motion status:" of a voting record's table starting at line ``first``."""
    for number in range(first - 1, max(first - 5, 0), -1):
        match = _MOTION_STATUS.match(lines[number - 1])
        if match:
            return match["status"].lower()
    return None


_SIDE_AFTER = re.compile(rf"[^\S\n]+(?:votes?[^\S\n]+|members?[^\S\n]+)?{_SIDE}", re.I)
_SIDE_BEFORE = re.compile(rf"{_SIDE}[^\S\n]*[:=–-]?[^\S\n]*$", re.I)
_ROW_START = re.compile(r"[^\S\n]*(?:For|Against|Abstain)")


def _counted(lines: Sequence[str]) -> bool:
    """Whether any number in ``lines`` stands next to a side (a vote may be recorded).

    Looks only around the numbers, which is much faster than a pattern tried at every
    position of the text.
    """
    text = own_text(lines)
    for first, end in digit_runs(text):
        start = max(first, end - 3)  # the number: the run's last three digits at most
        if _SIDE_AFTER.match(text, end) or _SIDE_BEFORE.search(text[max(0, start - 16) : start]):
            return True
        at_line_end = end == len(text) or text[end : end + 1].isspace()
        if at_line_end and _ROW_START.match(text, text.rfind("\n", 0, start) + 1):
            return True
    return False


def recorded_votes(lines: Sequence[str]) -> tuple[Vote, ...]:
    """Every vote ``lines`` record, in order."""
    if not _counted(lines):  # most items record none: one look at their numbers says so
        return ()
    votes: list[Vote] = []
    table: list[tuple[int, re.Match[str]]] = []

    def close_table() -> None:
        sides: dict[str, int] = {}
        for _, row in table:
            sides.setdefault(_SIDES[fold(row["side"])], int(row["count"]))
        if len(sides) >= 2:
            first, last = table[0][0], table[-1][0]
            text = " ".join(lines[n - 1] for n, _ in table)
            start = len(lines[first - 1]) - len(lines[first - 1].lstrip()) + 1
            span = Span(first, start, last, len(lines[last - 1].rstrip()) + 1)
            votes.append(_vote(sides, text, span, _status_above(lines, first)))
        table.clear()

    for number, line in numbered_lines(lines):
        if _DIGIT.search(line) is None or _CUE.search(line) is None:
            if line.strip() and table:
                close_table()
            continue
        row = _TABLE_ROW.match(line)
        if row is not None and not _counts(line, _LABEL_COUNT):
            table.append((number, row))
            continue
        if table:
            close_table()
        votes.extend(_in_line(number, line))
    if table:
        close_table()
    return tuple(votes)
