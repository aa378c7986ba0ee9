"""No 'ACTION:' line names who acts on the decision.

Why: In this house style every decision has an owner: the post that must carry it
out. Without an 'ACTION:' line nobody is accountable for the resolutions, and the
action tracker that reads the minutes has nothing to record.

This is a requirement of ``schemas/agenda-item.schema.json`` (its ``allOf`` entry
with ``"x-minutekit-rule": "MK104"``); this module says where the failure is.

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
"""

from __future__ import annotations

from collections.abc import Sequence

from minutekit.diagnostics import Finding, Severity
from minutekit.model import AgendaItem
from minutekit.rules import expected_position

CODE = "MK104"
NAME = "missing-action"
SEVERITY = Severity.ERROR


def locate(item: AgendaItem, path: Sequence[str | int]) -> Finding:
    position, where = expected_position(item, "actions")
    return Finding(position, f"no 'ACTION:' line: expected 'ACTION: <post responsible>' {where}")
