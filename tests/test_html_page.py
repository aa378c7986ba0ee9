"""The HTML reader: a browser's lines, ModernGov's structure, source lines as places, and
hostile pages refused in one line."""

from __future__ import annotations

import time

import pytest
import renderings

from helpers import FIXTURES, SEED_FILES
from minutekit import readers
from minutekit.model import Paragraph
from minutekit.readers import Place, html_page
from minutekit.validate import validate_bytes

READER = readers.catalogue()["html"]


def _lines(page: str) -> tuple[str, ...]:
    reading = READER.read(page.encode(), "page.html")
    assert not reading.source.findings, reading.source.findings
    return tuple(reading.source.lines)


def _refused(data: bytes, name: str = "page.html") -> str:
    result = validate_bytes(data, name)
    assert [d.code for d in result.diagnostics] == ["MK006"]
    assert "\n" not in result.diagnostics[0].message
    return result.diagnostics[0].message


def test_blocks_are_lines_and_a_br_breaks_one() -> None:
    page = (
        "<html><body><div><h2>Agenda item</h2><p>BUDGET\n   MONITORING</p>"
        "<p>First line<br>second line<br><br>after a blank</p><p></p>"
        "<div>Loose text<p>inner</p>tail text</div></div></body></html>"
    )
    assert _lines(page) == (
        "Agenda item",
        "BUDGET MONITORING",
        "First line",
        "second line",
        "",
        "after a blank",
        "Loose text",
        "inner",
        "tail text",
    )


def test_nbsp_is_a_space_that_makes_a_blank_line_and_entities_are_characters() -> None:
    page = "<html><body><p>Resolved &ndash;</p><p>&nbsp;</p><p>(1)&nbsp;&nbsp; That&#8217;s &amp; it.</p></body></html>"
    assert _lines(page) == ("Resolved –", " ", "(1)   That’s & it.")


def test_scripts_styles_navigation_and_the_head_are_not_read() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Page title</title><style>p{}</style></head><body>"
        "<nav><a href='/'>Home</a></nav><div role='navigation'>Skip to content</div>"
        "<script>document.write('<p>written</p>')</script><noscript>Enable scripts</noscript>"
        "<p hidden>hidden</p><p>Minutes:</p><form><input value='Search'><button>Go</button></form>"
        "</body></html>"
    )
    assert _lines(page) == ("Minutes:",)


def test_list_items_keep_their_markers() -> None:
    page = (
        "<html><body><ol><li>Noted</li><li>Agreed</li></ol>"
        "<ol start='4' type='a'><li>four</li><li value='9'>nine</li><li>ten</li></ol>"
        "<ol type='I'><li>one</li><li>two</li></ol><ul><li>a bullet</li></ul></body></html>"
    )
    assert _lines(page) == (
        "1. Noted",
        "2. Agreed",
        "d. four",
        "i. nine",
        "j. ten",
        "I. one",
        "II. two",
        "· a bullet",
    )


def test_preformatted_text_keeps_its_lines() -> None:
    assert _lines("<html><body><pre>Resolved –\n\n(1)  That  it\n</pre></body></html>") == (
        "Resolved –",
        "",
        "(1)  That  it",
    )


def test_each_line_maps_to_the_source_line_of_its_element() -> None:
    page = "<html>\n<body>\n<p>Agenda item</p>\n\n<div class='mgWordPara'>\n<p>Minutes:</p>\n<p>Noted.</p>\n</div>\n</body>\n</html>\n"
    reading = READER.read(page.encode(), "page.html")
    assert reading.source.lines == ("Agenda item", "Minutes:", "Noted.")
    assert [reading.locations.place(n, 1) for n in (1, 2, 3)] == [
        Place(3, 1),
        Place(6, 1),
        Place(7, 1),
    ]
    assert str(reading.locations.place(3, 1)) == "7:1"


def test_moderngov_title_link_loses_its_file_size_residue() -> None:
    page = (
        '<html><body><p class="mgAiTitleTxt"><a class="mgAiTitleLnk" href="r.pdf">BUDGET MONITORING'
        ' <img src="pdf.gif" alt="pdf icon"> PDF 98 KB</a></p>'
        '<p class="mgAiTitleTxt">Pimlico District HeatingPDF 500 KB</p>'
        "<p>A paragraph about a PDF 98 KB attachment stays as written PDF 98 KB</p></body></html>"
    )
    assert _lines(page) == (
        "BUDGET MONITORING",
        "Pimlico District Heating",
        "A paragraph about a PDF 98 KB attachment stays as written PDF 98 KB",
    )


def test_a_moderngov_meeting_page_is_a_whole_meeting_file() -> None:
    items = []
    for path in SEED_FILES[:2]:
        lines = path.read_text(encoding="utf-8").splitlines()
        title = next(line for line in lines[3:] if line.strip() and line.strip() != "\u00a0")
        items.append((title.strip(), "\n".join(lines[lines.index(title) + 1 :])))
    page = renderings.moderngov_meeting(items, first_number=40)
    result = validate_bytes(page, "ieListDocuments.html")
    assert result.meeting is not None
    assert [item.title.text for item in result.meeting.items if item.title] == [t for t, _ in items]
    separately = [
        validate_bytes(path.read_bytes(), "minutes.txt").item.to_jsonable()["minutes"]["blocks"]
        for path in SEED_FILES[:2]
    ]
    together = [item.to_jsonable()["minutes"]["blocks"] for item in result.meeting.items]
    assert [[b.get("text") for b in bs] for bs in together] == [
        [b.get("text") for b in bs] for bs in separately
    ]
    first_number = result.meeting.items[0].to_jsonable()["title_span"]["line"] - 1
    assert str(result.locations.place(first_number, 1)).split(":")[0] == str(
        page.decode()
        .splitlines()
        .index('<td class="mgItemNumberCell"><p class="mgAiTitleTxt">40.</p></td>')
        + 1
    )


def test_the_encoding_is_the_pages_own_or_utf8_or_windows_1252() -> None:
    said = (
        '<html><head><meta charset="windows-1252"></head><body><p>Children\x92s</p></body></html>'
    )
    assert READER.read(said.encode("latin-1"), "p.html").source.lines == ("Children’s",)
    unsaid = "<html><body><p>Children’s</p></body></html>"
    assert READER.read(unsaid.encode("utf-8"), "p.html").source.lines == ("Children’s",)
    assert READER.read(unsaid.encode("cp1252"), "p.html").source.lines == ("Children’s",)


@pytest.mark.parametrize("declared", ["utf-16", "UTF-16LE", "utf-16be", "utf-32"])
def test_a_meta_charset_the_page_cannot_be_in_is_read_as_browsers_do(declared: str) -> None:
    # The <meta> itself was read as ASCII, so the page is not UTF-16/32 (the HTML standard
    # reads such a declaration as UTF-8): every word comes through, none turns to CJK.
    page = f'<html><head><meta charset="{declared}"></head><body><p>Children’s Services</p>'
    assert READER.read(page.encode("utf-8"), "p.html").source.lines == ("Children’s Services",)
    assert READER.read(page.encode("cp1252"), "p.html").source.lines == ("Children’s Services",)


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><body><p>x</p></body></html>",
        b"\xef\xbb\xbf<html lang='en'>",
        b"<?xml version='1.0'?>\n<!-- saved -->\n<html xmlns='http://www.w3.org/1999/xhtml'>",
        b"  <HEAD><title>t</title>",
    ],
)
def test_a_page_is_known_by_its_markup(data: bytes) -> None:
    assert readers.for_input(data, "minutes.txt").NAME == "html"


def test_text_that_mentions_markup_is_not_a_page() -> None:
    assert readers.for_input(b"Agenda item\n\n<html> was discussed\n", "item.txt").NAME == "txt"


# ------------------------------------------------------------------ hostile


def test_a_billion_laughs_page_is_refused() -> None:
    page = (
        b'<!DOCTYPE html [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]><html><body><p>&lol3;</p></body></html>'
    )
    assert _refused(page) == (
        "the page declares entities in its DOCTYPE (an XML entity attack?): no HTML page needs"
        " them, and minutekit never expands them"
    )


def test_an_external_entity_is_refused_and_never_read() -> None:
    page = b'<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body><p>&x;</p></body></html>'
    assert "declares entities" in _refused(page)


def test_a_50_mb_page_is_refused_at_once() -> None:
    page = (
        b"<html><body>"
        + b"<p>Minutes of the meeting.</p>\n" * (50 * 1024 * 1024 // 30)
        + b"</body></html>"
    )
    started = time.perf_counter()
    message = _refused(page)
    assert time.perf_counter() - started < 5
    assert message == (
        f"the page is {len(page) / 1024 / 1024:.1f} MB, more than the 20 MB minutekit reads:"
        " save the minutes on their own"
    )


def test_a_page_under_the_limit_that_expands_beyond_the_text_bound_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(html_page, "MAX_TEXT", 1000)
    page = b"<html><body>" + b"<p>Minutes of the meeting.</p>" * 100 + b"</body></html>"
    assert _refused(page) == "not a readable HTML page: its text runs beyond 1,000 characters"


def test_a_deeply_nested_page_is_read_or_refused_in_one_line() -> None:
    page = b"<html><body>" + b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000 + b"</body></html>"
    result = validate_bytes(page, "page.html")
    assert all("\n" not in d.message for d in result.diagnostics)


def test_a_page_with_no_text_is_empty() -> None:
    result = validate_bytes(b"<html><body><script>x()</script></body></html>", "page.html")
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("MK005", "the HTML page has no text")
    ]


def test_a_moderngov_issue_history_page_gives_an_item_per_meeting() -> None:
    # The issue at two meetings, each under its own "Meeting:" heading with its own item
    # line, minutes and resolution (mgIssueHistory markup, written for the project).
    page = FIXTURES / "documents" / "issue_history.html"
    html = page.read_text(encoding="utf-8").splitlines()
    result = validate_bytes(page.read_bytes(), page.name)
    assert result.media_type == "text/html"
    assert result.meeting is not None
    first, second = result.meeting.items
    # The first keeps the page's heading and the issue's title; the second's title is
    # its item line, the "pdf icon PDF 190 KB" link gone.
    assert [p.text for p in first.preface][:1] == ["Issue - meetings"]
    assert [item.title.text if item.title else None for item in (first, second)] == [
        "Allotment Rents and Charges",
        "15. Allotment Rents and Charges",
    ]
    assert [
        (m.date, m.committee, m.item) for m in (first.meeting, second.meeting) if m is not None
    ] == [
        ("2023-03-14", "Environment and Waste Committee", "9."),
        ("2023-04-04", "Executive", "15."),
    ]
    # Each meeting's outcome is its own.
    assert first.resolved is not None and second.resolved is not None
    assert [p.text for p in first.resolved.paragraphs] == [
        "That the proposed rents be recommended to the Executive, with the concession"
        " for tenants over 65 kept at half the rent."
    ]
    assert first.resolved.heading.text.startswith("RESOLVED")
    assert first.resolved.items == ()
    assert [(i.num, i.text) for i in second.resolved.items] == [
        ("(1)", "That the allotment rents from 1 April 2024 be approved as set out in the report."),
        ("(2)", "That the concession for tenants over 65 be kept at half the rent."),
    ]
    assert first.minutes is not None and second.minutes is not None
    assert [b.text for b in first.minutes.blocks if isinstance(b, Paragraph)] == [
        "The Committee considered the report of the Director of Neighbourhoods on the rents"
        " charged for allotment plots from April 2024, and the responses of the allotment"
        " societies."
    ]
    assert [b.text for b in second.minutes.blocks if isinstance(b, Paragraph)] == [
        "The Executive considered the recommendation of the Environment and Waste Committee."
    ]
    # The second meeting's line is placed on its heading in the page's source.
    assert second.meeting is not None
    place = str(result.locations.place(second.meeting.span.line, 1))
    assert html[int(place.split(":")[0]) - 1].startswith(
        '<h2 class="mgSubTitleTxt">Meeting: 04/04/2023 - Executive'
    )
