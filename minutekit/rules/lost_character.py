"""A '?' stands where a letter, an apostrophe or '&' was lost.

Why: when text passes through a system that cannot store a character (an ampersand, a
curly apostrophe, an accented letter) the character is often replaced by '?'. The
minute then says "Commissioning ?Partnership" or "Children?s Services": the published
record misquotes names and posts. A question mark glued to the start of a word, or
standing between two letters, is almost never what the clerk wrote. Web addresses
(words holding '/' or '=') are left alone.

Passing example::

    The Assistant Director Performance, Commissioning & Partnership stated that

Failing example::

    The Assistant Director Performance, Commissioning ?Partnership stated that
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from minutekit import patterns
from minutekit.diagnostics import Finding, Severity
from minutekit.model import AgendaItem, Position
from minutekit.rules import lines_matching

CODE = "MK301"
NAME = "lost-character"
SEVERITY = Severity.WARNING

# The '?' first, what stands before it looked at behind it: a pattern that opens with a
# literal is found by a fast scan for it; one that opens with a look-behind is tried at
# every position of the line.
_LOST = re.compile(r"\?(?:(?<=\s\?)|(?<=^\?)|(?<=[^\W\d_]\?))(?=[^\W\d_])")
_QUESTION_MARK = re.compile(r"\?")


#: Reads only the lines as written: also run on a meeting's preface.
LINES = True


def check(item: AgendaItem) -> Iterator[Finding]:
    for number, line in lines_matching(item, _QUESTION_MARK):
        # Only where a match can start (a '?'); then the word around it.
        for match in _LOST.finditer(line):
            start = match.start()
            while start > 0 and not line[start - 1].isspace():
                start -= 1
            word = patterns.WORD_RE.match(line, start)
            assert word is not None  # the '?' itself is not white space
            if "/" in word[0] or "=" in word[0]:
                continue
            yield Finding(
                Position(number, match.start() + 1),
                f"'?' in '{word[0]}' looks like a lost character "
                "(a letter, an apostrophe or '&'): write the character itself",
            )
