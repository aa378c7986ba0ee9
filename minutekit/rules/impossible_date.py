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

CODE = "MK304"
NAME = "impossible-date"
SEVERITY = Severity.WARNING


#: Reads only the lines as written: also run on a meeting's preface.
LINES = True


def check(item: AgendaItem) -> Iterator[Finding]:
    lines = item.source.lines
    text = "\n".join(lines)
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    for found in prose_dates(text):  # one pass over the whole text
        if found.date is None:
            number = bisect.bisect_right(starts, found.start)
            yield Finding(
                Position(number, found.start - starts[number - 1] + 1),
                f"'{' '.join(text[found.start : found.end].split())}' is not a date:"
                f" {MONTHS[found.month - 1].capitalize()} {found.year} has no day {found.day}",
            )
