"""Small text helpers shared by the parser, the rules and the converters."""

from __future__ import annotations

from collections.abc import Sequence

from minutekit import patterns

__all__ = ["collapse", "inside_word", "located", "source_map"]


def collapse(text: str) -> str:
    """``text`` with every run of white space made one space, and none at the ends."""
    return " ".join(text.split())


def located(text: str) -> tuple[str, tuple[int, ...]]:
    """``collapse(text)``, and for each of its characters the index in ``text`` it came from.

    A space that stands for a run of white space maps to the run's first character.
    """
    words: list[str] = []
    columns: list[int] = []
    for match in patterns.WORD_RE.finditer(text):
        if words:
            columns.append(columns[-1] + 1)  # the space: the run's first character
        words.append(match[0])
        columns.extend(range(match.start(), match.end()))
    return " ".join(words), tuple(columns)


def inside_word(text: str, start: int) -> bool:
    """Whether ``text[start]`` continues a word (what ``\\b`` at ``start`` would refuse).

    Patterns that open with a literal are found fast by the regex engine; one that opens
    with ``\\b`` or a look-behind is tried at every position. So the boundary is checked
    here, after the match.
    """
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")


def source_map(
    lines: Sequence[str], first: tuple[int, int], last: tuple[int, int]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text from 1-based (line, column) ``first`` to ``last`` (exclusive) as the model
    writes it, and the (line, column) in ``lines`` of each of its characters.

    Lines are collapsed and joined with one space, blank ones left out: how a paragraph
    is made of the lines it was joined from. A caller that holds the text the model wrote
    compares it with the text here before it trusts the map.
    """
    text: list[str] = []
    where: list[tuple[int, int]] = []
    for number in range(first[0], last[0] + 1):
        line = lines[number - 1] if 0 < number <= len(lines) else ""
        start = first[1] - 1 if number == first[0] else 0
        end = last[1] - 1 if number == last[0] else len(line)
        piece, columns = located(line[start:end])
        if not piece:
            continue
        if text:
            text.append(" ")
            where.append(where[-1])
        text.append(piece)
        where.extend((number, start + c + 1) for c in columns)
    return "".join(text), tuple(where)
