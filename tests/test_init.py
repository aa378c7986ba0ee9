"""minutekit init: a profile learnt from an archive (the seeds, and generated archives in
two other house styles), written as configuration that minutekit then reads."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import SEEDS
from minutekit import config
from minutekit.cli import main
from minutekit.profiles import BUILT_IN


def _invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    work = tmp_path / "council"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def _profile(path: Path) -> tuple[str, tuple[str, ...], dict[str, list[str]], tuple[str, ...]]:
    settings = config.load(path)
    house = settings.profile_named(None)
    headings: dict[str, list[str]] = {}
    for part, heading in house.headings:
        headings.setdefault(part, []).append(heading)
    return house.name, house.require, headings, house.owners


def _codes(*args: str) -> list[tuple[str, str]]:
    report = json.loads(_invoke("validate", *args, "--format", "json").stdout)
    return sorted((Path(d["path"]).name, d["code"]) for d in report["diagnostics"])


# ------------------------------------------------------------------ the seeds


def test_init_on_the_seeds_reproduces_the_seeds_profile(here: Path) -> None:
    result = _invoke("init", str(SEEDS))
    assert result.exit_code == 0, result.output
    assert "Wrote '.minutekit.toml': profile 'house' requires" in result.stderr
    name, require, headings, owners = _profile(here / ".minutekit.toml")
    assert name == "house"
    assert set(require) == set(BUILT_IN["seeds"].require)
    assert headings == {
        "recommended": ["Recommended –"],
        "minutes": ["Minutes:"],
        "resolved": ["Resolved –"],
    }
    assert "Chief Executive" in owners and "City Solicitor" in owners
    text = (here / ".minutekit.toml").read_text("utf-8")
    assert "#   resolved             4/5      80%  required\n" in text
    assert (
        "#   outcome              5/5     100%  not required: a required Resolved block is an outcome\n"
        in text
    )
    assert "#   recommended: 'Recommended –' ×2, 'Recommended-' ×1, 'Recommended -' ×1" in text
    # The learnt profile finds what the built-in seeds profile finds, and MK306 points at
    # the heading spellings that are not the house's.
    learnt = _codes(str(SEEDS), "--config", str(here / ".minutekit.toml"))
    built_in = _codes(str(SEEDS), "--profile", "seeds")
    assert [c for c in learnt if c[1] != "MK306"] == built_in
    assert [c for c in learnt if c[1] == "MK306"]


def test_the_threshold_is_adjustable(here: Path) -> None:
    assert _invoke("init", str(SEEDS), "--threshold", "100%").exit_code == 0
    _, require, _, _ = _profile(here / ".minutekit.toml")
    assert require == (
        "outcome",
    )  # all five seeds have one (and ACTION owners, but not ACTION lines)
    assert "at least 100% of the files" in (here / ".minutekit.toml").read_text("utf-8")
    bad = _invoke("init", str(SEEDS), "--threshold", "2", "--force")
    assert bad.exit_code == 2 and "is not a share" in bad.output


def test_an_existing_configuration_is_never_overwritten_without_force(here: Path) -> None:
    (here / ".minutekit.toml").write_text("# mine\n", "utf-8")
    refused = _invoke("init", str(SEEDS))
    assert refused.exit_code == 2
    assert "'.minutekit.toml' already holds a minutekit configuration" in refused.stderr
    assert (here / ".minutekit.toml").read_text("utf-8") == "# mine\n"
    assert _invoke("init", str(SEEDS), "--force").exit_code == 0
    assert "require = [" in (here / ".minutekit.toml").read_text("utf-8")


def test_pyproject_gets_a_tool_minutekit_table_and_keeps_the_rest(here: Path) -> None:
    project = here / "pyproject.toml"
    project.write_text('[project]\nname = "minutes"\n\n[tool.other]\nx = 1\n', "utf-8")
    assert _invoke("init", str(SEEDS), "--pyproject").exit_code == 0
    document = tomllib.loads(project.read_text("utf-8"))
    assert document["project"] == {"name": "minutes"} and document["tool"]["other"] == {"x": 1}
    assert set(_profile(project)[1]) == set(BUILT_IN["seeds"].require)
    refused = _invoke("init", str(SEEDS), "--pyproject", "--threshold", "1")
    assert refused.exit_code == 2 and "already holds" in refused.stderr
    assert _invoke("init", str(SEEDS), "--pyproject", "--threshold", "1", "--force").exit_code == 0
    document = tomllib.loads(project.read_text("utf-8"))
    assert document["tool"]["other"] == {"x": 1}
    assert document["tool"]["minutekit"]["profiles"]["house"]["require"] == ["outcome"]


@pytest.mark.parametrize(
    ("existing", "told"),
    [
        (b'[project\nname = "x"\n', "'pyproject.toml' is not changed: it is not valid TOML"),
        (b'[project]\nname = "\xff"\n', "cannot read 'pyproject.toml': 'utf-8' codec"),
        (
            b'[project]\nnotes = """\n[tool.minutekit]\n"""\n',
            "'pyproject.toml' is not changed: its [tool.minutekit] tables cannot be replaced",
        ),
    ],
    ids=["not-toml", "not-utf8", "table-header-in-a-string"],
)
def test_a_pyproject_that_cannot_be_merged_is_left_alone(
    here: Path, existing: bytes, told: str
) -> None:
    project = here / "pyproject.toml"
    project.write_bytes(existing)
    result = _invoke("init", str(SEEDS), "--pyproject", "--force")
    assert result.exit_code == 2
    assert told in result.stderr
    assert project.read_bytes() == existing


def test_nothing_to_learn_from_is_exit_2(here: Path) -> None:
    (here / "empty").mkdir()
    result = _invoke("init", "empty")
    assert result.exit_code == 2 and "no minutes to learn from" in result.stderr
    assert not (here / ".minutekit.toml").exists()


def test_the_encoding_and_input_format_given_are_the_ones_init_reads_with(here: Path) -> None:
    archive = here / "archive"
    archive.mkdir()
    seed = (SEEDS / "000_1a265f0351298919.txt").read_text("utf-8")
    (archive / "item.txt").write_bytes(seed.encode("cp1252"))
    assert _invoke("init", "archive", "--encoding", "cp1252").exit_code == 0
    owners = _profile(here / ".minutekit.toml")[3]
    assert "Strategic Director of Children’s Services" in owners
    assert not any("\ufffd" in owner for owner in owners)
    # Told the file is a PDF, init reads it as one: it cannot, and learns nothing.
    told = _invoke("init", "archive", "--input-format", "pdf", "--force")
    assert told.exit_code == 2 and "no minutes to learn from" in told.stderr


def test_files_no_reader_could_read_teach_nothing(here: Path) -> None:
    archive = here / "archive"
    archive.mkdir()
    (archive / "item.txt").write_bytes((SEEDS / "000_1a265f0351298919.txt").read_bytes())
    (archive / "damaged.docx").write_bytes(b"PK\x03\x04 not a zip")
    (archive / "damaged.pdf").write_bytes(b"%PDF-1.4 no structure")
    (archive / "binary.txt").write_bytes(b"\x00\x01\x02")
    (archive / "empty.txt").write_bytes(b"")
    result = _invoke("init", "archive")
    assert result.exit_code == 0, result.output
    assert "(learnt from 1 file, threshold 80%)" in result.stderr
    text = (here / ".minutekit.toml").read_text("utf-8")
    assert "# 4 more file(s) could not be read and taught nothing." in text
    assert "#   title                1/1     100%  required" in text


# ------------------------------------------------------------------ two other house styles

TITLES = ["BUDGET MONITORING", "LIBRARY HOURS", "PARKING CHARGES", "HOUSING STRATEGY", "PARKS PLAN"]


def _modern(n: int, outlier: bool) -> str:
    """Title, 'Minutes:', 'RESOLVED:'; no Recommended block, contact or ACTION."""
    minutes = "" if outlier else "Minutes:\n\n"
    return (
        f"Agenda item\n\n{TITLES[n % 5]} {n}\n\nThe report of the Director of Finance.\n\n"
        f"{minutes}Members discussed the report.\n\nRESOLVED:\n\n(1)  That the report be noted.\n"
    )


OWNERS = ["Director of Place", "Chief Executive", "Director of Place"]


def _decisions(n: int, outlier: bool) -> str:
    """Title, 'Recommended:', a contact, 'Decision:' and an ACTION; no 'Minutes:'."""
    contact = "" if outlier else "(Jo Bloggs – 01234 567890)\n\n"
    return (
        f"Agenda item\n\n{TITLES[n % 5]} {n}\n\nProposals were presented.\n\n"
        f"Recommended:\n\n(1)  That the proposals be approved.\n\n{contact}"
        f"Decision:\n\nThat the proposals be approved.\n\nACTION: {OWNERS[n % 3]}\n"
    )


@pytest.mark.parametrize(
    ("style", "require", "headings", "owners"),
    [
        (
            _modern,
            ("title", "minutes-heading", "resolved"),
            {"minutes": ["Minutes:"], "resolved": ["RESOLVED:"]},
            (),
        ),
        (
            _decisions,
            ("title", "action", "action-owner", "recommended", "contact", "outcome"),
            {"recommended": ["Recommended:"], "decision": ["Decision:"]},
            ("Director of Place", "Chief Executive"),
        ),
    ],
    ids=["modern", "decisions"],
)
def test_init_learns_other_house_styles(
    here: Path,
    style: Callable[[int, bool], str],
    require: tuple[str, ...],
    headings: dict[str, list[str]],
    owners: tuple[str, ...],
) -> None:
    archive = here / "minutes"
    archive.mkdir()
    for n in range(20):  # one file in twenty misses a part: 95% still "nearly all"
        (archive / f"{n:03}.txt").write_text(style(n, n == 7), "utf-8")
    assert _invoke("init", "minutes").exit_code == 0
    _, learnt_require, learnt_headings, learnt_owners = _profile(here / ".minutekit.toml")
    assert (learnt_require, learnt_headings, learnt_owners) == (require, headings, owners)
    # The archive checked against its own profile: only the outlier is reported.
    assert {f for f, _ in _codes("minutes")} == {"007.txt"}
    # A stricter threshold than the archive meets leaves that part out.
    assert _invoke("init", "minutes", "--threshold", "1", "--force").exit_code == 0
    assert len(_profile(here / ".minutekit.toml")[1]) == len(require) - 1
