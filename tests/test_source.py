"""Source stage: decoding, line endings, blank lines, positions."""

from __future__ import annotations

from minutekit.model import Position
from minutekit.source import read_source


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
    assert "byte 21 (0x92)" in finding.message
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
