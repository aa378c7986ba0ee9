"""The model keeps what the grammar decided and where each named part stands.

A later stage reads these spans instead of looking for the words again: the Akoma
Ntoso writer places the meeting's date and committee, declared members, ACTION owners
and contact names from them alone.
"""

from __future__ import annotations

import datetime

from lxml import etree

from helpers import AKN_NS, FIXTURES, akn_body_text, words
from minutekit.convert import ConvertOptions
from minutekit.converters import akoma_ntoso
from minutekit.model import AgendaItem, Span
from minutekit.parse import parse
from minutekit.source import read_source
from minutekit.text import source_map

NS = {"a": AKN_NS}


def _parse(text: str) -> AgendaItem:
    item, _ = parse(read_source(text.encode(), "t.txt"))
    return item


def _at(item: AgendaItem, span: Span | None) -> str:
    assert span is not None and span.line == span.end_line
    return item.source.lines[span.line - 1][span.column - 1 : span.end_column - 1]


def _akn(item: AgendaItem) -> etree._Element:
    options = ConvertOptions(datetime.date(2026, 1, 1))
    return etree.fromstring(akoma_ntoso.convert(item, options))


PAGE = """Local democracy
Issue - meetings
Meeting: 16/09/2020 -  Environment   Committee (Item 9.)

Agenda item

A TITLE

Minutes:

Councillor  A  Khan declared a personal interest in the item.

The minutes of the Meeting: 01/01/2020 - Other Committee were read.

Resolved –

(1)  That the report be noted.

ACTION:  Chief Executive  /  Director of Place (by March)

Supporting documents:
"""


def test_preface_lines_keep_the_role_the_grammar_gave_them() -> None:
    item = _parse(PAGE)
    assert [h.kind for h in item.preface] == [
        "furniture",
        "furniture",
        "furniture",
        "agenda_header",
    ]
    numbered = _parse("40.\n\nA TITLE\n\nMinutes:\n\nNoted.\n")
    assert [h.kind for h in numbered.preface] == ["item_number"]


def test_the_stated_meeting_keeps_the_spans_of_its_date_and_committee() -> None:
    item = _parse(PAGE)
    assert item.meeting is not None
    assert _at(item, item.meeting.date_span) == "16/09/2020"
    assert _at(item, item.meeting.committee_span) == "Environment   Committee"
    assert item.meeting.committee == "Environment Committee"


def test_a_voting_records_heading_keeps_its_date_span() -> None:
    item = _parse("Licensing Committee, Wednesday, 8th March, 2023 2.00 pm\n\nA TITLE\n")
    assert item.meeting is not None and item.meeting.date == "2023-03-08"
    assert _at(item, item.meeting.date_span) == "8th March, 2023"
    assert _at(item, item.meeting.committee_span) == "Licensing Committee"


def test_action_owners_and_contact_names_keep_their_spans() -> None:
    item = _parse(PAGE)
    (action,) = item.actions
    assert action.owners == ("Chief Executive", "Director of Place")
    assert [_at(item, s) for s in action.owner_spans] == list(action.owners)
    contact = _parse("A TITLE\n\nThe report.\n\n(Jo  Bloggs/Ann Lee – 01234 567890)\n").contact
    assert contact is not None and contact.names == ("Jo Bloggs", "Ann Lee")
    item = _parse("A TITLE\n\nThe report.\n\n(Jo  Bloggs/Ann Lee – 01234 567890)\n")
    assert [_at(item, s) for s in contact.name_spans] == ["Jo  Bloggs", "Ann Lee"]


def test_declared_members_keep_their_spans() -> None:
    item = _parse(PAGE)
    (declaration,) = item.declarations
    assert _at(item, declaration.member_span) == "Councillor  A  Khan"


def test_akoma_ntoso_marks_only_the_meeting_the_model_located() -> None:
    # The second "Meeting: …" line is running text, not the page's stated meeting: it
    # was marked with the stated meeting's date before, which was untrue.
    root = _akn(_parse(PAGE))
    dates = [d.get("date") for d in root.iterfind(".//a:date", NS)]
    organizations = [o.text for o in root.iterfind(".//a:organization", NS)]
    assert dates == ["2020-09-16"]
    assert organizations == ["Environment Committee"]
    persons = [p.text for p in root.iterfind(".//a:mainBody//a:person", NS)]
    assert persons == ["Councillor A Khan"]
    roles = [r.text for r in root.iterfind(".//a:p[@class='action']/a:role", NS)]
    assert roles == ["Chief Executive", "Director of Place"]


def test_the_source_map_points_each_character_back_to_its_line_and_column() -> None:
    lines = ["  The  report", "", "  was noted. "]
    text, where = source_map(lines, (1, 3), (3, 14))
    assert text == "The report was noted."
    assert where[text.index("report")] == (1, 8)
    assert where[text.index("noted")] == (3, 7)


def test_the_model_says_which_part_of_the_page_a_decision_and_a_contact_belong_to() -> None:
    before = _parse((FIXTURES / "decision_before_minutes.txt").read_text(encoding="utf-8"))
    assert before.decision is not None and before.decision.part == "before_minutes"
    after = _parse("A TITLE\n\nMinutes:\n\nThe report was discussed.\n\nAGREED that it be noted.\n")
    assert after.decision is not None and after.decision.part == "outcome"
    page = (FIXTURES / "decision_page_contact_after_resolved.txt").read_text(encoding="utf-8")
    closing = _parse(page).contact
    assert closing is not None and closing.part == "outcome"
    agenda = _parse("A TITLE\n\nThe report.\n\n(Jo Bloggs – 01234 567890)\n").contact
    assert agenda is not None and agenda.part == "agenda"


def test_unplaced_lines_know_their_part_of_the_page_and_the_block_that_keeps_them() -> None:
    # Found by a random search over line kinds: the grammar cannot place the second
    # "Resolved –" nor "Minutes:" after the outcome.
    text = (
        "Resolved –\n\nOverview and Scrutiny Area: Health\n\nResolved –\n\nMinutes:\n\nText line.\n"
    )
    item = _parse(text)
    assert [(u.span.line, u.part) for u in item.unplaced] == [(5, "record")]
    assert item.resolved is not None
    assert [u.span.line for u in item.resolved.unplaced] == [5]
    # A second contact line in the agenda part, before the record starts.
    agenda = _parse(
        "(Jo Bloggs – 01234 567890)\n\nOverview and Scrutiny Area: Health\n\n"
        "(Jo Bloggs – 01234 567890)\n\nThe report.\n"
    )
    assert [(u.span.line, u.part) for u in agenda.unplaced] == [(5, "agenda")]


def test_a_heading_that_runs_on_into_its_text_is_marked_by_the_parser() -> None:
    glued = _parse("A TITLE\n\nMinutes:\n\nNoted.\n\nRESOLVED:That the report be noted.\n")
    assert glued.resolved is not None and glued.resolved.heading.runs_on
    assert glued.resolved.heading.text == "RESOLVED:"
    spaced = _parse("A TITLE\n\nMinutes:\n\nNoted.\n\nRESOLVED: That the report be noted.\n")
    assert spaced.resolved is not None and not spaced.resolved.heading.runs_on


def test_the_stated_meetings_date_is_written_once_when_it_is_also_a_prose_date() -> None:
    # Found by comparing the corpus's outputs before and after: the meeting's date was
    # marked by the meeting's own search and again as a prose date, so "23 May 2023"
    # was written twice.
    text = (
        "A TITLE\n\nMINUTES – EXTRAORDINARY MEETING, Tuesday, 23 May 2023, at 7.00 pm.\n\n"
        "Minutes:\n\nNoted.\n"
    )
    root = _akn(_parse(text))
    assert words(akn_body_text(root)) == words(text)
    assert [d.text for d in root.iterfind(".//a:date", NS)] == ["23 May 2023"]
