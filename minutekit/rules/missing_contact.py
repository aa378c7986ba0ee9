"""The agenda part has no officer contact line.

Why: The contact line '(Name – phone)' tells members of the public whom to ask about
the report. The house style prints it after the recommendations.

This is a requirement of ``schemas/agenda-item.schema.json`` (its ``allOf`` entry
with ``"x-minutekit-rule": "MK107"``); this module says where the failure is.

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

CODE = "MK107"
NAME = "missing-contact"
SEVERITY = Severity.WARNING


def locate(item: AgendaItem, path: Sequence[str | int]) -> Finding:
    position, where = expected_position(item, "contact")
    return Finding(position, f"no contact line: expected '(Officer name – phone)' {where}")
