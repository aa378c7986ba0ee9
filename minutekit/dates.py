"""Dates written in British prose: "10th October 2018", "1 April 2020".

One finder for the whole project: the Akoma Ntoso converter marks the real dates up and
rule MK304 reports the impossible ones ("31st February 2019"). A date is a day (one or
two digits, an optional st/nd/rd/th), a month name in any case and a four-digit year,
not inside a longer word or number.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

import attrs

from minutekit.text import digit_runs, fold, inside_word

__all__ = ["MONTHS", "ProseDate", "prose_dates"]

MONTHS = (
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
)
# Tried only at the start of a run of digits: a pattern that opens with \b or a
# look-behind is tried at every position of every line, which is many times slower.
_DATE = re.compile(
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>"
    + "|".join(MONTHS)
    + r")\s+(?P<year>\d{4})(?!\w)",
    re.IGNORECASE,
)


@attrs.frozen
class ProseDate:
    """A date as written at ``text[start:end]``; ``date`` is None when it cannot exist."""

    start: int
    end: int
    day: int
    month: int
    year: int
    date: datetime.date | None


def prose_dates(text: str) -> Iterator[ProseDate]:
    """Every day-month-year date in ``text``, possible or not, in order."""
    for start, _ in digit_runs(text):
        if inside_word(text, start):
            continue
        match = _DATE.match(text, start)
        if match is None:
            continue
        day, year = int(match["day"]), int(match["year"])
        month = MONTHS.index(fold(match["month"])) + 1
        try:
            date: datetime.date | None = datetime.date(year, month, day)
        except ValueError:
            date = None
        yield ProseDate(match.start(), match.end(), day, month, year, date)
