"""Hot paths written for speed give what the plain way gives.

The span's JSON form is built by hand (not by ``attrs.asdict``); MK301 looks only where a
match can start (each '?') instead of in every word of a line holding one. Each is
compared with the plain way it replaced.
"""

from __future__ import annotations

import re

import attrs
import lark
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import check_text
from minutekit.model import Span
from minutekit.source import read_source
from minutekit.text import ItemLines, collapse, digit_runs, own_text

_LOST = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=[^\W\d_]))\?(?=[^\W\d_])")


def test_a_span_s_json_form_names_every_field_of_the_span() -> None:
    span = Span(3, 5, 4, 1)
    assert span.to_jsonable() == attrs.asdict(span)
    assert list(span.to_jsonable()) == [f.name for f in attrs.fields(Span)]


def lost_characters_word_by_word(text: str) -> list[tuple[int, int, str]]:
    """MK301 as it was: every word of every line with a '?' searched."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        if "?" not in line:
            continue
        for word in re.finditer(r"\S+", line):
            if "/" in word[0] or "=" in word[0]:
                continue
            for match in _LOST.finditer(line, word.start(), word.end()):
                found.append((number, match.start() + 1, word[0]))
    return found


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1 ?/=&’\t\u00a0\u2003_.\n", max_size=60))
def test_mk301_finds_what_a_search_of_every_word_finds(text: str) -> None:
    text = "Title\n\nMinutes:\n\n" + text.replace("\n", " ") + "\n"
    result = check_text(text)
    found = [(d.line, d.column, d.message) for d in result.diagnostics if d.code == "MK301"]
    expected = lost_characters_word_by_word(text)
    assert [(line, column) for line, column, _ in found] == [(n, c) for n, c, _ in expected]
    assert all(
        f"'{word}'" in message for (*_, message), (*_, word) in zip(found, expected, strict=True)
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a1 9\u0663\u0967\uff15\u00b2.\n", max_size=40))
def test_digit_runs_are_the_runs_of_decimal_digits(text: str) -> None:
    """Every run of what ``\\d`` takes (Unicode decimal digits; not '²'), found with the
    pattern written for the engine's fast scan, as a plain ``\\d+`` finds them."""
    digit_runs.cache_clear()
    assert digit_runs(text) == tuple(m.span() for m in re.finditer(r"\d+", text))


def test_an_item_s_text_is_its_lines_joined_however_they_are_held() -> None:
    """own_text keeps the last texts it joined: asked again for the same lines, it
    gives the same text; lines that cannot be kept (a list) are joined each time."""
    lines = ("Title", "", "Minutes:", "The Committee met.")
    joined = "Title\n\nMinutes:\nThe Committee met."
    assert own_text(lines) == own_text(lines) == joined
    assert own_text(lines) is own_text(lines)
    assert own_text(list(lines)) == joined
    other = ("Title", "", "Minutes:", "The Committee did not meet.")
    assert own_text(other) == joined.replace("met.", "did not meet.")
    # An item of a meeting file: its own lines only.
    assert own_text(ItemLines(lines, 2, 4)) == "Minutes:\nThe Committee met."


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n\r\u00a0\u2028\x0b\x85", max_size=40))
def test_a_text_s_lines_are_split_at_every_kind_of_line_break(text: str) -> None:
    """Lines split by the line feeds alone where the text has no carriage return, as the
    pattern for every break (CRLF, CR, LF) splits them; other separators stay."""
    text = f"a{text}"  # not blank: a blank text is refused
    expected = re.split(r"\r\n|\r|\n", text.replace("\u00a0", " "))
    if expected and expected[-1] == "":
        expected.pop()
    assert read_source(text.encode("utf-8"), "a.txt").lines == tuple(expected)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab. \t\n\r\u00a0\u2003\u2028\x0b\x85\x1f", max_size=30))
def test_collapse_is_the_split_joined_with_single_spaces(text: str) -> None:
    """A line that is already collapsed is taken as it is; any other is split and joined:
    the same text either way, a plain string also for a token of the grammar."""
    expected = " ".join(text.split())
    assert collapse(text) == expected
    token = collapse(lark.Token("TEXT", text))
    assert token == expected and type(token) is str
