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

import datetime
import re
from collections.abc import Iterator

from minutekit.diagnostics import Finding, Severity
from minutekit.model import AgendaItem, Position

CODE = "MK304"
NAME = "impossible-date"
SEVERITY = Severity.WARNING

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_DIGITS = re.compile(r"\d+")
# Tried only at the start of a run of digits (a pattern opening with a look-behind is
# tried at every position of every line, which made this the slowest rule).
_DATE = re.compile(
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>"
    + "|".join(_MONTHS)
    + r")\s+(?P<year>\d{4})(?!\w)",
    re.IGNORECASE,
)


def check(item: AgendaItem) -> Iterator[Finding]:
    for number, line in enumerate(item.source.lines, start=1):
        for digits in _DIGITS.finditer(line):
            start = digits.start()
            if start and (line[start - 1].isalnum() or line[start - 1] == "_"):
                continue
            match = _DATE.match(line, start)
            if match is None:
                continue
            month = _MONTHS.index(match["month"].lower()) + 1
            try:
                datetime.date(int(match["year"]), month, int(match["day"]))
            except ValueError:
                yield Finding(
                    Position(number, match.start() + 1),
                    f"'{match[0]}' is not a date: {match['month'].capitalize()}"
                    f" {match['year']} has no day {int(match['day'])}",
                )
