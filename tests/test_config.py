"""Configuration found by walking up, per-path overrides, bad files, baselines, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import SEED_FILES
from minutekit.cli import main

SEED_004 = next(p for p in SEED_FILES if p.name.startswith("004"))  # MK103, MK104 errors
SEED_003 = next(p for p in SEED_FILES if p.name.startswith("003"))  # MK301 warning only


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """minutes/ (seed 004), minutes/archive/ (seed 004 again), drafts/ (seed 003)."""
    (tmp_path / "minutes" / "archive").mkdir(parents=True)
    (tmp_path / "drafts").mkdir()
    shutil.copy(SEED_004, tmp_path / "minutes" / "new.txt")
    shutil.copy(SEED_004, tmp_path / "minutes" / "archive" / "old.txt")
    shutil.copy(SEED_003, tmp_path / "drafts" / "d.txt")
    return tmp_path


def _codes(output: str) -> list[tuple[str, str]]:
    return sorted(
        (line.split(":")[0].rsplit("/", 1)[-1], line.split()[2])
        for line in output.splitlines()
        if ": error " in line or ": warning " in line or ": info " in line
    )


def test_pyproject_is_found_by_walking_up(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.minutekit]\nignore = ["MK104", "missing-contact"]\n'
    )
    status, output = _run("validate", str(project / "minutes" / "new.txt"))
    assert ("new.txt", "MK104") not in _codes(output)
    assert ("new.txt", "MK103") in _codes(output) and status == 1


def test_nearest_wins_and_a_dedicated_file_beats_pyproject(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.minutekit]\nignore = ["MK103"]\n')
    (project / "minutes" / "pyproject.toml").write_text('[project]\nname = "no minutekit table"\n')
    (project / "minutes" / "archive" / ".minutekit.toml").write_text('ignore = ["MK104"]\n')
    (project / "minutes" / "archive" / "pyproject.toml").write_text(
        '[tool.minutekit]\nignore = ["MK106"]\n'
    )
    _, output = _run("validate", str(project / "minutes"))
    codes = _codes(output)
    assert ("new.txt", "MK103") not in codes and ("new.txt", "MK104") in codes
    assert ("old.txt", "MK104") not in codes and ("old.txt", "MK103") in codes
    assert ("old.txt", "MK106") in codes


def test_per_path_severity_ignore_and_exclude(project: Path) -> None:
    (project / ".minutekit.toml").write_text(
        'exclude = ["drafts/"]\n'
        '[severity]\nMK301 = "error"\nmissing-recommended = "info"\n'
        '[per-path."minutes/archive/**"]\nignore = ["MK103", "MK104"]\n'
    )
    status, output = _run("validate", str(project))
    codes = _codes(output)
    assert not [c for c in codes if c[0] == "d.txt"]  # excluded entirely
    assert ("old.txt", "MK103") not in codes and ("new.txt", "MK103") in codes
    assert "info MK106 missing-recommended" in output
    assert "in 2 files" in output and status == 1
    # An excluded file stays excluded when named explicitly (as pre-commit names files).
    _, output = _run("validate", str(project / "drafts" / "d.txt"))
    assert "in 0 files" in output


def test_command_line_select_replaces_and_ignore_adds(project: Path) -> None:
    (project / ".minutekit.toml").write_text('select = ["MK103"]\nignore = ["MK104"]\n')
    _, output = _run("validate", str(project / "minutes" / "new.txt"))
    assert {c for _, c in _codes(output)} == {"MK103"}
    _, output = _run(
        "validate",
        "--select",
        "MK104,MK106",
        "--ignore",
        "MK106",
        str(project / "minutes" / "new.txt"),
    )
    assert {c for _, c in _codes(output)} == set()  # MK104 ignored by the file, MK106 here


def test_explicit_config_applies_to_every_file(project: Path) -> None:
    other = project / "elsewhere.toml"
    other.write_text('ignore = ["MK103", "MK104"]\n')
    (project / ".minutekit.toml").write_text('ignore = ["MK101"]\n')
    status, output = _run("validate", "--config", str(other), str(project / "minutes"))
    assert status == 0 and "error" not in output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            'ignore = ["MK999"]\n',
            ".minutekit.toml: 'ignore': expected rule codes or names (see 'minutekit rules'), found 'MK999'",
        ),
        ('ignore = "MK103"\n', "'ignore': expected a list of rule codes or names, found 'MK103'"),
        (
            '[severity]\nMK103 = "fatal"\n',
            "'severity.MK103': expected error, warning or info, found 'fatal'",
        ),
        (
            "colour = true\n",
            "'colour': expected one of the keys baseline, exclude, ignore, per-path, profile, profiles, select, severity",
        ),
        ("ignore = [\n", ".minutekit.toml: not valid TOML"),
        (
            '[per-path."a/**"]\nexclude = []\n',
            "'per-path.a/**.exclude': expected select, ignore or severity",
        ),
    ],
)
def test_a_bad_configuration_is_exit_2_naming_file_key_and_expectation(
    project: Path, content: str, message: str
) -> None:
    (project / ".minutekit.toml").write_text(content)
    status, output = _run("validate", str(project / "minutes"))
    assert status == 2
    assert message in output
    assert "Traceback" not in output


def test_show_settings(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.minutekit]\nignore = ["MK104"]\n[tool.minutekit.severity]\nMK106 = "error"\n'
    )
    status, output = _run("validate", "--show-settings", str(project / "minutes" / "new.txt"))
    settings = json.loads(output)
    assert status == 0
    assert settings["config"] == str(project / "pyproject.toml")
    assert settings["ignore"] == ["MK104"] and settings["severity"] == {"MK106": "error"}


def test_strict_fails_on_warnings_and_exit_zero_never_fails(project: Path) -> None:
    draft = str(project / "drafts" / "d.txt")
    assert _run("validate", draft)[0] == 0
    assert _run("validate", "--strict", draft)[0] == 1
    assert _run("validate", "--exit-zero", str(project / "minutes"))[0] == 0
    assert _run("validate", "--exit-zero", str(project / "nowhere.txt"))[0] == 2


def test_baseline_accepts_known_findings_and_fails_on_new_ones(project: Path) -> None:
    baseline = project / "baseline.json"
    minutes = str(project / "minutes")
    status, _ = _run("validate", "--baseline", str(baseline), "--update-baseline", minutes)
    assert status == 0
    recorded = json.loads(baseline.read_text())
    assert recorded["version"] == 1 and len(recorded["findings"]) == 8
    status, output = _run("validate", "--baseline", str(baseline), minutes)
    assert status == 0
    assert output == "No problems found in 2 files. 8 more accepted by the baseline.\n"
    # Lines added above the known findings: still accepted (keyed on content).
    new = project / "minutes" / "new.txt"
    new.write_text("\n\n" + new.read_text())
    assert _run("validate", "--baseline", str(baseline), minutes)[0] == 0
    # A new problem fails, and only it is reported.
    new.write_text(new.read_text().replace("ACTION", "Action", 1) + "\nThe Clerk?s note.\n")
    status, output = _run("validate", "--baseline", str(baseline), minutes)
    assert _codes(output) == [("new.txt", "MK301")]
    assert status == 0  # a warning: passes unless --strict
    assert _run("validate", "--strict", "--baseline", str(baseline), minutes)[0] == 1


def test_a_bad_baseline_is_exit_2(project: Path) -> None:
    bad = project / "baseline.json"
    bad.write_text("{not json")
    status, output = _run("validate", "--baseline", str(bad), str(project / "minutes"))
    assert status == 2 and "not a minutekit baseline" in output
    status, output = _run("validate", "--update-baseline", str(project / "minutes"))
    assert status == 2 and "--update-baseline needs --baseline" in output


def test_the_configuration_can_name_the_baseline(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "pyproject.toml").write_text('[tool.minutekit]\nbaseline = "known.json"\n')
    monkeypatch.chdir(project)
    assert _run("validate", "--update-baseline", "minutes")[0] == 0
    assert (project / "known.json").exists()
    status, output = _run("validate", "minutes")
    assert status == 0 and "8 more accepted by the baseline" in output


def test_a_program_calling_the_api_reads_a_configuration_once_and_sees_it_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    import minutekit
    from minutekit import config

    item = tmp_path / "item.txt"
    item.write_text("Budget\n\nMinutes:\n\nThe report was noted.\n", encoding="utf-8")

    def codes() -> set[str]:
        return {d.code for d in minutekit.validate(item).diagnostics}

    unconfigured = codes()
    assert {"MK103", "MK104"} <= unconfigured  # no Resolved block, no ACTION line
    settings = tmp_path / ".minutekit.toml"
    settings.write_text('ignore = ["MK104"]\n')
    reads: list[Path] = []
    real_load = config.load

    def load(path: Path) -> config.Settings:
        reads.append(path)
        return real_load(path)

    monkeypatch.setattr(config, "load", load)

    assert codes() == unconfigured - {"MK104"}
    assert codes() == unconfigured - {"MK104"}
    assert reads == [settings]  # read once for two calls: unchanged since

    settings.write_text('ignore = ["MK103"]\n')
    stamp = settings.stat()  # the same size: only the time tells the edit
    os.utime(settings, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000))
    assert codes() == unconfigured - {"MK103"}
    assert reads == [settings, settings]

    settings.unlink()
    assert codes() == unconfigured
