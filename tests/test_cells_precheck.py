"""The whole-text look that spares most texts the line-by-line look for cells
(``parse._may_hold_cells``) never misses a line that holds several."""

from __future__ import annotations

import importlib

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import FIXTURES, ROOT, SEED_FILES
from minutekit import patterns

parse_stage = importlib.import_module("minutekit.parse")  # the module, not the API's function
CORPUS = ROOT.parent / "shared" / "corpus" / "cases"


def holds_cells(line: str) -> bool:
    """The parser's own line-by-line answer."""
    return bool(parse_stage._cell_starts(line) or patterns.MINUTES_WITH_TEXT_RE.match(line))


def flagged(text: str) -> bool:
    return bool(parse_stage._may_hold_cells(text))


LINES_WITH_CELLS = [
    "Declaration of Interests Decision: None Minutes: None |",
    "Minutes: The committee noted the report.",
    "The report was noted. RESOLVED that the plan be approved.",
    "The Committee agreed: 1. to note the report 2. to approve the plan",
    "34 Easy Access 34.1 It was noted that 34.2 the committee",
    "Item title Supporting documents: report.pdf",
]


def test_each_layout_with_cells_is_flagged_alone_and_within_a_text() -> None:
    for line in LINES_WITH_CELLS:
        assert holds_cells(line), line  # the examples are what the parser splits
        assert flagged(line)
        assert flagged(f"Title\n\nSome text.\n{line}\nMore text.\n")


def test_a_text_without_cells_is_not_flagged() -> None:
    text = "Budget monitoring\n\nMinutes:\n\nThe report was noted.\n\nRESOLVED\n\n1. That a\n"
    assert not any(holds_cells(line) for line in text.splitlines())
    assert not flagged(text)


def test_no_line_of_the_seeds_fixtures_or_corpus_with_cells_goes_unflagged() -> None:
    files = [*SEED_FILES, *FIXTURES.rglob("*.txt"), *CORPUS.glob("*.txt")]
    with_cells = 0
    for path in files:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if holds_cells(line):
                with_cells += 1
                assert flagged(line), (path.name, line)
    assert with_cells > 0


words = st.sampled_from(
    [
        "Minutes:",
        "Decision:",
        "RESOLVED",
        "1.",
        "2.",
        "(1)",
        "(2)",
        "12",
        "12.1",
        "12.2",
        "Supporting",
        "documents:",
        "note",
        "Noted.",
        "A",
        ":",
        "to",
        "that",
    ]
)
separators = st.sampled_from([" ", "  ", "\t", "\u00a0", ""])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(words, separators), max_size=10))
def test_generated_lines_with_cells_are_flagged(parts: list[tuple[str, str]]) -> None:
    line = "".join(word + separator for word, separator in parts)
    if holds_cells(line):
        assert flagged(line)
