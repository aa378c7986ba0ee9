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

from collections.abc import Iterator

from minutekit.diagnostics import Finding, Severity
from minutekit.model import AgendaItem
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
        spans = action.owner_spans or tuple(action.span for _ in action.owners)
        for owner, span in zip(action.owners, spans, strict=True):
            if " ".join(owner.split()).casefold() in known:
                continue
            import difflib  # only for an owner the profile does not name

            near = difflib.get_close_matches(owner, owners, n=1, cutoff=0.6)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            yield Finding(
                span.start,
                f"ACTION owner '{owner}' is not one of the profile's posts{hint}",
            )
