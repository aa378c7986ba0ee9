"""A structural message says where the missing part belongs in *this* item: before the
first part present that follows it in the house order, else just after the last part
present before it; "at the end of the text" only for an item with no part at all."""

from __future__ import annotations

from helpers import check_text


def _messages(text: str) -> dict[str, str]:
    return {d.code: f"{d.line}:{d.column} {d.message}" for d in check_text(text).diagnostics}


DECISION_ONLY = """\
The Cabinet has

(a) approved the project; and

(b) delegated the amendments to the Director.
"""

DECISION_PAGE = """\
Agenda item

Waste Strategy

The report set out the new waste strategy.

Decision:

That the strategy be approved.
"""

UNLABELLED_MINUTES = """\
Agenda item

Street Trading

The Committee discussed the new street trading policy.

Members asked about the consultation on it.

Resolved –

(1) That the policy be approved.
"""


def test_a_missing_title_belongs_before_the_decision() -> None:
    assert _messages(DECISION_ONLY)["MK101"] == (
        "1:1 no title: expected the item's title line before the decision"
    )


def test_a_missing_recommended_block_and_contact_belong_before_the_decision() -> None:
    messages = _messages(DECISION_PAGE)
    assert messages["MK106"].startswith("7:1 no 'Recommended' block:")
    assert messages["MK106"].endswith("recommendations before the decision")
    assert messages["MK107"] == (
        "7:1 no contact line: expected '(Officer name – phone)' before the decision"
    )


def test_a_missing_action_belongs_after_the_last_part_before_it() -> None:
    assert _messages(DECISION_PAGE)["MK104"] == (
        "9:31 no 'ACTION:' line: expected 'ACTION: <post responsible>' after the decision"
    )
    assert _messages(UNLABELLED_MINUTES)["MK104"] == (
        "11:33 no 'ACTION:' line: expected 'ACTION: <post responsible>' after the Resolved block"
    )


def test_unlabelled_paragraphs_are_named_not_called_no_minutes() -> None:
    assert _messages(UNLABELLED_MINUTES)["MK102"] == (
        "5:1 no 'Minutes:' heading: the text from here is read as the report's summary;"
        " if it records the meeting, put 'Minutes:' on its own line before it"
    )
