"""A date that cannot exist ("31st February 2019").

Why: a date in the minutes fixes when a decision takes effect or when a report comes
back. A day the month does not have is a typing slip that nobody can act on, and the
open-data outputs cannot give it an ISO date, so it is published as plain text. Dates
written as day, month name and year are checked, in the British order.

Passing example::

    The report will return to the Committee on 28th February 2019.

Failing example::

    The report will return to the Committee on 31st February 2019.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator

from minutekit.dates import MONTHS, prose_dates
from minutekit.diagnostics import Finding, Severity
from minutekit.model import AgendaItem, Position
from minutekit.text import numbered_lines, own_text

CODE = "MK304"
NAME = "impossible-date"
SEVERITY = Severity.WARNING


#: Reads only the lines as written: also run on a meeting's preface.
LINES = True


def check(item: AgendaItem) -> Iterator[Finding]:
    text = own_text(item.source.lines)
    numbered: list[tuple[int, str]] = []
    starts: list[int] = []
    for found in prose_dates(text):  # one pass over the whole text
        if found.date is None:
            if not numbered:  # where each line starts, for the first impossible date
                numbered = list(numbered_lines(item.source.lines))
                starts = list(
                    itertools.accumulate((len(line) + 1 for _, line in numbered), initial=0)
                )
            index = bisect.bisect_right(starts, found.start) - 1
            yield Finding(
                Position(numbered[index][0], found.start - starts[index] + 1),
                f"'{' '.join(text[found.start : found.end].split())}' is not a date:"
                f" {MONTHS[found.month - 1].capitalize()} {found.year} has no day {found.day}",
            )
