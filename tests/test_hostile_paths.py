"""What the command does with hostile paths and files, in real processes: a folder that
is not a result cache, an output path where a device, a named pipe, a folder or an
input stands, a path too long for the system, a configuration or baseline nested too
deeply. Each gets one error line and an exit status, never a traceback, and nothing
that is not minutekit's own is removed or replaced."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import SEED_FILES, run_minutekit

#: A name longer than any file system takes (ENAMETOOLONG).
_TOO_LONG = "a" * 300


def minutekit(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_minutekit(cwd, *args, without=["MINUTEKIT_NO_CACHE"], timeout=120)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The seeds in ``minutes/`` (an invalid one among them: exit 1 when all is shown)."""
    (tmp_path / "minutes").mkdir()
    for seed in SEED_FILES:
        shutil.copy(seed, tmp_path / "minutes" / seed.name)
    return tmp_path


def _said(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    return done.stderr


# ------------------------------------------------------------------ clean


def test_clean_removes_a_folder_only_when_it_is_a_result_cache(project: Path) -> None:
    """``clean --cache-dir`` given a folder of the user's (a typo, ``.``) leaves it."""
    done = minutekit(project, "clean", "--cache-dir", "minutes")
    assert done.returncode == 2
    assert _said(done) == (
        "minutekit: error: 'minutes' is not a minutekit result cache (it holds no"
        " .gitignore written by minutekit): not removed\n"
    )
    assert sorted(p.name for p in (project / "minutes").iterdir()) == [
        seed.name for seed in SEED_FILES
    ]


def test_clean_still_removes_a_result_cache_given_by_cache_dir(project: Path) -> None:
    assert minutekit(project, "validate", "--cache-dir", "kept", "minutes").returncode == 1
    assert (project / "kept" / ".gitignore").is_file()
    done = minutekit(project, "clean", "--cache-dir", "kept")
    assert (done.returncode, _said(done)) == (0, "minutekit: removed the result cache 'kept'\n")
    assert not (project / "kept").exists()
