"""Whole-meeting files: where each agenda item of a meeting's minutes starts.

Takes the decoded lines of one file. A file is a meeting's minutes when it holds at
least two agenda items, told apart by:

- the ``Agenda item`` header the seeds' pages print (in any case) (with the page furniture and item
  number lines just above it), at least twice; or else
- item numbers that run on by one, at least two of them: a number alone on its line
  followed by a title (``40.`` then ``APOLOGIES``) or a number before a title in
  capitals (``41. DUCHY DRIVE, HEATON - OBJECTIONS``).

A numbered list inside an item ("1. That the report be noted.") is neither. Lines
before the first item (the meeting's own heading, the attendance) are the meeting's
preface. Guarantees: every line belongs to the preface or to exactly one item; a file
that is not a meeting gives no starts, and is read as one item as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from minutekit import patterns

__all__ = ["item_starts"]

_AGENDA_HEADER = patterns.AGENDA_HEADER_LINE_RE
_FURNITURE = patterns.BANNER_LINE_RE
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


def _numbered(lines: Sequence[str]) -> list[int]:
    found: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        match = _ITEM_NUMBER.match(line)
        if match is not None and match["item_number"] is not None:
            following = _next_text(lines, index)
            if following is None or not _TITLE_LIKE.match(following):
                continue  # a page number in running text, or a number with no title
            number = match["item_number"]
        else:
            match = _NUMBERED_TITLE.match(line)
            if match is None:
                continue
            number = match["title_number"]
        found.append((index, int(number)))
    # The longest run of numbers that go up by one: the meeting's item numbers. A run
    # goes on from each number to the first later one that is one more; worked out from
    # the end, once per number (a meeting of many items is not rescanned per item).
    run_on: list[int | None] = [None] * len(found)
    length = [1] * len(found)
    first_later: dict[int, int] = {}
    for i in range(len(found) - 1, -1, -1):
        run_on[i] = first_later.get(found[i][1] + 1)
        nxt = run_on[i]
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


def item_starts(lines: Sequence[str]) -> list[int]:
    """The 0-based indexes of the lines where items start; empty unless two or more."""
    if sum(1 for line in lines if "genda item" in line.lower()) >= 2:
        headed = _headed(lines)
        if len(headed) >= 2:
            return headed
    numbered = _numbered(lines)
    return numbered if len(numbered) >= 2 else []
