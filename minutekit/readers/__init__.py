"""Readers: a file's bytes → the lines minutekit reads, plus a map back to the original.

One module per input format in this package (plain text, and the formats clerks and
portals hold), discovered, never listed by hand. Each module has ``NAME`` (the
``--input-format`` choice), ``SUFFIXES``, ``MEDIA_TYPE``, a docstring, ``sniff(data)``
(does the content look like this format: magic bytes or markup, not the file name) and
``read(data, name, encoding)`` returning a :class:`Reading`.

A reader guarantees: :attr:`Reading.source` holds one line of text per line the grammar
reads, decoded as :mod:`minutekit.source` decodes text (NBSP is a space, a line of only
white space is blank); :attr:`Reading.locations` says where each line and column of that
text stands in the original (a text line, a Word paragraph, an HTML source line, a line
of a PDF page); :attr:`Reading.heading_lines` are the lines the original marks as
headings (a Word paragraph styled as a title or heading, or all in bold), for the
parser to take an item's title from where the text alone does not show one (plain text
marks none). Problems with the file (not this format after all, damaged, hostile) are
findings on the source, located, never raised.

Never: parses minutes, guesses at structure the original does not show, or loses a word.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from minutekit import registry
from minutekit.positions import Place

if TYPE_CHECKING:  # a folder walk reads the readers' suffixes, not their text
    from minutekit.source import SourceText

__all__ = [
    "ENTRY_POINT_GROUP",
    "LineTable",
    "LocationMap",
    "Place",
    "Reader",
    "Reading",
    "SameLines",
    "catalogue",
    "for_input",
]


class LocationMap(Protocol):
    """Where a line and column of the text read stands in the original."""

    def place(self, line: int, column: int) -> Place: ...


@attrs.frozen
class SameLines:
    """The map of a plain-text file: line *n* of the text is line *n* of the file."""

    def place(self, line: int, column: int) -> Place:
        return Place(line, column)


@attrs.frozen
class LineTable:
    """Each line of the text read, mapped to the place where it starts in the original.

    ``starts[n - 1]`` is where line *n* starts; a column within the line is counted on
    from there. A position past the last line (the end of the text) maps to the last
    line's place.
    """

    starts: tuple[Place, ...]

    def place(self, line: int, column: int) -> Place:
        if not self.starts:
            return Place(line, column)
        start = self.starts[min(max(line, 1), len(self.starts)) - 1]
        return attrs.evolve(start, column=start.column + column - 1)


@attrs.frozen
class Reading:
    """What a reader made of one file."""

    source: SourceText
    locations: LocationMap
    #: The media type of the original (``text/plain``, ``application/pdf``, …).
    media_type: str
    #: The lines (1-based) the original marks as headings: a title or heading style, or
    #: a short paragraph all in bold. Plain text marks none.
    heading_lines: frozenset[int] = frozenset()


class Reader(Protocol):
    """A reader module (see the module docstring)."""

    NAME: str
    SUFFIXES: tuple[str, ...]
    MEDIA_TYPE: str

    def sniff(self, data: bytes) -> bool: ...

    def read(self, data: bytes, name: str, encoding: str | None = None) -> Reading: ...


#: The reader of last resort: any bytes are read as text (and refused if they are not).
_PLAIN = "txt"
#: Other packages add readers through this entry point group, each naming a module.
ENTRY_POINT_GROUP = "minutekit.readers"


def _reader(module: Any) -> Reader:
    for constant in ("NAME", "SUFFIXES", "MEDIA_TYPE", "sniff", "read"):
        if not hasattr(module, constant):
            raise TypeError(f"reader module {module.__name__} has no {constant}")
    reader: Reader = module
    return reader


@functools.cache
def catalogue() -> dict[str, Reader]:
    """Every reader by ``NAME``, plain text last."""
    found = registry.discover(
        "reader", registry.modules(__name__, ENTRY_POINT_GROUP), _reader, lambda r: (r.NAME,)
    )
    plain = found.pop(_PLAIN)
    return {**dict(sorted(found.items())), _PLAIN: plain}


def for_input(data: bytes, name: str, input_format: str | None = None) -> Reader:
    """The reader for a file: the one asked for, else the one whose content this is
    (magic bytes, markup), else the one its suffix names, else plain text."""
    readers = catalogue()
    if input_format is not None:
        return readers[input_format]
    for reader in readers.values():
        if reader.NAME != _PLAIN and reader.sniff(data):
            return reader
    suffix = name.rpartition(".")[2].lower() if "." in name else ""
    for reader in readers.values():
        if f".{suffix}" in reader.SUFFIXES:
            return reader
    return readers[_PLAIN]
