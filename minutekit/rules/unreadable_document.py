"""The file is a document minutekit cannot read: it was refused, and nothing in it checked.

Why: minutekit reads plain text, Word ``.docx``, HTML pages and PDFs with a text layer.
An old binary Word ``.doc``, an OpenDocument ``.odt`` or an ``.rtf`` file, a damaged or
hostile document (a ``.docx`` that is not a zip package, a zip bomb, a PDF whose
cross-reference table is broken, an HTML page that declares entities) or a scanned PDF
with no text layer is refused with one message saying what was found and what to do
(save it as ``.docx`` or plain text), instead of a traceback or a screen of structural
findings about text that was never read.

Passing example::

    Agenda item

    BUDGET MONITORING

Failing example::

    (a Word 97-2003 .doc file: it starts with the bytes D0 CF 11 E0; "save it as .docx
    or plain text")
"""

from minutekit.diagnostics import Severity

CODE = "MK006"
NAME = "unreadable-document"
SEVERITY = Severity.ERROR
STAGE = "source"
