"""The file is not plain text (a PDF, a Word, OpenDocument or RTF document, or a NUL byte).

Why: a file holding a PDF, a Word document or an image is not minutes as text, and
parsing it would bury the one useful message under dozens of structural ones. The
file is refused, and nothing else in it is checked or converted (not even with
``--force``). The message names the format when its first bytes tell it ("this is a
Word document (.docx): save it as plain text (UTF-8)"); otherwise it gives the offset
of the first NUL byte, and says so when the file looks like UTF-16 without a
byte-order mark (``--encoding utf-16-le`` reads it).

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
