"""HTML pages: the text a browser shows, one line per block, ModernGov's markup as structure.

Takes the bytes of an HTML page (decoded by its byte-order mark, its ``<meta charset>``,
else as UTF-8, else as Windows-1252; ``--encoding`` overrides). Guarantees:

- each block element (``p``, ``div``, headings, list items, table cells …) starts a
  line; ``<br>`` ends one; white space collapses as a browser collapses it, and a
  ``&nbsp;`` is a space that does not collapse (so ``<p>&nbsp;</p>`` is a blank line,
  as the text reader reads a line of NBSPs); ``<pre>`` keeps its lines;
- a list item keeps its marker: ``1.``, ``a.``, ``i.`` … as ``<ol>`` counts them
  (``start``, ``type``, ``value``), ``·`` for an unordered list, the character Word's
  and ModernGov's text exports write for a bullet;
- the ``<head>``, scripts, styles, navigation (``<nav>``, ``role="navigation"``),
  forms' controls and ``hidden`` elements are not read;
- ModernGov's markup reads as its structure: a ``table.mgItemTable`` row gives the item
  number cell and the ``p.mgAiTitleTxt`` title on lines of their own (so a meeting page,
  ``ieListDocuments``, is a whole-meeting file for :mod:`minutekit.split`), the title
  without the "PDF 98 KB" residue ModernGov prints after the ``mgAiTitleLnk`` link;
  ``div.mgWordPara`` paragraphs, ``p.mgSubItemTitleTxt`` headings (``Minutes:``) and
  ``ul.mgBulletList``/``ul.mgActionList`` items are lines like any other;
- every line maps to the HTML source line of the element it starts in (``page.html:212:1``).

Refuses, with one finding (MK006): a page over :data:`MAX_PAGE`, a page that declares
entities in its DOCTYPE (no HTML page needs them: the "billion laughs" and external
entities), and one with no elements. Entities and DTDs are never expanded or loaded and
nothing is fetched (:func:`minutekit.safexml.html_fromstring`).

Never: runs scripts, fetches anything, or invents text a browser would not show.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from minutekit.readers import Place, Reading
from minutekit.readers._common import MAX_TEXT, integer, letters, reading, refusal, roman

if TYPE_CHECKING:  # lxml is imported when such a file is read, not by every run
    from lxml import etree


NAME = "html"
SUFFIXES = (".html", ".htm")
MEDIA_TYPE = "text/html"

#: The largest page read (bytes): a ModernGov meeting page is well under 2 MB.
MAX_PAGE = 20 * 1024 * 1024

_MARKUP = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_WHITE = re.compile(r"[ \t\n\r\f]+")
#: What ModernGov prints after an item's title link: the linked file's kind and size.
_RESIDUE = re.compile(
    r"\s*(?:pdf icon\s*)?(?:PDF|DOCX?|XLSX?|PPTX?|HTML?)\s+[\d.,]+\s*[KMG]B\s*$", re.I
)

_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "menu",
    ]
)
_NOT_READ = frozenset(
    [
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "select",
        "button",
        "input",
        "textarea",
        "option",
        "datalist",
        "audio",
        "video",
        "map",
    ]
)
_BULLET = "·"


def sniff(data: bytes) -> bool:
    """An HTML page: it starts (after a byte-order mark, an XML declaration, comments)
    with ``<!DOCTYPE html``, ``<html``, ``<head`` or ``<body``."""
    head = data[:4096].removeprefix(codecs.BOM_UTF8)
    return _MARKUP.match(head) is not None


def _encoding(data: bytes, encoding: str | None) -> str:
    if encoding:
        return encoding
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8"
    from minutekit import source

    if data.startswith(source.UTF16_BOMS):
        return "utf-16"
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            name = codecs.lookup(declared[1].decode("ascii")).name
        except LookupError:
            name = ""
        # A <meta> read as ASCII says the page is not UTF-16/32, whatever it declares (the
        # HTML standard reads such a declaration as UTF-8): fall through to UTF-8.
        if name and not name.startswith(("utf-16", "utf-32")):
            return name
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def read(data: bytes, name: str, encoding: str | None = None) -> Reading:
    if len(data) > MAX_PAGE:
        return refusal(
            data,
            name,
            f"the page is {len(data) / 1024 / 1024:.1f} MB, more than the"
            f" {MAX_PAGE // 1024 // 1024} MB minutekit reads: save the minutes on their own",
            MEDIA_TYPE,
        )
    head = data[: data.lower().find(b"<html")] if b"<html" in data.lower() else data[:65536]
    if _ENTITY_DECLARATION.search(head):
        return refusal(
            data,
            name,
            "the page declares entities in its DOCTYPE (an XML entity attack?): no HTML page"
            " needs them, and minutekit never expands them",
            MEDIA_TYPE,
        )
    from lxml import etree

    from minutekit import safexml

    try:
        root = safexml.html_fromstring(data, _encoding(data, encoding))
        lines = list(_Page().lines(root))
    except (etree.ParserError, etree.XMLSyntaxError, LookupError, ValueError) as error:
        return refusal(data, name, f"not a readable HTML page: {error}", MEDIA_TYPE)
    except RecursionError:
        return refusal(
            data, name, "not a readable HTML page: its elements nest too deeply", MEDIA_TYPE
        )
    return reading(data, name, lines, MEDIA_TYPE, "HTML page")


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def _ordered_marker(value: int, kind: str) -> str:
    """An ``<ol>`` item's marker: its number in the list's ``type``, then a full stop."""
    if kind in ("a", "A"):
        text = letters(value)
    elif kind in ("i", "I"):
        text = roman(value)
    else:
        text = str(value)
    return f"{text.upper() if kind in ('A', 'I') else text}."


class _Page:
    """The walk over a page's tree, gathering the text of the line being read."""

    def __init__(self) -> None:
        self._lines: list[tuple[str, Place]] = []
        self._pieces: list[str] = []
        self._start = 1
        self._pre = 0
        self._size = 0

    def lines(self, root: etree._Element) -> Iterator[tuple[str, Place]]:
        self._walk(root)
        self._flush()
        return iter(self._lines)

    def _add(self, text: str | None, element: etree._Element) -> None:
        if not text:
            return
        if not self._pre:
            text = _WHITE.sub(" ", text)
            if self._pieces and self._pieces[-1].endswith(" ") and text.startswith(" "):
                text = text[1:]
        if not text:
            return
        self._size += len(text)
        if self._size > MAX_TEXT:
            raise ValueError(f"its text runs beyond {MAX_TEXT:,} characters")
        if not self._pre:
            if not self._pieces:
                self._start = _line_of(element)
            self._pieces.append(text)
            return
        first, *rest = text.split("\n")
        if first:
            if not self._pieces:
                self._start = _line_of(element)
            self._pieces.append(first)
        for number, more in enumerate(rest, start=1):
            self._flush(keep_empty=True)
            self._start = _line_of(element) + number
            self._pieces.append(more)

    def _flush(self, keep_empty: bool = False, residue: bool = False) -> None:
        text = "".join(self._pieces)
        self._pieces.clear()
        if not self._pre:
            text = text.strip(" ")
        if residue:
            text = _RESIDUE.sub("", text)
        if text or keep_empty:
            self._lines.append((text, Place(self._start, 1)))

    def _walk(self, element: etree._Element, parent: etree._Element | None = None) -> None:
        tag = element.tag
        if not isinstance(tag, str) or tag.lower() in _NOT_READ or self._hidden(element):
            self._add(element.tail, parent if parent is not None else element)
            return
        tag = tag.lower()
        block = tag in _BLOCKS
        if block:
            self._flush()
        if tag == "br":
            self._flush(keep_empty=True)
        if tag == "pre":
            self._pre += 1
        if tag == "li":
            self._add(self._marker(element) + " ", element)
        self._add(element.text, element)
        for child in element:
            self._walk(child, element)
        if tag == "pre":
            self._pre -= 1
        if block:
            self._flush(residue="mgAiTitleTxt" in _classes(element))
        self._add(element.tail, parent if parent is not None else element)

    @staticmethod
    def _hidden(element: etree._Element) -> bool:
        return (
            element.get("hidden") is not None
            or element.get("role") == "navigation"
            or element.get("aria-hidden") == "true"
        )

    @staticmethod
    def _marker(item: etree._Element) -> str:
        parent = item.getparent()
        if parent is None or parent.tag != "ol":
            return _BULLET
        number = integer(parent.get("start"), 1)
        for sibling in parent.iterchildren("li"):
            number = integer(sibling.get("value"), number)
            if sibling is item:
                break
            number += 1
        kind = item.get("type") or parent.get("type") or "1"
        return _ordered_marker(number, kind)


def _line_of(element: etree._Element) -> int:
    line = element.sourceline
    return line if isinstance(line, int) else 1
