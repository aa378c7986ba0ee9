"""Which files a run checks, the ids converted items get, and the small promises of the
command line (sizes, reports on stdout, rule names), each through the real CLI."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import FIXTURES, SEED_FILES
from minutekit.cli import main

CLEAN = SEED_FILES[0].read_bytes()


def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _checked(result) -> list[str]:  # type: ignore[no-untyped-def]
    return json.loads(result.stdout)["files"]  # type: ignore[no-any-return]


# ------------------------------------------------------------------ ids (point 6)


@pytest.mark.parametrize("bad", ["../../x", "a/b", "..", ".hidden", "x.y", "", "a b"])
def test_an_unsafe_item_id_is_a_usage_error_and_nothing_is_written(
    tmp_path: Path, bad: str
) -> None:
    out = tmp_path / "out" / "deep"
    result = _run("convert", str(SEED_FILES[0]), "--to", "akn", "-o", str(out), "--item-id", bad)
    assert result.exit_code == 2
    assert f"{bad!r} is not an item id: use letters, digits, '-' and '_'" in result.stderr
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_a_safe_item_id_names_the_file_and_the_frbr_uri(tmp_path: Path) -> None:
    result = _run(
        "convert", str(SEED_FILES[0]), "--to", "akn", "-o", str(tmp_path), "--item-id", "cab_2020-9"
    )
    assert result.exit_code == 0, result.stderr
    assert "/cab_2020-9" in (tmp_path / "cab_2020-9.akn.xml").read_text(encoding="utf-8")


def test_year_folders_with_repeated_names_convert_in_one_run(tmp_path: Path) -> None:
    for year in ("2020", "2021"):
        (tmp_path / "in" / year).mkdir(parents=True)
        (tmp_path / "in" / year / "cabinet.txt").write_bytes(CLEAN)
    (tmp_path / "in" / "2021" / "cabinet.txt").rename(tmp_path / "in" / "2021" / "Cabinet.TXT")
    out = tmp_path / "out"
    result = _run("convert", str(tmp_path / "in"), "--to", "json", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["2020-cabinet.json", "2021-Cabinet.json"]


def test_a_single_file_keeps_its_stem_as_id(tmp_path: Path) -> None:
    result = _run("convert", str(SEED_FILES[0]), "--to", "json", "-o", str(tmp_path))
    assert result.exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == [SEED_FILES[0].stem + ".json"]


# ------------------------------------------------------------------ scope (point 8)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository with minutes, tracked text files that are not, and ignored ones."""
    root = tmp_path / "repo"
    (root / "minutes" / "drafts").mkdir(parents=True)
    (root / "pkg.egg-info").mkdir()
    (root / "minutes" / "a.txt").write_bytes(CLEAN)
    (root / "minutes" / "B.TXT").write_bytes(CLEAN)
    (root / "minutes" / "drafts" / "d.txt").write_bytes(CLEAN)
    (root / "minutes" / "scratch.txt").write_bytes(b"not minutes\n")
    (root / "minutes" / "keep.txt").write_bytes(CLEAN)
    (root / "pkg.egg-info" / "SOURCES.txt").write_bytes(b"setup.py\n")
    (root / "requirements.txt").write_bytes(b"lark\n")
    (root / ".gitignore").write_text("*.egg-info/\nrequirements.txt\n")
    (root / "minutes" / ".gitignore").write_text(
        "scratch.txt\n*.txt\n!keep.txt\n!a.txt\n!B.TXT\n!drafts/\n!drafts/*.txt\n"
    )
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def test_a_folder_walk_honours_gitignore_and_accepts_upper_case_suffixes(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repository)
    result = _run("validate", "--format", "json", ".")
    assert _checked(result) == [
        "minutes/B.TXT",
        "minutes/a.txt",
        "minutes/drafts/d.txt",
        "minutes/keep.txt",
    ]


def test_exclude_and_extend_exclude(repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repository)
    (repository / ".minutekit.toml").write_text('exclude = ["keep.txt"]\n')
    assert "minutes/keep.txt" not in _checked(_run("validate", "--format", "json", "minutes"))
    extended = _checked(
        _run("validate", "--format", "json", "--extend-exclude", "minutes/drafts/", "minutes")
    )
    assert extended == ["minutes/B.TXT", "minutes/a.txt"]
    replaced = _checked(
        _run("validate", "--format", "json", "--exclude", "minutes/a.txt", "minutes")
    )
    assert replaced == ["minutes/B.TXT", "minutes/drafts/d.txt", "minutes/keep.txt"]


def test_a_named_folder_with_nothing_to_check_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("x")
    result = _run("validate", str(tmp_path))
    assert result.exit_code == 2
    assert (
        f"minutekit: error: no file to check under '{tmp_path}' (no '*.docx', '*.htm',"
        " '*.html', '*.pdf', '*.txt' file that is not excluded or ignored by .gitignore)"
    ) in result.stderr


# ------------------------------------------------------------------ aliases (point 13)


def test_a_file_named_twice_or_through_aliases_is_checked_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(SEED_FILES[0].parent.parent)
    name = SEED_FILES[4].name
    result = _run(
        "validate",
        "--format",
        "json",
        f"seeds/{name}",
        f"./seeds/{name}",
        f"seeds/../seeds/{name}",
        "seeds",
    )
    files = _checked(result)
    assert files.count(f"seeds/{name}") == 1 and len(files) == 5
    assert json.loads(result.stdout)["summary"]["errors"] == 3  # 004's two counted once


# ------------------------------------------------------------------ --select (point 12)


def test_select_runs_a_rule_the_profile_turns_off(tmp_path: Path) -> None:
    item = tmp_path / "item.txt"
    item.write_text("A TITLE\n\nMinutes:\n\nThe Chair welcomed everyone.\n")
    result = _run("validate", "--select", "MK108", str(item))
    assert "warning MK108 missing-outcome: no outcome recorded" in result.stdout


def test_select_says_why_a_rule_without_its_vocabulary_is_silent() -> None:
    result = _run("validate", "--select", "MK109", str(SEED_FILES[0]))
    assert (
        "minutekit: warning: --select MK109: the profile 'seeds' names no ACTION owners"
        " ('owners'), so action-owner-unknown has nothing to check them against"
    ) in result.stderr


# ------------------------------------------------------------------ smaller (point 17)


def test_sizes_are_told_apart_and_binary_units_accepted(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(CLEAN + b" " * (5_000_001 - len(CLEAN)))
    result = _run("validate", "--max-size", "5MB", str(big))
    assert result.exit_code == 2
    assert "is 5,000,001 bytes, over the limit of 5,000,000 bytes: not read" in result.stderr
    assert _run("validate", "--max-size", "5MiB", str(big)).exit_code == 0


def test_a_report_to_stdout(tmp_path: Path) -> None:
    result = _run("validate", "--report", "json:-", str(SEED_FILES[0]))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["files"] == 1
    both = _run("validate", "--format", "sarif", "--report", "json:-", str(SEED_FILES[0]))
    assert both.exit_code == 2
    assert "--format sarif and --report json:- both print to standard output" in both.stderr


def test_rule_names_get_a_did_you_mean() -> None:
    result = _run("validate", "--select", "missing-resolvd", str(SEED_FILES[0]))
    assert result.exit_code == 2
    assert "no rule 'missing-resolvd'; did you mean missing-resolved" in result.stderr
    assert "did you mean MK103" in _run("rule", "mk13").stderr


def test_convert_help_does_not_send_the_reader_in_a_circle() -> None:
    assert "(see --help)" not in _run("convert", "--help").stdout


def test_whole_meeting_csv_has_the_item_numbers(tmp_path: Path) -> None:
    import csv

    _run(
        "convert",
        "--to",
        "csv",
        "--force",
        "-o",
        str(tmp_path),
        str(FIXTURES / "meeting_minutes.txt"),
    )
    with (tmp_path / "items.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["item_number"] for r in rows] == ["40.", "", "42."]


def test_the_pre_commit_hook_takes_minutes_and_not_other_text_files() -> None:
    import re

    import yaml

    from helpers import ROOT

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))

    def taken(path: str) -> bool:  # pre-commit's own test: re.search on the path
        return bool(re.search(hook["files"], path)) and not re.search(hook["exclude"], path)

    assert [taken(p) for p in ("minutes/a.txt", "2020/CABINET.TXT")] == [True, True]
    others = (
        "requirements.txt",
        "requirements-dev.txt",
        "static/robots.txt",
        "LICENSE.txt",
        "CMakeLists.txt",
        "pkg.egg-info/SOURCES.txt",
        "constraints.txt",
    )
    assert [p for p in others if taken(p)] == []
