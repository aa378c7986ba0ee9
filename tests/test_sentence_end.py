"""Whether a paragraph's text ends a sentence, read from its end, says what the
pattern it replaced said: a stop (. ! ? : ;) and any closing quotes or brackets after
it, then the end (or a final line break)."""

from __future__ import annotations

import importlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

parse_stage = importlib.import_module("minutekit.parse")  # the module, not the API's function
#: The pattern the parser used (a search of the whole text for each wrapped line).
REFERENCE = re.compile(r"[.!?:;][\"'”’»)\]]*$")


@pytest.mark.parametrize(
    ("text", "open_"),
    [
        ("The report was noted.", False),
        ("The Committee agreed (see minute 12.)", False),
        ("the ‘Minutes:’", False),
        ("That the report be", True),
        ("The figures were 12.5 and", True),
        ("The report was noted. ", True),  # white space after: as the pattern read it
        ("", True),
    ],
)
def test_a_sentence_ends_at_a_stop_and_its_closers(text: str, open_: bool) -> None:
    assert parse_stage._is_open(text) is open_


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="ab .,!?:;\"'”’»)](\n"))
def test_the_end_is_read_as_the_pattern_read_it(text: str) -> None:
    assert parse_stage._is_open(text) == (REFERENCE.search(text) is None)
