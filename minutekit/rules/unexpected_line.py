"""A line stands where the grammar cannot place it.

Why: minutekit understands an item by the order of its parts (title, summary,
Recommended, minutes, Resolved, ACTION, Supporting documents). A line out of that
order (a second 'Minutes:' heading, a 'Recommended' heading inside the minutes, text
after the ACTION line) means the structure is not what a reader expects, and the line
cannot be given a meaning. The line is kept (a heading inside the minutes as a line of
the minutes), the message names what the line looks like and where the part it opens
belongs, and the rest of the item is still checked.

Passing example::

    Agenda item

    A TITLE

    Minutes:

    The Committee considered the report.

    Resolved –

    (1)  That the report be noted.

    ACTION: Chief Executive

Failing example::

    Agenda item

    A TITLE

    Minutes:

    The Committee considered the report.

    Resolved –

    (1)  That the report be noted.

    ACTION: Chief Executive

    The Chair closed the meeting.
"""

from minutekit.diagnostics import Severity

CODE = "MK002"
NAME = "unexpected-line"
SEVERITY = Severity.ERROR
STAGE = "grammar"
