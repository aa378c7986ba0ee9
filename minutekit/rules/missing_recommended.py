"""The agenda part has no 'Recommended' block.

Why: The recommendations say what the report asked the meeting to do, and the
resolutions are read against them. Without them a reader cannot tell whether the
meeting agreed, amended or rejected what was proposed.

This is a requirement of ``schemas/agenda-item.schema.json`` (its ``allOf`` entry
with ``"x-minutekit-rule": "MK106"``); this module says where the failure is.

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

    (Jo Bloggs – 01234 567890)

    Minutes:

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

CODE = "MK106"
NAME = "missing-recommended"
SEVERITY = Severity.WARNING


def locate(item: AgendaItem, path: Sequence[str | int]) -> Finding:
    position, where = expected_position(item, "recommended")
    return Finding(
        position,
        "no 'Recommended' block: expected 'Recommended –' and the report's recommendations "
        + where,
    )
