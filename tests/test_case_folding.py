"""Letters that a case-insensitive pattern takes for ASCII ones (İ, ı, ſ, the Kelvin sign).

``re.IGNORECASE`` and lark's ``/…/i`` match "agaınſt" as "against", "auguſt" as
"august" and "(İ)" as a list marker; every table then looked up with the matched word
must know it as the pattern did. These inputs once stopped the checker with an
internal error.
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

import pytest

from minutekit.convert import parse_locality
from minutekit.dates import prose_dates
from minutekit.text import fold
from minutekit.validate import validate_bytes

ROOT = Path(__file__).resolve().parents[1]
_ITEM = "Agenda item\n\nBudget\n\nMinutes:\n\n{minutes}\n\nResolved –\n\n{resolved}\n"


def _check(minutes: str, resolved: str = "That the budget be approved."):  # type: ignore[no-untyped-def]
    data = _ITEM.format(minutes=minutes, resolved=resolved).encode("utf-8")
    return validate_bytes(data, "item.txt")


def test_a_dotted_capital_i_is_read_as_the_list_marker_i() -> None:
    result = _check("The committee discussed the budget.", "(İ) That the budget be approved.")
    assert result.item.resolved is not None
    (first,) = result.item.resolved.items
    assert (first.num, first.number, first.style) == ("(İ)", 1, "(I)")


def test_a_vote_with_dotless_i_and_long_s_is_read() -> None:
    result = _check("The committee discussed the budget. For: 7, agaınſt: 2")
    (vote,) = result.item.votes
    assert (vote.votes_for, vote.against, vote.text) == (7, 2, "For: 7, agaınſt: 2")


def test_a_month_with_a_long_s_is_read() -> None:
    (found,) = prose_dates("held on 1 auguſt 2020.")
    assert found.date is not None and found.date.isoformat() == "2020-08-01"
    assert _check("The committee met on 1 auguſt 2020.").item.minutes is not None


@functools.cache
def _taken_for_ascii() -> dict[str, str]:
    """Every letter outside ASCII that a case-insensitive pattern matches as an ASCII
    letter, found by trying every code point as the regex engine folds them."""
    any_letter = re.compile("[a-z]", re.IGNORECASE)
    taken = {}
    for point in range(128, sys.maxunicode + 1):
        if any_letter.fullmatch(chr(point)):
            for letter in "abcdefghijklmnopqrstuvwxyz":
                if re.fullmatch(letter, chr(point), re.IGNORECASE):
                    taken[chr(point)] = letter
    return taken


def test_fold_knows_every_letter_a_case_insensitive_pattern_takes_for_ascii() -> None:
    taken = _taken_for_ascii()
    assert taken  # the engine does fold some (İ, ı, ſ, K)
    assert {char: fold(char) for char in taken} == taken


def test_the_fuzzer_dictionary_holds_those_letters_ligatures_and_full_width_forms() -> None:
    entries = set()
    for line in (ROOT / "fuzz" / "minutekit.dict").read_text(encoding="ascii").splitlines():
        if line.startswith('"'):
            raw = line[1:-1].encode("ascii").decode("unicode_escape").encode("latin-1")
            entries.add(raw.decode("utf-8"))
    wanted = set(_taken_for_ascii()) | {"\ufb00", "\ufb01", "\uff26"}
    assert wanted <= entries, wanted - entries


@pytest.mark.parametrize("code", ["ıST", "GB-\u212aST", "GB-ſTE"])
def test_a_locality_code_is_ascii_letters_only(code: str) -> None:
    with pytest.raises(ValueError, match="is not an ISO 3166-2:GB subdivision code"):
        parse_locality(code)
