"""The rule catalogue: identity, documentation, examples that really pass and fail."""

from __future__ import annotations

import re
import textwrap

import pytest

from helpers import FIXTURES, check_text
from minutekit import rules, schema
from minutekit.diagnostics import Severity
from minutekit.selection import Selection
from minutekit.validate import validate_bytes

CATALOGUE = rules.catalogue()
SECTIONS = ("Why:", "Passing example::", "Failing example::")
# The source stage's examples, and MK303's control character, are bytes (another encoding, a binary file, an empty
# file), which a docstring cannot hold; test_source and test_hostile_input check them
# with real bytes; MK006 is a document that cannot be read, which test_readers makes.
NOT_RUNNABLE = {"MK001", "MK003", "MK004", "MK005", "MK006", "MK303"}


def _example(rule: rules.Rule, which: str) -> str:
    match = re.search(rf"{which} example::\n\n(?P<body>(?:(?: {{4}}.*)?\n)+)", rule.doc + "\n")
    assert match, f"{rule.code}: no {which.lower()} example block"
    return textwrap.dedent(match["body"]).strip("\n") + "\n"


def test_issue_codes_are_published_with_their_names() -> None:
    published = {
        "MK001": "invalid-encoding",
        "MK002": "unexpected-line",
        "MK101": "missing-title",
        "MK102": "missing-minutes-heading",
        "MK103": "missing-resolved",
        "MK104": "missing-action",
        "MK105": "action-owner-unnamed",
        "MK106": "missing-recommended",
        "MK107": "missing-contact",
        "MK201": "numbering-sequence",
        "MK301": "lost-character",
    }
    assert {r.code: r.name for r in CATALOGUE if r.code in published} == published


def test_seed_house_style_severities() -> None:
    warnings = {r.code for r in CATALOGUE if r.severity == Severity.WARNING}
    assert {"MK102", "MK106", "MK107", "MK201", "MK301"} <= warnings
    errors = {r.code for r in CATALOGUE if r.severity == Severity.ERROR}
    assert {"MK001", "MK002", "MK101", "MK103", "MK104", "MK105"} <= errors


@pytest.mark.parametrize("rule", CATALOGUE, ids=lambda r: r.code)
def test_rule_docs_have_the_fixed_sections(rule: rules.Rule) -> None:
    assert rule.summary.endswith("."), "the summary is one sentence"
    positions = [rule.doc.find(section) for section in SECTIONS]
    assert -1 not in positions, f"{rule.code} lacks one of {SECTIONS}"
    assert positions == sorted(positions), "sections in the order summary, why, pass, fail"
    # A rule that declares a fix says what it does, and how safe it is, before the examples.
    fix = re.search(r"^Fix \((safe|unsafe)\): ", rule.doc, re.MULTILINE)
    assert (fix[1] if fix else None) == rule.fix
    if fix:
        assert positions[0] < fix.start() < positions[1]


@pytest.mark.parametrize(
    "rule", [r for r in CATALOGUE if r.code not in NOT_RUNNABLE], ids=lambda r: r.code
)
def test_rule_examples_pass_and_fail(rule: rules.Rule) -> None:
    # The rule alone is selected, so rules that are off by default (MK108) run too.
    only = Selection.of(
        select=[rule.code],
        owners=getattr(rule.module, "EXAMPLE_OWNERS", ()),
        headings=getattr(rule.module, "EXAMPLE_HEADINGS", ()),
    )

    def found(text: str) -> list[str]:
        return [d.code for d in validate_bytes(text.encode(), "example.txt", only).diagnostics]

    assert rule.code not in found(_example(rule, "Passing"))
    assert rule.code in found(_example(rule, "Failing"))


def test_every_schema_requirement_has_its_rule_module_and_back() -> None:
    schema_rules = {r.code for r in CATALOGUE if r.kind == "schema"}
    assert set(schema.requirement_codes()) == schema_rules


def test_find_by_code_or_name() -> None:
    assert rules.find("mk103") is rules.find("missing-resolved") is rules.by_code()["MK103"]
    assert rules.find("no-such-rule") is None


# ---------------------------------------------------------------- numbering


def _resolved(*markers: str) -> str:
    return "Resolved –\n\n" + "\n\n".join(f"{m}  That it be so." for m in markers) + "\n"


@pytest.mark.parametrize(
    ("markers", "messages"),
    [
        (["(1)", "(2)", "(3)"], []),
        (["(1)", "(3)"], ["Resolved list follows '(1)' with '(3)': expected '(2)'"]),
        (["(2)", "(3)"], ["Resolved list starts at '(2)': expected '(1)'"]),
        (["(1)", "(2)", "(2)"], ["Resolved item '(2)' is numbered twice: expected '(3)'"]),
        (["1.", "(a)", "(b)", "2.", "(a)"], []),
        (["(i)", "(ii)", "(iv)"], ["Resolved list follows '(ii)' with '(iv)': expected '(iii)'"]),
        (["A.", "C."], ["Resolved list follows 'A.' with 'C.': expected 'B.'"]),
        # A second list of the same style (the reasons under the resolutions).
        (["(1)", "(2)", "(3)", "(1)", "(2)"], []),
        (["(1)", "(2)", "(1)"], []),
        (["(1)", "(1)"], ["Resolved item '(1)' is numbered twice: expected '(2)'"]),
        (
            ["(1)", "(2)", "(3)", "(1)", "(3)"],
            ["Resolved list follows '(1)' with '(3)': expected '(2)'"],
        ),
    ],
)
def test_numbering_sequence(markers: list[str], messages: list[str]) -> None:
    result = check_text(_resolved(*markers))
    assert [d.message for d in result.diagnostics if d.code == "MK201"] == messages


def test_numbering_sequence_in_recommended_block_fixture() -> None:
    result = check_text((FIXTURES / "numbering_gap.txt").read_text(encoding="utf-8"))
    found = [(d.line, d.message) for d in result.diagnostics if d.code == "MK201"]
    assert found == [(8, "Recommended list follows '(1)' with '(3)': expected '(2)'")]


# ---------------------------------------------------------------- lost characters


@pytest.mark.parametrize(
    ("line", "columns"),
    [
        ("Commissioning ?Partnership", [15]),
        ("Children?s Services", [9]),
        ("?Partnership at the start", [1]),
        ("Had bus drivers had any training on CSE?", []),
        ("why was the figure so high? how was support provided", []),
        ("See http://example.gov.uk/ieListDocuments.aspx?MId=11774 for papers", []),
        ("Is Key decision?: Yes", []),
        ("A question (?) mark", []),
    ],
)
def test_lost_character(line: str, columns: list[int]) -> None:
    result = check_text(f"Minutes:\n\n{line}\n")
    assert [(d.line, d.column) for d in result.diagnostics if d.code == "MK301"] == [
        (3, c) for c in columns
    ]


def test_a_missing_part_is_reported_before_the_earliest_part_that_follows_it() -> None:
    text = "Agenda item\n\nA TITLE\n\nThe report.\n\nOverview and Scrutiny Area: Children’s Services\n\n(Jo Bloggs – 01234 567890)\n"
    [recommended] = [d for d in check_text(text).diagnostics if d.code == "MK106"]
    assert (recommended.line, recommended.column) == (7, 1)
    assert recommended.message.endswith("before the Overview and Scrutiny line")


def test_readme_rule_table_is_the_catalogue() -> None:
    from helpers import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (MK\d{3}) \| ([a-z0-9-]+) \| (\w+) \| ?(\w*) ?\|", readme, re.MULTILINE)
    assert rows == [(r.code, r.name, str(r.severity), r.fix or "") for r in CATALOGUE]


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("Met on 29th February 2020.", []),  # a leap year
        ("Met on 29th February 2019.", [8]),
        ("On 30 february 2021 and 31st April 2021.", [4, 25]),
        ("Minute 131 March 2019 and x31 June 2019 are references.", []),
        ("Due 0 May 2019.", [5]),
    ],
)
def test_impossible_dates(sentence: str, flagged: list[int]) -> None:
    result = check_text(f"Minutes:\n\n{sentence}\n")
    assert [d.column for d in result.diagnostics if d.code == "MK304"] == flagged


def test_an_impossible_date_wrapped_over_two_lines_is_reported_where_it_starts() -> None:
    result = check_text("Minutes:\n\nThe report returns on 31st\nFebruary 2019 as agreed.\n")
    [found] = [d for d in result.diagnostics if d.code == "MK304"]
    assert (found.line, found.column) == (3, 23)
    assert found.message == "'31st February 2019' is not a date: February 2019 has no day 31"
