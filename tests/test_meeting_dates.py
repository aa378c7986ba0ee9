"""The meeting's date, where the text states it, is the FRBR date, marked as read from
the text; the unknown date (``0001-01-01``) only when nothing states it."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from lxml import etree

from helpers import AKN_NS, FIXTURES, akn_body_text, words
from minutekit import formats, schema
from minutekit.convert import ConvertOptions
from minutekit.parse import meeting_heading
from minutekit.validate import validate_bytes

OPTIONS = ConvertOptions(generated=datetime.date(2026, 11, 23), item_id="x")

#: An issue's decisions page: each decision is dated by the meeting that took it.
DECISIONS_PAGE = (
    "Issue - decisions\n\n"
    "Table of Fares\n\n"
    "24/06/2022 - Reference from Licensing Committee - Review of Table of Fares\n\n"
    "RESOLVED that the amended table of fares be approved.\n"
)


def _xpath(document: etree._Element, path: str) -> list[Any]:
    found = document.xpath(path, namespaces={"a": AKN_NS})
    assert isinstance(found, list)
    return found


def _frbr(document: etree._Element) -> tuple[list[str], list[str], list[str]]:
    dates = _xpath(document, "//a:FRBRWork/a:FRBRdate | //a:FRBRExpression/a:FRBRdate")
    marks = [str(v) for d in dates for name, v in d.attrib.items() if str(name).startswith("{")]
    uri = [str(v) for v in _xpath(document, "//a:FRBRWork/a:FRBRuri/@value")]
    return [str(d.get("date")) for d in dates], marks, uri


def _mk(document: etree._Element, name: str) -> list[dict[str, str]]:
    return [
        {str(k): str(v) for k, v in e.attrib.items()}
        for e in document.iter()
        if etree.QName(e).localname == name
    ]


def test_a_meeting_files_heading_dates_its_akn_document() -> None:
    meeting = validate_bytes((FIXTURES / "meeting_minutes.txt").read_bytes(), "m.txt").meeting
    assert meeting is not None and meeting.meeting is not None
    assert (meeting.meeting.date, meeting.meeting.committee) == (
        "2022-03-03",
        "Licensing Committee",
    )
    document = etree.fromstring(formats.get("akn").convert_meeting(meeting, OPTIONS))
    dates, marks, uri = _frbr(document)
    assert dates == ["2022-03-03", "2022-03-03"]
    assert uri == ["/akn/gb/debateReport/minutes/2022-03-03/x"]
    assert marks == ["text", "text"]
    assert {"field": "meetingDate", "line": "1"} in _mk(document, "stated")
    assert {"field": "meetingDate"} not in _mk(document, "unknown")


def test_a_meeting_files_json_carries_its_meeting() -> None:
    meeting = validate_bytes((FIXTURES / "meeting_minutes.txt").read_bytes(), "m.txt").meeting
    assert meeting is not None
    document = json.loads(formats.get("json").convert_meeting(meeting, OPTIONS))
    assert document["meeting"]["date"] == "2022-03-03"
    assert schema.meeting_shape_errors(document) == []


def test_a_decisions_page_is_dated_by_its_decisions_meeting(strict_xsd: etree.XMLSchema) -> None:
    item = validate_bytes(DECISIONS_PAGE.encode(), "decisions.txt").item
    assert item.meeting is not None
    assert (item.meeting.date, item.meeting.committee, item.meeting.span.line) == (
        "2022-06-24",
        None,
        5,
    )
    document = etree.fromstring(formats.get("akn").convert(item, OPTIONS))
    assert strict_xsd.validate(document), strict_xsd.error_log
    assert words(akn_body_text(document)) == words(DECISIONS_PAGE)
    dates, marks, _ = _frbr(document)
    assert (dates, marks) == (["2022-06-24"] * 2, ["text"] * 2)
    assert schema.shape_errors(item.to_jsonable()) == []


def test_a_given_meeting_date_wins_and_is_not_marked_as_read() -> None:
    item = validate_bytes(DECISIONS_PAGE.encode(), "decisions.txt").item
    options = ConvertOptions(
        generated=OPTIONS.generated, item_id="x", meeting_date=datetime.date(2022, 6, 20)
    )
    document = etree.fromstring(formats.get("akn").convert(item, options))
    assert _frbr(document)[:2] == (["2022-06-20"] * 2, [])
    assert _mk(document, "stated") == []


@pytest.mark.parametrize(
    "line",
    [
        "Minutes of the previous meeting held on 3 March 2022",
        "Minutes of the meeting held on 3 March 2022",
        "Minutes of Last Meeting held on 3 March 2022",
        "Minutes of the Licensing Committee",
        "The minutes of the Licensing Committee held on 3 March 2022 were agreed.",
    ],
)
def test_another_meetings_minutes_do_not_date_this_meeting(line: str) -> None:
    assert meeting_heading([line]) is None


@pytest.mark.parametrize(
    ("line", "date", "committee"),
    [
        (
            "Minutes of the Licensing Committee held on 3 March 2022",
            "2022-03-03",
            "Licensing Committee",
        ),
        (
            "MINUTES OF A SPECIAL MEETING OF THE CABINET HELD AT THE GUILDHALL ON"
            " TUESDAY, 1ST MARCH 2022 AT 10.00 AM",
            "2022-03-01",
            "CABINET",
        ),
        ("Minutes of the Planning Committee held on 31 February 2022", None, "Planning Committee"),
    ],
)
def test_a_meeting_heading_is_read(line: str, date: str | None, committee: str) -> None:
    meeting = meeting_heading(["", line])
    assert meeting is not None
    assert (meeting.date, meeting.committee, meeting.span.line) == (date, committee, 2)


def test_a_single_items_title_naming_another_meeting_leaves_the_date_unknown() -> None:
    text = "Agenda item\n\nMinutes of the Cabinet held on 3 March 2022\n\nResolved –\n\nAgreed.\n"
    item = validate_bytes(text.encode(), "item.txt").item
    document = etree.fromstring(formats.get("akn").convert(item, OPTIONS))
    assert _frbr(document)[:2] == (["0001-01-01"] * 2, ["unknown"] * 2)
