"""Whole-meeting files: where each agenda item of a meeting's minutes starts.

Takes the decoded lines of one file. A file is a meeting's minutes when it holds at
least two agenda items, told apart by:

- the ``Agenda item`` header the seeds' pages print (in any case) (with the page furniture and item
  number lines just above it), at least twice; or else
- item numbers that run on by one, at least two of them: a number alone on its line
  followed by a title (``40.`` then ``APOLOGIES``) or a number before a title in
  capitals (``41. DUCHY DRIVE, HEATON - OBJECTIONS``); sub-items count in the run
  (``5.`` then ``5.1``, ``5.2``: a parent item whose sub-items each have their own
  minutes and outcome); or else
- an issue's history at several meetings: ModernGov's issue pages list the same issue
  at each meeting that took it, each under its own ``Meeting: 16/09/2020 - Cabinet
  (Item 9.)`` line with its own item line, minutes and outcome. Each meeting is an
  item; the first keeps the page's heading and the issue's title.

A numbered list inside an item ("1. That the report be noted.") is neither. Lines
before the first item (the meeting's own heading, the attendance) are the meeting's
preface. Guarantees: every line belongs to the preface or to exactly one item; a file
that is not a meeting gives no starts, and is read as one item as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from minutekit import patterns
from minutekit.text import collapse

__all__ = ["item_starts"]

_AGENDA_HEADER = patterns.AGENDA_HEADER_LINE_RE
_FURNITURE = patterns.CHROME_LINE_RE
_ITEM_NUMBER = patterns.ITEM_NUMBER_LINE_RE
_NUMBERED_TITLE = patterns.NUMBERED_TITLE_LINE_RE

# What follows an item number alone: a title (a capital, a letter, no sentence end, not
# too long).
_TITLE_LIKE = re.compile(r"^\s*(?=[^\n]*[A-Za-z])[A-Z0-9][^\n]{0,150}(?<![.,;:])\s*$")


def _next_text(lines: Sequence[str], index: int) -> str | None:
    for line in lines[index + 1 :]:
        if line.strip():
            return line
    return None


def _headed(lines: Sequence[str]) -> list[int]:
    starts = []
    for index, line in enumerate(lines):
        if not _AGENDA_HEADER.match(line):
            continue
        start = index
        above = index - 1
        while above >= 0 and (
            not lines[above].strip()
            or _FURNITURE.match(lines[above])
            or _ITEM_NUMBER.match(lines[above])
        ):
            if lines[above].strip():
                start = above
            above -= 1
        starts.append(start)
    return starts


def _next_numbers(number: tuple[int, ...]) -> tuple[tuple[int, ...], ...]:
    """The numbers that may come next after item ``number``: 4 or 3.1 after 3, 5.2 or 6
    after 5.1."""
    if len(number) == 1:
        return ((number[0] + 1,), (number[0], 1))
    return ((number[0], number[1] + 1), (number[0] + 1,))


def _numbered(lines: Sequence[str]) -> list[int]:
    found: list[tuple[int, tuple[int, ...]]] = []
    for index, line in enumerate(lines):
        if not line.lstrip()[:1].isdigit():  # both patterns open with digits: a cheap test
            continue
        match = _ITEM_NUMBER.match(line)
        if match is not None and match["item_number"] is not None:
            following = _next_text(lines, index)
            if following is None or not _TITLE_LIKE.match(following):
                continue  # a page number in running text, or a number with no title
            sub = match["item_sub"]
            number = (int(match["item_number"]), int(sub)) if sub else (int(match["item_number"]),)
        else:
            match = _NUMBERED_TITLE.match(line)
            if match is None:
                continue
            number = (int(match["title_number"]),)
        found.append((index, number))
    # The longest run of numbers that go up by one: the meeting's item numbers. A run
    # goes on from each number to the first later one that follows it (the next
    # number, or the first sub-item); worked out from the end, once per number (a
    # meeting of many items is not rescanned per item).
    run_on: list[int | None] = [None] * len(found)
    length = [1] * len(found)
    first_later: dict[tuple[int, ...], int] = {}
    for i in range(len(found) - 1, -1, -1):
        later = [first_later.get(n) for n in _next_numbers(found[i][1])]
        nxt = min((at for at in later if at is not None), default=None)
        run_on[i] = nxt
        if nxt is not None:
            length[i] = 1 + length[nxt]
        first_later[found[i][1]] = i
    best: list[int] = []
    if found:
        at: int | None = max(range(len(found)), key=lambda i: (length[i], -i))
        while at is not None:
            best.append(found[at][0])
            at = run_on[at]
    return best


def _meetings(lines: Sequence[str]) -> list[int]:
    """An issue's history: the page's start, then each further meeting's line."""
    found = [
        index
        for index, line in enumerate(lines)
        if line.lstrip().startswith("Meeting:") and patterns.MEETING_LINE_RE.match(collapse(line))
    ]
    return [0, *found[1:]] if len(found) >= 2 else []


def item_starts(lines: Sequence[str]) -> list[int]:
    """The 0-based indexes of the lines where items start; empty unless two or more."""
    if sum(1 for line in lines if "genda item" in line.lower()) >= 2:
        headed = _headed(lines)
        if len(headed) >= 2:
            return headed
    numbered = _numbered(lines)
    if len(numbered) >= 2:
        return numbered
    return _meetings(lines)
