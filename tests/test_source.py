"""Source stage: decoding, line endings, blank lines, positions."""

from __future__ import annotations

import codecs
import io
import zipfile

import pytest

from minutekit.model import Position
from minutekit.source import read_source
from minutekit.validate import validate_bytes


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_utf8_byte_order_mark_is_dropped() -> None:
    source = read_source("\ufeffAgenda item\n".encode(), "a.txt")
    assert source.lines == ("Agenda item",)
    assert source.findings == ()


def test_invalid_utf8_is_a_located_finding_not_an_error() -> None:
    data = b"Agenda item\n\nChildren" + b"\x92s Services\n"
    source = read_source(data, "a.txt")
    [finding] = source.findings
    assert finding.code == "MK001"
    assert finding.position == Position(3, 9)
    assert "the byte at byte offset 21 (value 0x92) is not valid UTF-8" in finding.message
    assert source.lines[2] == "Children\ufffds Services"


def test_nbsp_only_line_is_blank_and_columns_are_kept() -> None:
    source = read_source("a\n\u00a0\u00a0\n\u00a0b\n".encode(), "a.txt")
    assert source.lines == ("a", "  ", " b")
    assert source.text == "a\n  \n b\n"


def test_crlf_and_lone_cr_end_lines_and_keep_numbering() -> None:
    source = read_source(b"one\r\ntwo\rthree\n\nfive", "a.txt")
    assert source.lines == ("one", "two", "three", "", "five")
    assert source.end == Position(5, 5)


def test_trailing_blank_lines_are_kept() -> None:
    assert read_source(b"a\n\n\n", "a.txt").lines == ("a", "", "")


def test_empty_file() -> None:
    source = read_source(b"", "a.txt")
    assert source.lines == ()
    assert source.end == Position(1, 1)


def test_sha256_is_of_the_bytes() -> None:
    assert read_source(b"", "a.txt").sha256 == (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )


def test_utf16_with_either_byte_order_is_read_and_reported() -> None:
    text = "Agenda item\r\n\r\nCHILDREN’S SERVICES\r\n"
    for encoded in (text.encode("utf-16"), codecs.BOM_UTF16_BE + text.encode("utf-16-be")):
        source = read_source(encoded, "x.txt")
        assert source.lines == ("Agenda item", "", "CHILDREN’S SERVICES")
        assert [f.code for f in source.findings] == ["MK003"]
        assert not source.refused


def test_an_explicit_encoding_is_used_without_a_finding() -> None:
    source = read_source("Children’s – £5".encode("cp1252"), "x.txt", "cp1252")
    assert source.lines == ("Children’s – £5",) and source.findings == ()


def test_a_nul_byte_refuses_the_file_with_its_position() -> None:
    source = read_source(b"Title\nab\x00cd\n", "x.txt")
    assert source.refused and source.lines == ()
    [finding] = source.findings
    assert (finding.code, finding.position.line, finding.position.column) == ("MK004", 2, 3)


@pytest.mark.parametrize("data", [b"", b"\n\n", b" \t\r\n", "\u00a0\n".encode(), b"\xef\xbb\xbf"])
def test_empty_and_blank_files_are_refused(data: bytes) -> None:
    source = read_source(data, "x.txt")
    assert source.refused and [f.code for f in source.findings] == ["MK005"]


def test_utf8_bom_does_not_shift_columns_of_a_bad_byte() -> None:
    [finding] = read_source(b"\xef\xbb\xbfab\x92c\n", "x.txt").findings
    assert (finding.position.line, finding.position.column) == (1, 3)
    assert "use --encoding cp1252" in finding.message


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "a PDF"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64),
            "a Word document (.doc) or another Office file",
        ),
        (b"{\\rtf1\\ansi Agenda item\\par}", "a Rich Text Format document (.rtf)"),
        (_zip({"word/document.xml": b"<w:document/>"}), "a Word document (.docx)"),
        (
            _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}),
            "an OpenDocument text (.odt)",
        ),
        (_zip({"data.csv": b"a,b\n"}), "a ZIP archive"),
    ],
)
def test_a_document_given_to_the_plain_text_reader_is_refused_by_name(
    data: bytes, what: str
) -> None:
    """Whatever reaches plain text (read as text when asked, or a format no reader
    takes) and is not text is named, and nothing in it is checked."""
    source = read_source(data, "minutes.txt")
    assert source.refused and source.lines == ()
    [finding] = source.findings
    assert (finding.code, finding.position) == ("MK006", Position(1, 1))
    assert finding.message.startswith(f"this is {what}, not plain text: save it as plain text")
    result = validate_bytes(data, "minutes.txt", input_format="txt")
    assert [(d.code, d.message) for d in result.diagnostics] == [("MK006", finding.message)]
    assert result.refused
