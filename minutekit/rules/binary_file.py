"""The file is not text (it contains a NUL byte).

Why: a `.txt` file holding a PDF, a Word document or an image is not minutes, and
parsing it would bury the one useful message under dozens of structural ones. The
file is refused with the offset of its first NUL byte and nothing else in it is
checked or converted.

Passing example::

    Agenda item

    BUDGET MONITORING

Failing example::

    (a Word .doc saved with a .txt name: it starts with the bytes D0 CF 11 E0 and
    has NUL bytes throughout)
"""

from minutekit.diagnostics import Severity

CODE = "MK004"
NAME = "binary-file"
SEVERITY = Severity.ERROR
STAGE = "source"
