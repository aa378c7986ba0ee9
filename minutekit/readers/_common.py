"""What the readers of documents share: the text they make, and how they refuse a file.

A document reader turns what it finds into lines of text, each with the :class:`Place`
in the original where it starts; :func:`reading` makes the :class:`Reading` of them, as
the text reader would decode the same lines (NBSP is a space, no line breaks inside a
line). A file the reader cannot read (another format, damaged, hostile, no text) is
refused by :func:`refusal` with one finding, MK006, whose message says what to do.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from minutekit.diagnostics import Finding
from minutekit.positions import Position
from minutekit.readers import LineTable, Place, Reading

__all__ = ["MAX_TEXT", "integer", "letters", "reading", "refusal", "roman"]

#: The most text any document may yield (characters): minutes are a few hundred
#: kilobytes at most; a document that expands beyond this is refused, not read.
MAX_TEXT = 20_000_000


def refusal(data: bytes, name: str, message: str, media_type: str) -> Reading:
    """The reading of a file that is refused, with ``message`` as its one finding."""
    from minutekit.source import UNREADABLE, SourceText

    finding = Finding(Position(1, 1), message, code=UNREADABLE)
    source = SourceText(name, hashlib.sha256(data).hexdigest(), (), (finding,))
    return Reading(source, LineTable(()), media_type)


def reading(
    data: bytes,
    name: str,
    lines: Sequence[tuple[str, Place]],
    media_type: str,
    what: str,
    heading_lines: frozenset[int] = frozenset(),
) -> Reading:
    """The reading of ``lines`` (text and where it starts) found in ``data``.

    ``what`` names the file's kind in the message for a file with no text at all;
    ``heading_lines`` are the lines (1-based) the original marks as headings.
    """
    from minutekit.source import EMPTY, SourceText

    texts = [" ".join(text.replace("\u00a0", " ").splitlines()) for text, _ in lines]
    while texts and not texts[-1].strip():
        texts.pop()
    digest = hashlib.sha256(data).hexdigest()
    if not texts:
        finding = Finding(Position(1, 1), f"the {what} has no text", code=EMPTY)
        return Reading(SourceText(name, digest, (), (finding,)), LineTable(()), media_type)
    starts = tuple(place for _, place in lines[: len(texts)])
    return Reading(
        SourceText(name, digest, tuple(texts), ()),
        LineTable(starts),
        media_type,
        frozenset(n for n in heading_lines if n <= len(texts)),
    )


_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def roman(value: int) -> str:
    """A list number in lower-case Roman numerals, as Word and browsers print it (in
    figures outside 1-3999, which Roman numerals do not write)."""
    if not 1 <= value <= 3999:
        return str(value)
    out = []
    for amount, numeral in _ROMAN:
        while value >= amount:
            out.append(numeral)
            value -= amount
    return "".join(out)


def letters(value: int) -> str:
    """A list number in letters as Word prints it: a … z, then aa … zz, then aaa … (in
    figures outside 1-780, where Word's letters stop)."""
    if not 1 <= value <= 780:
        return str(value)
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def integer(text: str | None, default: int) -> int:
    """A number written in a document's markup, or ``default`` if it is not one."""
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default
