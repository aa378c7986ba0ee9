"""The contact line's telephone number is not a whole UK number.

Why: the contact line is how a member of the public reaches the officer who wrote the
report. A UK number has 10 or 11 digits and starts with 0 ("01274 434361"); a digit
lost or doubled when the line was typed sends callers to a stranger or nowhere. A
six-digit extension after a whole number ("01274 434580 434579") is the house style
for a second officer at the same exchange and is accepted.

Passing example::

    (Mark Griffin – 01274 434361)

Failing example::

    (Mark Griffin – 01274 4343)
"""

from __future__ import annotations

from collections.abc import Iterator

from minutekit.diagnostics import Finding, Severity
from minutekit.model import AgendaItem

CODE = "MK305"
NAME = "contact-phone"
SEVERITY = Severity.WARNING

_EXTENSION = 6


def _problem(phone: str) -> str | None:
    """Why ``phone`` (digit groups separated by spaces) is not whole UK numbers, or None."""
    number = ""
    for group in phone.split():
        if len(number) >= 10 and len(group) == _EXTENSION:
            continue  # an extension at the same exchange as the number before it
        number += group
        if len(number) > 11 or (len(number) >= 10 and not number.startswith("0")):
            return f"'{number}' is not a UK number (0 and 9 or 10 more digits)"
    if len(number) < 10 or not number.startswith("0"):
        return f"'{phone}' has {len(number)} digits: a UK number has 10 or 11, starting with 0"
    return None


def check(item: AgendaItem) -> Iterator[Finding]:
    contact = item.contact
    if contact is None or contact.phone is None:
        return
    problem = _problem(contact.phone)
    if problem is not None:
        yield Finding(contact.span.start, f"the contact telephone number {problem}")
