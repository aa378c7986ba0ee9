"""An ACTION owner is not one of the posts the profile names.

Why: a council that keeps a list of its posts wants every action to land on one of them;
"Strategic Director Place" for "Strategic Director, Place", or a person's name where
the house style wants a post, leaves an action that no one's task list will show. The
profile's ``owners`` list is the vocabulary (matched after collapsing white space); the
message suggests the nearest post. Off unless the profile names its owners.

Passing example::

    Minutes:

    The Committee noted the report.

    ACTION: Chief Executive

Failing example::

    Minutes:

    The Committee noted the report.

    ACTION: Chief Executiv
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from minutekit.diagnostics import Finding, Severity
from minutekit.model import AgendaItem, Position
from minutekit.selection import Selection

CODE = "MK109"
NAME = "action-owner-unknown"
SEVERITY = Severity.WARNING
#: Off unless a profile names its owners (or the configuration selects it).
DEFAULT = False
#: The check reads the profile's owner vocabulary from the selection.
PROFILE = True
#: The vocabulary the docstring's examples are checked with.
EXAMPLE_OWNERS = ("Chief Executive", "Director of Place")


def check(item: AgendaItem, selection: Selection) -> Iterator[Finding]:
    owners = selection.owners
    if not owners:
        return
    known = {" ".join(o.split()).casefold(): o for o in owners}
    for action in item.actions:
        for owner in action.owners:
            if " ".join(owner.split()).casefold() in known:
                continue
            index = _line_text(item, action.span.line).find(owner)
            column = index + 1 if index >= 0 else action.span.column
            near = difflib.get_close_matches(owner, owners, n=1, cutoff=0.6)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            yield Finding(
                Position(action.span.line, column),
                f"ACTION owner '{owner}' is not one of the profile's posts{hint}",
            )


def _line_text(item: AgendaItem, line: int) -> str:
    return item.source.lines[line - 1] if 0 < line <= len(item.source.lines) else ""
