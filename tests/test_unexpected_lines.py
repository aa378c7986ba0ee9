"""MK002 does what its documentation says: a second 'Minutes:' heading and a
'Recommended' heading inside the minutes are flagged (and kept as lines of the
minutes), and a line after the ACTION line is named by what it looks like."""

from __future__ import annotations

from helpers import check_text

ITEM = """\
Agenda item

Budget

Minutes:

The committee discussed the budget.

{inside}

More discussion.

Resolved –

(1) That the budget be approved.

ACTION: Chief Executive
{after}"""


def _unexpected(text: str) -> list[str]:
    return [
        f"{d.line}:{d.column} {d.message}"
        for d in check_text(text).diagnostics
        if d.code == "MK002"
    ]


def test_a_second_minutes_heading_is_flagged_and_kept() -> None:
    result = check_text(ITEM.format(inside="Minutes:", after=""))
    assert _unexpected(ITEM.format(inside="Minutes:", after="")) == [
        "9:1 a second 'Minutes:' heading inside the minutes, which begin at line 5:"
        " 'Minutes:' is kept as a line of the minutes"
    ]
    assert result.item.minutes is not None
    texts = [getattr(b, "text", None) for b in result.item.minutes.blocks]
    assert "Minutes:" in texts and "More discussion." in texts


def test_a_recommended_heading_inside_the_minutes_is_flagged() -> None:
    assert _unexpected(ITEM.format(inside="Recommended –", after="")) == [
        "9:1 a 'Recommended' heading inside the minutes, which begin at line 5 (the report's"
        " recommendations go before the minutes): 'Recommended –' is kept as a line of the"
        " minutes"
    ]


def test_a_minutes_heading_inside_unlabelled_minutes_is_flagged() -> None:
    text = (
        "Agenda item\n\nBudget\n\n(Jo Bloggs – 01234 567890)\n\nThe committee met.\n\n"
        "Minutes:\n\nResolved –\n\n(1) That it be noted.\n\nACTION: Chief Executive\n"
    )
    assert _unexpected(text) == [
        "9:1 a 'Minutes:' heading inside the minutes, which begin at line 7:"
        " 'Minutes:' is kept as a line of the minutes"
    ]


def test_a_short_line_after_the_action_line_is_text_not_the_title() -> None:
    assert _unexpected(ITEM.format(inside="", after="\nFURTHER BUSINESS\n")) == [
        "19:1 cannot place a line of text here: 'FURTHER BUSINESS'; expected an 'ACTION:'"
        " line, an 'Overview and Scrutiny …:' line or the 'Supporting documents:' heading"
    ]
