"""The words that introduce an outcome: one definition, read by the grammar and the parser.

The grammar's terminals are written in ``agenda_item.lark``; where one of them needs a
word family defined here it names it as ``@NAME@`` and the grammar loader puts the
pattern in (see :func:`minutekit.grammar.grammar_text`). The parser reads the same
patterns to split a heading from the text on its line. Every pattern matches inside
one line only (white space is ``[^\\S\\n]``), and holds no capturing group.

- ``RESOLVED_OPENING``: a Resolved-family word where it introduces the outcome at the
  start of a line: ``RESOLVED``, ``Resolved``; after a paragraph or page number (``2
  Resolved –``, ``6.2  RESOLVED``) or a bullet; after ``It was``; with a vote qualifier
  before or after it (``UNANIMOUSLY RESOLVED``, ``Resolved unanimously``), and the
  punctuation after it (``:``, ``–``, ``-``, ``:-``, ``: -``, ``.``, ``,``).
- ``RESOLVED_LEAD_IN``: a lead-in naming who resolved, ending the line with a colon:
  ``The Committee resolved:-``, ``Executive resolved that:-``, ``Cabinet considered the
  report and RESOLVED:``, ``Council resolved to approve:``. A sentence that merely
  mentions resolving (``the Committee resolved to approve the scheme in 2019.``) is
  neither.
"""

from __future__ import annotations

__all__ = ["RESOLVED_LEAD_IN", "RESOLVED_OPENING", "VOCABULARY"]

_SPACE = r"[^\S\n]"
_QUALIFIER = r"(?:UNANIMOUSLY|Unanimously|unanimously)"
_WORD = r"(?:RESOLVED|Resolved)"
_BEFORE = rf"(?:\d{{1,3}}(?:\.\d{{1,3}})?{_SPACE}+|[·•*▪►]{_SPACE}*)?"
_PUNCTUATION = rf"(?:{_SPACE}*(?::-|:{_SPACE}+-|[-–—:.,]))?"

RESOLVED_OPENING = (
    rf"{_BEFORE}(?:(?:It|it){_SPACE}+was,?{_SPACE}+(?:{_QUALIFIER}{_SPACE}+)?"
    rf"(?:RESOLVED|Resolved|resolved)|(?:{_QUALIFIER}{_SPACE}+)?{_WORD}"
    rf"(?:,?{_SPACE}+{_QUALIFIER})?){_PUNCTUATION}"
)

RESOLVED_LEAD_IN = (
    rf"\S[^\n]*{_SPACE}(?:RESOLVED|resolved)"
    rf"(?:{_SPACE}+that|{_SPACE}+to{_SPACE}+[a-z]+)?{_SPACE}*(?::-|:)"
)

#: The patterns the grammar names, by name.
VOCABULARY: dict[str, str] = {
    "RESOLVED_OPENING": RESOLVED_OPENING,
    "RESOLVED_LEAD_IN": RESOLVED_LEAD_IN,
}
