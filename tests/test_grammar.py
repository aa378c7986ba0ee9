"""Grammar and parse stage: each layout variant of the house style, by a small fixture."""

from __future__ import annotations

from pathlib import Path

import lark
import pytest

from helpers import FIXTURES, check_text, codes
from minutekit import grammar
from minutekit.model import AgendaItem, BulletList, NumberedList, Paragraph
from minutekit.parse import parse
from minutekit.source import read_source

ITEM = """Agenda item

A TITLE

The report of the Chief Executive.

{recommended}

(Jo Bloggs – 01234 567890)

Minutes:

The Committee considered the report.

{resolved}

(1)  That the report be noted.

{action}

Supporting documents:
"""


def item(
    recommended: str = "Recommended –",
    resolved: str = "Resolved –",
    action: str = "ACTION: Chief Executive",
) -> AgendaItem:
    parsed, findings = parse(
        read_source(
            ITEM.format(recommended=recommended, resolved=resolved, action=action).encode(), "t.txt"
        )
    )
    assert findings == []
    return parsed


def test_grammar_is_lalr_without_conflicts() -> None:
    # strict mode turns every shift/reduce conflict and terminal collision into an error.
    lark.Lark(grammar.grammar_text(), parser="lalr", lexer="contextual", strict=True)


@pytest.mark.parametrize(
    "heading", ["Recommended-", "Recommended -", "Recommended –", "RECOMMENDED:"]
)
def test_recommended_heading_spellings(heading: str) -> None:
    parsed = item(recommended=heading)
    assert parsed.recommended is not None
    assert parsed.recommended.heading.text == heading


@pytest.mark.parametrize(
    "heading", ["Resolved-", "Resolved –", "Resolved -", "RESOLVED:", "Resolved"]
)
def test_resolved_heading_spellings(heading: str) -> None:
    parsed = item(resolved=heading)
    assert parsed.resolved is not None
    assert parsed.resolved.heading.text == heading
    assert [i.num for i in parsed.resolved.items] == ["(1)"]


@pytest.mark.parametrize(
    ("line", "label", "owners", "remark"),
    [
        ("ACTION: Chief Executive", "ACTION:", ["Chief Executive"], None),
        (
            "Action:           Strategic Director, Children’s Services",
            "Action:",
            ["Strategic Director, Children’s Services"],
            None,
        ),
        ("ACTION:Chief Executive", "ACTION:", ["Chief Executive"], None),
        (
            "ACTION:       Strategic Director Children’s Services / City Solicitor        (referral to Area Committees)",
            "ACTION:",
            ["Strategic Director Children’s Services", "City Solicitor"],
            "(referral to Area Committees)",
        ),
        ("ACTION:", "ACTION:", [], None),
    ],
)
def test_action_lines(line: str, label: str, owners: list[str], remark: str | None) -> None:
    [action] = item(action=line).actions
    assert (action.label, list(action.owners), action.remark) == (label, owners, remark)


def test_contact_with_two_names_and_a_hyphen() -> None:
    parsed, _ = parse(
        read_source(
            "Recommended –\n\n(1) That.\n\n   (Jill Bell / Yusuf Patel - 01274 434580 434579)\n".encode(),
            "t",
        )
    )
    assert parsed.contact is not None
    assert parsed.contact.names == ("Jill Bell", "Yusuf Patel")
    assert parsed.contact.phone == "01274 434580 434579"
    assert parsed.contact.span.column == 4


def test_bullets_form_one_list_across_blank_lines() -> None:
    text = "Minutes:\n\nMembers asked:\n\n·       Why?\n\n·\u00a0\u00a0\u00a0How?\n\nThe Chair thanked them.\n"
    parsed, findings = parse(read_source(text.encode(), "t"))
    assert findings == []
    assert parsed.minutes is not None
    kinds = [type(b) for b in parsed.minutes.blocks]
    assert kinds == [Paragraph, BulletList, Paragraph]
    bullets = parsed.minutes.blocks[1]
    assert isinstance(bullets, BulletList)
    assert [(b.marker, b.text) for b in bullets.items] == [("·", "Why?"), ("·", "How?")]


def test_hard_wrapped_paragraph_is_joined_back() -> None:
    text = (FIXTURES / "hard_wrapped.txt").read_bytes()
    parsed, findings = parse(read_source(text, "hard_wrapped.txt"))
    assert findings == []
    assert parsed.minutes is not None
    paragraphs = [b for b in parsed.minutes.blocks if isinstance(b, Paragraph)]
    assert [p.text for p in paragraphs] == [
        "The Director stated that this was an annual update report and that, as well as "
        "driving up improvements, he welcomed the scrutiny.",
        "The Leader welcomed the improvements made and questioned how the increase had been "
        "explained. In response the Assistant Director stated that it reflected confidence.",
    ]
    assert (paragraphs[0].span.line, paragraphs[0].span.end_line, paragraphs[0].lines) == (3, 7, 3)


def test_paragraphs_that_end_a_sentence_are_not_joined() -> None:
    parsed, _ = parse(read_source(b"Minutes:\n\nOne.\nTwo\n\nthree.\n\n\nFour\n\n\n\nfive.\n", "t"))
    assert parsed.minutes is not None
    assert [b.text for b in parsed.minutes.blocks if isinstance(b, Paragraph)] == [
        "One.",
        "Two three.",
        "Four",
        "five.",
    ]


def test_scrutiny_line_in_agenda_and_closing_parts() -> None:
    parsed, findings = parse(
        read_source((FIXTURES / "no_title_no_minutes_label.txt").read_bytes(), "t")
    )
    assert findings == []
    assert [(s.label, s.value, s.part, s.span.line) for s in parsed.scrutiny] == [
        ("Overview and Scrutiny Area", "Children’s Services", "agenda", 12),
        ("Overview and Scrutiny Area", "Children’s Services", "closing", 25),
    ]


def test_no_title_and_no_minutes_label() -> None:
    result = check_text((FIXTURES / "no_title_no_minutes_label.txt").read_text(encoding="utf-8"))
    assert result.item.title is None
    assert result.item.minutes is not None
    assert result.item.minutes.heading is None
    assert [p.text for p in result.item.minutes.blocks if isinstance(p, Paragraph)] == [
        "The Chief Executive submitted the report.",
        "The Leader welcomed the report.",
    ]
    assert codes(result) == ["MK101", "MK102"]


def test_item_with_only_title_summary_and_minutes() -> None:
    text = "Agenda item\n\nChild Sexual Exploitation\n\nThe Panel asked for an update.\n\nMinutes:\n\nThe Director introduced the item.\n\nSupporting documents:"
    result = check_text(text)
    item = result.item
    assert (item.title and item.title.text) == "Child Sexual Exploitation"
    assert (item.recommended, item.contact, item.resolved, item.actions) == (None, None, None, ())
    assert [(d.line, d.code) for d in result.diagnostics] == [
        (7, "MK106"),
        (7, "MK107"),
        (11, "MK103"),
        (11, "MK104"),
    ]


def test_numbered_list_in_the_minutes_is_a_list() -> None:
    parsed, _ = parse(read_source(b"Minutes:\n\nDeclarations:\n\n1.  Cllr A\n2.  Cllr B\n", "t"))
    assert parsed.minutes is not None
    block = parsed.minutes.blocks[1]
    assert isinstance(block, NumberedList)
    assert [(i.num, i.number, i.style) for i in block.items] == [("1.", 1, "1."), ("2.", 2, "1.")]


@pytest.mark.parametrize(
    ("marker", "number", "style"),
    [
        ("(1)", 1, "(1)"),
        ("12.", 12, "1."),
        ("3)", 3, "1)"),
        ("(iv)", 4, "(i)"),
        ("(c)", 3, "(a)"),
        ("B.", 2, "A."),
        ("ix)", 9, "i)"),
    ],
)
def test_list_markers(marker: str, number: int, style: str) -> None:
    parsed, _ = parse(read_source(f"Resolved –\n\n{marker}  That it be so.\n".encode(), "t"))
    assert parsed.resolved is not None
    [entry] = parsed.resolved.items
    assert (entry.num, entry.number, entry.style, entry.text) == (
        marker,
        number,
        style,
        "That it be so.",
    )


def test_crlf_fixture_parses_like_lf() -> None:
    lf = (FIXTURES / "no_title_no_minutes_label.txt").read_bytes()
    crlf = lf.replace(b"\n", b"\r\n")
    assert parse(read_source(crlf, "t"))[0].to_jsonable() == parse(read_source(lf, "t"))[
        0
    ].to_jsonable() | {
        "source": {"name": "t", "sha256": read_source(crlf, "t").sha256, "media_type": "text/plain"}
    }


def test_unexpected_line_is_reported_kept_and_parsing_resumes() -> None:
    text = "Agenda item\n\nA TITLE\n\nMinutes:\n\nText.\n\nACTION: Chief Executive\n\nRecommended –\n\nSupporting documents:\n"
    result = check_text(text)
    [unexpected] = [d for d in result.diagnostics if d.code == "MK002"]
    assert (unexpected.line, unexpected.column) == (11, 1)
    assert "cannot place a 'Recommended' heading here: 'Recommended –'" in unexpected.message
    assert "the 'Supporting documents:' heading" in unexpected.message
    assert [u.text for u in result.item.unplaced] == ["Recommended –"]
    assert result.item.supporting_documents is not None


def test_blank_and_whitespace_only_files_parse_to_an_empty_item() -> None:
    for text in ["", "\n\n", "\u00a0\n  \n"]:
        parsed, findings = parse(read_source(text.encode(), "t"))
        assert findings == []
        assert parsed.title is None and parsed.minutes is None and parsed.summary == ()


def test_compiled_grammar_is_cached_in_the_user_cache_folder(tmp_path: Path) -> None:
    import subprocess
    import sys

    program = (
        "from minutekit.grammar import cache_file, parser; "
        "print(cache_file()); print(parser().parse('Title\\n\\nMinutes:\\n\\nText.\\n').pretty())"
    )
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    first = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True)
    cache = Path(first.stdout.splitlines()[0])
    assert cache.parent == tmp_path / "minutekit" and cache.stat().st_size > 0
    second = subprocess.run(
        [sys.executable, "-c", program], env=env, capture_output=True, text=True
    )
    assert second.stdout == first.stdout and second.stderr == first.stderr == ""
    # A damaged cache is rebuilt, silently.
    cache.write_bytes(b"not a cache")
    third = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True)
    assert (third.stdout, third.stderr) == (first.stdout, "")


def test_no_cache_when_turned_off_or_nowhere_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    from minutekit.grammar import cache_file

    monkeypatch.setenv("MINUTEKIT_NO_CACHE", "1")
    assert cache_file() is None
    monkeypatch.delenv("MINUTEKIT_NO_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")
    assert cache_file() is None


def test_supporting_documents_heading_needs_a_space_before_glued_text() -> None:
    # "Supporting documents:Chief" as a heading would split a word of the source in two.
    item = check_text("Minutes:\n\nText.\n\nSupporting documents:Chief Executive\n").item
    assert item.supporting_documents is None
    item = check_text("Minutes:\n\nText.\n\nSupporting documents: Report A\n").item
    assert item.supporting_documents is not None
    assert [d.text for d in item.supporting_documents.documents] == ["Report A"]


def test_an_item_number_before_the_title_is_preface_not_the_title() -> None:
    item = check_text((FIXTURES / "item_number_before_title.txt").read_text()).item
    assert [p.text for p in item.preface] == ["57."]
    assert item.title is not None and item.title.text == "Minutes"  # a title, not the label
    assert item.minutes is not None and item.minutes.heading is not None


def test_issue_history_furniture_and_a_slashed_item_number() -> None:
    item = check_text((FIXTURES / "issue_history_page.txt").read_text()).item
    assert [p.text for p in item.preface] == ["Issue - meetings", "12/22"]
    assert item.title is not None and item.title.text == "Parking Charges Review"


def test_a_bare_number_inside_the_minutes_stays_text() -> None:
    item = check_text("TITLE\n\nMinutes:\n\nThe vote was\n\n2\n\nfor the motion.\n").item
    assert item.preface == ()
    assert item.minutes is not None
    assert "2" in " ".join(b.text for b in item.minutes.blocks if hasattr(b, "text"))


@pytest.mark.parametrize(
    ("line", "heading", "text"),
    [
        ("RESOLVED – That the report be noted.", "RESOLVED –", "That the report be noted."),
        ("RESOLVED: That the report be noted.", "RESOLVED:", "That the report be noted."),
        ("Resolved that the report be noted.", "Resolved", "that the report be noted."),
        (
            "RESOLVED, by majority vote, that it be so.",
            "RESOLVED,",
            "by majority vote, that it be so.",
        ),
        (
            "It was RESOLVED that the report be noted.",
            "It was RESOLVED",
            "that the report be noted.",
        ),
        ("  RESOLVED:-  That it be so.", "RESOLVED:-", "That it be so."),
    ],
)
def test_inline_resolved_splits_heading_and_text_at_their_columns(
    line: str, heading: str, text: str
) -> None:
    item = check_text(f"TITLE\n\nMinutes:\n\nDiscussion.\n\n{line}\n").item
    assert item.resolved is not None
    assert item.resolved.heading.text == heading
    [paragraph] = item.resolved.paragraphs
    assert paragraph.text == text
    assert paragraph.span.column == line.index(text) + 1
    assert item.resolved.heading.span.column == line.index(heading) + 1


def test_inline_resolved_fixture_joins_a_wrapped_line() -> None:
    item = check_text((FIXTURES / "resolved_inline.txt").read_text()).item
    assert item.resolved is not None
    assert [p.text for p in item.resolved.paragraphs] == [
        "That the rents be increased by 3% from 1 April."
    ]


def test_lead_in_resolved_with_a_lettered_list_and_a_mention_that_stays_text() -> None:
    item = check_text((FIXTURES / "resolved_lead_in.txt").read_text()).item
    assert item.resolved is not None
    assert item.resolved.heading.text == "The Committee resolved:-"
    assert [i.num for i in item.resolved.items] == ["(a)", "(b)"]
    assert item.minutes is not None and isinstance(item.minutes.blocks[0], Paragraph)
    assert "resolved to replace" in item.minutes.blocks[0].text


@pytest.mark.parametrize(
    "line",
    [
        "The Committee resolved to approve the scheme in 2019.",
        "Members did not resolve to exclude the public.",
    ],
)
def test_mentions_of_resolving_are_text(line: str) -> None:
    item = check_text(f"TITLE\n\nMinutes:\n\n{line}\n").item
    assert item.resolved is None


def test_inline_recommendation_with_its_list_then_an_inline_resolution() -> None:
    item = check_text((FIXTURES / "recommendation_inline.txt").read_text()).item
    assert item.recommended is not None
    assert item.recommended.heading.text == "RECOMMENDATION"
    assert item.recommended.paragraphs[0].text == "That the Council approve the following:"
    assert [i.num for i in item.recommended.items] == ["1)", "2)"]
    assert item.resolved is not None and item.resolved.heading.text == "RESOLVED"
    assert [p.text for p in item.resolved.paragraphs] == ["That the recommendations be approved."]


def test_decision_page_metadata_is_furniture_and_the_numbered_title_is_the_title() -> None:
    item = check_text((FIXTURES / "decision_page_numbered_title.txt").read_text()).item
    assert [p.text for p in item.preface] == [
        "Decision details",
        "Decision Maker: Cabinet",
        "Is Key decision?: No",
    ]
    assert item.title is not None and item.title.text == "7. LIBRARY OPENING HOURS"
    assert item.resolved is not None
    assert item.resolved.heading.text == "Cabinet resolved to approve:"
    assert len(item.resolved.items) == 2


def test_a_decision_part_before_the_minutes_keeps_its_copy_of_the_outcome() -> None:
    item = check_text((FIXTURES / "decision_before_minutes.txt").read_text()).item
    assert item.decision is not None and item.decision.heading.text == "Decision:"
    assert item.decision.blocks == ()
    copy = item.decision.resolved
    assert copy is not None and copy.heading.text == "RESOLVED:"
    assert item.minutes is not None and item.minutes.heading is not None
    # The minutes' own outcome, glued to its heading ("RESOLVED:That"), is the item's.
    assert item.resolved is not None and item.resolved.heading.text == "RESOLVED:"
    assert item.resolved.span.line == 15
    assert [p.text for p in item.resolved.paragraphs] == [
        "That the minutes of the meeting held on 3 March 2022 be approved."
    ]
    assert item.unplaced == ()


def test_a_decision_heading_over_the_only_resolved_block_gives_it_to_the_item() -> None:
    item = check_text((FIXTURES / "decision_page_contact_after_resolved.txt").read_text()).item
    assert item.decision is not None and item.decision.resolved is None
    assert item.resolved is not None and item.resolved.heading.text == "Resolved-"
    # A contact line right-aligned after the outcome is the item's contact line.
    assert item.contact is not None and item.contact.names == ("Sam Okafor",)
    assert item.contact.span.line == 15
    assert item.meeting is not None
    assert (item.meeting.date, item.meeting.committee) == ("2023-06-14", "Environment Committee")
    assert item.unplaced == ()


@pytest.mark.parametrize(
    ("fixture", "heading", "text"),
    [
        (
            "decided_outcome.txt",
            "Decided:",
            ["that the applications be dealt with as set out in the Annex to this minute."],
        ),
        (
            "agreed_outcome_with_votes.txt",
            "It was agreed that",
            ["the council would not object to this application: 5 for, 1 against, 1 abstention."],
        ),
    ],
)
def test_outcomes_in_other_words_are_decisions(fixture: str, heading: str, text: list[str]) -> None:
    item = check_text((FIXTURES / fixture).read_text()).item
    assert item.resolved is None
    assert item.decision is not None and item.decision.heading.text == heading
    assert [b.text for b in item.decision.blocks if isinstance(b, Paragraph)] == text
    assert item.unplaced == ()


def test_a_lead_in_outcome_is_a_decision_not_a_title() -> None:
    item = check_text((FIXTURES / "lead_in_outcome.txt").read_text()).item
    assert item.title is None
    assert item.decision is not None and item.decision.heading.text == "The Executive has"
    (block,) = item.decision.blocks
    assert isinstance(block, NumberedList) and [i.num for i in block.items] == ["(a)", "(b)"]


def test_an_agenda_instruction_is_summary_not_title() -> None:
    item = check_text((FIXTURES / "summary_instruction_not_title.txt").read_text()).item
    assert item.title is None
    assert [b.text for b in item.summary if isinstance(b, Paragraph)] == [
        "To consider the above planning application"
    ]
    assert item.resolved is not None and len(item.resolved.items) == 2


def test_a_resolved_heading_after_a_page_number() -> None:
    item = check_text((FIXTURES / "resolved_page_number.txt").read_text()).item
    assert item.resolved is not None and item.resolved.heading.text == "2 Resolved –"
    assert [i.num for i in item.resolved.items] == ["(1)", "(2)"]


def test_a_second_decision_is_reported_and_kept() -> None:
    result = check_text("Decision:\n\nNoted.\n\nMinutes:\n\nText.\n\nAGREED to note it.\n")
    assert result.item.decision is not None and result.item.decision.heading.text == "Decision:"
    assert [u.text for u in result.item.unplaced] == ["AGREED to note it."]
    assert "MK002" in codes(result)


def test_a_second_minutes_label_after_an_outcome_is_text_not_an_error() -> None:
    # A page cut from a meeting: the next item's "Minutes:" after this one's outcome.
    # Only the "Decision:" part before the minutes may be followed by "Minutes:".
    text = (
        "Minutes:\n\nThe motion was agreed.\n\nThe decision\n\nResolved\n\n"
        "That the fares be approved.\n\n41 Taxi fares\n\nMinutes:\n\nThe report was noted.\n"
    )
    result = check_text(text)
    assert "MK002" not in codes(result)
    assert result.item.decision is not None
    assert result.item.resolved is not None
    assert result.item.resolved.paragraphs[-1].text == "The report was noted."


def test_a_decision_part_keeps_its_resolved_block_when_the_minutes_follow() -> None:
    # Found by the fuzzer: the block was made the item's outcome and written into the
    # minutes' section in Akoma Ntoso, after the "Minutes:" heading that follows it.
    text = "Decision:\n\nRESOLVED: That it be approved.\n\nMinutes:\n\nThe report was read.\n"
    item = check_text(text).item
    assert item.decision is not None and item.decision.resolved is not None
    assert item.resolved is None
    assert item.minutes is not None and item.minutes.span.line == 5
