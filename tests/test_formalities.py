"""Recorded votes, declarations of interest and exempt business, read from the lines."""

from __future__ import annotations

import pytest

from helpers import FIXTURES, check_text
from minutekit.formalities import declarations, exemption
from minutekit.votes import recorded_votes


@pytest.mark.parametrize(
    ("line", "counts", "text"),
    [
        ("For: 7, Against: 2, Abstain: 1", (7, 2, 1), "For: 7, Against: 2, Abstain: 1"),
        (
            "The motion was carried (For 9, Against 3).",
            (9, 3, None),
            "For 9, Against 3",
        ),
        (
            "agreed: 5 for, 1 against, 1 abstention.",
            (5, 1, 1),
            "5 for, 1 against, 1 abstention",
        ),
        ("6 votes for and 2 against", (6, 2, None), "6 votes for and 2 against"),
        ("RESOLVED – (58 for) That approval be given to:-", (58, None, None), "(58 for)"),
    ],
)
def test_votes_in_a_line(line: str, counts: tuple[int | None, ...], text: str) -> None:
    (vote,) = recorded_votes(["Minutes:", line])
    assert (vote.votes_for, vote.against, vote.abstain) == counts
    assert vote.text == text
    assert vote.span.line == 2
    assert line[vote.span.column - 1 : vote.span.end_column - 1] == text


@pytest.mark.parametrize(
    "line",
    [
        "The lease runs for 2 years from 1 April.",
        "Councillor Reid spoke for 3 minutes against the scheme.",  # one side only
        "Against 1",
        "The budget for 2024/25 was set against 2023/24 figures.",
    ],
)
def test_prose_with_numbers_is_not_a_vote(line: str) -> None:
    assert recorded_votes([line]) == ()


def test_a_voting_record_table_with_its_motion_status() -> None:
    item = check_text((FIXTURES / "voting_record.txt").read_text()).item
    (vote,) = item.votes
    assert (vote.votes_for, vote.against, vote.abstain, vote.outcome) == (3, 1, 0, "carried")
    assert (vote.span.line, vote.span.end_line) == (11, 13)
    assert item.meeting is not None
    assert (item.meeting.date, item.meeting.committee) == ("2023-03-08", "Licensing Committee")
    assert item.title is not None and item.title.text.startswith("Item: 22/01234/FUL:")


def test_a_side_the_table_does_not_state_is_none_not_zero() -> None:
    (vote,) = recorded_votes(["ForA Patel and B Quinn2", "AgainstC Roberts1"])
    assert (vote.votes_for, vote.against, vote.abstain, vote.outcome) == (2, 1, None, None)


def test_declarations_name_the_member_and_the_kind() -> None:
    item = check_text((FIXTURES / "declarations_of_interest.txt").read_text()).item
    assert [(d.member, d.kind, d.span.line) for d in item.declarations] == [
        ("Councillor Priya Shah", "personal", 5),
        ("Councillor Tom Reed", "Non Statutory", 7),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Members are reminded that they are required to declare any disclosable interests.",
        "There were no declarations of interest.",
        "In the interests of openness, the Chair explained the process.",
    ],
)
def test_text_about_interests_names_no_declaration(line: str) -> None:
    assert declarations([line]) == ()


def test_exempt_business_cites_its_schedule_12a_paragraphs() -> None:
    item = check_text((FIXTURES / "exempt_item.txt").read_text()).item
    assert item.exempt is not None
    assert item.exempt.text == "press and public be excluded"
    assert item.exempt.paragraphs == (3, 5)


def test_schedule_12a_cited_on_the_next_wrapped_line() -> None:
    found = exemption(
        [
            "RESOLVED – That the public be excluded for the next item, as it involves",
            "exempt information as defined in paragraph 1 of Schedule 12A to the Act.",
        ]
    )
    assert found is not None and found.span.line == 1 and found.paragraphs == (1,)


def test_an_item_without_any_is_none() -> None:
    assert exemption(["The Committee noted the report."]) is None


def test_a_paragraph_zero_is_no_citation() -> None:
    # Found by the fuzzer: the schema's paragraphs start at 1.
    found = exemption(["The public be excluded (paragraphs 0 and 5 of Schedule 12A)."])
    assert found is not None and found.paragraphs == (5,)
