"""The file is empty or has only white space.

Why: an empty minute is almost always a failed export or a placeholder that was
never filled in. It is reported once, as itself, rather than as a missing title, a
missing Resolved block and a missing ACTION line.

Passing example::

    Agenda item

    BUDGET MONITORING

Failing example::

    (a file of zero bytes, or of blank lines and spaces only)
"""

from minutekit.diagnostics import Severity

CODE = "MK005"
NAME = "empty-file"
SEVERITY = Severity.ERROR
STAGE = "source"
