"""Progress on a terminal: 'checked N/M files' on stderr for a long run, cleared at the
end; never when stderr is not a terminal or under pre-commit. Real processes, with
stderr on a pseudo-terminal."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import SEED_FILES


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 files: the fewest for which progress is shown."""
    root = tmp_path_factory.mktemp("long-run")
    for copy in range(40):
        for seed in SEED_FILES:
            shutil.copy(seed, root / f"{copy:02}-{seed.name}")
    return root


def _stderr_on_a_terminal(folder: Path, **env: str) -> str:
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "minutekit", "validate", "--no-cache", "--jobs", "1", "."],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env={"PATH": os.environ["PATH"], **env},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=120) in (0, 1)
    return b"".join(chunks).decode()


def test_a_long_run_shows_its_progress_every_50_files_and_clears_it(folder: Path) -> None:
    shown = _stderr_on_a_terminal(folder)
    steps = [part for part in shown.split("\r") if part.startswith("checked ")]
    assert steps == [f"checked {n}/200 files" for n in (50, 100, 150, 200)]
    assert "\x1b[K" in shown.split("checked 200/200 files", 1)[1]  # then cleared


def test_under_pre_commit_no_progress_is_shown(folder: Path) -> None:
    assert "checked " not in _stderr_on_a_terminal(folder, PRE_COMMIT="1")


def test_without_a_terminal_no_progress_is_shown(folder: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "minutekit", "validate", "--no-cache", "--jobs", "1", "."],
        cwd=folder,
        capture_output=True,
        check=False,
    )
    assert run.returncode in (0, 1) and "checked " not in run.stderr.decode()
    assert b"in 200 files" in run.stdout  # the run did check them
