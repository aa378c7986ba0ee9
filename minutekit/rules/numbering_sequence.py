"""Recommended or Resolved items are not numbered 1, 2, 3 … in order.

Why: resolutions are cited by their number ("resolution (2) of minute 45"). A gap, a
repeated number or a list that does not start at the first number usually means an
item was lost or pasted twice when the minute was written, and makes citations
ambiguous. Each marker style ((1), (a), (i), 1.) is counted on its own, so a lettered
sub-list under a numbered item restarts at (a); and a list that starts again at its
first marker after two or more items is a new list (reasons for the decision are
often numbered below the resolutions), not a repeat.

Fix (safe): where only the numbers are off, the list's markers are rewritten 1, 2, 3 …
in their own style, every item kept where it is. A list in which two items say the same
thing (an item pasted twice) is left for a person.

Passing example::

    Resolved –

    (1)  That the report be noted.

    (2)  That a further report be presented in 12 months.

Failing example::

    Resolved –

    (1)  That the report be noted.

    (3)  That a further report be presented in 12 months.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from minutekit import patterns
from minutekit.diagnostics import Edit, Finding, Severity
from minutekit.model import AgendaItem, ListItem, NumberedBlock
from minutekit.text import collapse

CODE = "MK201"
NAME = "numbering-sequence"
SEVERITY = Severity.WARNING
FIX = "safe"


def _marker(style: str, number: int) -> str:
    """The marker ``number`` would have in ``style`` ("(1)" style, 3 → "(3)")."""
    for placeholder in "1iIaA":
        if placeholder in style:
            break
    if placeholder == "1":
        value = str(number)
    elif placeholder in "iI":
        value = patterns.to_roman(number)
    else:
        value = chr(ord("a") + number - 1) if 1 <= number <= 26 else str(number)
    return style.replace(placeholder, value.upper() if placeholder.isupper() else value, 1)


def _runs(items: Sequence[ListItem]) -> Iterator[list[ListItem]]:
    """Items of the first style form one run; other styles restart after each of those."""
    if not items:
        return
    top = items[0].style
    runs: dict[str, list[ListItem]] = {top: []}
    for item in items:
        if item.style == top:
            for style in [s for s in runs if s != top]:
                yield runs.pop(style)
        runs.setdefault(item.style, []).append(item)
    yield from runs.values()


def _lists(run: list[ListItem]) -> Iterator[list[ListItem]]:
    """A run split where a list of the same style starts again at its first marker."""
    current: list[ListItem] = []
    expected = 1
    for item in run:
        assert item.number is not None
        if item.number == 1 and expected > 2:
            yield current
            current = []
        current.append(item)
        expected = item.number + 1
    if current:
        yield current


def _renumbering(items: list[ListItem], lines: Sequence[str]) -> tuple[Edit, ...]:
    """The edits that number ``items`` 1, 2, 3 …, or none if two items say the same."""
    texts = [collapse(i.text) for i in items]
    if len(set(texts)) != len(texts):
        return ()
    edits = []
    for position, item in enumerate(items, start=1):
        wanted = _marker(item.style, position)
        if wanted == item.num:
            continue
        line = lines[item.span.line - 1] if item.span.line <= len(lines) else ""
        column = line.find(item.num, item.span.start.column - 1)
        if column < 0:
            return ()
        edits.append(Edit(item.span.line, column + 1, column + 1 + len(item.num), wanted))
    return tuple(edits)


def _check_block(block: NumberedBlock, kind: str, lines: Sequence[str]) -> Iterator[Finding]:
    for run in _runs([i for i in block.items if i.number is not None]):
        for items in _lists(run):
            findings = list(_check_list(items, kind))
            if findings:  # the whole list's repair travels with its first finding
                first = findings[0]
                findings[0] = Finding(
                    first.position, first.message, edits=_renumbering(items, lines)
                )
            yield from findings


def _check_list(items: list[ListItem], kind: str) -> Iterator[Finding]:
    seen: set[int] = set()
    expected = 1
    for item in items:
        assert item.number is not None
        wanted = _marker(item.style, expected)
        if item.number in seen:
            message = f"{kind} item '{item.num}' is numbered twice: expected '{wanted}'"
        elif item.number != expected:
            after = (
                "starts at"
                if expected == 1
                else f"follows '{_marker(item.style, expected - 1)}' with"
            )
            message = f"{kind} list {after} '{item.num}': expected '{wanted}'"
        else:
            message = ""
        if message:
            yield Finding(item.span.start, message)
        seen.add(item.number)
        expected = item.number + 1


def check(item: AgendaItem) -> Iterator[Finding]:
    if item.recommended is not None:
        yield from _check_block(item.recommended, "Recommended", item.source.lines)
    if item.resolved is not None:
        yield from _check_block(item.resolved, "Resolved", item.source.lines)
    if item.decision is not None and item.decision.resolved is not None:
        yield from _check_block(item.decision.resolved, "Resolved", item.source.lines)
