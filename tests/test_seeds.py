"""The five seeds: the issue's table as explicit assertions, plus snapshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import FIXTURES, SEED_FILES, seed_name
from minutekit import schema
from minutekit.diagnostics import Severity, format_text
from minutekit.validate import validate_bytes

# seed → title, Recommended items, contact, has "Minutes:", Resolved items, owners, valid
EXPECTED = {
    "000": (
        "PROTECTING CHILDREN AND VULNERABLE ADULTS AT RISK OF EXPLOITATION",
        5,
        "(Mark Griffin – 01274 434361)",
        True,
        3,
        ["Strategic Director of Children’s Services"],
        True,
    ),
    "001": (
        "ARRANGEMENTS BY THE COUNCIL AND ITS PARTNERS TO TACKLE CHILD SEXUAL EXPLOITATION",
        3,
        "(Mark Griffin – 01274 434361)",
        True,
        2,
        ["Strategic Director, Children’s Services"],
        True,
    ),
    "002": (
        None,
        2,
        "(Darren Minton/Janice Hawkes – 01274 434361)",
        False,
        2,
        ["Chief Executive"],
        False,
    ),
    "003": (
        "UPDATE TO COUNCIL EXECUTIVE ON THE PROGRESS AND DEVELOPMENT OF THE 9 POINT STRATEGIC RESPONSE TO CSE",
        2,
        "(Paul Hill - 01274 434361)",
        True,
        3,
        ["Strategic Director Children’s Services", "City Solicitor"],
        True,
    ),
    "004": ("Child Sexual Exploitation", 0, None, True, 0, [], False),
}

# The error and warning codes each seed must get, by line.
EXPECTED_DIAGNOSTICS = {
    "000": [],
    "001": [],
    "002": [(6, "error", "MK101"), (26, "warning", "MK102")],
    "003": [(51, "warning", "MK301")],
    "004": [
        (7, "warning", "MK106"),
        (7, "warning", "MK107"),
        (63, "error", "MK103"),
        (63, "error", "MK104"),
    ],
}


def _validate(path: Path):  # type: ignore[no-untyped-def]
    return validate_bytes(path.read_bytes(), seed_name(path))


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_seed_parses_as_the_table_says(path: Path) -> None:
    title, recommended, contact, labelled, resolved, owners, valid = EXPECTED[path.name[:3]]
    result = _validate(path)
    item = result.item.to_jsonable()
    assert item["title"] == title
    assert ((item["recommended"] and len(item["recommended"]["items"])) or 0) == recommended
    assert (item["contact"] and item["contact"]["text"]) == contact
    assert (item["minutes"] is not None and item["minutes"]["heading"] == "Minutes:") is labelled
    assert ((item["resolved"] and len(item["resolved"]["items"])) or 0) == resolved
    assert [o for a in item["actions"] for o in a["owners"]] == owners
    assert result.valid is valid
    assert item["unplaced"] == []


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_seed_diagnostics(path: Path) -> None:
    result = _validate(path)
    got = [
        (d.line, str(d.severity), d.code)
        for d in result.diagnostics
        if d.severity >= Severity.WARNING
    ]
    assert got == EXPECTED_DIAGNOSTICS[path.name[:3]]


def test_seed_003_remark_and_scrutiny_lines() -> None:
    item = _validate(SEED_FILES[3]).item
    [action] = item.actions
    assert action.remark == "(referral to Area Committees)"
    assert [(s.part, s.span.line) for s in item.scrutiny] == [("agenda", 23), ("closing", 139)]


def test_seed_002_has_the_scrutiny_line_twice() -> None:
    item = _validate(SEED_FILES[2]).item
    assert [(s.label, s.part) for s in item.scrutiny] == [
        ("Overview and Scrutiny Area", "agenda"),
        ("Overview and Scrutiny Area", "closing"),
    ]


# The seeds' JSON form is snapshotted once, as the JSON format writes it
# (test_converters.py::test_seed_snapshot).


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_seed_diagnostics_snapshot(path: Path, text_snapshot: Any) -> None:
    assert format_text(_validate(path).diagnostics) == text_snapshot


@pytest.mark.parametrize(
    "path", [*SEED_FILES, *sorted(FIXTURES.glob("*.txt"))], ids=lambda p: p.name[:12]
)
def test_json_form_has_the_schema_shape(path: Path) -> None:
    # Only the requirements are checked at run time; the shape is the model's promise.
    for item in validate_bytes(path.read_bytes(), path.name).items:
        assert schema.shape_errors(item.to_jsonable()) == []


def test_shape_errors_are_reported() -> None:
    item = validate_bytes(SEED_FILES[0].read_bytes(), "x.txt").item
    broken = dict(item.to_jsonable(), title=7, surprise=True)
    errors = schema.shape_errors(broken)
    assert any(e.startswith("title: 7 is not of type") for e in errors)
    assert any("surprise" in e for e in errors)
