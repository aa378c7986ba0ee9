"""The PDF reader: printed lines joined into paragraphs, page furniture dropped, page
breaks that end nothing, places as page lines, and damaged PDFs refused in one line.

The PDFs are drawn here line by line with reportlab's canvas, so that each test says
exactly what is printed where.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from minutekit import readers
from minutekit.readers import Place
from minutekit.validate import validate_bytes

READER = readers.catalogue()["pdf"]
LEFT, TOP, PITCH = 72, 770, 14


def _printed(
    pages: Sequence[Sequence[str]], furniture: bool = True, encrypt: str | None = None
) -> bytes:
    """Each page's lines printed from the top, 14 points apart ("" leaves a line empty);
    with ``furniture``, a running header and 'Page N of M' on every page."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(595, 842), invariant=1, encrypt=encrypt)
    for number, lines in enumerate(pages, start=1):
        pdf.setFont("Helvetica", 11)
        if furniture:
            pdf.drawString(LEFT, 810, "Cabinet – 16 September 2020")
            pdf.drawRightString(523, 30, f"Page {number} of {len(pages)}")
        for index, text in enumerate(lines):
            pdf.drawString(LEFT, TOP - index * PITCH, text)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _read(data: bytes) -> tuple[str, ...]:
    reading = READER.read(data, "minutes.pdf")
    assert not reading.source.findings, reading.source.findings
    return tuple(reading.source.lines)


def _refused(data: bytes) -> str:
    result = validate_bytes(data, "minutes.pdf")
    assert [d.code for d in result.diagnostics] == ["MK006"]
    assert "\n" not in result.diagnostics[0].message
    return result.diagnostics[0].message


MEASURE = 595 - 2 * LEFT  # between the margins


SENTENCE = (
    "The Committee considered the report of the Strategic Director and the update on the"
    " progress made."
)


def _fill(words: list[str]) -> tuple[str, str]:
    """The words that fill the measure as a writer wraps them, and the rest."""
    line: list[str] = []
    while words and stringWidth(" ".join([*line, words[0]]), "Helvetica", 11) <= MEASURE:
        line.append(words.pop(0))
    return " ".join(line), " ".join(words)


def _wrap(text: str) -> list[str]:
    """The text's printed lines, wrapped as a writer wraps them."""
    lines = []
    while text:
        line, text = _fill(text.split())
        lines.append(line)
    return lines


# The sentence as printed: a full line (the next word would not fit), then the rest.
PRINTED = _wrap(SENTENCE)
FULL = PRINTED[0]
assert len(PRINTED) == 2


def test_wrapped_lines_join_and_the_space_between_paragraphs_is_blank_lines() -> None:
    page = ["Agenda item", "", "BUDGET MONITORING", "", "", "", *PRINTED, "Short line.", "Next."]
    assert _read(_printed([page], furniture=False)) == (
        "Agenda item",
        "",
        "BUDGET MONITORING",
        "",
        "",
        "",
        SENTENCE,
        "Short line.",
        "Next.",
    )


def test_running_header_footer_and_page_numbers_are_dropped() -> None:
    pages = [["Agenda item", "", *PRINTED], ["Minutes:", "", *PRINTED], ["Resolved –"]]
    lines = _read(_printed(pages))
    assert lines == (
        "Agenda item",
        "",
        SENTENCE,
        "",
        "Minutes:",
        "",
        SENTENCE,
        "",
        "Resolved –",
    )


def test_list_items_that_differ_only_in_number_are_not_taken_for_furniture() -> None:
    # Atop pages 2 and 3, at the same height, text that is the same but for its number:
    # a page number goes up with the page, list numbers "(4)" and "(8)" do not.
    pages = [
        ["Resolved –", "(1) That the report be noted.", "(2) That it be agreed."],
        ["(4) That the report be noted.", "(5) That the plan be agreed."],
        ["(8) That the report be noted.", "(9) That the scheme be approved."],
    ]
    assert [line for line in _read(_printed(pages)) if line] == [
        "Resolved –",
        "(1) That the report be noted.",
        "(2) That it be agreed.",
        "(4) That the report be noted.",
        "(5) That the plan be agreed.",
        "(8) That the report be noted.",
        "(9) That the scheme be approved.",
    ]


def test_a_line_on_one_page_only_is_kept() -> None:
    pages = [["Agenda item", "BUDGET MONITORING"], ["Minutes:", "Noted."]]
    data = _printed(pages, furniture=False)
    assert _read(data) == ("Agenda item", "BUDGET MONITORING", "", "Minutes:", "Noted.")


def test_a_single_page_keeps_everything_printed_on_it() -> None:
    # With one page nothing repeats, so nothing is furniture.
    lines = _read(_printed([["Agenda item", "BUDGET MONITORING"]]))
    assert [line for line in lines if line] == [
        "Cabinet – 16 September 2020",
        "Agenda item",
        "BUDGET MONITORING",
        "Page 1 of 1",
    ]


def test_a_page_break_ends_neither_a_paragraph_nor_a_list() -> None:
    full, rest = _wrap(f"(2) {SENTENCE}")
    first = ["Resolved –", "", *_wrap(f"(1) {SENTENCE}")] + [""] * 47 + [full]
    second = [rest, "", "(3) That it be so."]
    data = _printed([first, second])
    reading = READER.read(data, "minutes.pdf")
    assert reading.source.lines == (
        "Resolved –",
        "",
        f"(1) {SENTENCE}",
        *[""] * 47,
        f"(2) {SENTENCE}",
        "",
        "(3) That it be so.",
    )
    result = validate_bytes(data, "minutes.pdf")
    assert [d.code for d in result.diagnostics if d.code == "MK201"] == []
    # The joined item maps back to both of its printed lines.
    item = reading.source.lines.index(f"(2) {SENTENCE}") + 1
    # Printed lines are counted on their page: the running header is line 1 of each.
    assert reading.locations.place(item, 1) == Place(5, 1, page=1)
    assert reading.locations.place(item, len(f"{full} ") + 1) == Place(2, 1, page=2)
    assert reading.locations.place(item, len(f"{full} ") + 5) == Place(2, 5, page=2)


def test_a_full_last_line_on_a_page_that_is_not_full_is_a_paragraph_end() -> None:
    # The first page ends early (there was room for more lines): its paragraph ended
    # there, though its last line is full; the second page shows how low a page goes.
    first = ["Minutes:", "", FULL]
    second = ["Resolved –", "", *(PRINTED * 25)]
    lines = _read(_printed([first, second]))
    assert lines[:5] == ("Minutes:", "", FULL, "", "Resolved –")


def test_a_hyphen_at_a_line_end_is_kept_and_not_guessed() -> None:
    word = "administration"
    head = next(
        k for k in range(len(word), 1, -1)
        if stringWidth(f"{FULL} {word[:k]}-", "Helvetica", 11) <= MEASURE
    )  # fmt: skip
    # The first line is full and ends in a hyphen: joined without a space, hyphen kept.
    # The second ends in a hyphen too, but is not full: the next line is a new paragraph.
    first, second = f"{FULL} {word[:head]}-", f"{word[head:]} and the Council's well-"
    page = [first, second, "being duty."]
    assert _read(_printed([page], furniture=False)) == (
        f"{first}{word[head:]} and the Council's well-",
        "being duty.",
    )


def test_places_print_as_page_and_line() -> None:
    pages = [
        ["Agenda item", "", FULL, "report."],
        ["Minutes:", "", "Noted?"],
        ["", "", "Resolved –"],
    ]
    reading = READER.read(_printed(pages), "minutes.pdf")
    resolved = reading.source.lines.index("Resolved –") + 1
    # Line 1 of each page is its running header, printed above the text.
    assert str(reading.locations.place(resolved, 1)) == "p3:2:1"


def test_seeded_diagnostics_point_at_the_printed_page() -> None:
    page = [
        "Agenda item",
        "",
        "BUDGET MONITORING",
        "",
        "Minutes:",
        "",
        "The report was noted.",
        "",
        "Supporting documents:",
    ]
    result = validate_bytes(_printed([page, ["Appendix A"]]), "minutes.pdf")
    places = {d.code: str(result.locations.place(d.line, d.column)) for d in result.diagnostics}
    assert places["MK103"].startswith("p1:")


# ------------------------------------------------------------------ refused


def test_a_pdf_with_no_text_layer_is_refused() -> None:
    out = io.BytesIO()
    scan = canvas.Canvas(out)
    scan.rect(72, 72, 400, 600, fill=1)  # what a scanner leaves: a picture, no text
    scan.showPage()
    scan.save()
    assert _refused(out.getvalue()) == (
        "no text layer (scanned?): minutekit reads a PDF's text, it does no OCR;"
        " save the minutes as .docx or plain text"
    )


def test_a_broken_cross_reference_table_is_refused() -> None:
    data = _printed([["Agenda item"]])
    broken = re.sub(rb"xref\n0 (\d+)", rb"xref\n9 \1", data)
    assert broken != data
    assert _refused(broken) == (
        "not a readable PDF: no page was found (its cross-reference table is broken?)"
    )


def test_a_wrong_startxref_is_recovered_from() -> None:
    data = re.sub(
        rb"startxref\s+\d+", b"startxref\n999999", _printed([["Agenda item"]], furniture=False)
    )
    assert _read(data) == ("Agenda item",)


def test_a_truncated_pdf_is_refused() -> None:
    data = _printed([["Agenda item"]])
    assert _refused(data[: len(data) // 2]).startswith("not a readable PDF: ")


def test_an_encrypted_pdf_is_refused() -> None:
    data = _printed([["Agenda item"]], encrypt="secret")
    assert _refused(data) == "the PDF is encrypted: save it without a password"


def test_a_file_named_pdf_that_is_not_one_is_refused() -> None:
    assert _refused(b"Agenda item\n") == "not a PDF: it does not start with %PDF-"
