"""The minute records no outcome: no resolution, decision, agreement or "noted".

Why: whatever a council's house style, a minute exists to record what the meeting
decided, even if only that it noted a report. The general profile (``--profile
moderngov``) does not ask for the seeds' ``Resolved –`` block, only for an outcome in
any of the forms councils use: a Resolved heading or ``RESOLVED`` in the text,
``Decision:``/``Decided:``/``The decision``, ``AGREED``/``agreed that``/``agreed to``,
``decided to``, a lead-in such as ``The Cabinet has`` over a list, ``approved``,
``noted``, or a resolution whose heading was lost (``That the report be noted.``). Procedural
items (apologies, urgent business) often have none, so this is a warning. It is off in
the seeds' profile, where MK103 asks for the Resolved block.

Passing example::

    Minutes:

    The Committee noted the report.

Failing example::

    Minutes:

    The Chair welcomed everyone to the meeting.
"""

from __future__ import annotations

from collections.abc import Iterator

from minutekit import patterns
from minutekit.diagnostics import Finding, Severity
from minutekit.model import AgendaItem
from minutekit.rules import expected_position
from minutekit.text import numbered_lines

CODE = "MK108"
NAME = "missing-outcome"
SEVERITY = Severity.WARNING
#: Off unless a profile or the configuration selects it.
DEFAULT = False

OUTCOME = patterns.OUTCOME_MENTION_RE


def check(item: AgendaItem) -> Iterator[Finding]:
    if item.resolved is not None or item.decision is not None:
        return
    if any(OUTCOME.search(line) for _, line in numbered_lines(item.source.lines)):
        return
    position, where = expected_position(item, "resolved")
    yield Finding(
        position, f"no outcome recorded (resolved, decided, agreed, approved or noted): {where}"
    )
