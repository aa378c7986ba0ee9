"""Start-up: what a run loads, seen from outside, and what keeps a cached result true.

Each run here is a real process started as a user starts it (``python -m minutekit`` or
the ``minutekit`` script); a ``sitecustomize`` module on its path writes down, as the
process ends, every module it imported. A cache hit loads none of the parsing, checking
or writing stages, and nothing of the installed distributions' metadata; a miss loads
what checking needs, so the check on the hit can fail. Timing is measured by the
benchmarks, never here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import SEED_FILES

#: What a cache hit must not load: the grammar and its parser, the model, the schema
#: check and its validators, the readers and rules, XML, .gitignore matching, the
#: distributions' metadata, and what only a PDF or lark's logging needs.
NOT_ON_A_HIT = (
    "lark",
    "interegular",
    "jsonschema",
    "fastjsonschema",
    "lxml",
    "pathspec",
    "importlib.metadata",
    "statistics",
    "logging",
    "minutekit.grammar",
    "minutekit.parse",
    "minutekit.model",
    "minutekit.validate",
    "minutekit.schema",
    "minutekit.compiled_schema",
    "minutekit.readers",
    "minutekit.rules",
    "minutekit.source",
    "minutekit.patterns",
    "minutekit.convert",
)
#: What checking a file loads (a miss).
CHECKING = ("lark", "minutekit.grammar", "minutekit.parse", "minutekit.model", "minutekit.rules")

SCRIPT = Path(sys.executable).with_name("minutekit")
ENTRY_POINTS = {"module": ["-m", "minutekit"], "script": [str(SCRIPT)]}


#: Imported by Python at start-up from the path: writes the modules loaded as it exits.
_WATCH = """\
import atexit, os, sys

def _write():
    with open(os.environ["MODULES_LOADED"], "w", encoding="utf-8") as out:
        out.write("\\n".join(sorted(sys.modules)))

atexit.register(_write)
"""


def _environment(user_cache: Path) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k != "MINUTEKIT_NO_CACHE"}
    environment["XDG_CACHE_HOME"] = str(user_cache)
    return environment


def loaded(
    cwd: Path, user_cache: Path, *args: str, entry: str = "module"
) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run minutekit as a user does; the run and every module it imported."""
    watch = user_cache.parent / "watch"
    watch.mkdir(exist_ok=True)
    (watch / "sitecustomize.py").write_text(_WATCH, encoding="utf-8")
    listing = watch / "modules.txt"
    listing.unlink(missing_ok=True)
    environment = _environment(user_cache)
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(watch), os.getenv("PYTHONPATH")]))
    environment["MODULES_LOADED"] = str(listing)
    run = subprocess.run(
        [sys.executable, *ENTRY_POINTS[entry], *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    modules = set(listing.read_text(encoding="utf-8").splitlines())
    assert "minutekit.cli" in modules and "sitecustomize" in modules, run.stderr[-2000:]
    return run, modules


def heavy(modules: set[str]) -> list[str]:
    """The modules of :data:`NOT_ON_A_HIT` (or inside them) among ``modules``."""
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in NOT_ON_A_HIT))


def _report(run: subprocess.CompletedProcess[str]) -> tuple[int, str]:
    return run.returncode, run.stdout


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copy(SEED_FILES[4], folder / "one.txt")  # a seed with findings to cache
    return folder


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_a_cache_hit_loads_no_stage_and_a_miss_loads_them(
    project: Path, tmp_path: Path, entry: str
) -> None:
    if entry == "script" and not SCRIPT.exists():
        pytest.skip("the minutekit script is not installed beside this Python")
    user_cache = tmp_path / "user-cache"
    miss, on_a_miss = loaded(project, user_cache, "validate", "one.txt", entry=entry)
    assert set(CHECKING) <= on_a_miss
    assert "statistics" not in on_a_miss  # only the PDF reader needs it, when it reads
    hit, on_a_hit = loaded(project, user_cache, "validate", "one.txt", entry=entry)
    assert heavy(on_a_hit) == []
    assert _report(hit) == _report(miss)
    assert miss.returncode == 1 and "error MK" in miss.stdout
    nothing_cached, _ = loaded(project, user_cache, "validate", "--no-cache", "one.txt")
    assert _report(nothing_cached) == _report(miss)


def test_the_entry_points_are_read_once_for_an_environment(project: Path, tmp_path: Path) -> None:
    loaded(project, tmp_path / "first", "validate", "one.txt")
    # Another user cache folder has not kept what the distributions add: it reads them.
    _, reading = loaded(project, tmp_path / "second", "validate", "one.txt")
    assert "importlib.metadata" in reading
    assert list((tmp_path / "second" / "minutekit").glob("entry-points-*.json"))
    _, kept = loaded(project, tmp_path / "second", "validate", "one.txt")
    assert heavy(kept) == []


def test_gitignore_matching_and_xml_are_loaded_only_when_needed(
    project: Path, tmp_path: Path
) -> None:
    user_cache = tmp_path / "user-cache"
    (project / ".gitignore").write_text("*.old.txt\n")
    loaded(project, user_cache, "validate", ".")
    _, one_file = loaded(project, user_cache, "validate", "one.txt")
    assert heavy(one_file) == []
    _, walked = loaded(project, user_cache, "validate", ".")
    assert "pathspec" in walked  # a folder walk reads the .gitignore
    # and the readers, for their suffixes: not what they read with
    assert [m for m in heavy(walked) if not m.startswith(("pathspec", "minutekit.readers"))] == []
    junit, as_junit = loaded(project, user_cache, "validate", "--format", "junit", "one.txt")
    assert "lxml" in as_junit and "<testsuites" in junit.stdout


def test_a_run_that_changed_nothing_starts_no_worker(project: Path, tmp_path: Path) -> None:
    user_cache = tmp_path / "user-cache"
    for copy in range(20):  # more files than a batch checks in one process
        shutil.copy(SEED_FILES[copy % len(SEED_FILES)], project / f"copy{copy}.txt")
    cold, checking = loaded(project, user_cache, "validate", "--jobs", "2", ".")
    assert "concurrent.futures.process" in checking
    warm, cached = loaded(project, user_cache, "validate", "--jobs", "2", ".")
    assert "concurrent.futures.process" not in cached
    assert _report(warm) == _report(cold)
    (project / "copy3.txt").write_text("Changed.\n", encoding="utf-8")
    (project / "copy17.txt").write_text("Changed too.\n", encoding="utf-8")
    changed, _ = loaded(project, user_cache, "validate", "--jobs", "2", ".")
    nothing_cached, _ = loaded(project, user_cache, "validate", "--no-cache", "--jobs", "1", ".")
    assert _report(changed) == _report(nothing_cached) != _report(cold)


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


def test_a_damaged_keeping_of_the_entry_points_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from minutekit import registry

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    registry._plugins.cache_clear()
    keeping = registry._keeping()
    assert keeping is not None and keeping.parent == tmp_path / "minutekit"
    expected = registry._read_entry_points()
    for damage in ("{not json", '["a list"]', '{"environments": {"%s": 3}}'):
        keeping.write_text(damage.replace("%s", str(registry.environment())), encoding="utf-8")
        registry._plugins.cache_clear()
        assert registry._plugins(tuple(sys.path), registry.environment()) == expected
        kept = json.loads(keeping.read_text(encoding="utf-8"))
        assert kept["environments"][registry.environment()] == expected  # written again
    registry._plugins.cache_clear()


def test_a_one_file_check_spares_the_imports_it_does_not_need(
    project: Path, tmp_path: Path
) -> None:
    """With the user's cache filled, a check reads the grammar and schema files through
    their package's loader (not importlib.resources and its zip readers), and the schema
    requirements' code imports no decimal it never uses."""
    user_cache = tmp_path / "user-cache"
    loaded(project, user_cache, "validate", "--no-cache", "one.txt")  # fills the user cache
    run, modules = loaded(project, user_cache, "validate", "--no-cache", "one.txt")
    assert run.returncode == 1 and "error MK" in run.stdout  # it did check the file
    assert set(CHECKING) <= modules
    assert sorted({"decimal", "importlib.resources", "zipfile"} & modules) == []


def test_a_warm_convert_of_files_it_will_not_convert_loads_no_checking_stage(
    project: Path, tmp_path: Path
) -> None:
    """one.txt has errors and empty.txt is not text: with their findings cached, convert
    reads them from the cache, and loads nothing that checks a file."""
    user_cache = tmp_path / "user-cache"
    (project / "empty.txt").write_bytes(b"")
    args = ("convert", "--to", "akn", "-o", "out", "one.txt", "empty.txt")
    cold, checking = loaded(project, user_cache, *args)
    assert set(CHECKING) <= checking
    warm, cached = loaded(project, user_cache, *args)
    # (the model is loaded with the converter, which names its types)
    checking_stages = ("lark", "minutekit.grammar", "minutekit.parse", "minutekit.rules")
    assert [m for m in (*checking_stages, "minutekit.validate") if m in cached] == []
    assert (warm.returncode, warm.stderr) == (cold.returncode, cold.stderr)
    assert "1 invalid not converted" in cold.stderr and "1 empty or unreadable" in cold.stderr
    forced, _ = loaded(project, user_cache, *args, "--force")
    assert "Converted 1 file" in forced.stderr and len(list((project / "out").glob("*.xml"))) == 1
