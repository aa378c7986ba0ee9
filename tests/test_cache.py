"""The result cache: the same output with a cold cache, a warm one and none; every
change that can change a finding invalidates; a broken cache is never fatal."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import SEED_FILES, run_minutekit
from minutekit import cache, reports


def minutekit(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return run_minutekit(cwd, *args, env=env, without=["MINUTEKIT_NO_CACHE"])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for seed in SEED_FILES:
        shutil.copy(seed, tmp_path / seed.name)
    return tmp_path


def test_output_is_the_same_with_a_cold_cache_a_warm_cache_and_none(project: Path) -> None:
    for name in reports.FORMATS:
        args = ("validate", "--format", name, ".")
        none = minutekit(project, *args, "--no-cache")
        cold = minutekit(project, *args)
        warm = minutekit(project, *args)
        assert (cold.returncode, cold.stdout) == (none.returncode, none.stdout), name
        assert (warm.returncode, warm.stdout) == (none.returncode, none.stdout), name
        assert none.returncode == 1 and none.stdout
        shutil.rmtree(project / cache.DEFAULT_FOLDER)
    assert not (project / cache.DEFAULT_FOLDER).exists()


def test_the_cache_holds_a_gitignore_and_minutekit_clean_removes_it(project: Path) -> None:
    minutekit(project, "validate", ".")
    folder = project / cache.DEFAULT_FOLDER
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert len(list(folder.glob("*/*.json"))) == len(SEED_FILES)
    cleaned = minutekit(project, "clean")
    assert cleaned.returncode == 0 and not folder.exists()
    assert "removed" in cleaned.stdout + cleaned.stderr


def test_no_cache_and_the_environment_turn_it_off_and_cache_dir_moves_it(project: Path) -> None:
    minutekit(project, "validate", "--no-cache", ".")
    minutekit(project, "validate", ".", MINUTEKIT_NO_CACHE="1")
    assert not (project / cache.DEFAULT_FOLDER).exists()
    elsewhere = project / "elsewhere"
    minutekit(project, "validate", "--cache-dir", str(elsewhere), ".")
    assert list(elsewhere.glob("*/*.json")) and not (project / cache.DEFAULT_FOLDER).exists()


def _entries(project: Path) -> set[Path]:
    return set((project / cache.DEFAULT_FOLDER).glob("*/*.json"))


def test_an_edited_file_a_changed_configuration_and_a_changed_profile_invalidate(
    project: Path,
) -> None:
    first = minutekit(project, "validate", ".")
    seen = _entries(project)
    # An edited file: its finding changes, and a new entry is made for it.
    seed = project / SEED_FILES[0].name
    seed.write_text(seed.read_text(encoding="utf-8").replace("ACTION:", "Note:"), "utf-8")
    edited = minutekit(project, "validate", ".")
    assert edited.stdout != first.stdout
    assert edited.stdout == minutekit(project, "validate", "--no-cache", ".").stdout
    assert len(_entries(project) - seen) == 1
    # A changed configuration.
    seen = _entries(project)
    (project / "pyproject.toml").write_text('[tool.minutekit]\nignore = ["MK104"]\n')
    configured = minutekit(project, "validate", ".")
    assert "MK104" not in configured.stdout
    assert configured.stdout == minutekit(project, "validate", "--no-cache", ".").stdout
    assert len(_entries(project) - seen) == len(SEED_FILES)
    # A changed profile.
    seen = _entries(project)
    profiled = minutekit(project, "validate", "--profile", "moderngov", ".")
    assert (
        profiled.stdout
        == minutekit(project, "validate", "--no-cache", "--profile", "moderngov", ".").stdout
    )
    assert len(_entries(project) - seen) == len(SEED_FILES)


def test_a_corrupt_or_unwritable_cache_is_ignored(project: Path) -> None:
    expected = minutekit(project, "validate", "--no-cache", ".")
    minutekit(project, "validate", ".")
    for entry in _entries(project):
        entry.write_text('{"key": "x", "diagnostics": [{"line": "bad"}]')
    assert minutekit(project, "validate", ".").stdout == expected.stdout
    blocked = project / "blocked"
    blocked.write_text("a file where the cache folder should be")
    result = minutekit(project, "validate", "--cache-dir", str(blocked / "cache"), ".")
    assert (result.returncode, result.stdout) == (expected.returncode, expected.stdout)
    assert "Traceback" not in result.stderr


def test_a_hit_loads_none_of_lark_jsonschema_lxml_or_the_grammar(project: Path) -> None:
    minutekit(project, "validate", ".")
    code = (
        "import sys\n"
        "from minutekit import cli\n"
        "try:\n"
        "    cli.main(['validate', '.'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('lark', 'jsonschema', 'fastjsonschema', 'lxml', 'minutekit.parse', 'minutekit.grammar.line_lexer')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True
    )
    assert out.stdout.splitlines()[-1] == "[]"
    # And a miss does load them (the check above can fail).
    shutil.rmtree(project / cache.DEFAULT_FOLDER)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True
    )
    assert "lark" in out.stdout.splitlines()[-1]


def test_workers_filling_the_cache_at_once_give_the_same_output(project: Path) -> None:
    for copy in range(4):  # enough files for the batch to use worker processes
        for seed in SEED_FILES:
            shutil.copy(seed, project / f"copy{copy}_{seed.name}")
    expected = minutekit(project, "validate", "--no-cache", "--jobs", "1", ".")
    cold = minutekit(project, "validate", "--jobs", "2", ".")
    warm = minutekit(project, "validate", "--jobs", "2", ".")
    assert cold.stdout == warm.stdout == expected.stdout
    assert len(_entries(project)) == 5 * len(SEED_FILES)
