"""Small text helpers shared by the parser, the rules and the converters."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Sequence
from typing import overload

from minutekit import patterns

__all__ = [
    "ItemLines",
    "collapse",
    "fold",
    "inside_word",
    "located",
    "numbered_lines",
    "source_map",
]

# The only letters outside ASCII that a case-insensitive pattern (``re.IGNORECASE``,
# lark's ``/…/i``) takes for ASCII ones: İ and ı match "i", ſ matches "s", the Kelvin
# sign matches "k". ``str.lower`` keeps three of them as they are and turns İ into two
# characters, so a lookup of a matched word needs :func:`fold`.
_ASCII_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


@functools.lru_cache(maxsize=4)
def digit_runs(text: str) -> tuple[tuple[int, int], ...]:
    """Where each run of digits in ``text`` starts and ends.

    Finding digits means trying every position of the text, the dearest kind of search
    there is; the finders that need them (dates, votes) read the same item's text, so
    it is searched once for them all.
    """
    return tuple([found.span() for found in patterns.DIGITS_RE.finditer(text)])


def collapse(text: str) -> str:
    """``text`` with every run of white space made one space, and none at the ends."""
    line = text[:-1] if text[-1:] == "\n" else text
    # Most lines are already so: printable (so every white space in them is a plain
    # space), no two spaces together, none at the ends. Telling costs less than the split.
    if line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " ":
        return str(line)
    return " ".join(text.split())


def fold(text: str) -> str:
    """``text`` as a case-insensitive pattern read it: in lower case, with the letters
    such a pattern takes for ASCII ones made those letters ("agaınſt" → "against").

    Every word a case-insensitive match found and a table then looks up goes through
    this, so that whatever the pattern accepted, the table knows.
    """
    return text.translate(_ASCII_FOLDS).lower()


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


class ItemLines(Sequence[str]):
    """The lines of a file as one item of a meeting file sees them, without a copy.

    Line *n* of the file is ``self[n - 1]``; the lines before the item read as blank
    and the sequence ends with the item's own last line, so every line number is the
    file's. :func:`numbered_lines` walks the item's own lines only: the checks of an
    item cost what the item is long, not where it stands in the file.
    """

    __slots__ = ("_lines", "first", "last")

    def __init__(self, lines: Sequence[str], first: int, last: int) -> None:
        #: The file's lines (shared by every item), and the item's 0-based slice of them.
        self._lines, self.first, self.last = lines, first, last

    def __len__(self) -> int:
        return self.last

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self.last)
            if step == 1 and start >= self.first:
                return tuple(self._lines[start:stop])
            return tuple(self[i] for i in range(start, stop, step))
        if index < 0:
            index += self.last
        if not 0 <= index < self.last:
            raise IndexError(index)
        return self._lines[index] if index >= self.first else ""

    def __iter__(self) -> Iterator[str]:
        return itertools.chain(itertools.repeat("", self.first), self.own())

    def own(self) -> Sequence[str]:
        """The item's own lines (from line ``first + 1`` of the file)."""
        return self._lines[self.first : self.last]

    def __reduce__(self) -> tuple[type[ItemLines], tuple[Sequence[str], int, int]]:
        return ItemLines, (self._lines, self.first, self.last)


def numbered_lines(lines: Sequence[str]) -> Iterator[tuple[int, str]]:
    """(line number, line) for the lines that hold text of their own: all of a file's,
    an item's own ones (see :class:`ItemLines`)."""
    if isinstance(lines, ItemLines):
        return enumerate(lines.own(), start=lines.first + 1)
    return enumerate(lines, start=1)


def own_text(lines: Sequence[str]) -> str:
    """The lines :func:`numbered_lines` gives, joined by line breaks (in one call: a
    loop over the lines to join them costs more than a search of the text).

    The stages ask for the same item's text several times (its votes, its formalities,
    the text-quality rules); the last few texts are kept, so it is joined once (and a
    cache keyed by it, :func:`digit_runs`, finds it at once). Lines that cannot be a
    key (a list) are joined each time.
    """
    try:
        return _kept_text(lines)
    except TypeError:  # not hashable
        return _joined(lines)


def _joined(lines: Sequence[str]) -> str:
    return "\n".join(lines.own() if isinstance(lines, ItemLines) else lines)


_kept_text = functools.lru_cache(maxsize=4)(_joined)


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
