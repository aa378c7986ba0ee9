"""An 'ACTION:' line names no owner.

Why: An action with no owner is an action nobody will take. The owner is the post
responsible (several are separated by ' / '), written after the colon.

This is a requirement of ``schemas/agenda-item.schema.json`` (its ``allOf`` entry
with ``"x-minutekit-rule": "MK105"``); this module says where the failure is.

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

    Resolved –

    (1)  That the report be noted.

    ACTION:
"""

from __future__ import annotations

from collections.abc import Sequence

from minutekit.diagnostics import Finding, Severity
from minutekit.model import AgendaItem

CODE = "MK105"
NAME = "action-owner-unnamed"
SEVERITY = Severity.ERROR


def locate(item: AgendaItem, path: Sequence[str | int]) -> Finding:
    action = item.actions[int(path[1])]
    return Finding(
        action.span.start,
        f"'{action.label}' names no owner: expected the post responsible, "
        "such as 'ACTION: Chief Executive'",
    )
