"""A heading is not spelled as the profile spells it.

Why: a council that names its own heading spellings in its profile (``[profiles.X.headings]``)
wants one spelling on every page, so that readers, and anyone searching the archive, find
"RESOLVED:" where they expect it. The grammar still reads every spelling it knows; this
rule points at a Recommended, Minutes, Decision or Resolved heading written another way.
Silent unless the profile spells that part's heading.

Fix (unsafe): the heading is rewritten in the profile's first spelling for the part. The
words of the heading change, so the fix is applied only with ``--unsafe-fixes``.

Passing example::

    Minutes:

    The Committee noted the report.

    RESOLVED:

    (1)  That the report be noted.

Failing example::

    Minutes:

    The Committee noted the report.

    Resolved –

    (1)  That the report be noted.
"""

from __future__ import annotations

from collections.abc import Iterator

from minutekit.diagnostics import Edit, Finding, Severity
from minutekit.model import AgendaItem
from minutekit.rules import part_headings
from minutekit.selection import Selection
from minutekit.text import collapse

CODE = "MK306"
NAME = "heading-spelling"
SEVERITY = Severity.INFO
#: Rewriting a heading changes the words on the page: someone should look.
FIX = "unsafe"
#: The check reads the profile's heading spellings from the selection.
PROFILE = True
#: The spellings the docstring's examples are checked with.
EXAMPLE_HEADINGS = (("resolved", "RESOLVED:"),)


def check(item: AgendaItem, selection: Selection) -> Iterator[Finding]:
    spellings: dict[str, list[str]] = {}
    for part, spelling in selection.headings:
        spellings.setdefault(part, []).append(collapse(spelling))
    if not spellings:
        return
    for part, heading in part_headings(item):
        house = spellings.get(part)
        if not house or collapse(heading.text) in house:
            continue
        span = heading.span
        edits: tuple[Edit, ...] = ()
        if span.end_line == span.line:
            edits = (Edit(span.line, span.column, span.end_column, house[0]),)
        yield Finding(
            span.start,
            f"the {part} heading is written '{collapse(heading.text)}': the profile"
            f" spells it '{house[0]}'",
            edits=edits,
        )
