"""The seeds (and small texts) written as real Word, HTML and PDF files, by real writers.

Each writer takes minutes as plain text, one paragraph a line, blank lines between, and
writes them the way a clerk's or a portal's tool would: Word's list numbering (not typed
numbers) for ``(1)`` and ``·`` lists, ModernGov's markup for a published page, a printed
PDF with a running header and page numbers. A reader that reads these files back must
give the text's own diagnostics and JSON.
"""

from __future__ import annotations

import html
import io
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import docx
from docx.oxml import parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_MARKED = re.compile(
    r"^\s*(?P<open>\()?(?P<value>\d{1,3}|[ivx]{1,5}|[a-h])(?P<close>[.)])\s+(?P<text>\S.*)$"
)
_BULLET = re.compile(r"^\s*[·•]\s*(?P<text>\S.*)$")
_ROMAN = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
    "x": 10,
}


@dataclass(frozen=True)
class Line:
    """One line of the text: a paragraph, a blank, or a list item with its marker."""

    text: str
    #: "decimal", "lowerRoman", "lowerLetter" or "bullet" for a list item, else "".
    fmt: str = ""
    value: int = 0
    #: The marker around the number: "(%1)", "%1." …
    pattern: str = ""

    @property
    def blank(self) -> bool:
        return not self.text.strip() and not self.fmt


def lines_of(text: str) -> list[Line]:
    """The text's lines, list items told apart (the writers number them themselves)."""
    found = []
    for raw in text.replace("\u00a0", " ").splitlines():
        marked = _MARKED.match(raw)
        bullet = _BULLET.match(raw)
        if marked:
            value = marked["value"]
            if value.isdigit():
                fmt, number = "decimal", int(value)
            elif value in _ROMAN and (len(value) > 1 or value == "i"):
                fmt, number = "lowerRoman", _ROMAN[value]
            else:
                fmt, number = "lowerLetter", ord(value) - ord("a") + 1
            pattern = f"{marked['open'] or ''}%1{marked['close']}"
            found.append(Line(marked["text"], fmt, number, pattern))
        elif bullet:
            found.append(Line(bullet["text"], "bullet", 0, "\uf0b7"))
        else:
            found.append(Line(raw.strip()))
    return found


# ------------------------------------------------------------------------ Word


def _abstract(abstract_id: int, levels: Sequence[tuple[str, str, int]]) -> str:
    """An abstractNum with a level per (numFmt, lvlText, start)."""
    parts = []
    for ilvl, (fmt, pattern, start) in enumerate(levels):
        font = '<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr>'
        parts.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{pattern}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{720 * (ilvl + 1)}" w:hanging="720"/></w:pPr>'
            f"{font if fmt == 'bullet' else ''}</w:lvl>"
        )
    return (
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(parts)}</w:abstractNum>'
    )


def _num(num_id: int, abstract_id: int, restarts: dict[int, int]) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for ilvl, start in restarts.items()
    )
    return (
        f'<w:num xmlns:w="{W}" w:numId="{num_id}">'
        f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
    )


class WordNumbering:
    """numbering.xml definitions added to a python-docx document (python-docx reads
    and writes the part, but has no API for list definitions)."""

    def __init__(self, document: docx.document.Document) -> None:
        self._element = document.part.numbering_part.element
        self._next_abstract = 100
        self._next_num = 100

    def abstract(self, levels: Sequence[tuple[str, str, int]]) -> int:
        abstract_id = self._next_abstract
        self._next_abstract += 1
        element = parse_xml(_abstract(abstract_id, levels))
        first_num = self._element.find(f"{{{W}}}num")
        if first_num is None:
            self._element.append(element)
        else:
            first_num.addprevious(element)
        return abstract_id

    def num(self, abstract_id: int, restarts: dict[int, int] | None = None) -> int:
        num_id = self._next_num
        self._next_num += 1
        self._element.append(parse_xml(_num(num_id, abstract_id, restarts or {})))
        return num_id


def number_paragraph(paragraph: object, num_id: int, ilvl: int = 0) -> None:
    """Give a python-docx paragraph Word's numbering (w:numPr)."""
    p_pr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    p_pr.append(
        parse_xml(
            f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def docx_bytes(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def word(text: str) -> bytes:
    """The text as a Word document: each line a paragraph, each list numbered by Word
    (one definition per list style, a new list restarted with startOverride)."""
    document = docx.Document()
    numbering = WordNumbering(document)
    abstracts: dict[tuple[str, str], int] = {}
    current: dict[tuple[str, str], tuple[int, int]] = {}  # style → (numId, last value)
    for line in lines_of(text):
        if not line.fmt:
            document.add_paragraph(line.text)
            continue
        style = (line.fmt, line.pattern)
        if style not in abstracts:
            abstracts[style] = numbering.abstract([(line.fmt, line.pattern, 1)])
        num_id, last = current.get(style, (0, 0))
        if line.fmt != "bullet" and (num_id == 0 or line.value != last + 1):
            num_id = numbering.num(abstracts[style], {0: line.value})
        elif num_id == 0:
            num_id = numbering.num(abstracts[style])
        current[style] = (num_id, line.value)
        number_paragraph(document.add_paragraph(line.text), num_id)
    return docx_bytes(document)


# ------------------------------------------------------------------------ HTML


def _html_lines(lines: Iterable[Line]) -> list[str]:
    """Paragraphs as ModernGov publishes a Word document's: a blank paragraph holds an
    NBSP, a numbered paragraph its number as typed text; bullets a real list."""
    out: list[str] = []
    in_list = False
    for line in lines:
        if in_list and line.fmt != "bullet" and not line.blank:
            out.append("</ul>")
            in_list = False
        if line.blank:
            if not in_list:
                out.append("<p>&nbsp;</p>")
        elif line.fmt == "bullet":
            if not in_list:
                out.append('<ul class="mgBulletList">')
                in_list = True
            out.append(f"<li>{html.escape(line.text)}</li>")
        elif line.fmt:
            out.append(
                f"<p>{html.escape(marker(line))}&nbsp;&nbsp;&nbsp; {html.escape(line.text)}</p>"
            )
        else:
            out.append(f"<p>{html.escape(line.text)}</p>")
    if in_list:
        out.append("</ul>")
    return out


def marker(line: Line) -> str:
    """A list item's marker as printed."""
    if line.fmt == "lowerRoman":
        value = next(k for k, v in _ROMAN.items() if v == line.value)
    elif line.fmt == "lowerLetter":
        value = chr(ord("a") + line.value - 1)
    else:
        value = str(line.value)
    return line.pattern.replace("%1", value)


def plain_html(text: str) -> bytes:
    """The text as a plain HTML page, with a script, a style and navigation to drop."""
    body = "\n".join(_html_lines(lines_of(text)))
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n<title>Minutes</title>\n"
        "<style>p { margin: 0 }</style>\n<script>var x = '<p>not text</p>';</script>\n"
        "</head>\n<body>\n<nav><a href='/'>Home</a> | <a href='/meetings'>Meetings</a></nav>\n"
        f"<main>\n{body}\n</main>\n</body>\n</html>\n"
    ).encode()


_SUB_ITEM_TITLES = ("Minutes:", "Decision:")
_PAGE_HEAD = (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
    '<link rel="stylesheet" href="mgStyles.css">\n<script src="mgScripts.js"></script>\n</head>\n'
    '<body>\n<nav id="mgBreadCrumbs"><a href="mgListCommittees.aspx">Committees</a>'
    ' &gt; <a href="ieListMeetings.aspx">Meetings</a></nav>\n<div id="modgov">\n'
)
_PAGE_FOOT = "</div>\n</body>\n</html>\n"


def _moderngov_body(lines: Sequence[Line], title_at: int | None) -> list[str]:
    """An item's text in ModernGov's markup: the title as the mgAiTitleLnk link (with
    the file size ModernGov prints after it), sub-item headings, Word paragraphs."""
    out: list[str] = []
    para: list[Line] = []

    def word_para() -> None:
        if para:
            out.append('<div class="mgWordPara">')
            out.extend(_html_lines(para))
            out.append("</div>")
            para.clear()

    for index, line in enumerate(lines):
        if index == title_at:
            word_para()
            out.append(
                '<p class="mgAiTitleTxt"><a class="mgAiTitleLnk" href="documents/s1234/Report.pdf">'
                f'{html.escape(line.text)} <img src="pdf.gif" alt="pdf icon"> <span class="mgFileSize">PDF 98 KB</span></a></p>'
            )
        elif line.text in _SUB_ITEM_TITLES:
            word_para()
            out.append(f'<p class="mgSubItemTitleTxt">{html.escape(line.text)}</p>')
        else:
            para.append(line)
    word_para()
    return out


def _title_index(lines: Sequence[Line]) -> int | None:
    """The line after the 'Agenda item' header, if it is a title in capitals."""
    texts = [i for i, line in enumerate(lines) if not line.blank]
    for before, after in itertools.pairwise(texts):
        if lines[before].text == "Agenda item" and lines[after].text.isupper():
            return after
    return None


def moderngov_item(text: str) -> bytes:
    """The text as a ModernGov agenda item page (mgAi.aspx)."""
    lines = lines_of(text)
    out = [_PAGE_HEAD.format(title="Agenda item")]
    body = list(lines)
    while (body and body[0].text in ("Local democracy", "Agenda item")) or (body and body[0].blank):
        first = body.pop(0)
        if first.text == "Local democracy":
            out.append('<div class="mgHeader"><p class="mgSiteTitle">Local democracy</p></div>')
        elif first.text == "Agenda item":
            out.append('<h1 class="mgMainTitleTxt">Agenda item</h1>')
        else:
            out.append("<p>&nbsp;</p>")
    title = _title_index([Line("Agenda item"), *body])
    out.append('<div class="mgContent">')
    out.extend(_moderngov_body(body, None if title is None else title - 1))
    out.append("</div>")
    out.append(_PAGE_FOOT)
    return "\n".join(out).encode()


def moderngov_meeting(items: Sequence[tuple[str, str]], first_number: int = 40) -> bytes:
    """A ModernGov meeting page (ieListDocuments.aspx): each (title, text) an item row of
    the mgItemTable, numbered from ``first_number``."""
    out = [_PAGE_HEAD.format(title="Agenda for Overview and Scrutiny Committee")]
    out.append('<h1 class="mgMainTitleTxt">Overview and Scrutiny Committee</h1>')
    out.append("<p>Venue: City Hall, Bradford</p>")
    out.append('<table class="mgItemTable">')
    for number, (title, text) in enumerate(items, start=first_number):
        out.append(
            f'<tr>\n<td class="mgItemNumberCell"><p class="mgAiTitleTxt">{number}.</p></td>\n<td>'
        )
        out.extend(_moderngov_body([Line(title), *lines_of(text)], 0))
        out.append("</td>\n</tr>")
    out.append("</table>")
    out.append(_PAGE_FOOT)
    return "\n".join(out).encode()


# ------------------------------------------------------------------------ PDF

PDF_HEADER = "Overview and Scrutiny Committee – Minutes"


def pdf(text: str, page_size: tuple[float, float] | None = None) -> bytes:
    """The text printed to PDF by reportlab: a running header and 'Page N' footer on
    every page, a paragraph per line, a blank line as a line's height of space."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

    size = page_size or A4
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=11, leading=14)
    listed = ParagraphStyle("listed", parent=body, leftIndent=36, firstLineIndent=-36)

    def furniture(canvas: object, document: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont("Helvetica", 9)  # type: ignore[attr-defined]
        canvas.drawString(72, size[1] - 40, PDF_HEADER)  # type: ignore[attr-defined]
        canvas.drawRightString(size[0] - 72, 30, f"Page {document.page}")  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    story: list[Flowable] = []
    for line in lines_of(text):
        if line.blank:
            story.append(Spacer(1, 14))
        elif line.fmt == "bullet":
            story.append(Paragraph(f"·&nbsp;&nbsp;&nbsp;{html.escape(line.text)}", listed))
        elif line.fmt:
            story.append(
                Paragraph(
                    f"{html.escape(marker(line))}&nbsp;&nbsp;&nbsp;{html.escape(line.text)}", listed
                )
            )
        else:
            story.append(Paragraph(html.escape(line.text), body))
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out, pagesize=size, title="Minutes", author="Committee Services", invariant=True
    )
    document.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return out.getvalue()
