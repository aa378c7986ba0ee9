"""Small text helpers shared by the parser, the rules and the converters."""

from __future__ import annotations

__all__ = ["collapse", "inside_word"]


def collapse(text: str) -> str:
    """``text`` with every run of white space made one space, and none at the ends."""
    return " ".join(text.split())


def inside_word(text: str, start: int) -> bool:
    """Whether ``text[start]`` continues a word (what ``\\b`` at ``start`` would refuse).

    Patterns that open with a literal are found fast by the regex engine; one that opens
    with ``\\b`` or a look-behind is tried at every position. So the boundary is checked
    here, after the match.
    """
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")
