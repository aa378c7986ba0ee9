"""The item has no title line.

Why: The title is how a reader, a search engine and every output (the Akoma Ntoso
heading, the CSV items table) names the item. A missing title usually means the line
after 'Agenda item' was left empty when the page was exported.

This is a requirement of ``schemas/agenda-item.schema.json`` (its ``allOf`` entry
with ``"x-minutekit-rule": "MK101"``); this module says where the failure is.

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

    The report of the Chief Executive.

    Recommended –

    (1)  That the report be noted.

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

CODE = "MK101"
NAME = "missing-title"
SEVERITY = Severity.ERROR


def locate(item: AgendaItem, path: Sequence[str | int]) -> Finding:
    position, where = expected_position(item, "title")
    return Finding(position, f"no title: expected the item's title line {where}")
