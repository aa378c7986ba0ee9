"""The result cache and plugins: a plugin installed, edited or removed after a run is
never served that run's cached result (the key stamps the installed distributions and
the plugins' files)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import SEED_FILES


def _environment(user_cache: Path) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k != "MINUTEKIT_NO_CACHE"}
    environment["XDG_CACHE_HOME"] = str(user_cache)
    return environment


def _report(run: subprocess.CompletedProcess[str]) -> tuple[int, str]:
    return run.returncode, run.stdout


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copy(SEED_FILES[4], folder / "one.txt")  # a seed with findings to cache
    return folder


_PLUGIN_RULE = '''"""A council's own rule.

Why: to see that a cached result knows of it.
"""

from minutekit.diagnostics import Finding, Severity
from minutekit.model import Position

CODE = "MK990"
NAME = "house-rule"
SEVERITY = Severity.WARNING


def check(item):
    yield Finding(Position(1, 1), "{message}")
'''


def test_a_plugin_rule_installed_edited_or_removed_is_never_served_an_old_result(
    project: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"  # on the path from the start: only its content changes
    site.mkdir()
    environment = _environment(tmp_path / "user-cache")
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), os.getenv("PYTHONPATH")]))

    def validate(*args: str) -> tuple[int, str]:
        run = subprocess.run(
            [sys.executable, "-m", "minutekit", "validate", *args, "one.txt"],
            cwd=project,
            capture_output=True,
            text=True,
            env=environment,
            check=False,
        )
        assert "Traceback" not in run.stderr, run.stderr
        return _report(run)

    before = validate()
    assert "MK990" not in before[1]

    module = site / "house_rules.py"
    module.write_text(_PLUGIN_RULE.format(message="first"), encoding="utf-8")
    info = site / "house_rules-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: house-rules\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[minutekit.rules]\nhouse = house_rules\n")
    installed = validate()
    assert "warning MK990 house-rule: first" in installed[1]
    assert installed == validate("--no-cache")

    module.write_text(_PLUGIN_RULE.format(message="second, edited"), encoding="utf-8")
    edited = validate()
    assert "warning MK990 house-rule: second, edited" in edited[1]
    assert edited == validate("--no-cache")

    shutil.rmtree(info)
    assert validate() == before
