"""The file is UTF-16, not UTF-8.

Why: some Windows tools save text as UTF-16. A UTF-16 file that starts with its
byte-order mark can be read without guessing, so minutekit reads it and carries on,
but every other tool in a publishing pipeline (web servers, diff, grep, open-data
portals) expects UTF-8. Save the file as UTF-8.

Passing example::

    (the item saved as UTF-8)

Failing example::

    (the same item saved as "Unicode" from Notepad: UTF-16 with the bytes FF FE first)
"""

from minutekit.diagnostics import Severity

CODE = "MK003"
NAME = "utf16-file"
SEVERITY = Severity.WARNING
STAGE = "source"
