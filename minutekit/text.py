"""Small text helpers shared by the parser, the rules and the converters."""

from __future__ import annotations

__all__ = ["collapse", "fold", "inside_word"]

# The only letters outside ASCII that a case-insensitive pattern (``re.IGNORECASE``,
# lark's ``/…/i``) takes for ASCII ones: İ and ı match "i", ſ matches "s", the Kelvin
# sign matches "k". ``str.lower`` keeps three of them as they are and turns İ into two
# characters, so a lookup of a matched word needs :func:`fold`.
_ASCII_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def collapse(text: str) -> str:
    """``text`` with every run of white space made one space, and none at the ends."""
    return " ".join(text.split())


def fold(text: str) -> str:
    """``text`` as a case-insensitive pattern read it: in lower case, with the letters
    such a pattern takes for ASCII ones made those letters ("agaınſt" → "against").

    Every word a case-insensitive match found and a table then looks up goes through
    this, so that whatever the pattern accepted, the table knows.
    """
    return text.translate(_ASCII_FOLDS).lower()


def inside_word(text: str, start: int) -> bool:
    """Whether ``text[start]`` continues a word (what ``\\b`` at ``start`` would refuse).

    Patterns that open with a literal are found fast by the regex engine; one that opens
    with ``\\b`` or a look-behind is tried at every position. So the boundary is checked
    here, after the match.
    """
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")
