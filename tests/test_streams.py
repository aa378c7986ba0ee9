"""What the command says when its output cannot be written, or when it has no current
folder: one error line on standard error and exit 2, never a traceback. A reader that
goes away (``| head``) ends it quietly, with the status of what it found."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pytest

from helpers import SEED_FILES, seeds_in_minutes
from minutekit import replay

_FULL = Path("/dev/full")
needs_dev_full = pytest.mark.skipif(not _FULL.exists(), reason="no /dev/full here")

_CLOSED = b"minutekit: error: cannot write to standard output: it was closed before the run\n"
_NO_SPACE = b"minutekit: error: cannot write to standard output: No space left on device\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return seeds_in_minutes(tmp_path)


def _minutekit(
    project: Path,
    *args: str,
    stdout: int | IO[Any] | None = subprocess.PIPE,
    stderr: int | None = subprocess.PIPE,
    before: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """``python -m minutekit ARGS`` in ``project``; ``before`` runs in the child, in
    ``project``, just before minutekit starts (to close a stream, remove the folder)."""
    environment = {
        k: v for k, v in os.environ.items() if k not in {*replay.ENVIRONMENT, "MINUTEKIT_NO_CACHE"}
    }
    return subprocess.run(
        [sys.executable, "-m", "minutekit", *args],
        cwd=project,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=stderr,
        env=environment,
        preexec_fn=before,
        check=False,
    )


def test_what_a_normal_run_prints(project: Path) -> None:
    """The control: the same run, its streams open, prints its report and exits 1."""
    done = _minutekit(project, "validate", "--no-cache", "minutes")
    assert done.returncode == 1
    assert b"error MK101" in done.stdout
    assert done.stderr == b""


def test_a_standard_output_closed_before_the_run_is_said(project: Path) -> None:
    done = _minutekit(project, "validate", "--no-cache", "minutes", before=lambda: os.close(1))
    assert (done.returncode, done.stderr) == (2, _CLOSED)


@needs_dev_full
@pytest.mark.parametrize(
    "args",
    [
        ("validate", "--no-cache", "minutes"),
        ("validate", "--no-cache", "--format", "json", "minutes"),
        ("convert", "--to", "akn", "--force", "--no-cache", f"minutes/{SEED_FILES[0].name}"),
    ],
    ids=["text report", "json report", "converted document"],
)
def test_a_full_standard_output_is_said(project: Path, args: tuple[str, ...]) -> None:
    with _FULL.open("wb") as full:
        done = _minutekit(project, *args, stdout=full)
    assert (done.returncode, done.stderr) == (2, _NO_SPACE)


def test_a_closed_standard_error_leaves_the_report_whole(project: Path) -> None:
    """Nothing to say on standard error here: the report and the status are as usual."""
    normal = _minutekit(project, "validate", "--no-cache", "minutes")
    done = _minutekit(project, "validate", "--no-cache", "minutes", before=lambda: os.close(2))
    assert (done.returncode, done.stdout) == (normal.returncode, normal.stdout)


def test_both_streams_closed_still_end_with_the_status_of_a_failed_write(
    project: Path,
) -> None:
    def close_both() -> None:
        os.close(1)
        os.close(2)

    done = _minutekit(project, "validate", "--no-cache", "minutes", before=close_both)
    assert done.returncode == 2


def test_a_reader_that_goes_away_ends_the_run_quietly(project: Path) -> None:
    """``minutekit validate | head``: the reader's end is closed before anything is
    written; the run ends with the status of what it found, and says nothing more."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "minutekit",
            "validate",
            "--no-cache",
            "--format",
            "json",
            "minutes",
        ],
        cwd=project,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    error = process.stderr.read()
    assert (process.wait(), error) == (1, b"")


def test_a_current_folder_that_is_gone_is_said(project: Path) -> None:
    gone = project / "gone"
    gone.mkdir()
    done = _minutekit(
        gone, "validate", "--no-cache", str(project / "minutes"), before=lambda: os.rmdir(gone)
    )
    assert done.returncode == 2
    assert done.stderr == (
        b"minutekit: error: cannot tell the current folder (No such file or directory): it may"
        b" have been removed or moved; change to a folder that exists and run minutekit again\n"
    )
    assert done.stdout == b""
