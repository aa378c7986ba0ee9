"""The file is not text (it contains a NUL byte).

Why: a file holding an image or another binary format is not minutes, and parsing it
would bury the one useful message under dozens of structural ones. The file is
refused with the offset of its first NUL byte, and nothing else in it is checked or
converted (not even with ``--force``). A file that looks like UTF-16 without a
byte-order mark gets a hint naming the ``--encoding`` that reads it. (A PDF, Word,
OpenDocument or RTF file is named instead: MK006.)

Passing example::

    Agenda item

    BUDGET MONITORING

Failing example::

    (a PNG image saved with a .txt name: it has NUL bytes throughout)
"""

from minutekit.diagnostics import Severity

CODE = "MK004"
NAME = "binary-file"
SEVERITY = Severity.ERROR
STAGE = "source"
