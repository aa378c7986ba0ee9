"""The minutes are not labelled 'Minutes:'.

Why: The 'Minutes:' label separates what the report proposed from what the meeting
recorded. Without it a reader (and minutekit) can only guess where the record of the
discussion begins.

This is a requirement of ``schemas/agenda-item.schema.json`` (its ``allOf`` entry
with ``"x-minutekit-rule": "MK102"``); this module says where the failure is.

Passing example::

    Agenda item

    A TITLE

    The report of the Chief Executive.

    Recommended –

    (1)  That the report be noted.

    (Jo Bloggs – 01234 567890)

    Minutes:

    The Committee considered the report.

    Resolved –

    (1)  That the report be noted.

    ACTION: Chief Executive

Failing example::

    Agenda item

    A TITLE

    The report of the Chief Executive.

    Recommended –

    (1)  That the report be noted.

    (Jo Bloggs – 01234 567890)

    The Committee considered the report.

    Resolved –

    (1)  That the report be noted.

    ACTION: Chief Executive
"""

from __future__ import annotations

from collections.abc import Sequence

from minutekit.diagnostics import Finding, Severity
from minutekit.model import AgendaItem
from minutekit.rules import expected_position

CODE = "MK102"
NAME = "missing-minutes-heading"
SEVERITY = Severity.WARNING


def locate(item: AgendaItem, path: Sequence[str | int]) -> Finding:
    if item.minutes is not None:
        return Finding(
            item.minutes.span.start,
            "the minutes have no 'Minutes:' heading: expected 'Minutes:' on its own line "
            "before this paragraph",
        )
    if item.summary and item.recommended is None and item.contact is None:
        # Nothing marks these paragraphs as the report's (no Recommended block or contact
        # line after them): unlabelled, they may well be the minutes.
        return Finding(
            item.summary[0].span.start,
            "no 'Minutes:' heading: the text from here is read as the report's summary;"
            " if it records the meeting, put 'Minutes:' on its own line before it",
        )
    position, where = expected_position(item, "minutes")
    return Finding(position, f"no minutes recorded: expected 'Minutes:' and the minutes {where}")
