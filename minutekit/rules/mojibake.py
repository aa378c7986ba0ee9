"""Characters garbled by a wrong encoding ('â€™' for '’').

Why: when UTF-8 text is read as Windows-1252 somewhere on its way to the minute (a
copy from an e-mail, an export from an old system), each curly quote, dash or accented
letter becomes two or three other characters: "Childrenâ€™s Services", "Â£5,000".
The published record then misquotes names and sums. A run of such characters that
turns back into one real character when re-read as UTF-8 is reported with the
character it stands for.

Fix (safe): the run is replaced by what ftfy, the library built for exactly this,
repairs it to, when that is the one character the rule found; otherwise it is left for
a person.

Passing example::

    The Children’s Services budget of £5,000 – agreed.

Failing example::

    The Childrenâ€™s Services budget of Â£5,000 â€“ agreed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from minutekit.diagnostics import Edit, Finding, Severity
from minutekit.model import AgendaItem, Position
from minutekit.rules import lines_matching

CODE = "MK302"
NAME = "mojibake"
SEVERITY = Severity.WARNING
FIX = "safe"

# A UTF-8 lead byte read as Windows-1252 (Â to ô), then one to three continuation
# bytes read the same way (the C1 range, or the characters Windows-1252 puts there).
_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_CANDIDATE = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]{{1,3}}")


def _repaired(garbled: str) -> str | None:
    """The one character ``garbled`` stands for, or None if it is not mojibake."""
    for encoding in ("cp1252", "latin-1"):
        try:
            character = garbled.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if len(character) == 1:
            return character
    return None


#: Reads only the lines as written: also run on a meeting's preface.
LINES = True


def _edits(number: int, start: int, end: int, garbled: str, character: str) -> tuple[Edit, ...]:
    """The repair, if ftfy agrees that ``garbled`` stands for ``character``."""
    import ftfy  # only when a file has mojibake: most never need it

    if ftfy.fix_encoding(garbled) != character:
        return ()
    return (Edit(number, start + 1, end + 1, character),)


def check(item: AgendaItem) -> Iterator[Finding]:
    for number, line in lines_matching(item, _CANDIDATE):
        for match in _CANDIDATE.finditer(line):
            # The longest prefix that repairs to one character (a lead byte takes 1-3).
            for end in range(match.end(), match.start() + 1, -1):
                garbled = line[match.start() : end]
                character = _repaired(garbled)
                if character is not None:
                    yield Finding(
                        Position(number, match.start() + 1),
                        f"'{garbled}' looks like '{character}' garbled by a"
                        f" wrong encoding (mojibake): write '{character}'",
                        edits=_edits(number, match.start(), end, garbled, character),
                    )
                    break
