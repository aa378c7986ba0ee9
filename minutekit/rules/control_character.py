"""A control character that XML cannot hold (U+0000-U+0008, U+000E-U+001F, U+FFFE, U+FFFF).

Why: control characters are invisible in most editors but arrive with text pasted
from PDFs and old systems. XML 1.0 forbids them, so an item holding one cannot be
published as Akoma Ntoso: minutekit refuses to drop or alter a character silently, so
it is reported here, with its code point, before conversion is attempted. (Tab, and
the vertical tab and form feed that count as white space, are allowed.)

Fix (safe): the character is removed; it has no glyph and no meaning on the page.

Passing example::

    The Committee noted the report.

Failing example::

    (the same line with the character U+0007, BELL, after "noted"; a docstring
    cannot show it)
"""

from __future__ import annotations

from collections.abc import Iterator

from minutekit import patterns
from minutekit.diagnostics import Edit, Finding, Severity
from minutekit.model import AgendaItem, Position
from minutekit.rules import lines_matching

CODE = "MK303"
NAME = "control-character"
SEVERITY = Severity.ERROR
FIX = "safe"

#: What XML 1.0 forbids, less the white space that is collapsed before output.
FORBIDDEN = patterns.XML_FORBIDDEN_RE


#: Reads only the lines as written: also run on a meeting's preface.
LINES = True


def check(item: AgendaItem) -> Iterator[Finding]:
    for number, line in lines_matching(item, FORBIDDEN):
        for match in FORBIDDEN.finditer(line):
            yield Finding(
                Position(number, match.start() + 1),
                f"the control character U+{ord(match[0]):04X} cannot be published in XML;"
                " remove it",
                edits=(Edit(number, match.start() + 1, match.end() + 1, ""),),
            )
