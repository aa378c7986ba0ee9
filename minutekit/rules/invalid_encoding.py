"""The file is not valid UTF-8.

Why: minutekit reads minutes as UTF-8, the encoding of the published pages and of
every tool downstream. Bytes that are not UTF-8 (a file saved as Windows-1252 from
Word, say) would turn curly quotes and dashes into garbage in every output, so the
first bad byte is reported with its offset and the item is not converted.

Fix (safe): a file that reads as Windows-1252 in full, and holds no UTF-8 character, is
re-encoded as UTF-8 (every character kept); any other is left alone.

Passing example::

    Agenda item

    Children’s Services

Failing example::

    (the same text saved as Windows-1252: byte 0x92 stands for the apostrophe)
"""

from minutekit.diagnostics import Severity

CODE = "MK001"
NAME = "invalid-encoding"
SEVERITY = Severity.ERROR
STAGE = "source"
FIX = "safe"
