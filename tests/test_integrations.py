"""The pre-commit hook, run by the real pre-commit, and the GitHub Action's definition.

The hook test builds a git repository of minutes with a ``pyproject.toml`` that
selects rules, then runs ``pre-commit try-repo`` against this project as a user would:
it fails on seeds 002 and 004, passes once they are fixed, and passes with the
originals once their findings are baselined.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, SEED_FILES


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "SKIP": ""}
    env.pop("PRE_COMMIT", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(ROOT),
            "minutekit-validate",
            "--all-files",
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_pre_commit_hook_fails_on_002_and_004_then_passes_fixed_or_baselined(
    tmp_path: Path, pre_commit_home: Path
) -> None:
    repo = tmp_path / "minutes"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "clerk@example.org")
    _git(repo, "config", "user.name", "Clerk")
    for seed in SEED_FILES:
        shutil.copy(seed, repo / seed.name)
    (repo / "pyproject.toml").write_text(
        '[tool.minutekit]\nselect = ["missing-title", "MK103", "MK104", "MK105"]\n'
    )
    _git(repo, "add", ".")

    failed = _try_repo(repo, pre_commit_home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "minutekit validate" in failed.stdout and "Failed" in failed.stdout
    reported = {
        line.split(":")[0][:3] for line in failed.stdout.splitlines() if ": error MK" in line
    }
    assert reported == {"002", "004"}
    assert "warning" not in failed.stdout  # only the selected rules ran
    assert "Found " not in failed.stdout  # quiet under pre-commit: no summary line

    # Fixed: a title for 002; a Resolved block and an ACTION line for 004.
    seed_002 = next(repo.glob("002_*.txt"))
    seed_004 = next(repo.glob("004_*.txt"))
    original_002, original_004 = seed_002.read_text(), seed_004.read_text()
    lines = original_002.split("\n")
    lines.insert(4, "PERFORMANCE OF THE COUNCIL\n")
    seed_002.write_text("\n".join(lines))
    seed_004.write_text(
        original_004.replace(
            "Supporting documents:",
            "Resolved –\n\nThat the report be noted.\n\nACTION: City Solicitor\n\nSupporting documents:",
        )
    )
    _git(repo, "add", ".")
    fixed = _try_repo(repo, pre_commit_home)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr

    # Baselined: the originals back, their findings accepted by the configured baseline.
    seed_002.write_text(original_002)
    seed_004.write_text(original_004)
    with (repo / "pyproject.toml").open("a") as config:
        config.write('baseline = "minutekit-baseline.json"\n')
    subprocess.run(
        [sys.executable, "-m", "minutekit", "validate", "--update-baseline", "."],
        cwd=repo,
        check=True,
        capture_output=True,
    )
    _git(repo, "add", ".")
    baselined = _try_repo(repo, pre_commit_home)
    assert baselined.returncode == 0, baselined.stdout + baselined.stderr


def test_hook_definition() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "minutekit-validate"
    assert hook["entry"] == "minutekit validate" and hook["language"] == "python"


def test_action_runs_validate_with_sarif_and_a_job_summary() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    script = next(s["run"] for s in steps if s.get("id") == "validate")
    assert '"$venv/minutekit" validate' in script and "GITHUB_STEP_SUMMARY" in script
    assert '--report "sarif:$SARIF"' in script and "markdown:" in script
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif }}"
