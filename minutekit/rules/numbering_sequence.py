"""Recommended or Resolved items are not numbered 1, 2, 3 … in order.

Why: resolutions are cited by their number ("resolution (2) of minute 45"). A gap, a
repeated number or a list that does not start at the first number usually means an
item was lost or pasted twice when the minute was written, and makes citations
ambiguous. Each marker style ((1), (a), (i), 1.) is counted on its own, so a lettered
sub-list under a numbered item restarts at (a); and a list that starts again at its
first marker after two or more items is a new list (reasons for the decision are
often numbered below the resolutions), not a repeat.

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
from minutekit.diagnostics import Finding, Severity
from minutekit.model import AgendaItem, ListItem, NumberedBlock

CODE = "MK201"
NAME = "numbering-sequence"
SEVERITY = Severity.WARNING


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


def _check_block(block: NumberedBlock, kind: str) -> Iterator[Finding]:
    for run in _runs([i for i in block.items if i.number is not None]):
        seen: set[int] = set()
        expected = 1
        for item in run:
            assert item.number is not None
            if item.number == 1 and expected > 2:  # a new list of the same style
                seen, expected = set(), 1
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
        yield from _check_block(item.recommended, "Recommended")
    if item.resolved is not None:
        yield from _check_block(item.resolved, "Resolved")
    if item.decision is not None and item.decision.resolved is not None:
        yield from _check_block(item.decision.resolved, "Resolved")
