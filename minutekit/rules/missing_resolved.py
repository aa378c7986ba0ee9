"""No 'Resolved' block records what was decided.

Why: The resolutions are the part of the minute that has legal force: what the
meeting decided. An item whose minutes end without them cannot be acted on or cited,
and usually means the block was lost when the page was exported.

This is a requirement of ``schemas/agenda-item.schema.json`` (its ``allOf`` entry
with ``"x-minutekit-rule": "MK103"``); this module says where the failure is.

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

    Minutes:

    The Committee considered the report.

    ACTION: Chief Executive
"""

from __future__ import annotations

from collections.abc import Sequence

from minutekit.diagnostics import Finding, Severity
from minutekit.model import AgendaItem
from minutekit.rules import expected_position

CODE = "MK103"
NAME = "missing-resolved"
SEVERITY = Severity.ERROR


def locate(item: AgendaItem, path: Sequence[str | int]) -> Finding:
    if item.resolved is not None:
        return Finding(
            item.resolved.span.start,
            f"'{item.resolved.heading.text}' has no resolutions: expected at least one, "
            "such as '(1) That the report be noted.'",
        )
    position, where = expected_position(item, "resolved")
    recorded = "minutes recorded but " if item.minutes is not None else ""
    return Finding(
        position,
        f"{recorded}no 'Resolved' block: expected 'Resolved –' and the resolutions {where}",
    )
