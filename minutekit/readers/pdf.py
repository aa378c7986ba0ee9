"""PDF printed minutes: the text layer, in reading order, one line per paragraph as printed.

Takes the bytes of a PDF. Reads the text layer only (no OCR) with pdfminer.six, whose
layout analysis gives the lines of each page in reading order. Guarantees:

- the printed lines of a paragraph are joined into one line of text: a line continues
  onto the next when the next line's first word would not have fitted after it (the
  writer wrapped it), across a page break too, so a page break ends no paragraph and no
  list; a line that ends in a hyphen after a letter is joined without a space, the
  hyphen kept as printed (it is never guessed whether the writer hyphenated a word);
- the space between paragraphs reads as blank lines, as many as the printed gap holds
  lines of the page's usual spacing (at a page break, one);
- running headers, footers and page numbers are dropped: a line among the first or last
  few of a page whose text (its digits aside, when they are the same on every page or
  go up with the page) stands at the same height on every page
  after the first (and on two pages at least);
- every line maps to the page and the printed line of that page where it starts
  (``minutes.pdf:p3:14``).

Refuses, with one finding (MK006): a file that is not a PDF or whose structure cannot
be read (a broken cross-reference table the parser cannot recover from: pdfminer finds
the objects of one whose offsets are wrong), an encrypted
PDF, one over :data:`MAX_PAGES` pages, and a PDF with no text layer ("no text layer
(scanned?)").

Never: runs OCR, reorders words within a printed line, or drops a line that is not
repeated page furniture.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import attrs

from minutekit.readers import Place, Reading
from minutekit.readers._common import MAX_TEXT, reading, refusal

if TYPE_CHECKING:  # pdfminer is imported when a PDF is read, not by every run
    from pdfminer.layout import LTPage, LTTextLine

NAME = "pdf"
SUFFIXES = (".pdf",)
MEDIA_TYPE = "application/pdf"

#: The most pages read: a year of a committee's minutes is a few hundred.
MAX_PAGES = 1000

_MAGIC = b"%PDF-"
_WHITE = re.compile(r"\s+")
_HYPHENATED = re.compile(r"\w-$")
#: How many lines at the top and at the bottom of a page may be running furniture.
_FURNITURE_LINES = 3


def sniff(data: bytes) -> bool:
    """A PDF: ``%PDF-`` within its first kilobyte (the specification allows leading bytes)."""
    return _MAGIC in data[:1024]


@attrs.frozen
class _Line:
    """A printed line: its text, page, number on the page, and geometry."""

    text: str
    page: int
    number: int
    left: float
    right: float
    bottom: float
    top: float
    #: The page's width: with the leftmost line, where the right margin is.
    page_width: float
    #: The width of the line's first word (with the space before it), for wrapping.
    first_word: float


def read(data: bytes, name: str, encoding: str | None = None) -> Reading:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pages = list(_pages(data))
    except _Refused as refused:
        return refusal(data, name, str(refused), MEDIA_TYPE)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        return refusal(data, name, "the PDF is encrypted: save it without a password", MEDIA_TYPE)
    except Exception as error:  # pdfminer raises many kinds on a damaged file
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return refusal(
            data, name, f"not a readable PDF: {reason} (its structure is damaged)", MEDIA_TYPE
        )
    if not pages:
        return refusal(
            data,
            name,
            "not a readable PDF: no page was found (its cross-reference table is broken?)",
            MEDIA_TYPE,
        )
    if not any(pages):
        return refusal(
            data,
            name,
            "no text layer (scanned?): minutekit reads a PDF's text, it does no OCR;"
            " save the minutes as .docx or plain text",
            MEDIA_TYPE,
        )
    body = [page[top:bottom] for page, (top, bottom) in zip(pages, _furniture(pages), strict=True)]
    paragraphs = list(_paragraphs(body))
    read = reading(
        data, name, [(text, pieces[0][1]) for text, pieces in paragraphs], MEDIA_TYPE, "PDF"
    )
    kept = len(read.source.lines)
    if not kept:
        return read
    return attrs.evolve(read, locations=PrintedLines(tuple(p for _, p in paragraphs[:kept])))


@attrs.frozen
class PrintedLines:
    """The map of a PDF's text: each line of text is one or more printed lines, each
    piece ``(column, place)`` starting at that column of the text line."""

    lines: tuple[tuple[tuple[int, Place], ...], ...]

    def place(self, line: int, column: int) -> Place:
        pieces = self.lines[min(max(line, 1), len(self.lines)) - 1]
        start, where = next((p for p in reversed(pieces) if p[0] <= column), pieces[0])
        return attrs.evolve(where, column=where.column + max(column - start, 0))


class _Refused(Exception):
    pass


def _pages(data: bytes) -> Iterator[list[_Line]]:
    if not sniff(data):
        raise _Refused("not a PDF: it does not start with %PDF-")
    import logging

    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    # pdfminer reports what it recovers from through logging; minutekit's own findings say
    # what matters, so its records are not printed unless the application configures logging.
    pdfminer_log = logging.getLogger("pdfminer")
    if not pdfminer_log.handlers:
        pdfminer_log.addHandler(logging.NullHandler())
    size = 0
    for index, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams()), start=1):
        if index > MAX_PAGES:
            raise _Refused(
                f"the PDF has more than {MAX_PAGES} pages: save the minutes on their own"
            )
        lines = _page_lines(page, index)
        size += sum(len(line.text) for line in lines)
        if size > MAX_TEXT:
            raise _Refused(f"the PDF's text runs beyond {MAX_TEXT:,} characters")
        yield lines


def _text_lines(container: object) -> Iterator[LTTextLine]:
    from pdfminer.layout import LTTextContainer, LTTextLine

    for child in container:  # type: ignore[attr-defined]
        if isinstance(child, LTTextLine):
            yield child
        elif isinstance(child, LTTextContainer):
            yield from _text_lines(child)


def _page_lines(page: LTPage, number: int) -> list[_Line]:
    from pdfminer.layout import LTChar

    printed = [line for line in _text_lines(page) if line.get_text().strip()]
    lines = []
    for index, line in enumerate(printed, start=1):
        chars = [c for c in line if isinstance(c, LTChar)]
        first_word = 0.0
        if chars:
            word_end = next(
                (c.x1 for c, n in itertools.pairwise(chars) if n.get_text().isspace()), chars[-1].x1
            )
            space = chars[0].width * 0.5
            first_word = word_end - chars[0].x0 + space
        lines.append(
            _Line(
                text=line.get_text().strip(),
                page=number,
                number=index,
                left=line.x0,
                right=line.x1,
                bottom=line.y0,
                top=line.y1,
                page_width=page.width,
                first_word=first_word,
            )
        )
    return lines


def _furniture_key(line: _Line) -> tuple[str, int]:
    """What a running header or footer keeps from page to page: its text, digits aside,
    and its height on the page (to a few points)."""
    from minutekit.patterns import DIGITS_RE

    return DIGITS_RE.sub("#", _WHITE.sub(" ", line.text)), round(line.bottom / 4)


def _furniture(pages: Sequence[list[_Line]]) -> list[tuple[int, int]]:
    """For each page, the slice of its lines that is not running header or footer: a
    line among the first or last few of its page whose text, digits aside, is there too
    on every page after the first, and on two pages at least, and whose digits are the
    same on each page or go up with the page (a page number)."""

    def ends(page: list[_Line], at_top: bool) -> dict[tuple[str, int], str]:
        lines = page[:_FURNITURE_LINES] if at_top else page[-_FURNITURE_LINES:]
        return {_furniture_key(line): line.text for line in lines}

    tops = [ends(page, True) for page in pages]
    bottoms = [ends(page, False) for page in pages]

    def running(key: tuple[str, int], at_top: bool) -> bool:
        found = tops if at_top else bottoms
        if not all(key in page for page in found[1:]) or sum(key in page for page in found) < 2:
            return False
        return _numbered_as_pages({i: page[key] for i, page in enumerate(found) if key in page})

    slices = []
    for page in pages:
        top = 0
        while top < min(_FURNITURE_LINES, len(page)) and running(_furniture_key(page[top]), True):
            top += 1
        bottom = len(page)
        while bottom > max(top, len(page) - _FURNITURE_LINES) and running(
            _furniture_key(page[bottom - 1]), False
        ):
            bottom -= 1
        slices.append((top, bottom))
    return slices


def _numbered_as_pages(texts: dict[int, str]) -> bool:
    """Whether one line's texts, by page index, differ only as a page number does: each
    number is the same on every page, or goes up with the page ("Page 2 of 9", "Page 3
    of 9"). "(4) That the report be noted." atop one page and "(8) That the report be
    noted." atop the next are list items, not furniture."""
    from minutekit.patterns import DIGITS_RE

    numbers = [DIGITS_RE.findall(text) for text in texts.values()]
    for column in zip(*numbers, strict=True):
        if len(set(column)) == 1:
            continue
        if any(len(figure) > 9 for figure in column):
            return False
        if len({int(figure) - page for figure, page in zip(column, texts, strict=True)}) != 1:
            return False
    return True


def _pitch(lines: Sequence[_Line]) -> float:
    """The usual distance between one printed line and the next of a paragraph: the
    commonest, among those under twice the height of a line."""
    import statistics

    height = statistics.median(line.top - line.bottom for line in lines) if lines else 10.0
    gaps = [
        round(a.bottom - b.bottom, 1)
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and 0 < a.bottom - b.bottom < height * 2
    ]
    return statistics.mode(gaps) if gaps else height * 1.2


def _paragraphs(
    pages: Sequence[list[_Line]],
) -> Iterator[tuple[str, tuple[tuple[int, Place], ...]]]:
    """Each paragraph's text, and where each of its printed lines starts in it."""
    lines = [line for page in pages for line in page]
    pitch = _pitch(lines)
    # The text's right edge: the widest line, or as far from the page's right edge as the
    # leftmost line is from its left edge.
    margin = max(
        max((line.right for line in lines), default=0.0),
        max((line.page_width for line in lines), default=0.0)
        - min((line.left for line in lines), default=0.0),
    )
    lowest = min((line.bottom for line in lines), default=0.0)  # the text's bottom edge
    text = ""
    pieces: list[tuple[int, Place]] = []
    previous: _Line | None = None
    for line in lines:
        if previous is not None and pieces:
            same_page = previous.page == line.page
            gap = previous.bottom - line.bottom if same_page else pitch
            wrapped = previous.right + line.first_word > margin
            # Over a page break, a paragraph goes on only from a full page.
            full = previous.bottom - lowest < pitch * 0.9
            if wrapped and (0 < gap < pitch * 1.5 if same_page else full):
                text += "" if _HYPHENATED.search(previous.text) else " "
                pieces.append((len(text) + 1, Place(line.number, 1, page=line.page)))
                text += line.text
                previous = line
                continue
            yield text, tuple(pieces)
            blanks = max(0, round(gap / pitch) - 1) if same_page and gap > 0 else 1
            for _ in range(blanks):
                yield "", (pieces[-1],)
        text = line.text
        pieces = [(1, Place(line.number, 1, page=line.page))]
        previous = line
    if pieces:
        yield text, tuple(pieces)
