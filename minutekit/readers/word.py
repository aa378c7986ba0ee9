"""Word ``.docx``: the document as it prints, one line per paragraph, numbers as Word shows them.

Takes the bytes of a WordprocessingML package. Guarantees:

- the body's paragraphs in document order; a table row by row (a row whose cells hold
  one paragraph each is one line, the cells apart by a tab; otherwise each paragraph of
  each cell is a line); a text box's paragraphs after the paragraph that anchors it;
  headers, footers, footnotes and comments are not read;
- Word's automatic numbering is rendered as printed (:class:`Numbering`: the level's
  ``lvlText`` with each ``%n`` in its ``numFmt``, counted from ``start``, restarted by
  ``lvlOverride``/``startOverride`` and by a higher level, the suffix after it), so a
  Resolved list numbered by Word reads ``(1)``, ``(2)`` …; a bullet in a symbol font
  reads as Word's own plain-text export writes it (``·``);
- tracked changes read as accepted: inserted text is kept, deleted text dropped, and a
  paragraph whose mark was deleted runs on into the next (paragraphs are still counted
  as stored); hidden text and field codes are not printed, so they are not read;
- a soft line break (``w:br``) starts a new line of the same paragraph;
- a paragraph styled ``Title``, ``Heading 1`` or ``Heading 2`` (by its style's id or
  name, through ``basedOn``), or a short one whose every run prints in bold, and that
  is not a list item, is one line and is reported as a heading line
  (:attr:`~minutekit.readers.Reading.heading_lines`);
- every line maps to ``¶N:C``, its paragraph's number (every paragraph of the body, in
  tables and text boxes too, counted in document order) and column.

Refuses, with one finding (MK006) saying what to do: a file that is not a zip package,
a package that would expand beyond a bound (a zip bomb), a package with no document
part, XML that does not parse (entities and DTDs are never expanded:
:mod:`minutekit.safexml`), and the word-processor formats minutekit does not read
(``.doc``, ``.odt``, ``.rtf``: "save it as .docx or plain text").

Never: reads headers/footers, guesses a number Word would not print, or drops a word of
a paragraph that prints.
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from minutekit.readers import Place, Reading
from minutekit.readers._common import MAX_TEXT, integer, letters, reading, refusal, roman

if TYPE_CHECKING:  # lxml is imported when such a file is read, not by every run
    from lxml import etree


NAME = "docx"
SUFFIXES = (".docx",)
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RTF = b"{\\rtf"
_ODF_TEXT = b"mimetypeapplication/vnd.oasis.opendocument.text"
_SAVE_AS = "save it as .docx or plain text"

#: Bounds on what a package may expand to: a part, and all the parts read together.
MAX_PART = 64 * 1024 * 1024
MAX_RATIO = 200

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "/officeDocument"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = map(_w, ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_R, _T, _TAB, _BR, _CR, _INS, _DEL, _MOVE_FROM = map(
    _w, ("r", "t", "tab", "br", "cr", "ins", "del", "moveFrom")
)
_TXBX = _w("txbxContent")
#: The text of an equation's run (Office Math), which is not in a w:t.
_MATH_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
#: Stands at the end of a paragraph whose mark is a tracked deletion (NUL: no text holds it).
_DELETED_MARK = "\x00"
#: A symbol's character code, outside the surrogates (which are not characters).
_HEX = re.compile(r"(?![dD][89a-fA-F][0-9A-Fa-f]{2}$)[0-9A-Fa-f]{1,4}")
_FALLBACK = f"{{{_MC}}}Fallback"
_VAL = _w("val")
#: Parts of a paragraph that do not print (accepted changes, hidden text, field codes,
#: properties, notes' anchors).
_NOT_PRINTED = frozenset(
    map(_w, ("del", "moveFrom", "pPr", "rPr", "instrText", "delInstrText", "delText"))
) | {_FALLBACK}


class DocumentError(Exception):
    """The package cannot be read; the message says why, in one line."""


def sniff(data: bytes) -> bool:
    """A word-processor file: a WordprocessingML package (a zip holding
    ``word/document.xml``), or one of the formats this reader refuses clearly."""
    if data.startswith(_ZIP):
        return b"word/document.xml" in data or data[30:].startswith(_ODF_TEXT)
    return data.startswith((_OLE, _RTF))


def read(data: bytes, name: str, encoding: str | None = None) -> Reading:
    other = _other_format(data)
    if other is not None:
        return refusal(data, name, f"{other}: minutekit reads .docx; {_SAVE_AS}", MEDIA_TYPE)
    try:
        marked = list(_Document(data).lines())
    except DocumentError as error:
        return refusal(data, name, f"not a readable Word .docx file: {error}", MEDIA_TYPE)
    except RecursionError:
        return refusal(
            data, name, "not a readable Word .docx file: its XML nests too deeply", MEDIA_TYPE
        )
    lines = [(text, place) for text, place, _ in marked]
    headings = frozenset(n for n, (_, _, heading) in enumerate(marked, start=1) if heading)
    return reading(data, name, lines, MEDIA_TYPE, "Word document", headings)


def _other_format(data: bytes) -> str | None:
    if data.startswith(_OLE):
        return "an old binary Office file (Word 97-2003 .doc)"
    if data.startswith(_RTF):
        return "a Rich Text Format (.rtf) file"
    if data.startswith(_ZIP) and data[30:].startswith(_ODF_TEXT):
        return "an OpenDocument text (.odt) file"
    return None


def _bool(element: etree._Element | None) -> bool:
    """An OOXML on/off property: present and not turned off."""
    return element is not None and element.get(_VAL, "true") not in ("0", "false", "off")


class _Package:
    """The parts of a zip package, each read within the bounds."""

    def __init__(self, data: bytes) -> None:
        import zipfile  # where a document is read, not for a folder walk

        if not data.startswith(_ZIP):
            raise DocumentError("it is not a zip package (a .docx file is one)")
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise DocumentError(f"the zip package is damaged ({error})") from None
        self._budget = max(MAX_PART, len(data) * MAX_RATIO)
        self._names = set(self._zip.namelist())

    def has(self, name: str) -> bool:
        return name in self._names

    def xml(self, name: str) -> etree._Element:
        import zipfile

        try:
            with self._zip.open(name) as part:
                data = part.read(min(MAX_PART, self._budget) + 1)
        except (
            zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError
        ) as error:  # fmt: skip
            raise DocumentError(f"its part {name} cannot be read ({error})") from None
        if len(data) > min(MAX_PART, self._budget):
            raise DocumentError(
                f"its part {name} expands beyond {MAX_PART // 1024 // 1024} MB (a zip bomb?)"
            )
        self._budget -= len(data)
        from lxml import etree

        from minutekit import safexml

        try:
            return safexml.fromstring(data)
        except etree.XMLSyntaxError as error:
            raise DocumentError(f"its part {name} is not well-formed XML ({error})") from None

    def related(self, source: str, kind: str) -> str | None:
        """The part that ``source`` relates to by a relationship of ``kind``, if any."""
        folder, base = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", f"{base}.rels")
        if not self.has(rels):
            return None
        for rel in self.xml(rels).iter(f"{{{_REL}}}Relationship"):
            if rel.get("Type", "").endswith(kind) and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                if target.startswith("/"):
                    return target[1:]
                return posixpath.normpath(posixpath.join(folder, target))
        return None


class Numbering:
    """Word's list engine over ``numbering.xml``: what number a paragraph prints.

    Counters are kept per abstract list, as Word keeps them, so two lists that share
    a definition continue each other unless one restarts (``startOverride``).
    """

    def __init__(
        self, numbering: etree._Element | None, styles: Callable[[], etree._Element | None]
    ) -> None:
        self._abstract: dict[str, dict[int, etree._Element]] = {}
        self._style_links: dict[str, str] = {}
        self._nums: dict[str, tuple[str, dict[int, etree._Element]]] = {}
        self._styles = styles
        if numbering is not None:
            for abstract in numbering.iter(_w("abstractNum")):
                levels = {integer(lvl.get(_w("ilvl")), 0): lvl for lvl in abstract.iter(_w("lvl"))}
                key = abstract.get(_w("abstractNumId"), "")
                self._abstract[key] = levels
                link = abstract.find(_w("numStyleLink"))
                if link is not None:
                    self._style_links[key] = link.get(_VAL, "")
            for num in numbering.iter(_w("num")):
                ref = num.find(_w("abstractNumId"))
                overrides = {integer(o.get(_w("ilvl")), 0): o for o in num.iter(_w("lvlOverride"))}
                self._nums[num.get(_w("numId"), "")] = (
                    ref.get(_VAL, "") if ref is not None else "",
                    overrides,
                )
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[tuple[str, int]] = set()

    def _abstract_of(self, num_id: str) -> str | None:
        entry = self._nums.get(num_id)
        if entry is None:
            return None
        abstract = entry[0]
        link = self._style_links.get(abstract)
        styles = self._styles() if link is not None else None
        if link is not None and styles is not None:
            linked = _style_num(styles, link)
            if linked is not None and linked[0] in self._nums and linked[0] != num_id:
                return self._nums[linked[0]][0]
        return abstract

    def _level(self, num_id: str, ilvl: int) -> etree._Element | None:
        override = self._nums[num_id][1].get(ilvl)
        if override is not None and override.find(_w("lvl")) is not None:
            return override.find(_w("lvl"))
        abstract = self._abstract_of(num_id)
        return self._abstract.get(abstract or "", {}).get(ilvl)

    def label(self, num_id: str, ilvl: int) -> str:
        """The number (and the space after it) a paragraph of list ``num_id`` at level
        ``ilvl`` prints, advancing the list's count; "" if it prints none."""
        if num_id == "0" or num_id not in self._nums:
            return ""
        level = self._level(num_id, ilvl)
        if level is None:
            return ""
        abstract = self._abstract_of(num_id) or ""
        counters = self._counters.setdefault(abstract, {})
        override = self._nums[num_id][1].get(ilvl)
        restart = override.find(_w("startOverride")) if override is not None else None
        if restart is not None and (num_id, ilvl) not in self._started:
            counters[ilvl] = integer(restart.get(_VAL), 0) - 1
        self._started.add((num_id, ilvl))
        counters[ilvl] = counters.get(ilvl, _start(level) - 1) + 1
        for deeper in [d for d in counters if d > ilvl]:
            deeper_level = self._level(num_id, deeper)
            restart_after = (
                deeper_level.find(_w("lvlRestart")) if deeper_level is not None else None
            )
            if restart_after is None or ilvl < integer(restart_after.get(_VAL), 0):
                del counters[deeper]
        fmt = _child_val(level, "numFmt", "decimal")
        text = _child_val(level, "lvlText", "")
        if fmt == "none":
            label = ""
        elif fmt == "bullet":
            label = _symbol(text)
        else:
            legal = _bool(level.find(_w("isLgl")))

            def number(match: re.Match[str]) -> str:
                at = int(match[1]) - 1
                at_level = self._level(num_id, at)
                if at_level is None:
                    return ""
                value = counters.get(at, _start(at_level))
                at_fmt = "decimal" if legal and at < ilvl else _child_val(at_level, "numFmt")
                return _format(value, at_fmt or "decimal")

            label = re.sub(r"%([1-9])", number, text)
        if not label:
            return ""
        suffix = _child_val(level, "suff", "tab")
        return label + {"tab": "\t", "space": " "}.get(suffix, "")


def _child_val(element: etree._Element, tag: str, default: str = "") -> str:
    child = element.find(_w(tag))
    return child.get(_VAL, default) if child is not None else default


def _start(level: etree._Element) -> int:
    return integer(_child_val(level, "start", "0"), 0)


def _symbol(text: str) -> str:
    """A bullet in a symbol font's private-use code point (U+F0B7) as Word's plain
    text export writes it (U+00B7)."""
    return "".join(chr(ord(c) - 0xF000) if 0xF020 <= ord(c) <= 0xF0FF else c for c in text)


def _format(value: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return letters(value)
    if fmt == "upperLetter":
        return letters(value).upper()
    if fmt == "lowerRoman":
        return roman(value)
    if fmt == "upperRoman":
        return roman(value).upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)  # decimal, and the formats minutekit's lists never use


def _style_num(styles: etree._Element, style_id: str) -> tuple[str, int] | None:
    """The list a paragraph style numbers its paragraphs with (through ``basedOn``)."""
    for style in _style_chain(styles, style_id):
        num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
        if num_pr is not None and num_pr.find(_w("numId")) is not None:
            return _child_val(num_pr, "numId", "0"), integer(_child_val(num_pr, "ilvl"), 0)
    return None


#: The styles whose paragraphs are headings (ids and names, lower case, no spaces).
_HEADING_STYLES = frozenset({"title", "heading1", "heading2"})
#: The longest paragraph in bold read as a heading (a bold paragraph of more is emphasis).
MAX_BOLD_HEADING = 120

#: A line of text, where it starts, and whether the original marks it as a heading.
_Line = tuple[str, Place, bool]


def _style_chain(styles: etree._Element, style_id: str) -> Iterator[etree._Element]:
    """The paragraph style ``style_id`` and the styles it is based on, nearest first."""
    seen = set()
    while style_id and style_id not in seen:
        seen.add(style_id)
        style = next(
            (s for s in styles.iter(_w("style")) if s.get(_w("styleId")) == style_id), None
        )
        if style is None:
            return
        yield style
        style_id = _child_val(style, "basedOn")


class _Document:
    def __init__(self, data: bytes) -> None:
        package = _Package(data)
        main = package.related("", _OFFICE_DOCUMENT) if package.has("_rels/.rels") else None
        main = main or "word/document.xml"
        if not package.has(main):
            raise DocumentError(f"the package has no document part ({main})")
        body = package.xml(main).find(_w("body"))
        if body is None:
            raise DocumentError(f"its document part {main} has no body")
        self._body = body
        self._package = package
        self._main = main
        self._style_nums: dict[str, tuple[str, int] | None] = {}
        self._style_marks: dict[str, tuple[bool, bool]] = {}
        self._paragraphs = 0
        self._size = 0

    def _part(self, kind: str) -> etree._Element | None:
        name = self._package.related(self._main, kind)
        return self._package.xml(name) if name else None

    # The styles and the list definitions are read when a paragraph first needs them.
    @functools.cached_property
    def _styles(self) -> etree._Element | None:
        return self._part("/styles")

    @functools.cached_property
    def _numbering(self) -> Numbering:
        return Numbering(self._part("/numbering"), lambda: self._styles)

    def lines(self) -> Iterator[_Line]:
        for text, place, heading in self._accepted(self._blocks(self._body)):
            self._size += len(text)
            if self._size > MAX_TEXT:
                raise DocumentError(f"its text runs beyond {MAX_TEXT:,} characters")
            yield text, place, heading

    def _blocks(self, container: etree._Element) -> Iterator[_Line]:
        for child in container:
            if child.tag == _P:
                yield from self._paragraph(child)
            elif child.tag == _TBL:
                for row in child.findall(_TR):
                    yield from self._row(row)
            elif child.tag in (_SDT, _SDT_CONTENT, _INS, _w("customXml"), _w("smartTag")):
                yield from self._blocks(child)

    def _row(self, row: etree._Element) -> Iterator[_Line]:
        cells = [list(self._blocks(cell)) for cell in row if cell.tag == _TC]
        if all(len(cell) <= 1 for cell in cells) and any(cells):
            first = next(cell[0][1] for cell in cells if cell)
            yield "\t".join(cell[0][0] if cell else "" for cell in cells), first, False
        else:
            for cell in cells:
                yield from cell

    @staticmethod
    def _accepted(lines: Iterator[_Line]) -> Iterator[_Line]:
        """The lines with each deleted paragraph mark accepted: the paragraph runs on
        into the next (a line ending in the mark, "\x00", is joined with the next; the
        two together are no heading)."""
        carried: _Line | None = None
        for text, place, heading in lines:
            if carried is not None:
                text, place, heading = carried[0] + text, carried[1], False
                carried = None
            if text.endswith(_DELETED_MARK):
                carried = text[: -len(_DELETED_MARK)], place, False
                continue
            yield text, place, heading
        if carried is not None:
            yield carried

    def _paragraph(self, paragraph: etree._Element) -> Iterator[_Line]:
        self._paragraphs += 1
        number = self._paragraphs
        label = self._label(paragraph)
        pieces = [label]
        boxes: list[etree._Element] = []
        self._text(paragraph, pieces, boxes)
        mark = paragraph.find(f"{_w('pPr')}/{_w('rPr')}")
        if mark is not None and mark.find(_DEL) is not None:
            pieces.append(_DELETED_MARK)
        lines = "".join(pieces).split("\n")
        heading = len(lines) == 1 and not label and self._heading(paragraph, lines[0])
        column = 1
        for line in lines:
            yield line, Place(number, column, unit="paragraph"), heading
            column += len(line) + 1
        for box in boxes:
            yield from self._blocks(box)

    def _text(
        self, element: etree._Element, pieces: list[str], boxes: list[etree._Element]
    ) -> None:
        for child in element:
            tag = child.tag
            if tag in _NOT_PRINTED or not isinstance(tag, str):
                continue
            if tag == _TXBX:
                boxes.append(child)
            elif tag == _R and _bool(child.find(f"{_w('rPr')}/{_w('vanish')}")):
                continue
            elif tag in (_T, _MATH_T):
                pieces.append(child.text or "")
            elif tag == _TAB and element.tag == _R:
                pieces.append("\t")
            elif tag in (_BR, _CR):
                if child.get(_w("type"), "textWrapping") == "textWrapping":
                    pieces.append("\n")
            elif tag == _w("noBreakHyphen"):
                pieces.append("-")
            elif tag == _w("sym"):
                code = child.get(_w("char"), "")
                pieces.append(_symbol(chr(int(code, 16))) if _HEX.fullmatch(code) else "")
            elif tag == _P:  # a paragraph inside a run's content: a text box's, read after
                continue
            else:
                self._text(child, pieces, boxes)

    def _marks(self, paragraph: etree._Element) -> tuple[bool, bool]:
        """Whether the paragraph's style is a heading style, and whether it is bold."""
        style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
        style_id = style.get(_VAL, "") if style is not None else ""
        if not style_id or self._styles is None:
            return False, False
        if style_id not in self._style_marks:
            heading = bold = False
            bold_set = False
            for found in _style_chain(self._styles, style_id):
                name = found.find(_w("name"))
                keys = {found.get(_w("styleId"), "")}
                if name is not None:
                    keys.add(name.get(_VAL, ""))
                if {k.lower().replace(" ", "") for k in keys} & _HEADING_STYLES:
                    heading = True
                b = found.find(f"{_w('rPr')}/{_w('b')}")
                if b is not None and not bold_set:
                    bold, bold_set = _bool(b), True
            self._style_marks[style_id] = (heading, bold)
        return self._style_marks[style_id]

    def _heading(self, paragraph: etree._Element, text: str) -> bool:
        """Whether the original marks the paragraph (one line, no list number) as a
        heading: by its style, or by every run that prints text being bold."""
        if not text.strip():
            return False
        styled, style_bold = self._marks(paragraph)
        if styled:
            return True
        if len(text.strip()) > MAX_BOLD_HEADING:
            return False
        runs = [
            run
            for run in paragraph.iter(_R)
            if any((t.text or "").strip() for t in run.iter(_T))
            and not _bool(run.find(f"{_w('rPr')}/{_w('vanish')}"))
        ]
        if not runs:
            return False
        for run in runs:
            b = run.find(f"{_w('rPr')}/{_w('b')}")
            if not (_bool(b) if b is not None else style_bold):
                return False
        return True

    def _label(self, paragraph: etree._Element) -> str:
        num_pr = paragraph.find(f"{_w('pPr')}/{_w('numPr')}")
        if num_pr is not None and num_pr.find(_w("numId")) is not None:
            num_id = _child_val(num_pr, "numId", "0")
            ilvl = integer(_child_val(num_pr, "ilvl"), 0)
        else:
            style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
            if style is None or self._styles is None:
                return ""
            style_id = style.get(_VAL, "")
            if style_id not in self._style_nums:
                self._style_nums[style_id] = _style_num(self._styles, style_id)
            found = self._style_nums[style_id]
            if found is None:
                return ""
            num_id, ilvl = found
            if num_pr is not None and num_pr.find(_w("ilvl")) is not None:
                ilvl = integer(_child_val(num_pr, "ilvl"), 0)
        return self._numbering.label(num_id, ilvl)
