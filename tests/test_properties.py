"""Properties over generated minutes: built from the grammar's pieces and arbitrary text.

The strategies put together what real minutes are made of (headings in every spelling,
numbered items in every style, bullets, contact lines, non-breaking spaces, wrapped
lines, all three line endings) with arbitrary text and arbitrary bytes. The properties:

- checking never raises, and every diagnostic points inside the file;
- every item converts (forced) to Akoma Ntoso that is valid against the strict OASIS
  schema and holds every word of the source, in order;
- the JSON of an item has the schema's shape, and the schema (checked by jsonschema
  itself) fails exactly the requirements that ``validate`` reported;
- the CSV tables read back through the csv module to the model's values.

Examples are bounded here (``HYPOTHESIS_PROFILE=long`` for a longer run); the
coverage-guided fuzzer is ``fuzz/fuzz_minutekit.py``.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from lxml import etree

from helpers import akn_body_text, words
from minutekit import formats, schema
from minutekit.convert import ConvertOptions
from minutekit.validate import validate_bytes

settings.register_profile(
    "default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

OPTIONS = ConvertOptions(generated=datetime.date(2024, 1, 1), item_id="item")

# ---------------------------------------------------------------- strategies

#: Text a clerk might type: letters, digits, punctuation, curly quotes, dashes, pound
#: signs, accented letters; no control characters (they have their own property).
_ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "N", "P", "S", "Zs"),
    exclude_characters="\ufffe\uffff",
)
words_ = st.text(_ALPHABET, min_size=1, max_size=12).filter(lambda w: w.strip() == w and w)
sentence = st.lists(words_, min_size=1, max_size=14).map(" ".join)

heading = st.sampled_from(
    [
        "Recommended –",
        "Recommended -",
        "Recommended:",
        "RECOMMENDED",
        "Minutes:",
        "Resolved –",
        "Resolved-",
        "Resolved:",
        "Resolved:-",
        "RESOLVED –",
        "Supporting documents:",
        "Local democracy",
        "Agenda item",
        "Issue - meetings",
        "40.",
        "41.",
        "42. APOLOGIES FOR ABSENCE",
        "78/21",
        "RESOLVED – That it be noted.",
        "It was RESOLVED that",
        "The Committee resolved:-",
        "RESOLVED:That",
        "RECOMMENDATION That the Council approve:",
        "Decision Maker: Cabinet",
        "14. DUCHY DRIVE",
        "Council resolved to approve:",
        "Meeting: 16/09/2020 - Cabinet (Item 9.)",
        "Meeting: 31/02/2020 - Licensing Committee",
        "Made at meeting: 22/07/2021 - Cabinet",
        "Planning Committee, Tuesday, 1st December, 2020 6.00 pm",
        "Decision:",
        "DECISION:",
        "Decided: that it be noted.",
        "The decision",
        "AGREED to note the report.",
        "It was agreed that the item be deferred: 5 for, 1 against, 1 abstention.",
        "The Cabinet has",
        "2 Resolved –",
        "6.2  RESOLVED – That the Committee:",
        "To consider the above application",
        "For: 7, Against: 2, Abstain: 1",
        "ForA Smith, B Jones5",
        "Motion status:Carried",
        "Councillor A Smith declared a personal interest as a governor of the school.",
        "exempt information as defined in paragraph 3 of Schedule 12A",
        "The Panel last met on 10th October 2018 and on 1 August 2020.",
    ]
)
action = st.sampled_from(["ACTION:", "Action:", "ACTION :"]).flatmap(
    lambda label: st.sampled_from(
        ["", " Strategic Director, Children’s Services", " City Solicitor / Chief Executive"]
    ).map(lambda owner: label + owner)
)
contact = st.sampled_from(
    [
        "(Jane Smith – 01274 432000)",
        "(A Brown / C Green - 01274 431234 )",
        "(Sam Lee — 07700 900123)",
    ]
)
scrutiny = st.sampled_from(
    ["Overview and Scrutiny Area: Children’s Services", "Overview and Scrutiny Committee: Health"]
)
marker = st.sampled_from(["({n})", "{n}.", "{n})", "({r})", "({a})", "{a}.", "{A})"])


@st.composite
def numbered(draw: st.DrawFn) -> str:
    style = draw(marker)
    count = draw(st.integers(1, 5))
    romans = ["i", "ii", "iii", "iv", "v"]
    return "\n".join(
        style.format(n=i + 1, r=romans[i], a="abcde"[i], A="ABCDE"[i]) + " " + draw(sentence)
        for i in range(count)
    )


bullets = st.lists(
    st.tuples(st.sampled_from(["·", "•", "· ", "•\u00a0"]), sentence).map("".join),
    min_size=1,
    max_size=4,
).map("\n".join)


@st.composite
def wrapped(draw: st.DrawFn) -> str:
    """A paragraph hard-wrapped over several lines, as a PDF copy gives it."""
    text = draw(sentence)
    width = draw(st.integers(8, 60))
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


#: Letters that stand for ASCII ones: İ, ı, ſ and the Kelvin sign are what a
#: case-insensitive pattern takes for i, s and k; ligatures and full-width forms look
#: the same to a reader and match nothing.
_DISGUISES = [
    ("i", "\u0130"),
    ("i", "\u0131"),
    ("I", "\u0130"),
    ("s", "\u017f"),
    ("S", "\u017f"),
    ("k", "\u212a"),
    ("K", "\u212a"),
    ("ff", "\ufb00"),
    ("fi", "\ufb01"),
    ("fl", "\ufb02"),
    *((c, chr(ord(c) + 0xFEE0)) for c in "AEFIMORSTaefimorst1:(."),
]


@st.composite
def disguised(draw: st.DrawFn, pieces: st.SearchStrategy[str]) -> str:
    """A piece with some of its letters written as letters that stand for them."""
    text = draw(pieces)
    for plain, lookalike in draw(st.lists(st.sampled_from(_DISGUISES), max_size=3)):
        text = text.replace(plain, lookalike)
    return text


_plain_piece = st.one_of(
    heading, action, contact, scrutiny, numbered(), bullets, sentence, wrapped()
)
piece = st.one_of(_plain_piece, disguised(_plain_piece))


def _body(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(piece, min_size=0, max_size=14))
    gaps = [draw(st.sampled_from(["\n", "\n\n", "\n\n\n", "\n\u00a0\n", "\n \n"])) for _ in pieces]
    return "".join(p + g for p, g in zip(pieces, gaps, strict=True))


@st.composite
def minutes(draw: st.DrawFn) -> bytes:
    """A minute file made of the grammar's pieces in any order, with any line endings;
    one in four is a meeting's minutes, items numbered on from any number."""
    if draw(st.integers(0, 3)) == 0:
        first = draw(st.integers(1, 300))
        items = [
            f"{first + k}.\n\n{draw(st.sampled_from(['APOLOGIES', 'Street Trading', 'MINUTES']))}\n\n"
            + _body(draw)
            for k in range(draw(st.integers(2, 3)))
        ]
        text = draw(st.sampled_from(["", "Minutes of the Cabinet\n\n"])) + "\n".join(items)
    else:
        text = _body(draw)
    if draw(st.booleans()):
        text = "\u00a0".join(text.split(" ")) if draw(st.booleans()) else text
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return text.replace("\n", ending).encode("utf-8")


# ---------------------------------------------------------------- properties


def _refused(result) -> bool:  # type: ignore[no-untyped-def]
    return any(d.code in ("MK004", "MK005") for d in result.diagnostics)


def _assert_in_range(data: bytes, result) -> None:  # type: ignore[no-untyped-def]
    lines = (result.meeting or result.item).source.lines
    if _refused(result):  # nothing was decoded: positions are in the raw bytes
        lines = re.split(r"\r\n|\r|\n", data.decode("utf-8", errors="replace"))
    for d in result.diagnostics:
        assert 1 <= d.line <= max(1, len(lines) + 1), d
        width = len(lines[d.line - 1]) if d.line <= len(lines) else 0
        assert 1 <= d.column <= width + 1, d


@given(st.binary(max_size=2000))
def test_any_bytes_are_checked_without_raising(data: bytes) -> None:
    result = validate_bytes(data, "any.bin")
    _assert_in_range(data, result)


@given(st.text(max_size=2000))
def test_any_text_is_checked_without_raising(text: str) -> None:
    data = text.encode("utf-8", errors="surrogatepass")
    result = validate_bytes(data, "any.txt")
    _assert_in_range(data, result)


@given(minutes())
def test_generated_minutes_are_checked_with_located_diagnostics(data: bytes) -> None:
    result = validate_bytes(data, "generated.txt")
    _assert_in_range(data, result)
    assert not [d for d in result.diagnostics if d.code == "MK002" and not d.message]


@given(data=minutes())
def test_every_item_converts_to_strict_valid_word_exact_akn(
    data: bytes, strict_xsd: etree.XMLSchema
) -> None:
    result = validate_bytes(data, "generated.txt")
    if _refused(result):
        return
    if result.meeting is not None:  # a whole-meeting file: one document of all its items
        output = formats.get("akn").convert_meeting(result.meeting, OPTIONS)
        source_text = "\n".join(result.meeting.source.lines)
    else:
        output = formats.get("akn").convert(result.item, OPTIONS)
        source_text = "\n".join(result.item.source.lines)
    document = etree.fromstring(output)
    assert strict_xsd.validate(document), strict_xsd.error_log
    assert words(akn_body_text(document)) == words(source_text)


@given(minutes())
def test_json_has_the_schema_shape_and_the_schema_reports_what_validate_reports(
    data: bytes,
) -> None:
    result = validate_bytes(data, "generated.txt")
    for item in result.items:
        assert schema.shape_errors(item.to_jsonable()) == []
    if result.meeting is not None:
        assert schema.meeting_shape_errors(result.meeting.to_jsonable()) == []
        return  # each item's requirements: see test_meetings
    if _refused(result):
        return
    document = result.item.to_jsonable()
    # The whole schema, checked by jsonschema itself, fails exactly the requirements
    # that validate reported: what is validated is what is written.
    requirements = schema.schema()["allOf"]
    failed = {
        requirements[error.schema_path[1]]["x-minutekit-rule"]
        for error in Draft202012Validator(schema.schema()).iter_errors(document)
    }
    reported = {d.code for d in result.diagnostics if d.code in schema.requirement_codes()}
    assert failed == reported


@given(minutes())
def test_csv_tables_read_back_to_the_model(data: bytes) -> None:
    item = validate_bytes(data, "generated.txt").items[0]  # of a meeting: its first item
    tables = formats.get("csv").convert_batch([(item, "item")], OPTIONS)
    rows = {
        name: list(csv.DictReader(io.StringIO(content.decode("utf-8"), newline="")))
        for name, content in tables.items()
        if name.endswith(".csv")
    }
    [row] = rows["items.csv"]
    assert _unneutralised(row["title"]) == (item.title.text if item.title else "")
    expected = [i.text for i in item.resolved.items] if item.resolved else []
    assert [_unneutralised(r["text"]) for r in rows["resolutions.csv"]] == expected
    owners = [o for a in item.actions for o in a.owners]
    assert len(rows["actions.csv"]) >= len(owners)


def _unneutralised(cell: str) -> str:
    from minutekit.converters.csv_tables import FORMULA_PREFIXES

    if cell.startswith("'") and cell[1:].startswith(FORMULA_PREFIXES):
        return cell[1:]
    return cell


@given(st.sampled_from("\x00\x01\x07\x08\x0e\x1b\x1f\ufffe"), sentence)
def test_a_control_character_is_reported_at_its_place_never_dropped(char: str, text: str) -> None:
    data = f"Minutes:\n\n{text}{char} end.\n".encode()
    result = validate_bytes(data, "control.txt")
    found = [(d.code, d.line, d.column) for d in result.diagnostics if d.code in ("MK004", "MK303")]
    if char == "\x00":
        assert found == [("MK004", 3, len(text) + 1)]
    else:
        assert found == [("MK303", 3, len(text) + 1)]
        assert not result.valid  # so it is never converted without --force
