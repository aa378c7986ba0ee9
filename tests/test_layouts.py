"""Layouts of councils other than the seeds', each by a small fixture of its own.

Each test names the class of layout it serves: titles in other shapes, page chrome,
the Resolved family in other positions and spellings, several items on one page.
"""

from __future__ import annotations

import datetime

import pytest
from lxml import etree

from helpers import FIXTURES, akn_body_text, check_text, words
from minutekit import formats as converters
from minutekit.convert import ConvertOptions, item_id_for
from minutekit.model import NumberedList, Paragraph
from minutekit.profiles import BUILT_IN
from minutekit.selection import Selection
from minutekit.validate import validate_bytes


def _read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# ---------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("fixture", "title"),
    [
        # A heading over its subject, ending in a colon, with no item number.
        ("title_ending_in_colon.txt", "Moorings Committee:"),
        # A running minute number with a colon, a title with full stops and colons inside.
        (
            "title_after_minute_number.txt",
            "2431: Consideration of Planning Application for 4 Mill Lane – variation of"
            " condition 2 dated 01.02.2019. Ref: 21/00412/VAR:",
        ),
        # A heading in capitals ending in a full stop, under a bare item number.
        ("title_in_capitals_with_full_stop.txt", "DECLARATIONS OF PERSONAL INTEREST."),
        # A printed minute book: the number, a run of spaces, the title "Minutes".
        ("title_after_spaced_item_number.txt", "12. Minutes"),
        # A heading in title case ending in a full stop, under a bare item number.
        ("title_case_with_full_stop.txt", "Declarations of Interest."),
        # The page's title line, with no "Agenda item" header after it, is the title.
        ("agenda_item_line_title.txt", "Agenda item - Street Trees"),
    ],
)
def test_titles_in_other_shapes(fixture: str, title: str) -> None:
    item = check_text(_read(fixture)).item
    assert item.title is not None and item.title.text == title


def test_a_wrapped_numbered_item_is_not_a_title() -> None:
    # "i) The Director of Place, in" goes on in lower case on the next line.
    item = check_text(_read("numbered_item_wrapped_not_title.txt")).item
    assert item.title is None
    (block,) = item.summary
    assert isinstance(block, NumberedList) and [i.num for i in block.items] == ["i)", "ii)"]


def test_an_agenda_instruction_the_page_marks_as_the_issue_title_is_the_title() -> None:
    # An issue page: the issue's title is the line before the meeting line.
    item = check_text(_read("title_issue_instruction_with_meeting.txt")).item
    assert item.title is not None
    assert item.title.text.startswith("To consider any adjourned business")


@pytest.mark.parametrize(
    "fixture",
    [
        # The first line of a hard-wrapped sentence: the next line goes on in lower case.
        "hard_wrapped_first_line_not_title.txt",
        # A whole item flattened onto one line, with no paragraph numbers to end a title.
        "flattened_item_not_title.txt",
        # A presenter or report-author line in brackets.
        "presenter_line_not_title.txt",
    ],
)
def test_a_paragraph_is_not_a_title(fixture: str) -> None:
    item = check_text(_read(fixture)).item
    assert item.title is None
    assert item.unplaced == ()


@pytest.mark.parametrize("fixture", ["label_line_not_title.txt", "attendance_label_not_title.txt"])
def test_a_block_label_ending_in_a_colon_is_not_a_title(fixture: str) -> None:
    item = check_text(_read(fixture)).item
    assert item.title is None


# ---------------------------------------------------------------- page chrome


def test_page_chrome_before_the_title_is_furniture_and_the_title_follows_it() -> None:
    item = check_text(_read("chrome_before_title.txt")).item
    assert [p.text for p in item.preface] == [
        "Skip to main content",
        "Accessibility settings",
        "You are here - Home : Council and Democracy : Meetings : Item",
        "Modern.gov Breadcrumb",
        "Modern.gov Content",
        "Issue - meetings",
    ]
    assert item.title is not None and item.title.text == "Street Lighting Upgrade"


def test_a_browser_page_title_before_the_agenda_item_header_is_chrome() -> None:
    item = check_text(_read("browser_page_title_chrome.txt")).item
    assert [p.text for p in item.preface] == [
        "Agenda item - Street Trees",
        "skip navigation and tools",
        "Agenda item",
    ]
    assert item.title is not None and item.title.text == "Street Trees"


def test_a_profile_names_its_own_page_chrome() -> None:
    data = _read("house_chrome.txt").encode()
    plain = validate_bytes(data, "item.txt").item
    assert plain.title is not None and plain.title.text == "Welcome to Wessex Council"
    house = Selection.of(
        headings=[
            ("chrome", "Welcome to Wessex Council"),
            ("chrome", "Wessex - meetings and decisions"),
        ]
    )
    item = validate_bytes(data, "item.txt", house).item
    assert [p.text for p in item.preface] == [
        "Welcome to Wessex Council",
        "Wessex - meetings and decisions",
    ]
    assert item.title is not None and item.title.text == "Play Area Inspection"


# ---------------------------------------------------------------- the Resolved family


@pytest.mark.parametrize(
    ("fixture", "heading", "items", "paragraphs"),
    [
        # A vote qualifier before the keyword, the text on the same line.
        (
            "resolved_vote_qualifier_before.txt",
            "UNANIMOUSLY RESOLVED",
            [],
            ["that the minutes of the meeting held on 3 May be signed as a correct record."],
        ),
        # A vote qualifier after it, then a lead-in and the numbered list.
        (
            "resolved_vote_qualifier_after.txt",
            "Resolved unanimously:",
            ["(1)", "(2)"],
            ["That Cabinet notes the report and:"],
        ),
        # An actor before it: the body that resolved, and its list.
        ("resolved_actor_lead_in.txt", "Executive resolved that:-", ["(1)", "(2)", "(3)"], []),
        # "It was resolved to …" in lower case, in a paragraph of single line breaks.
        (
            "resolved_it_was_lower_case.txt",
            "It was resolved",
            [],
            ["to invite the county officers to meet the council."],
        ),
        # The heading fused with its first numbered item.
        ("resolved_fused_with_first_item.txt", "RESOLVED:", ["1.", "2."], []),
        # The word in the middle of the sentence that records the decision.
        (
            "resolved_in_sentence.txt",
            "On being put to the vote it was RESOLVED",
            [],
            ["that the new charges be approved."],
        ),
    ],
)
def test_the_resolved_family_in_other_positions_and_spellings(
    fixture: str, heading: str, items: list[str], paragraphs: list[str]
) -> None:
    item = check_text(_read(fixture)).item
    assert item.resolved is not None
    assert item.resolved.heading.text == heading
    assert [i.num for i in item.resolved.items] == items
    assert [p.text for p in item.resolved.paragraphs] == paragraphs
    assert item.unplaced == ()


# ---------------------------------------------------------------- several items on one page


def test_an_issue_history_at_two_meetings_is_read_as_two_items() -> None:
    result = validate_bytes(_read("issue_history_two_meetings.txt").encode(), "x.txt")
    assert result.meeting is not None
    first, second = result.meeting.items
    # The first keeps the page's heading and the issue's title.
    assert [p.text for p in first.preface][:1] == ["Issue - meetings"]
    assert first.title is not None and first.title.text == "Library Opening Hours"
    assert second.title is not None
    assert second.title.text == "12. Library Opening Hours pdf icon PDF 98 KB"
    assert second.meeting is not None and second.meeting.committee == "Cabinet"
    assert first.resolved is not None and len(first.resolved.paragraphs) == 1
    assert second.resolved is not None and [i.num for i in second.resolved.items] == [
        "(1)",
        "(2)",
    ]
    assert not [d for d in result.diagnostics if d.code == "MK002"]


def test_sub_items_with_their_own_minutes_are_items() -> None:
    result = validate_bytes(_read("sub_items_with_their_own_minutes.txt").encode(), "x.txt")
    assert result.meeting is not None
    parent, *subs = result.meeting.items
    assert parent.title is not None and parent.title.text == "MINUTES"
    assert [p.text for p in subs[0].preface] == ["6.1"]
    assert [s.title.text if s.title else None for s in subs] == [
        "4TH MARCH, 2024; pdf icon PDF 120 KB",
        "8TH APRIL, 2024. pdf icon PDF 98 KB",
    ]
    assert all(s.resolved is not None and s.resolved.heading.text == "RESOLVED" for s in subs)


def test_a_draft_resolution_in_the_agenda_text_is_not_the_outcome() -> None:
    text = _read("draft_resolution_in_agenda.txt")
    item = check_text(text).item
    assert item.resolved is None
    assert [b.text for b in item.summary if isinstance(b, Paragraph)] == [
        "RESOLVED –",
        "That the public be excluded from the meeting during consideration of Item 9 on the"
        " grounds that it is likely to involve the disclosure of exempt information.",
    ]
    # Recorded under the minutes, the same words are the outcome.
    minuted = text.replace("RESOLVED –", "Minutes:\n\nRESOLVED –")
    assert check_text(minuted).item.resolved is not None


def test_a_list_restarting_after_the_resolutions_is_their_reasons_not_more_of_them() -> None:
    item = check_text(_read("resolved_then_reasons_restart.txt")).item
    assert item.resolved is not None
    assert [i.num for i in item.resolved.items] == ["(1)", "(2)", "(3)"]
    assert [p.text for p in item.resolved.paragraphs] == [
        "That Cabinet:",
        "(1) Officers cannot progress every option at once.",
        "(2) Further detail will need external reports.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "In 2019 the Council resolved to approve the scheme.",
        "Decision: the Chair said it was RESOLVED to defer the item at the last meeting.",
        "Decision: Cllr Ahmed MOVED, Cllr Brown SECONDED and it was RESOLVED to:",
    ],
)
def test_a_mention_of_resolving_or_a_decision_line_is_not_a_resolved_heading(line: str) -> None:
    item = check_text(f"TITLE\n\nThe report was presented.\n\n{line}\n").item
    assert item.resolved is None


def test_a_list_restarting_at_the_same_spacing_is_not_cut() -> None:
    text = "TITLE\n\nRESOLVED:\n\n1. That A.\n\n2. That B.\n\n1. That C.\n"
    item = check_text(text).item
    assert item.resolved is not None and len(item.resolved.items) == 3


# ---------------------------------------------------------------- outcomes in other words

MODERNGOV = Selection.of(ignore=BUILT_IN["moderngov"].ignore, enable=BUILT_IN["moderngov"].enable)


def _outcome_missing(fixture: str) -> bool:
    result = validate_bytes(_read(fixture).encode(), "x.txt", MODERNGOV)
    return any(d.code == "MK108" for d in result.diagnostics)


def test_an_agreed_lead_in_with_a_clause_is_the_decision() -> None:
    item = check_text(_read("agreed_lead_in_with_clause.txt")).item
    assert item.decision is not None
    assert item.decision.heading.text.startswith("Agreed, in order to meet")
    (block,) = item.decision.blocks
    assert isinstance(block, NumberedList) and [i.num for i in block.items] == ["(i)", "(ii)"]
    assert not _outcome_missing("agreed_lead_in_with_clause.txt")


@pytest.mark.parametrize(
    ("fixture", "missing"),
    [
        # A resolution whose heading was lost: "(i) That the plan be published".
        ("headless_resolution.txt", False),
        # "It was decided to …" inside a bullet.
        ("decided_in_a_bullet.txt", False),
        # The same bullets with no decision in them.
        ("no_outcome_in_bullets.txt", True),
    ],
)
def test_outcomes_without_a_heading_are_outcomes(fixture: str, missing: bool) -> None:
    assert _outcome_missing(fixture) is missing


# ---------------------------------------------------------------- table rows run together


def test_a_table_row_with_its_labels_inside_is_read_cell_by_cell() -> None:
    line = "Declarations of Interest Decision: None Minutes: None |"
    result = check_text(_read("table_row_labels.txt"))
    item = result.item
    assert item.title is not None and item.title.text == "Declarations of Interest"
    assert item.decision is not None and item.decision.heading.text == "Decision:"
    assert item.minutes is not None and item.minutes.heading is not None
    # Each cell keeps its line and column in the file.
    heading = item.minutes.heading.span
    assert (heading.line, heading.column) == (1, line.index("Minutes:") + 1)
    (body,) = item.minutes.blocks
    assert isinstance(body, Paragraph)
    assert body.text == "None |" and body.span.column == line.index("None |") + 1
    assert item.unplaced == ()


def test_minutes_with_their_text_on_the_label_line() -> None:
    item = check_text(_read("table_row_minutes_with_text.txt")).item
    assert item.title is not None and item.title.text == "Allotment Rents"
    assert item.minutes is not None and item.minutes.heading is not None
    assert item.minutes.heading.span.line == 2
    # The outcome run on after the minutes' sentence is a cell of its own.
    assert [b.text for b in item.minutes.blocks if isinstance(b, Paragraph)] == [
        "The Committee considered the proposed rents."
    ]
    assert len(item.minutes.blocks) == 1
    assert item.resolved is not None and item.resolved.heading.text == "RESOLVED –"
    assert [p.text for p in item.resolved.paragraphs] == ["That the rents be frozen."]


def test_a_flattened_item_s_title_ends_at_its_first_paragraph_number() -> None:
    line = _read("flattened_item_with_paragraph_numbers.txt").rstrip("\n")
    item = check_text(line + "\n").item
    assert item.title is not None and item.title.text == "12 Footpath Signs"
    paragraphs = [b for b in item.summary if isinstance(b, Paragraph)]
    assert [p.text[:4] for p in paragraphs] == ["12.1", "12.2"]
    assert [p.span.column for p in paragraphs] == [line.index("12.1") + 1, line.index("12.2") + 1]
    assert {p.span.line for p in paragraphs} == {1}


def test_a_numbered_list_run_on_after_a_colon_is_read_item_by_item() -> None:
    text = _read("list_run_on_after_colon.txt")
    item = check_text(text).item
    assert item.title is not None and item.title.text == "Disability Plan"
    assert item.resolved is not None
    assert item.resolved.heading.text == (
        "Cllr Ahmed MOVED, Cllr Brown SECONDED and it was RESOLVED to:"
    )
    assert [(i.num, i.text) for i in item.resolved.items] == [
        ("1.", "Note the consultation results"),
        ("2.", "Agree the six priorities. Agree the new board."),
        ("3.", "Note the review date"),
    ]
    line = text.splitlines()[1]
    assert [i.span.column for i in item.resolved.items] == [
        line.index(f"{n}. ") + 1 for n in (1, 2, 3)
    ]


def test_a_single_number_after_a_colon_is_not_a_list() -> None:
    item = check_text("TITLE\n\nMinutes:\n\nThe cost was: 1. 5 million pounds in all.\n").item
    assert item.minutes is not None and len(item.minutes.blocks) == 1


GENERATED = datetime.date(2024, 1, 1)
LAYOUT_FIXTURES = [
    "title_ending_in_colon.txt",
    "title_after_minute_number.txt",
    "title_in_capitals_with_full_stop.txt",
    "title_after_spaced_item_number.txt",
    "chrome_before_title.txt",
    "browser_page_title_chrome.txt",
    "resolved_vote_qualifier_before.txt",
    "resolved_vote_qualifier_after.txt",
    "resolved_actor_lead_in.txt",
    "resolved_it_was_lower_case.txt",
    "resolved_fused_with_first_item.txt",
    "resolved_in_sentence.txt",
    "agreed_lead_in_with_clause.txt",
    "table_row_labels.txt",
    "table_row_minutes_with_text.txt",
    "flattened_item_with_paragraph_numbers.txt",
    "resolved_then_reasons_restart.txt",
    "draft_resolution_in_agenda.txt",
    "list_run_on_after_colon.txt",
]


@pytest.mark.parametrize("fixture", LAYOUT_FIXTURES)
def test_akn_keeps_every_word_of_each_layout_in_order(fixture: str) -> None:
    item = check_text(_read(fixture)).item
    options = ConvertOptions(generated=GENERATED, item_id=item_id_for(item))
    document = etree.fromstring(converters.get("akn").convert(item, options))
    assert words(akn_body_text(document)) == words(_read(fixture))
