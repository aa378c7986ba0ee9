"""Speaker attribution for the Akoma Ntoso minutes: what is recognised, and what is not."""

from __future__ import annotations

import datetime

import pytest
from lxml import etree

from helpers import AKN_NS, SEED_FILES, elements, seed_name
from minutekit import formats
from minutekit.convert import ConvertOptions, item_id_for
from minutekit.converters.akoma_ntoso.speakers import (
    MEMBERS,
    OFFICERS,
    Speaker,
    Turn,
    attribute,
    submitter,
)
from minutekit.validate import validate_bytes


def _one(text: str) -> Turn | None:
    return attribute([text])[0]


@pytest.mark.parametrize(
    ("text", "element", "label"),
    [
        ("The Chair thanked the officers.", "speech", "Chair"),
        (
            "The Manager of Bradford Safeguarding Board submitted (Document P), which …",
            "speech",
            "Manager of Bradford Safeguarding Board",
        ),
        (
            "The Strategic Director, Children’s Services highlighted the progress:",
            "speech",
            "Strategic Director, Children’s Services",
        ),
        (
            "The Divisional Director for Children & Young People, Specialist Services introduced this item.",
            "speech",
            "Divisional Director for Children & Young People, Specialist Services",
        ),
        (
            "The Health and Wellbeing Portfolio Holder thanked officers for the report.",
            "speech",
            "Health and Wellbeing Portfolio Holder",
        ),
        (
            "A representative of the Police highlighted the key points.",
            "speech",
            "representative of the Police",
        ),
        (
            "The Deputy Director replied that he would share the results.",
            "answer",
            "Deputy Director",
        ),
    ],
)
def test_posts_that_speak(text: str, element: str, label: str) -> None:
    turn = _one(text)
    assert turn is not None
    assert (turn.element, turn.by.kind, turn.by.label) == (element, "role", label)
    assert turn.by.named_at is not None
    start, end = turn.by.named_at
    assert text[start:end] == label


@pytest.mark.parametrize(
    "text",
    [
        "The report also outlined the emergence of other complex safeguarding themes.",
        "The Committee considered the report.",
        "The Council’s Multi-Agency Risk Management Panel was set up in October 2013.",
        "It was reported that an extra sergeant had been appointed.",
        "He informed them that the panel had met.",
        "Members were in agreement that they wanted to explore further the outcomes.",
        "In response to Members’ questions it was reported that;",
        "The Assistant Director Performance, Commissioning ?Partnership stated that",
    ],
)
def test_paragraphs_with_no_recognised_speaker_stay_plain(text: str) -> None:
    assert _one(text) is None


def test_councillor_question_and_the_answers_to_it() -> None:
    turns = attribute(
        [
            "Councillor Liz Hardman asked if the Panel could receive the results.",
            "The Deputy Director replied that he would be happy to share them.",
            "The Divisional Director added that one headteacher was on the Sub-Group.",
        ]
    )
    liz = Speaker("person", "Liz Hardman", speaks_as="Councillor", named_at=(0, 22))
    assert [t and (t.element, t.by.label, t.to) for t in turns] == [
        ("question", "Liz Hardman", None),
        ("answer", "Deputy Director", liz),
        ("answer", "Divisional Director", liz),
    ]
    assert turns[0] is not None and turns[0].by == liz


def test_members_ask_officers_answer() -> None:
    turns = attribute(
        [
            "Members sought clarification from officers about the support.",
            "In response, officers stated that there was good partnership work.",
            "Members were also keen to explore the engagement with the Police.",
            "Officers replied by acknowledging that this was a huge agenda.",
        ]
    )
    assert [t and (t.element, t.by, t.to) for t in turns] == [
        ("question", MEMBERS, OFFICERS),
        ("answer", OFFICERS, MEMBERS),
        ("question", MEMBERS, None),
        ("answer", OFFICERS, MEMBERS),
    ]


def test_pronouns_continue_the_turn_before_and_a_list_breaks_the_chain() -> None:
    turns = attribute(
        ["The Director introduced the item.", "He explained the plan.", None, "He added more."]
    )
    assert turns[1] is not None and turns[1].continues and turns[1].by.label == "Director"
    assert turns[2] is None and turns[3] is None


def test_submitter_in_a_summary() -> None:
    speaker = submitter(
        "The Manager of Bradford Safeguarding Children Board will submit Document “P” which …"
    )
    assert (
        speaker is not None and speaker.label == "Manager of Bradford Safeguarding Children Board"
    )
    assert submitter("The report will submit nothing.") is None


def test_seed_004_debate_structure() -> None:
    item = validate_bytes(SEED_FILES[4].read_bytes(), seed_name(SEED_FILES[4])).item
    xml = formats.get("akn").convert(
        item, ConvertOptions(generated=datetime.date(2026, 11, 23), item_id=item_id_for(item))
    )
    [minutes] = elements(etree.fromstring(xml), "//a:debateSection[@name='minutes']", {"a": AKN_NS})
    turns = [
        (etree.QName(e).localname, e.get("by"), e.get("as"), e.get("to"), len(e))
        for e in minutes
        if etree.QName(e).localname != "heading"
    ]
    director = "#divisionalDirectorForChildrenAndYoungPeopleSpecialistServices"
    deputy = "#deputyDirectorForChildrenAndYoungPeopleStrategyAndCommissioning"
    assert turns == [
        ("speech", director, None, None, 6),
        ("question", "#lizHardman", "#councillor", None, 1),
        ("answer", deputy, None, "#lizHardman", 1),
        ("question", "#lizHardman", "#councillor", None, 1),
        ("answer", deputy, None, "#lizHardman", 1),
        ("answer", director, None, "#lizHardman", 1),
        ("question", "#lizHardman", "#councillor", None, 1),
        ("answer", director, None, "#lizHardman", 1),
        ("speech", "#chair", None, None, 1),
    ]
