"""Profiles: the seeds' house style by default, the general ModernGov one, a council's own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import FIXTURES, SEED_FILES, SEEDS
from minutekit import rules
from minutekit.cli import main
from minutekit.profiles import BUILT_IN, PARTS


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def _codes(output: str) -> set[str]:
    return {
        line.split()[2]
        for line in output.splitlines()
        if ": error " in line or ": warning " in line
    }


def test_every_part_names_a_rule_and_mk108_is_off_by_default() -> None:
    assert set(PARTS.values()) <= {r.code for r in rules.catalogue()}
    assert not rules.by_code()["MK108"].default
    assert "MK108" not in _codes(_run("validate", str(SEEDS))[1])


def test_the_seeds_profile_is_the_default() -> None:
    assert _run("validate", str(SEEDS)) == _run("validate", "--profile", "seeds", str(SEEDS))


def test_moderngov_requires_only_an_outcome() -> None:
    status, output = _run("validate", "--profile", "moderngov", str(SEEDS))
    assert status == 0
    assert _codes(output) <= {"MK301"}  # text quality still checked; no structure required
    procedural = "Minutes:\n\nThe Chair welcomed everyone and introductions were made.\n"
    noted = "Minutes:\n\nThe Committee noted the report.\n"
    decided = "Minutes:\n\nDecided:\n\nThat the item be deferred.\n"
    for text, expected in ((procedural, {"MK108"}), (noted, set()), (decided, set())):
        result = CliRunner().invoke(main, ["validate", "--profile", "moderngov", "-"], input=text)
        assert _codes(result.output) == expected, text


def test_a_council_defines_its_own_profile(tmp_path: Path) -> None:
    shutil.copy(SEED_FILES[4], tmp_path / "item.txt")  # no Recommended, Resolved or ACTION
    (tmp_path / ".minutekit.toml").write_text(
        'profile = "borsetshire"\n'
        '[profiles.borsetshire]\ndescription = "title and outcome"\nrequire = ["title", "outcome"]\n'
    )
    status, output = _run("validate", str(tmp_path / "item.txt"))
    assert _codes(output) <= {"MK108"} and status == 0
    settings = json.loads(_run("validate", "--show-settings", str(tmp_path / "item.txt"))[1])
    assert settings["profile"] == "borsetshire"
    listing = _run("profiles", str(tmp_path))[1]
    assert "* borsetshire  requires title, outcome" in listing


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (
            'profile = "nowhere"\n',
            (),
            "'profile': expected one of moderngov, seeds, found 'nowhere'",
        ),
        (
            "",
            ("--profile", "nowhere"),
            "--profile: expected one of moderngov, seeds, found 'nowhere'",
        ),
        (
            '[profiles.x]\nrequire = ["signature"]\n',
            (),
            "'profiles.x.require': expected a list of parts from title, minutes-heading",
        ),
        (
            '[profiles.x.headings]\naction = ["Responsible officer:"]\n',
            (),
            "'profiles.x.headings.action': expected one of recommended, minutes, decision,"
            " resolved",
        ),
        (
            '[profiles.x.headings]\nminutes = "Proceedings:"\n',
            (),
            "'profiles.x.headings.minutes': expected a list of headings as written",
        ),
        (
            "[profiles.x]\nowners = [1]\n",
            (),
            "'profiles.x.owners': expected a list of post names",
        ),
    ],
)
def test_unknown_profiles_and_parts_are_exit_2(
    tmp_path: Path, content: str, args: tuple[str, ...], message: str
) -> None:
    shutil.copy(FIXTURES / "hard_wrapped.txt", tmp_path / "item.txt")
    (tmp_path / ".minutekit.toml").write_text(content)
    status, output = _run("validate", *args, str(tmp_path / "item.txt"))
    assert status == 2 and message in output


def test_built_in_profiles_are_documented() -> None:
    assert {"seeds", "moderngov"} <= set(BUILT_IN)
    assert all(p.description.endswith(".") for p in BUILT_IN.values())


def test_convert_judges_validity_by_the_same_profile_and_configuration(tmp_path: Path) -> None:
    shutil.copy(SEED_FILES[4], tmp_path / "item.txt")  # invalid in the seeds' house style
    out = tmp_path / "out"
    status, _ = _run("convert", "--to", "akn", "-o", str(out), str(tmp_path / "item.txt"))
    assert status == 1 and not out.exists()
    (tmp_path / ".minutekit.toml").write_text('profile = "moderngov"\n')
    status, _ = _run("convert", "--to", "akn", "-o", str(out), str(tmp_path / "item.txt"))
    assert status == 0 and (out / "item.akn.xml").exists()
    (out / "item.akn.xml").unlink()
    status, _ = _run(
        "convert", "--to", "akn", "--profile", "seeds", "-o", str(out), str(tmp_path / "item.txt")
    )
    assert status == 1 and not (out / "item.akn.xml").exists()


HOUSE = """\
profile = "wessex"

[profiles.wessex]
description = "Wessex: its own headings and posts"
require = ["minutes-heading", "resolved", "action"]
owners = ["Chief Executive", "Director of Place"]

[profiles.wessex.headings]
minutes = ["Proceedings:"]
resolved = ["DETERMINED:"]
"""

WESSEX_ITEM = """\
HIGHWAY VERGES

Proceedings:

The Committee considered a report on verge cutting.

DETERMINED:

(1) That the report be noted.

ACTION: Director of Plaice
"""


def test_a_profile_spells_its_headings_and_names_its_posts(tmp_path: Path) -> None:
    (tmp_path / "item.txt").write_text(WESSEX_ITEM)
    (tmp_path / ".minutekit.toml").write_text(HOUSE)
    status, output = _run("validate", str(tmp_path / "item.txt"))
    # "Proceedings:" and "DETERMINED:" are that house's Minutes and Resolved headings.
    assert _codes(output) == {"MK109"} and status == 0
    assert "ACTION owner 'Director of Plaice' is not one of the profile's posts" in output
    assert "did you mean 'Director of Place'?" in output
    assert ":11:9: warning MK109" in output
    listing = _run("profiles", str(tmp_path))[1]
    assert "heading for minutes: 'Proceedings:'" in listing
    assert "action owners: Chief Executive; Director of Place" in listing


def test_a_house_heading_is_read_only_under_its_profile() -> None:
    from minutekit.selection import Selection
    from minutekit.validate import validate_bytes

    data = WESSEX_ITEM.encode()
    plain = validate_bytes(data, "item.txt").item
    assert plain.minutes is None or plain.minutes.heading is None
    assert plain.resolved is None
    house = Selection.of(headings=[("minutes", "Proceedings:"), ("resolved", "DETERMINED:")])
    item = validate_bytes(data, "item.txt", house).item
    assert item.minutes is not None and item.minutes.heading is not None
    assert item.minutes.heading.text == "Proceedings:"
    assert item.resolved is not None and item.resolved.heading.text == "DETERMINED:"
    assert [i.num for i in item.resolved.items] == ["(1)"]


def test_an_unknown_owner_is_reported_at_its_own_column(tmp_path: Path) -> None:
    # The model keeps each owner's span: with white space runs in the line, the owner
    # was not found again in it and the whole line's column was reported.
    item = WESSEX_ITEM.replace(
        "ACTION: Director of Plaice", "ACTION:  Chief Executive  /  Director   of Plaice"
    )
    (tmp_path / "item.txt").write_text(item)
    (tmp_path / ".minutekit.toml").write_text(HOUSE)
    status, output = _run("validate", str(tmp_path / "item.txt"))
    assert "ACTION owner 'Director of Plaice'" in output
    assert ":11:30: warning MK109" in output and status == 0
