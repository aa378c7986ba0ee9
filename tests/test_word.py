"""The Word reader: document order, Word's list numbering as printed, changes accepted,
places as paragraphs, and every file it cannot read refused in one line.

The documents are written here by python-docx (real packages), with the list
definitions Word itself writes in ``numbering.xml``; LibreOffice's files are fixtures.
"""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.shared import Pt
from renderings import W, WordNumbering, docx_bytes, number_paragraph

from helpers import FIXTURES
from minutekit import readers
from minutekit.readers import Place, word
from minutekit.validate import validate_bytes

READER = readers.catalogue()["docx"]
DOCUMENTS = FIXTURES / "documents"


def _lines(data: bytes) -> tuple[str, ...]:
    reading = READER.read(data, "draft.docx")
    assert not reading.source.findings, reading.source.findings
    return tuple(reading.source.lines)


def _refused(data: bytes, name: str = "draft.docx") -> str:
    """The one finding of a refused file (chosen by content, as validate chooses)."""
    result = validate_bytes(data, name)
    assert [d.code for d in result.diagnostics] == ["MK006"]
    message = result.diagnostics[0].message
    assert "\n" not in message
    return message


# ------------------------------------------------------------------ numbering


def test_a_resolved_list_numbered_by_word_reads_as_printed() -> None:
    document = docx.Document()
    numbering = WordNumbering(document)
    resolved = numbering.num(numbering.abstract([("decimal", "(%1)", 1)]))
    document.add_paragraph("Resolved –")
    for text in ("That the report be noted.", "That the plan be approved.", "That it be so."):
        number_paragraph(document.add_paragraph(text), resolved)
    assert _lines(docx_bytes(document)) == (
        "Resolved –",
        "(1)\tThat the report be noted.",
        "(2)\tThat the plan be approved.",
        "(3)\tThat it be so.",
    )


def test_levels_count_on_and_a_higher_level_restarts_the_lower() -> None:
    document = docx.Document()
    numbering = WordNumbering(document)
    levels = [("decimal", "%1.", 1), ("lowerLetter", "(%2)", 1), ("lowerRoman", "%3.", 1)]
    num = numbering.num(numbering.abstract(levels))
    for text, level in [
        ("First", 0),
        ("sub a", 1),
        ("sub b", 1),
        ("deep i", 2),
        ("deep ii", 2),
        ("sub c", 1),
        ("deep i again", 2),
        ("Second", 0),
        ("sub a again", 1),
    ]:
        number_paragraph(document.add_paragraph(text), num, level)
    assert [line.split("\t")[0] for line in _lines(docx_bytes(document))] == [
        "1.", "(a)", "(b)", "i.", "ii.", "(c)", "i.", "2.", "(a)",
    ]  # fmt: skip


def test_a_level_text_can_show_the_higher_levels_numbers() -> None:
    document = docx.Document()
    numbering = WordNumbering(document)
    num = numbering.num(numbering.abstract([("decimal", "%1.", 3), ("decimal", "%1.%2", 1)]))
    for level in (0, 1, 1, 0, 1):
        number_paragraph(document.add_paragraph("Text"), num, level)
    assert [line.split("\t")[0] for line in _lines(docx_bytes(document))] == [
        "3.", "3.1", "3.2", "4.", "4.1",
    ]  # fmt: skip


def test_restarts_and_continuations_of_one_list_definition() -> None:
    # Two lists share a definition: the second continues the first's count unless it
    # restarts (startOverride), as Word's "Continue numbering" / "Restart at 1".
    document = docx.Document()
    numbering = WordNumbering(document)
    abstract = numbering.abstract([("decimal", "(%1)", 1)])
    first = numbering.num(abstract)
    continued = numbering.num(abstract)
    restarted = numbering.num(abstract, {0: 1})
    started_at_five = numbering.num(abstract, {0: 5})
    for num in (first, first, continued, restarted, restarted, started_at_five):
        number_paragraph(document.add_paragraph("That it be so."), num)
    assert [line.split("\t")[0] for line in _lines(docx_bytes(document))] == [
        "(1)", "(2)", "(3)", "(1)", "(2)", "(5)",
    ]  # fmt: skip


def test_a_level_that_never_restarts() -> None:
    document = docx.Document()
    numbering = WordNumbering(document)
    abstract = numbering.abstract([("decimal", "%1.", 1), ("lowerLetter", "(%2)", 1)])
    level = numbering._element.find(
        f"{{{W}}}abstractNum[@{{{W}}}abstractNumId='{abstract}']/{{{W}}}lvl[@{{{W}}}ilvl='1']"
    )
    level.append(parse_xml(f'<w:lvlRestart xmlns:w="{W}" w:val="0"/>'))
    num = numbering.num(abstract)
    for level_number in (0, 1, 1, 0, 1):
        number_paragraph(document.add_paragraph("Text"), num, level_number)
    assert [line.split("\t")[0] for line in _lines(docx_bytes(document))] == [
        "1.", "(a)", "(b)", "2.", "(c)",
    ]  # fmt: skip


def test_a_paragraph_style_that_numbers_its_paragraphs() -> None:
    # Word's own "List Number" style carries the list (numPr in the style, not the
    # paragraph), as clerks' templates do.
    document = docx.Document()
    numbering = WordNumbering(document)
    num = numbering.num(numbering.abstract([("upperLetter", "%1)", 1)]))
    style = document.styles["List Number"]
    p_pr = style.element.get_or_add_pPr()
    for old in p_pr.findall(f"{{{W}}}numPr"):
        p_pr.remove(old)
    p_pr.append(parse_xml(f'<w:numPr xmlns:w="{W}"><w:numId w:val="{num}"/></w:numPr>'))
    document.add_paragraph("First", style="List Number")
    document.add_paragraph("Second", style="List Number")
    assert _lines(docx_bytes(document)) == ("A)\tFirst", "B)\tSecond")


def test_bullets_in_a_symbol_font_read_as_words_text_export_writes_them() -> None:
    document = docx.Document()
    numbering = WordNumbering(document)
    num = numbering.num(numbering.abstract([("bullet", "\uf0b7", 1)]))
    number_paragraph(document.add_paragraph("A referral system."), num)
    result = validate_bytes(docx_bytes(document), "draft.docx")
    assert result.item.source.lines == ("·\tA referral system.",)


def test_a_space_or_nothing_after_the_number() -> None:
    document = docx.Document()
    numbering = WordNumbering(document)
    abstract = numbering.abstract([("decimal", "(%1)", 1)])
    level = numbering._element.find(
        f"{{{W}}}abstractNum[@{{{W}}}abstractNumId='{abstract}']/{{{W}}}lvl"
    )
    level.append(parse_xml(f'<w:suff xmlns:w="{W}" w:val="space"/>'))
    number_paragraph(document.add_paragraph("That it be so."), numbering.num(abstract))
    assert _lines(docx_bytes(document)) == ("(1) That it be so.",)


def test_word_numbering_lets_the_numbering_rule_work_on_drafts() -> None:
    # A restart in the middle of a Resolved list prints (1), (2), (1): MK201 finds it.
    document = docx.Document()
    numbering = WordNumbering(document)
    abstract = numbering.abstract([("decimal", "(%1)", 1)])
    first, restarted = numbering.num(abstract), numbering.num(abstract, {0: 3})
    for text in (
        "Agenda item",
        "",
        "BUDGET MONITORING",
        "",
        "Minutes:",
        "",
        "Noted.",
        "",
        "Resolved –",
        "",
    ):
        document.add_paragraph(text)
    number_paragraph(document.add_paragraph("That the report be noted."), first)
    number_paragraph(document.add_paragraph("That the plan be approved."), restarted)
    result = validate_bytes(docx_bytes(document), "draft.docx")
    numbering_findings = [d for d in result.diagnostics if d.code == "MK201"]
    assert [d.message for d in numbering_findings] == [
        "Resolved list follows '(1)' with '(3)': expected '(2)'"
    ]
    where = result.locations.place(numbering_findings[0].line, numbering_findings[0].column)
    assert str(where) == "¶12:1"


# ------------------------------------------------------------------ document order


def test_tables_row_by_row_and_text_boxes_after_their_anchor() -> None:
    document = docx.Document()
    document.add_paragraph("Before the table")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "40.", "APOLOGIES"
    table.cell(1, 0).text = "41."
    table.cell(1, 1).text = "MINUTES"
    table.cell(1, 1).add_paragraph("The minutes were agreed.")
    anchor = document.add_paragraph("Anchor paragraph")
    box = (
        f'<w:r xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        ' xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps">'
        "<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>In the text box</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>"
        "<w:txbxContent><w:p><w:r><w:t>In the text box</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    anchor._p.append(parse_xml(box))
    document.add_paragraph("After")
    reading = READER.read(docx_bytes(document), "draft.docx")
    assert reading.source.lines == (
        "Before the table",
        "40.\tAPOLOGIES",
        "41.",
        "MINUTES",
        "The minutes were agreed.",
        "Anchor paragraph",
        "In the text box",
        "After",
    )
    # Paragraphs are counted in document order, those in tables and text boxes too.
    assert [str(reading.locations.place(n, 1)) for n in (1, 2, 3, 4, 5, 6, 7, 8)] == [
        "¶1:1", "¶2:1", "¶4:1", "¶5:1", "¶6:1", "¶7:1", "¶8:1", "¶9:1",
    ]  # fmt: skip


def test_headers_footers_and_comments_are_not_read() -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "OFFICIAL – running header"
    document.sections[0].footer.paragraphs[0].text = "Page footer"
    paragraph = document.add_paragraph("The report was noted.")
    document.add_comment(paragraph.runs, text="Check this with legal", author="Clerk")
    assert _lines(docx_bytes(document)) == ("The report was noted.",)


def test_tracked_changes_read_as_accepted_and_hidden_text_and_field_codes_not_at_all() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("The report was ")
    paragraph._p.append(
        parse_xml(
            f'<w:del xmlns:w="{W}" w:id="1" w:author="Clerk" w:date="2026-01-01T00:00:00Z">'
            "<w:r><w:delText>rejected</w:delText></w:r></w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:ins xmlns:w="{W}" w:id="2" w:author="Clerk" w:date="2026-01-01T00:00:00Z">'
            "<w:r><w:t>noted</w:t></w:r></w:ins>"
        )
    )
    hidden = paragraph.add_run(" (draft note)")
    hidden.font.hidden = True
    paragraph._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W}"><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        )
    )
    paragraph.add_run(".")
    assert _lines(docx_bytes(document)) == ("The report was noted.",)


def test_text_in_an_equation_is_read() -> None:
    # An equation's runs hold their text in the Office Math namespace, not in w:t.
    document = docx.Document()
    paragraph = document.add_paragraph("The fee rises by ")
    paragraph._p.append(
        parse_xml(
            '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
            "<m:r><m:t>2.5%</m:t></m:r></m:oMath>"
        )
    )
    paragraph.add_run(" a year.")
    assert _lines(docx_bytes(document)) == ("The fee rises by 2.5% a year.",)


def test_a_deleted_paragraph_mark_runs_the_paragraph_on_into_the_next() -> None:
    document = docx.Document()
    joined = document.add_paragraph("The report was")
    joined._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:rPr xmlns:w="{W}"><w:del w:id="3" w:author="Clerk"'
            ' w:date="2026-01-01T00:00:00Z"/></w:rPr>'
        )
    )
    document.add_paragraph(" noted.")
    document.add_paragraph("Resolved –")
    reading = READER.read(docx_bytes(document), "draft.docx")
    assert reading.source.lines == ("The report was noted.", "Resolved –")
    assert [str(reading.locations.place(n, 1)) for n in (1, 2)] == ["¶1:1", "¶3:1"]


def test_a_soft_line_break_starts_a_line_of_the_same_paragraph() -> None:
    document = docx.Document()
    document.add_paragraph("Agenda item")
    paragraph = document.add_paragraph("Minutes:")
    paragraph.runs[0].add_break()
    paragraph.add_run("The report was noted.")
    reading = READER.read(docx_bytes(document), "draft.docx")
    assert reading.source.lines == ("Agenda item", "Minutes:", "The report was noted.")
    assert reading.locations.place(3, 5) == Place(2, 14, unit="paragraph")


def test_a_heading_styled_title_is_the_items_title() -> None:
    document = docx.Document()
    document.add_paragraph("Agenda item")
    document.add_heading("BUDGET MONITORING", level=1)
    bold = document.add_paragraph().add_run("Minutes:")
    bold.bold = True
    bold.font.size = Pt(12)
    document.add_paragraph("The report was noted.")
    result = validate_bytes(docx_bytes(document), "draft.docx")
    assert result.item.title is not None
    assert result.item.title.text == "BUDGET MONITORING"
    assert result.item.minutes is not None


#: A title that reads like a sentence: the text alone does not show it is one.
SENTENCE = "The committee considered the report on parking charges in the town centre."
BODY = ("The report set out the options for the charges.", "RESOLVED – That they be approved.")


def _draft(first: str = "Normal", bold: bool = False) -> bytes:
    """A draft whose first paragraph is :data:`SENTENCE` in style ``first``."""
    document = docx.Document()
    document.add_paragraph("Agenda item")
    paragraph = document.add_paragraph(style=first)
    paragraph.add_run(SENTENCE).bold = bold or None
    for text in BODY:
        document.add_paragraph(text)
    return docx_bytes(document)


@pytest.mark.parametrize(
    ("first", "bold"),
    [("Heading 1", False), ("Heading 2", False), ("Title", False), ("Normal", True)],
)
def test_a_paragraph_the_original_marks_as_a_heading_is_the_title(first: str, bold: bool) -> None:
    data = _draft(first, bold)
    assert READER.read(data, "draft.docx").heading_lines == {2}
    item = validate_bytes(data, "draft.docx").item
    assert item.title is not None
    assert (item.title.text, item.title.span.line) == (SENTENCE, 2)
    # Its words are the title's alone: the summary starts after it.
    assert [block.to_jsonable()["text"] for block in item.summary] == [BODY[0]]


def test_a_body_paragraph_styled_normal_is_never_a_title() -> None:
    data = _draft()
    assert READER.read(data, "draft.docx").heading_lines == frozenset()
    item = validate_bytes(data, "draft.docx").item
    assert item.title is None
    assert [block.to_jsonable()["text"] for block in item.summary] == [SENTENCE, BODY[0]]


def test_the_same_text_as_plain_text_keeps_its_reading() -> None:
    text = "\n".join(["Agenda item", SENTENCE, *BODY]) + "\n"
    as_text = validate_bytes(text.encode(), "draft.txt").item
    assert as_text.title is None
    assert [block.to_jsonable()["text"] for block in as_text.summary] == [SENTENCE, BODY[0]]
    as_word = validate_bytes(_draft(), "draft.docx").item.to_jsonable()
    assert {k: v for k, v in as_text.to_jsonable().items() if k != "source"} == {
        k: v for k, v in as_word.items() if k != "source"
    }


def test_heading_marks_by_style_name_through_based_on_and_by_bold_runs() -> None:
    document = docx.Document()
    document.styles.add_style("Item Heading", WD_STYLE_TYPE.PARAGRAPH).base_style = document.styles[
        "Heading 1"
    ]
    document.add_paragraph("Parking charges in the town centre.", style="Item Heading")
    half = document.add_paragraph()
    half.add_run("Partly ").bold = True
    half.add_run("bold.")
    document.add_paragraph().add_run("x " * 70).bold = True  # too long to be a heading
    listed = document.add_paragraph()
    listed.add_run("A bold list item.").bold = True
    numbering = WordNumbering(document)
    number_paragraph(listed, numbering.num(numbering.abstract([("decimal", "%1.", 1)])))
    document.add_paragraph().add_run("Short and bold").bold = True
    assert READER.read(docx_bytes(document), "draft.docx").heading_lines == {1, 5}


def test_a_marked_heading_after_other_text_is_not_the_title() -> None:
    document = docx.Document()
    document.add_paragraph(BODY[0])
    document.add_heading(SENTENCE, level=1)
    document.add_paragraph(BODY[1])
    item = validate_bytes(docx_bytes(document), "draft.docx").item
    assert item.title is None
    assert [block.to_jsonable()["text"] for block in item.summary] == [BODY[0], SENTENCE]


# ------------------------------------------------------------------ refused


@pytest.mark.parametrize(
    ("fixture", "said"),
    [
        ("saved_by_libreoffice.doc", "an old binary Office file (Word 97-2003 .doc)"),
        ("saved_by_libreoffice.odt", "an OpenDocument text (.odt) file"),
        ("saved_by_libreoffice.rtf", "a Rich Text Format (.rtf) file"),
    ],
)
def test_other_word_processor_formats_are_refused_clearly(fixture: str, said: str) -> None:
    data = (DOCUMENTS / fixture).read_bytes()
    # Chosen by content whatever the name says: a .doc renamed .txt is refused the same way.
    for name in (fixture, "minutes.txt"):
        message = _refused(data, name)
        assert message == f"{said}: minutekit reads .docx; save it as .docx or plain text"


def test_a_docx_that_is_not_a_zip_is_refused() -> None:
    message = _refused(b"These are minutes, saved with the wrong name.\n", "draft.docx")
    assert (
        message == "not a readable Word .docx file: it is not a zip package (a .docx file is one)"
    )


def test_a_damaged_zip_is_refused() -> None:
    data = docx_bytes(docx.Document())
    message = _refused(data[: len(data) // 2])
    assert message.startswith("not a readable Word .docx file: the zip package is damaged")


def test_a_zip_bomb_is_refused_before_it_is_expanded() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("word/document.xml", b"<w:document>" + b" " * (word.MAX_PART + 1))
    data = out.getvalue()
    assert len(data) < word.MAX_PART // 100
    message = _refused(data)
    assert message == (
        "not a readable Word .docx file: its part word/document.xml expands beyond 64 MB"
        " (a zip bomb?)"
    )


def test_xml_that_declares_entities_is_never_expanded() -> None:
    out = io.BytesIO()
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;">]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>'
    )
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("word/document.xml", laughs)
    reading = READER.read(out.getvalue(), "draft.docx")
    assert "lol" not in "".join(reading.source.lines)


def test_a_package_without_a_document_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("word/document.xml.bak", "x")
        package.writestr("word/document.xml/", "")  # the name sniffing sees, as a folder
    message = _refused(out.getvalue())
    assert message.startswith("not a readable Word .docx file:")


def test_a_document_with_no_text_is_empty() -> None:
    result = validate_bytes(docx_bytes(docx.Document()), "draft.docx")
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("MK005", "the Word document has no text")
    ]


def test_numbering_markup_out_of_bounds_prints_figures_and_never_fails() -> None:
    document = docx.Document()
    numbering = WordNumbering(document)
    abstract = numbering.abstract([("lowerLetter", "(%1)%9", 1), ("upperRoman", "%2.", 1)])
    huge = numbering.num(abstract, {0: 10**9, 1: 5000})
    number_paragraph(document.add_paragraph("Letters past zz…"), huge)
    number_paragraph(document.add_paragraph("Roman past 3999"), huge, 1)
    garbled = document.add_paragraph("Garbled level")
    garbled._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="x"/><w:numId w:val="{huge}"/></w:numPr>')
    )
    garbled._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:sym w:font="Symbol" w:char="D800"/></w:r>'))
    assert _lines(docx_bytes(document)) == (
        "(1000000000)\tLetters past zz…",
        "5000.\tRoman past 3999",
        "(1000000001)\tGarbled level",
    )


def test_a_list_that_takes_its_levels_from_a_list_style() -> None:
    # Word's list styles: a definition with only numStyleLink takes its levels from the
    # list the numbering style names (styleLink), as Word does for "1 / a / i" styles.
    document = docx.Document()
    numbering = WordNumbering(document)
    styled = numbering.abstract([("decimal", "(%1)", 1), ("lowerLetter", "(%2)", 1)])
    numbering._element.find(f"{{{W}}}abstractNum[@{{{W}}}abstractNumId='{styled}']").append(
        parse_xml(f'<w:styleLink xmlns:w="{W}" w:val="ResolvedList"/>')
    )
    linking = numbering.abstract([])
    numbering._element.find(f"{{{W}}}abstractNum[@{{{W}}}abstractNumId='{linking}']").append(
        parse_xml(f'<w:numStyleLink xmlns:w="{W}" w:val="ResolvedList"/>')
    )
    style_num, used = numbering.num(styled), numbering.num(linking)
    document.styles.element.append(
        parse_xml(
            f'<w:style xmlns:w="{W}" w:type="numbering" w:styleId="ResolvedList">'
            '<w:name w:val="Resolved list"/>'
            f'<w:pPr><w:numPr><w:numId w:val="{style_num}"/></w:numPr></w:pPr></w:style>'
        )
    )
    for level in (0, 1, 1, 0):
        number_paragraph(document.add_paragraph("Text"), used, level)
    assert [line.split("\t")[0] for line in _lines(docx_bytes(document))] == [
        "(1)", "(a)", "(b)", "(2)",
    ]  # fmt: skip
