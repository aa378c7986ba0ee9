"""Runs without the command line: everything a run has to say goes through its console."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from helpers import SEED_FILES
from minutekit import reports, runs
from minutekit.batch import PARALLEL_FROM, Outcome, Task
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
    missing = str(tmp_path / "missing.txt")
    assert run.not_checked == ((missing, f"cannot read '{missing}': No such file or directory"),)
    # The named folder holds nothing to check: an error, said before the files are read.
    assert console.errors[0].startswith(f"no file to check under '{tmp_path}'")
    assert console.errors[1:] == [run.not_checked[0][1]] and console.warnings == []
    assert console.steps == [(1, 2), (2, 2)]
    assert capfd.readouterr() == ("", "")  # the run itself printed nothing


def test_convert_to_the_console_and_a_duplicate_id_refused(tmp_path: Path) -> None:
    console = Collected()
    status = runs.convert([str(SEED_FILES[0])], runs.ConvertRun(to="json"), console)
    assert status == EXIT_CLEAN
    assert console.written.startswith(b"{") and console.notes == ["Converted 1 file to json."]
    # Ids are paths below the inputs' common folder: 'a-b/x.txt' and 'a/b-x.txt' are both
    # 'a-b-x'.
    first, second = tmp_path / "a-b" / "x.txt", tmp_path / "a" / "b-x.txt"
    for path in (first, second):
        path.parent.mkdir()
        path.write_bytes(SEED_FILES[0].read_bytes())
    console = Collected()
    options = runs.ConvertRun(to="json", output=tmp_path / "out")
    status = runs.convert([str(first), str(second)], options, console)
    assert status == EXIT_USAGE
    assert console.errors == [
        f"'{second}' has the same item id 'a-b-x' as '{first}': not converted"
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


def _dies_on_the_fifth(task: Task) -> Outcome:
    if task.name == "f5":
        os._exit(1)  # as a worker killed for memory would
    return Outcome(task.name, valid=True)


def _held_when_even(task: Task) -> Outcome | None:
    return Outcome(task.name, valid=True) if int(task.name[1:]) % 2 == 0 else None


def test_outcomes_held_in_the_cache_come_in_order_and_a_dead_worker_stops_no_run() -> None:
    tasks = [Task(f"f{i}", data=b"x") for i in range(2 * PARALLEL_FROM)]
    console = Collected()
    inputs = runs._Inputs(console, None)
    names = [o.name for o in inputs.outcomes(_dies_on_the_fifth, tasks, 2, _held_when_even)]
    assert names == sorted(names, key=lambda name: int(name[1:]))  # in the tasks' order
    assert {f"f{i}" for i in range(0, 2 * PARALLEL_FROM, 2)} <= set(names)  # every held one
    assert "f5" not in names and inputs.failed
    assert [e for e in console.errors if "a worker process died" in e]
