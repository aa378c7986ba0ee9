"""Whole-meeting files: several agenda items in one file, checked and converted item by item."""

from __future__ import annotations

import csv
import io
import json
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from helpers import FIXTURES, SEED_FILES, akn_body_text, words
from minutekit import schema
from minutekit.cli import main
from minutekit.selection import Selection
from minutekit.split import item_starts
from minutekit.validate import validate_bytes

MEETING = FIXTURES / "meeting_minutes.txt"
#: Fixtures of several items on one page (see test_layouts.py).
SEVERAL = {
    MEETING,
    FIXTURES / "issue_history_two_meetings.txt",
    FIXTURES / "sub_items_with_their_own_minutes.txt",
}


def _lines(text: str) -> list[str]:
    return text.splitlines()


def test_numbered_items_that_run_on_make_a_meeting() -> None:
    lines = _lines(MEETING.read_text())
    assert [lines[i] for i in item_starts(lines)] == [
        "40.",
        "41. MINUTES OF THE LAST MEETING",
        "42.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "TITLE\n\nResolved –\n\n1. That the report be noted.\n2. That it be published.\n",
        # page numbers in running text are not item numbers
        "TITLE\n\nThe Committee heard that the\n2\nscheme was late and the\n3\ncost was high.\n",
        # numbers that do not run on by one
        "40.\n\nAPOLOGIES\n\nNone.\n\n47.\n\nURGENT BUSINESS\n\nNone.\n",
        "Agenda item\n\nONE TITLE\n\nText.\n",
    ],
)
def test_one_item_is_not_a_meeting(text: str) -> None:
    assert item_starts(_lines(text)) == []


@pytest.mark.parametrize(
    "path",
    [*SEED_FILES, *sorted(p for p in FIXTURES.glob("*.txt") if p not in SEVERAL)],
    ids=lambda p: p.stem,
)
def test_no_seed_or_fixture_is_read_as_a_meeting(path: Path) -> None:
    assert item_starts(_lines(path.read_text())) == []


def test_a_meeting_is_checked_item_by_item() -> None:
    result = validate_bytes(MEETING.read_bytes(), "meeting_minutes.txt")
    assert result.meeting is not None
    items = result.meeting.items
    assert [i.title.text if i.title else None for i in items] == [
        "APOLOGIES FOR ABSENCE",
        "41. MINUTES OF THE LAST MEETING",
        "Street Trading Policy",
    ]
    assert [p.text for p in result.meeting.preface] == [
        "Minutes of the Licensing Committee held on 3 March 2022",
        "Present: Councillors Patel (Chair), Quinn and Roberts",
    ]
    # Spans are lines of the file; each item's missing parts are reported in it.
    assert items[2].resolved is not None and items[2].resolved.span.line == 21
    assert items[2].actions[0].owners == ("Head of Licensing",)
    assert (items[2].votes[0].votes_for, items[2].votes[0].against) == (5, 1)
    missing_action = [d.line for d in result.diagnostics if d.code == "MK104"]
    assert missing_action == [9, 13]  # the first two items, each at its own end
    # The result says it holds a meeting; it never hands out one item as if it were all.
    assert result.kind == "meeting" and result.items == items
    with pytest.raises(ValueError, match="holds a meeting of 3 items"):
        result.item  # noqa: B018


def test_the_general_profile_asks_each_item_for_an_outcome() -> None:
    general = Selection.of(
        ignore=["MK101", "MK102", "MK103", "MK104", "MK105", "MK106", "MK107"], enable=["MK108"]
    )
    result = validate_bytes(MEETING.read_bytes(), "meeting_minutes.txt", general)
    assert [(d.line, d.code) for d in result.diagnostics] == [(9, "MK108")]


@pytest.mark.parametrize("pair", [(0, 1), (2, 3), (3, 4)])
def test_two_seeds_in_one_file_report_what_each_reports_alone(pair: tuple[int, int]) -> None:
    first, second = (SEED_FILES[i].read_text(encoding="utf-8") for i in pair)
    joined = first.rstrip("\n") + "\n\n" + second
    offset = len(first.rstrip("\n").split("\n")) + 1
    result = validate_bytes(joined.encode(), "meeting.txt")
    assert result.meeting is not None and len(result.meeting.items) == 2

    def alone(text: str, shift: int) -> list[tuple[int, int, str, str]]:
        found = validate_bytes(text.encode(), "meeting.txt").diagnostics
        return [(d.line + shift, d.column, d.code, d.message) for d in found]

    expected = sorted(alone(first, 0) + alone(second, offset))
    assert sorted((d.line, d.column, d.code, d.message) for d in result.diagnostics) == expected


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_convert_writes_one_akn_document_with_a_section_per_item(
    tmp_path: Path, strict_xsd: etree.XMLSchema
) -> None:
    status, _ = _invoke("convert", "--to", "akn", "--force", "-o", str(tmp_path), str(MEETING))
    assert status == 1  # invalid under the seeds' profile, converted with --force
    root = etree.parse(str(tmp_path / "meeting_minutes.akn.xml")).getroot()
    assert strict_xsd.validate(root), strict_xsd.error_log
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    sections = root.findall(".//a:mainBody/a:debateSection", ns)
    assert [s.get("eId") for s in sections] == ["dbsect_1", "dbsect_2", "dbsect_3"]
    assert [s.findtext("a:num", namespaces=ns) for s in sections] == ["40.", None, "42."]
    assert words(akn_body_text(root)) == words(MEETING.read_text())
    count = root.find(".//a:voting/a:count", ns)
    assert count is not None and count.get("value") == "5"


def test_convert_to_json_is_valid_against_the_meeting_schema(tmp_path: Path) -> None:
    _invoke("convert", "--to", "json", "--force", "-o", str(tmp_path), str(MEETING))
    document = json.loads((tmp_path / "meeting_minutes.json").read_text())
    assert len(document["items"]) == 3
    assert schema.meeting_shape_errors(document) == []
    broken = dict(document, items=document["items"][:1])  # one item is not a meeting
    assert schema.meeting_shape_errors(broken) != []
    status, printed = _invoke("parse", str(MEETING))
    assert status == 0 and json.loads(printed) == document


def test_convert_to_csv_gives_a_row_per_item(tmp_path: Path) -> None:
    _invoke("convert", "--to", "csv", "--force", "-o", str(tmp_path), str(MEETING))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "items.csv").read_text(), newline="")))
    assert [(r["item_id"], r["title"]) for r in rows] == [
        ("meeting_minutes-1", "APOLOGIES FOR ABSENCE"),
        ("meeting_minutes-2", "41. MINUTES OF THE LAST MEETING"),
        ("meeting_minutes-3", "Street Trading Policy"),
    ]
    votes = (tmp_path / "votes.csv").read_text()
    assert "meeting_minutes-3,1,5,1,0," in votes


def test_the_meeting_schema_is_printed() -> None:
    status, printed = _invoke("schema", "--meeting")
    assert status == 0 and json.loads(printed)["$id"] == "urn:minutekit:schema:meeting:1"


def test_the_meetings_own_lines_get_the_checks_of_the_text_as_written() -> None:
    text = (
        "Minutes of the Cabinet\x07 held on 31st February 2022\n\n"
        + MEETING.read_text().split("\n", 4)[4]
    )
    result = validate_bytes(text.encode(), "meeting.txt")
    assert result.meeting is not None
    first = [(d.line, d.code) for d in result.diagnostics if d.line == 1]
    assert first == [(1, "MK303"), (1, "MK304")]


def _meeting_of(items: int) -> bytes:
    seeds = [p.read_text() for p in SEED_FILES]
    return "".join(seeds[i % len(seeds)].rstrip("\n") + "\n\n" for i in range(items)).encode()


def test_each_item_of_a_meeting_is_parsed_from_its_own_text(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The grammar reads each item's own lines, not the file up to it padded with blank
    lines (which made a meeting file's check grow with the square of its items)."""
    from minutekit import grammar

    read: list[int] = []
    real = grammar.parse

    def counting(text: str, *args, **options):  # type: ignore[no-untyped-def]
        read.append(len(text))
        return real(text, *args, **options)

    monkeypatch.setattr(grammar, "parse", counting)
    data = _meeting_of(20)
    result = validate_bytes(data, "meeting.txt")
    assert result.meeting is not None and len(result.meeting.items) == 20
    assert len(read) == 20  # every item was parsed, and counted
    assert sum(read) <= len(data.decode())


def test_a_meetings_items_share_the_files_lines_and_grow_linearly() -> None:
    """An item keeps the file's line numbers through a view of the file's lines, not a
    copy padded with blank lines: the meeting's parse grows with its items."""
    small = validate_bytes(_meeting_of(20), "meeting.txt").meeting
    large = validate_bytes(_meeting_of(80), "meeting.txt").meeting
    assert small is not None and large is not None
    last = large.items[-1]
    assert last.title is not None
    assert last.source.lines[last.title.span.line - 1] == last.title.text  # file's numbering
    assert len(pickle.dumps(large)) <= 4.2 * len(pickle.dumps(small))
