"""Replay: a re-run that changed nothing prints what the run before printed, byte for byte,
loading none of the command line or the stages; every change its output depends on is
seen; what may not be recorded never is; a broken record is never fatal."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest

import minutekit
from helpers import ROOT, SEED_FILES, as_group_prefix, in_no_group, readable_by_its_group_only
from minutekit import baseline, cache, replay

#: Each project is made this long before its first run, so that its files are trusted.
_TRUSTED_AFTER = cache.RACY / 1e9 + 0.2
#: Modules a replay never loads.
_NEVER_LOADED = {"click", "attrs", "attr", "lark", "jsonschema", "fastjsonschema", "lxml"}
_IMPORTED = re.compile(rb"^import time:[^\n]*\n", re.MULTILINE)

#: Taken out of the tests' environment: what changes the output, and the switch.
_QUIET_ENVIRONMENT = {*replay.ENVIRONMENT, "MINUTEKIT_NO_CACHE"}

Run = Callable[..., subprocess.CompletedProcess[bytes]]


def _run(
    project: Path,
    *args: str,
    env: dict[str, str] | None = None,
    replayed: bool | None = None,
    cwd: Path | None = None,
    prefix: tuple[str, ...] = (),
    stdout: int | IO[Any] = subprocess.PIPE,
) -> subprocess.CompletedProcess[bytes]:
    """``python -m minutekit validate ARGS`` in ``project`` (or ``cwd``), its output as
    bytes (standard output: to ``stdout`` if given); with ``replayed``, checks that it
    loaded none of :data:`_NEVER_LOADED` (replayed) or that it loaded the command line
    (run). ``prefix`` runs it (setpriv)."""
    environment = {k: v for k, v in os.environ.items() if k not in _QUIET_ENVIRONMENT}
    environment.update(env or {})
    done = subprocess.run(
        [*prefix, sys.executable, "-X", "importtime", "-m", "minutekit", "validate", *args],
        cwd=cwd or project,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=120,
        env=environment,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    loaded = _loaded(done.stderr)
    done.stderr = _IMPORTED.sub(b"", done.stderr)  # what the run itself wrote
    if replayed is True:
        assert loaded & _NEVER_LOADED == set(), "the run was not replayed"
    elif replayed is False:
        assert "click" in loaded, "the run was replayed"
    return done


def _loaded(stderr: bytes) -> set[str]:
    """The top-level modules an ``-X importtime`` run imported."""
    lines = _IMPORTED.findall(stderr)
    return {line.rsplit(b"|", 1)[-1].strip().split(b".")[0].decode() for line in lines}


def _fresh(project: Path, *args: str, env: dict[str, str] | None = None) -> bytes:
    """What a run that replays nothing and reads no cache prints (stdout, stderr, exit)."""
    done = _run(project, *args, env={**(env or {}), "MINUTEKIT_NO_CACHE": "1"})
    return _shown(done)


def _shown(done: subprocess.CompletedProcess[bytes]) -> bytes:
    return done.stdout + b"\0" + done.stderr + b"\0" + str(done.returncode).encode()


def _records(project: Path) -> list[Path]:
    return sorted((project / cache.DEFAULT_FOLDER / "runs").glob("*.json"))


#: The projects, each made once for the module and used by one test.
_PROJECTS = (
    "replayed", "edited", "added", "gitignore", "configuration", "configuration-edited",
    "baseline", "environment", "installed", "damaged", "not-recorded", "sub", "linked",
    "flags", "shadowed", "full", "piped",
)  # fmt: skip


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """A project for each test: the seeds in ``minutes/``, made long enough before the
    tests that their stamps are trusted; beside them, modules that fail when imported."""
    base = tmp_path_factory.mktemp("replay")
    made = {}
    for name in _PROJECTS:
        project = base / name / "project"
        (project / "minutes").mkdir(parents=True)
        for seed in SEED_FILES:
            shutil.copy(seed, project / "minutes" / seed.name)
        made[name] = project
    (made["baseline"] / "baseline.json").write_text(baseline.dumps([]))
    # A name that is not UTF-8, kept in a record as it is.
    shutil.copy(SEED_FILES[2], os.fsdecode(bytes(made["replayed"] / "minutes") + b"/caf\xe9.txt"))
    # minutekit itself, to be edited: the package as this process imports it.
    package = made["installed"].parent / "package"
    shutil.copytree(
        Path(minutekit.__file__).parent,
        package / "minutekit",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    # A folder reached through a link: minutes/old/a.txt, and minutes/now -> old; a
    # configuration in minutes/elsewhere/.
    linked = made["linked"] / "minutes"
    (linked / "old").mkdir()
    (linked / "elsewhere").mkdir()
    (linked / "elsewhere" / ".minutekit.toml").write_text('ignore = ["MK103", "MK104"]\n')
    shutil.copy(SEED_FILES[4], linked / "old" / "a.txt")
    (linked / "now").symlink_to("old")
    if hasattr(os, "mkfifo"):
        os.mkfifo(made["piped"] / "piped.txt")
    (made["added"] / "minutes" / "sub").mkdir()
    shutil.copy(SEED_FILES[0], made["added"] / "minutes" / "sub" / "a.txt")
    time.sleep(_TRUSTED_AFTER)
    yield made


def _recorded(
    project: Path, *args: str, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()
) -> bytes:
    """Run twice (the first fills the result cache, the second replays or records) and
    check a record is made; what they printed."""
    first = _run(project, *args, env=env, prefix=prefix)
    second = _run(project, *args, env=env, prefix=prefix)
    assert _shown(first) == _shown(second)
    assert _records(project), "the run was not recorded"
    return _shown(first)


# ------------------------------------------------------------------ replayed


def test_a_rerun_prints_the_same_bytes_and_loads_no_stage(projects: dict[str, Path]) -> None:
    project = projects["replayed"]
    for args in (
        ("minutes",),
        ("--format", "json", "minutes"),
        ("--select", "MK109", "minutes"),  # a warning on stderr
        ("minutes/000_1a265f0351298919.txt",),
    ):
        before = _recorded(project, *args)
        replayed = _run(project, *args, replayed=True)
        assert _shown(replayed) == before
        assert _shown(replayed) == _fresh(project, *args)
    # Findings and exit 1 are replayed too, and both streams.
    assert _run(project, "minutes", replayed=True).returncode == 1
    assert b"caf\\xe9.txt" in _run(project, "minutes", replayed=True).stdout
    assert (
        b"warning: --select MK109"
        in _run(project, "--select", "MK109", "minutes", replayed=True).stderr
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_replay_that_cannot_write_its_output_says_so(projects: dict[str, Path]) -> None:
    """A full standard output met while replaying is said as a run says it: one line on
    standard error and exit 2, not the recorded status."""
    project = projects["full"]
    assert _recorded(project, "minutes").endswith(b"\x001")
    with open("/dev/full", "wb") as full:
        done = _run(project, "minutes", replayed=True, stdout=full)
    assert (done.returncode, done.stderr) == (
        2,
        b"minutekit: error: cannot write to standard output: No space left on device\n",
    )


def test_a_replay_from_another_folder_is_another_record(projects: dict[str, Path]) -> None:
    project = projects["sub"]
    _recorded(project, "minutes")
    _run(project, ".", cwd=project / "minutes", replayed=False)


# ------------------------------------------------------------------ every change seen


def _not_replayed_after(
    project: Path, change: Callable[[], object], *args: str, env: dict[str, str] | None = None
) -> None:
    before = _recorded(project, *args)
    change()
    after = _run(project, *args, env=env, replayed=False)
    assert _shown(after) == _fresh(project, *args, env=env)
    assert _shown(after) != before, "the change should change the output"


def test_an_edit_that_keeps_the_size_and_time_is_seen(projects: dict[str, Path]) -> None:
    project = projects["edited"]
    seed = next((project / "minutes").glob("001_*"))
    text = seed.read_bytes()

    def edit() -> None:
        info = seed.stat()
        seed.write_bytes(text.replace(b"Resolved", b"Rezolved"))
        os.utime(seed, ns=(info.st_atime_ns, info.st_mtime_ns))

    _not_replayed_after(project, edit, "minutes")


def test_a_file_added_to_a_folder_walked_is_seen(projects: dict[str, Path]) -> None:
    project = projects["added"]
    seed = next((project / "minutes").glob("002_*"))
    # In a folder below the one named: only the walk knows it was looked at.
    _not_replayed_after(
        project, lambda: shutil.copy(seed, project / "minutes" / "sub" / "new.txt"), "minutes"
    )


def test_a_gitignore_that_leaves_a_file_out_is_seen(projects: dict[str, Path]) -> None:
    project = projects["gitignore"]
    (project / ".git").mkdir()
    time.sleep(_TRUSTED_AFTER)  # the folder changed: trusted again only later
    ignored = next((project / "minutes").glob("002_*")).name
    _not_replayed_after(
        project, lambda: (project / ".gitignore").write_text(f"{ignored}\n"), "minutes"
    )


def test_a_configuration_added_or_edited_is_seen(projects: dict[str, Path]) -> None:
    project = projects["configuration"]
    config = project / "minutes" / ".minutekit.toml"
    _not_replayed_after(project, lambda: config.write_text('ignore = ["MK101"]\n'), "minutes")

    project = projects["configuration-edited"]
    config = project / "pyproject.toml"
    config.write_text('[tool.minutekit]\nignore = ["MK101"]\n')
    time.sleep(_TRUSTED_AFTER)
    _not_replayed_after(
        project, lambda: config.write_text('[tool.minutekit]\nignore = ["MK103"]\n'), "minutes"
    )


def test_an_edited_baseline_is_seen(projects: dict[str, Path]) -> None:
    project = projects["baseline"]
    baseline = project / "baseline.json"
    accepted = _run(project, "--update-baseline", "--baseline", "every.json", "minutes")
    assert accepted.returncode == 0, accepted.stderr
    _not_replayed_after(
        project,
        lambda: baseline.write_bytes((project / "every.json").read_bytes()),
        "--baseline",
        "baseline.json",
        "minutes",
    )


@pytest.mark.parametrize(
    "env",
    [
        {"PRE_COMMIT": "1"},
        {"FORCE_COLOR": "1"},
        {"GITHUB_ACTIONS": "true"},
        {"_MINUTEKIT_COMPLETE": "bash_source"},  # click's shell completion: its script
    ],
)
def test_an_environment_variable_that_changes_the_output_is_seen(
    projects: dict[str, Path], env: dict[str, str]
) -> None:
    project = projects["environment"]
    before = _recorded(project, "minutes")
    after = _run(project, "minutes", env=env, replayed=False)
    assert _shown(after) == _fresh(project, "minutes", env=env)
    assert _shown(after) != before


def test_a_run_under_other_interpreter_flags_is_another_record(
    projects: dict[str, Path],
) -> None:
    """``python -OO`` (or PYTHONOPTIMIZE=2) drops the docstrings that the rules' help is
    made of: the SARIF report's rule catalogue changes with the interpreter's flags."""
    project = projects["flags"]
    args = ("--format", "sarif", "minutes")
    env = {"PYTHONOPTIMIZE": "2"}
    before = _recorded(project, *args)
    after = _run(project, *args, env=env, replayed=False)
    assert _shown(after) == _fresh(project, *args, env=env)
    assert _shown(after) != before, "the flag should change the output"


def test_a_module_added_to_the_current_folder_is_seen(projects: dict[str, Path]) -> None:
    """``python -m`` looks for modules in the current folder first: a ``click.py`` put
    there is what a run imports."""
    project = projects["shadowed"]
    _not_replayed_after(
        project,
        lambda: (project / "click.py").write_text('raise SystemExit("not the click")\n'),
        "minutes",
    )
    assert b"not the click" in _run(project, "minutes").stderr


def test_installed_code_edited_or_a_distribution_installed_is_seen(
    projects: dict[str, Path],
) -> None:
    project = projects["installed"]
    package = project.parent / "package"
    env = {"PYTHONPATH": str(package)}  # the copy of minutekit, as if installed there
    before = _recorded(project, "minutes", env=env)
    assert b"no 'ACTION:' line" in before

    # A rule's message edited, its size and modification time kept (cp -p, rsync -t).
    rule = package / "minutekit" / "rules" / "missing_action.py"
    info = rule.stat()
    rule.write_text(rule.read_text().replace("no 'ACTION:' line", "no 'ACTI0N:' line"))
    os.utime(rule, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert rule.stat().st_size == info.st_size
    after = _run(project, "minutes", env=env, replayed=False)
    assert b"no 'ACTI0N:' line" in after.stdout
    assert _shown(after) == _fresh(project, "minutes", env=env)

    # A distribution installed where this Python finds modules.
    (package / "another-1.0.dist-info").mkdir()
    _run(project, "minutes", env=env, replayed=False)


def test_a_folder_reached_through_a_link_moved_elsewhere_is_seen(
    projects: dict[str, Path],
) -> None:
    """The configuration is looked up from a file's resolved folder: the link moved to
    another folder that holds the same file (its stamp unchanged) changes it."""
    project = projects["linked"]
    minutes = project / "minutes"
    args = ("minutes/now/a.txt",)

    def move() -> None:
        (minutes / "old").rename(minutes / "elsewhere" / "old")
        (minutes / "now").unlink()
        (minutes / "now").symlink_to("elsewhere/old")

    assert b"MK104" in _recorded(project, *args)
    _not_replayed_after(project, move, *args)
    assert b"MK104" not in _run(project, *args).stdout  # under minutes/elsewhere/ now


@pytest.mark.skipif(as_group_prefix() is None, reason="needs root and setpriv")
def test_a_run_by_another_user_or_group_is_another_record(tmp_path: Path) -> None:
    """What a run may read depends on who runs it: a run that may not read a file is
    told so, not given the output of a run that could."""
    prefix = as_group_prefix()
    assert prefix is not None
    (tmp_path / "minutes").mkdir()
    for seed in SEED_FILES[:2]:
        shutil.copy(seed, tmp_path / "minutes" / seed.name)
    readable_by_its_group_only(tmp_path / "minutes" / SEED_FILES[0].name)
    time.sleep(_TRUSTED_AFTER)
    _recorded(tmp_path, "minutes", prefix=prefix)
    nobody = in_no_group(prefix)
    other = _run(tmp_path, "minutes", prefix=nobody, replayed=False)
    fresh = _run(tmp_path, "minutes", prefix=nobody, env={"MINUTEKIT_NO_CACHE": "1"})
    assert _shown(other) == _shown(fresh)
    assert other.returncode == 2 and b"Permission denied" in other.stderr


@pytest.mark.parametrize("path", ["/proc/loadavg", "/sys/class/net/lo/statistics/rx_bytes"])
def test_a_file_whose_size_is_not_what_it_holds_is_never_recorded(
    tmp_path: Path, path: str
) -> None:
    """The files of /proc say they hold nothing, those of /sys that they fill a page
    (4096 bytes), whatever they hold; and their text changes under an unchanged stamp."""
    if not Path(path).is_file():
        pytest.skip(f"no {path} here")
    # The stamp of a file of /sys is made when it is first looked at: old enough later.
    if time.time_ns() - cache.changed_at(os.stat(path)) < cache.RACY:
        time.sleep(_TRUSTED_AFTER)
    for _ in range(2):
        _run(tmp_path, path)
    assert _records(tmp_path) == []


# ------------------------------------------------------------------ never recorded


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_never_recorded(projects: dict[str, Path]) -> None:
    """A pipe's stamp does not follow what it gives (a writer that writes nothing leaves
    it as it was): a run that read one is not recorded, and the next run reads what the
    pipe gives then."""
    project = projects["piped"]
    runs = []
    for source in (os.devnull, str(SEED_FILES[0])):  # nothing, then a valid minute
        writer = subprocess.Popen(
            ["sh", "-c", 'cat "$1" > "$2"', "sh", source, str(project / "piped.txt")]
        )
        try:
            runs.append(_run(project, "piped.txt", replayed=False))
        finally:
            writer.kill()
            writer.wait()
    assert b"MK005 empty-file" in runs[0].stdout
    assert _records(project) == []
    assert (runs[1].returncode, runs[1].stdout) == (0, b"No problems found in 1 file.\n")


def test_what_may_not_be_replayed_is_never_recorded(projects: dict[str, Path]) -> None:
    project = projects["not-recorded"]
    for args, env in (
        (("--no-cache", "minutes"), {}),
        (("minutes",), {"MINUTEKIT_NO_CACHE": "1"}),
        (("--report", "sarif:out.sarif", "minutes"), {}),
        (("--cache-dir", "elsewhere", "minutes"), {}),
        (("minutes", "missing.txt"), {}),  # exit 2: a path that cannot be read
        (("-", "--stdin-filename", "x.txt"), {}),
    ):
        for _ in range(2):
            _run(project, *args, env=env)
        assert _records(project) == [], args
    (project / "fresh.txt").write_bytes(SEED_FILES[0].read_bytes())
    for _ in range(2):  # changed within two seconds: not trusted yet
        _run(project, "fresh.txt")
    assert _records(project) == []
    _recorded(project, "minutes")  # where it may be, the same project's run is recorded


def test_a_fresh_project_is_checked_not_replayed(tmp_path: Path) -> None:
    """Files changed less than two seconds before the run are never trusted."""
    shutil.copy(SEED_FILES[0], tmp_path / "a.txt")
    runs = [_shown(_run(tmp_path, "a.txt")) for _ in range(2)]
    assert runs[0] == runs[1]
    assert _records(tmp_path) == []


# ------------------------------------------------------------------ broken records


def test_the_key_is_made_where_the_system_has_no_user_ids(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Windows has no user and group ids: every run would end before it began."""
    with_ids = replay.key(["validate", "minutes"])
    for name in ("getuid", "geteuid", "getgid", "getegid", "getgroups"):
        monkeypatch.delattr(os, name, raising=False)
    without = replay.key(["validate", "minutes"])
    assert re.fullmatch("[0-9a-f]{64}", without)
    assert without != with_ids  # who runs it is still part of the key where known


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: json.dumps({**json.loads(text), "layout": "0"}),
        lambda text: json.dumps({**json.loads(text), "exit": 2}),
        lambda text: json.dumps({**json.loads(text), "exit": 1.0}),
        lambda text: json.dumps({**json.loads(text), "folders": 7}),
        lambda text: json.dumps({**json.loads(text), "folders": "."}),
        lambda text: "[" * 100_000 + "]" * 100_000,  # deeper than the decoder goes
        lambda text: json.dumps({**json.loads(text), "key": "0" * 64}),
        lambda text: json.dumps({**json.loads(text), "paths": [["a", 1, 2]]}),
        lambda text: json.dumps({**json.loads(text), "paths": "a"}),
        lambda text: json.dumps({**json.loads(text), "output": [[3, "x"]]}),
        lambda text: json.dumps({**json.loads(text), "output": [[1, 7]]}),
        lambda text: "[]",
    ],
)
def test_a_damaged_record_is_never_fatal(
    projects: dict[str, Path], damage: Callable[[str], str]
) -> None:
    project = projects["damaged"]
    args = ("minutes/000_1a265f0351298919.txt",)
    before = _recorded(project, *args)
    (record,) = _records(project)
    record.write_text(damage(record.read_text()))
    after = _run(project, *args)
    assert _shown(after) == before
    assert b"Traceback" not in after.stderr


def test_records_are_bounded_the_least_recently_used_going(tmp_path: Path) -> None:
    for number in range(replay._MOST + 5):
        record = tmp_path / f"{number:03}.json"
        record.write_text("{}")
        os.utime(record, ns=(number * 10**9, number * 10**9))
    replay._bound(str(tmp_path))
    kept = sorted(int(p.stem) for p in tmp_path.glob("*.json"))
    assert kept == list(range(5, replay._MOST + 5))


def test_records_are_bounded_in_bytes_the_most_recent_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(replay, "_MOST_BYTES", 400)
    for number, size in enumerate((100, 100, 100, 200)):  # the last is the newest
        record = tmp_path / f"{number}.json"
        record.write_bytes(b" " * size)
        os.utime(record, ns=(number * 10**9, number * 10**9))
    replay._bound(str(tmp_path))
    # 200 + 100 + 100 bytes fit; the oldest would make 500.
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["1.json", "2.json", "3.json"]
    (tmp_path / "4.json").write_bytes(b" " * 401)
    replay._bound(str(tmp_path))
    assert [p.name for p in tmp_path.glob("*.json")] == ["4.json"]  # alone, and kept


# ------------------------------------------------------------------ the key


def _environment_names() -> set[str]:
    """Each environment variable a module of minutekit or its converters reads by name."""
    names = set()
    for folder in (ROOT / "minutekit", ROOT / "converters"):
        for path in folder.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call | ast.Subscript):
                    continue
                source = ast.unparse(node)
                if "environ" not in source and "getenv" not in source:
                    continue
                names |= {
                    constant.value
                    for constant in ast.walk(node)
                    if isinstance(constant, ast.Constant)
                    and isinstance(constant.value, str)
                    and constant.value.isupper()
                }
    return names


def test_every_environment_variable_read_is_in_the_key_or_said_not_to_be_shown() -> None:
    names = _environment_names()
    assert {"PRE_COMMIT", "GITHUB_ACTIONS", "NO_COLOR", "MINUTEKIT_NO_CACHE"} <= names
    assert names <= {*replay.ENVIRONMENT, *replay.NOT_SHOWN}
    assert not set(replay.ENVIRONMENT) & set(replay.NOT_SHOWN)
