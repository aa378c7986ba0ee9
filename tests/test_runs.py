"""Runs without the command line: everything a run has to say goes through its console."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from helpers import SEED_FILES
from minutekit import reports, runs
from minutekit.diagnostics import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, Diagnostic


class Collected:
    """A console that keeps what it is told."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.notes: list[str] = []
        self.found: list[Diagnostic] = []
        self.written = b""
        self.steps: list[tuple[int, int]] = []

    def error(self, message: str) -> None:
        self.errors.append(message)

    def warning(self, message: str) -> None:
        self.warnings.append(message)

    def note(self, message: str) -> None:
        self.notes.append(message)

    def step(self, done: int, total: int) -> None:
        self.steps.append((done, total))

    def diagnostics(self, found: Sequence[Diagnostic]) -> None:
        self.found.extend(found)

    def output(self, data: bytes) -> None:
        self.written += data


def test_validate_says_everything_through_the_console(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    console = Collected()
    shown: list[Any] = []
    paths = [str(SEED_FILES[2]), str(tmp_path / "missing.txt"), str(tmp_path)]
    status = runs.validate(paths, runs.ValidateRun(), console, shown.append)
    assert status == EXIT_USAGE  # a path that could not be read
    [run] = shown
    assert isinstance(run, reports.Run)
    assert [d.code for d in run.diagnostics] == ["MK101", "MK102"]
    assert run.not_checked == ((str(tmp_path / "missing.txt"), console.errors[0]),)
    assert console.errors[0].startswith("cannot read")
    assert console.warnings == [console.warnings[0]] and "files under" in console.warnings[0]
    assert console.steps == [(1, 2), (2, 2)]
    assert capfd.readouterr() == ("", "")  # the run itself printed nothing


def test_convert_to_the_console_and_a_duplicate_id_refused(tmp_path: Path) -> None:
    console = Collected()
    status = runs.convert([str(SEED_FILES[0])], runs.ConvertRun(to="json"), console)
    assert status == EXIT_CLEAN
    assert console.written.startswith(b"{") and console.notes == ["Converted 1 file to json."]
    twin = tmp_path / "twin"
    twin.mkdir()
    (twin / SEED_FILES[0].name).write_bytes(SEED_FILES[0].read_bytes())
    console = Collected()
    options = runs.ConvertRun(to="json", output=tmp_path / "out")
    status = runs.convert([str(SEED_FILES[0]), str(twin / SEED_FILES[0].name)], options, console)
    assert status == EXIT_USAGE
    assert console.errors == [
        f"'{twin / SEED_FILES[0].name}' has the same item id '{SEED_FILES[0].stem}'"
        f" as '{SEED_FILES[0]}': not converted"
    ]


def test_a_run_that_cannot_start_raises_rather_than_exits(tmp_path: Path) -> None:
    with pytest.raises(runs.UsageError, match="give a folder with -o"):
        runs.convert([str(SEED_FILES[0])], runs.ConvertRun(to="csv"), Collected())
    bad = tmp_path / "bad.toml"
    bad.write_text("select = [1]\n")
    with pytest.raises(runs.RunError, match="'select': expected a list of rule codes"):
        runs.validate([], runs.ValidateRun(config_file=bad), Collected(), print)


def test_invalid_items_fail_and_are_not_converted(tmp_path: Path) -> None:
    console = Collected()
    options = runs.ConvertRun(to="akn", output=tmp_path)
    assert runs.convert([str(SEED_FILES[2])], options, console) == EXIT_FINDINGS
    assert [d.code for d in console.found] == ["MK101", "MK102"]
    assert list(tmp_path.iterdir()) == []
    assert console.notes == [
        "Converted 0 files to akn in '" + str(tmp_path) + "', 1 invalid"
        " not converted (use --force)."
    ]
