"""The result cache: the same output with a cold cache, a warm one and none; every
change that can change a finding invalidates, a file's stamp included; a broken or
concurrently written cache is never fatal; the index is bounded."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

from helpers import (
    SEED_FILES,
    as_group_prefix,
    in_no_group,
    readable_by_its_group_only,
    run_minutekit,
)
from minutekit import batch, cache, reports


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
    assert len(_index(project)["results"]) == len(SEED_FILES)
    cleaned = minutekit(project, "clean")
    assert cleaned.returncode == 0 and not folder.exists()
    assert "removed" in cleaned.stdout + cleaned.stderr


def test_no_cache_and_the_environment_turn_it_off_and_cache_dir_moves_it(project: Path) -> None:
    minutekit(project, "validate", "--no-cache", ".")
    minutekit(project, "validate", ".", MINUTEKIT_NO_CACHE="1")
    assert not (project / cache.DEFAULT_FOLDER).exists()
    elsewhere = project / "elsewhere"
    minutekit(project, "validate", "--cache-dir", str(elsewhere), ".")
    assert _index(elsewhere.parent, elsewhere.name)["results"]
    assert not (project / cache.DEFAULT_FOLDER).exists()


def _index_files(project: Path, folder: str = cache.DEFAULT_FOLDER) -> list[Path]:
    return sorted((project / folder / cache._INDEX).glob("*.json"))


def _index(project: Path, folder: str = cache.DEFAULT_FOLDER) -> dict[str, Any]:
    """The index's files read as one: every result and every path's stamp."""
    index: dict[str, Any] = {"layout": None, "results": {}, "files": {}}
    parts = _index_files(project, folder)
    assert parts
    for part in parts:
        read = json.loads(part.read_text(encoding="utf-8"))
        assert isinstance(read, dict)
        index["layout"] = read["layout"]
        index["results"].update(read["results"])
        index["files"].update(read["files"])
    return index


def _entries(project: Path) -> set[str]:
    """The keys of the results the index holds."""
    return set(_index(project)["results"])


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


@pytest.mark.parametrize(
    "damage",
    [
        "truncated",  # not JSON
        "foreign",  # JSON, but not an index
        "other layout",
        "bad entries",  # the right layout, entries of the wrong shape
    ],
)
def test_a_corrupt_index_is_ignored_and_replaced(project: Path, damage: str) -> None:
    expected = minutekit(project, "validate", "--no-cache", ".")
    minutekit(project, "validate", ".")
    index_files = _index_files(project)
    assert len(index_files) > 1  # the seeds' results and stamps fall to several files
    for index_file in index_files:
        good = index_file.read_text(encoding="utf-8")
        index = json.loads(good)
        if damage == "truncated":
            damaged = good[: len(good) // 2]
        elif damage == "foreign":
            damaged = json.dumps([{"key": "x", "diagnostics": []}])
        elif damage == "other layout":
            # Results that would show every file as clean, were they read.
            clean = {key: [entry[0], True, "[]"] for key, entry in index["results"].items()}
            damaged = json.dumps({**index, "layout": "0", "results": clean})
        else:
            # Each result's diagnostic has a line that is not a number; each path's
            # stamp is cut short.
            for entry in index["results"].values():
                entry[2] = json.dumps([["x", "bad", 1, 30, "MK101", "n", "m", "", [], None]])
            index["files"] = {
                path: [day, stamp[:9]] for path, (day, stamp) in index["files"].items()
            }
            damaged = json.dumps(index)
        index_file.write_text(damaged, encoding="utf-8")
    result = minutekit(project, "validate", ".")
    assert (result.returncode, result.stdout) == (expected.returncode, expected.stdout)
    assert "Traceback" not in result.stderr
    # The run wrote a usable index in its place.
    assert len(_entries(project)) == len(SEED_FILES)


def test_an_unwritable_cache_is_skipped(project: Path) -> None:
    expected = minutekit(project, "validate", "--no-cache", ".")
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


# ------------------------------------------------------------------ the index, in one process


def _names(paths: list[Path]) -> list[str]:
    return [path.name for path in paths]


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    (tmp_path / "files").mkdir()
    for seed in SEED_FILES:
        shutil.copy(seed, tmp_path / "files" / seed.name)
    return sorted((tmp_path / "files").iterdir())


def _through(
    results: cache.ResultCache, paths: list[Path], checked: list[str]
) -> list[batch.Outcome]:
    """Each file's outcome through ``results``, as a run asks: what it holds, else
    checked (its name added to ``checked``) and kept."""
    reading = batch.Reading()

    def work(task: batch.Task) -> batch.Outcome:
        checked.append(task.name)
        return batch.check(task, reading=reading)

    outcomes = []
    for path in paths:
        task = batch.Task(path.name, path=str(path))
        outcome = results.held(task, reading)
        if outcome is None:
            outcome = cache.checked(task, reading, work)
            results.keep(task, outcome, reading)
        outcomes.append(outcome)
    return outcomes


def _run(
    folder: Path, paths: list[Path], today: int | None = None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """One run over ``paths`` with the cache in ``folder`` (on the day ``today``): the
    names of the files checked (not served from the cache), and what each outcome says."""
    results = cache.ResultCache(folder)
    if today is not None:
        results.today = today
    checked: list[str] = []
    outcomes = _through(results, paths, checked)
    results.save()
    return checked, [_said(outcome) for outcome in outcomes]


def _said(outcome: batch.Outcome) -> tuple[Any, ...]:
    return outcome.name, outcome.diagnostics, outcome.valid, outcome.error


def _stamps(folder: Path) -> dict[str, list[Any]]:
    stamps: dict[str, list[Any]] = _index(folder.parent, folder.name)["files"]
    return stamps


def _restamp(folder: Path, path: Path, change: Callable[[list[int]], None]) -> None:
    """Change the stamp the index holds for ``path`` (mode, device, inode, size,
    mtime_ns, ctime_ns, taken at, in ns) with ``change``; its hash stays."""
    where = os.path.abspath(path)
    part = folder / cache._INDEX / f"{cache._shard_of(cache._path_key(where))}.json"
    index = json.loads(part.read_text(encoding="utf-8"))
    entry = index["files"][where]
    *fields, digest = entry[1].split(" ")
    stamp = [int(field) for field in fields]
    change(stamp)
    entry[1] = " ".join([*map(str, stamp), digest])
    part.write_text(json.dumps(index), encoding="utf-8")


def _stamped_later(folder: Path, paths: list[Path], seconds: float) -> None:
    """Move the moment each stamp was taken ``seconds`` later, as if the files had been
    left alone that long before the run that stamped them."""

    def later(stamp: list[int]) -> None:
        stamp[6] += int(seconds * 1e9)

    for path in paths:
        _restamp(folder, path, later)


def _same_size_edit(path: Path) -> None:
    """Change what ``path`` says (its ACTION line is no longer one), not its size."""
    text = path.read_text(encoding="utf-8")
    assert "ACTION:" in text
    path.write_text(text.replace("ACTION:", "ACTIOM:"), encoding="utf-8")


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the inputs read (``batch.read``), in order, from now on."""
    names: list[str] = []
    read = batch.read

    def counted(task: batch.Task, limit: int) -> bytes | str:
        names.append(task.name)
        return read(task, limit)

    monkeypatch.setattr(batch, "read", counted)
    return names


def test_a_file_whose_stamp_is_unchanged_is_not_read_again(
    files: list[Path], tmp_path: Path, reads: list[str]
) -> None:
    folder = tmp_path / "cache"
    cold_checked, cold = _run(folder, files)
    assert cold_checked == _names(files)
    assert set(_stamps(folder)) == {os.path.abspath(path) for path in files}
    # Just written, the files' stamps are too new to be trusted: they are read (and
    # stamped again), and their results served.
    reads.clear()
    checked, outcomes = _run(folder, files)
    assert (checked, reads, outcomes) == ([], _names(files), cold)
    # Once their stamps are old enough, they are not read at all.
    _stamped_later(folder, files, 10)
    reads.clear()
    checked, outcomes = _run(folder, files)
    assert (checked, reads, outcomes) == ([], [], cold)


@pytest.mark.parametrize("path", ["/proc/loadavg", "/sys/class/net/lo/statistics/rx_bytes"])
def test_a_file_whose_size_is_not_what_it_holds_is_read_every_time(
    path: str, tmp_path: Path, reads: list[str]
) -> None:
    """The files of /proc say they are empty, those of /sys that they fill a page (4096
    bytes), whatever they hold, and that changes under an unchanged stamp."""
    if not Path(path).is_file():
        pytest.skip(f"no {path} here")
    folder = tmp_path / "cache"
    _run(folder, [Path(path)])
    _stamped_later(folder, [Path(path)], 10)  # a stamp that would be trusted
    reads.clear()
    _run(folder, [Path(path)])
    assert Path(path).name in reads  # read again (and checked again if it changed)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("command", [("validate",), ("convert", "--to", "json")])
def test_a_named_pipe_is_read_once_with_the_cache_on(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    """A pipe gives its bytes once (``minutekit validate <(…)``, a named pipe): the cache
    does not read it ahead to hash it, or the check would wait for bytes that never come.
    It prints what the same file, saved, prints."""
    piped, saved = tmp_path / "piped", tmp_path / "saved"
    piped.mkdir()
    saved.mkdir()
    os.mkfifo(piped / "minutes.txt")
    shutil.copy(SEED_FILES[3], saved / "minutes.txt")
    writer = subprocess.Popen(
        ["sh", "-c", 'cat "$1" > "$2"', "sh", str(SEED_FILES[3]), str(piped / "minutes.txt")]
    )
    try:
        done = run_minutekit(
            piped, *command, "minutes.txt", without=["MINUTEKIT_NO_CACHE"], timeout=60
        )
    finally:
        writer.kill()
        writer.wait()
    expected = run_minutekit(saved, *command, "minutes.txt", without=["MINUTEKIT_NO_CACHE"])
    assert (done.returncode, done.stdout, done.stderr) == (
        expected.returncode,
        expected.stdout,
        expected.stderr,
    )
    assert (piped / cache.DEFAULT_FOLDER).is_dir()  # the cache was on


def test_a_file_changed_within_the_racy_window_is_read_again(
    files: list[Path], tmp_path: Path
) -> None:
    folder = tmp_path / "cache"
    _, cold = _run(folder, files)
    edited = files[0]
    _same_size_edit(edited)
    # On a file system with coarse times, the edit can leave the stamp as it was, and
    # make the file look up to its granularity older than the stamp: as here.
    info = edited.stat()

    def coarse(stamp: list[int]) -> None:
        stamp[:6] = [
            info.st_mode, info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns
        ]  # fmt: skip
        stamp[6] = max(info.st_mtime_ns, info.st_ctime_ns) + 1_000_000_000

    _restamp(folder, edited, coarse)
    checked, outcomes = _run(folder, files)
    assert checked == [edited.name]
    assert outcomes[0] == _said(batch.check(batch.Task(edited.name, path=str(edited))))
    assert outcomes[0] != cold[0] and outcomes[1:] == cold[1:]


def test_an_edited_file_with_its_size_and_modification_time_put_back_is_checked_again(
    project: Path,
) -> None:
    """In real processes, with the real clock: the stamps are trusted, the edit is seen by
    the file's change time."""
    time.sleep(2.5)  # the copied files are old enough for their stamps to be trusted
    first = minutekit(project, "validate", ".")
    seed = project / SEED_FILES[0].name
    before = seed.stat()
    _same_size_edit(seed)
    os.utime(seed, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = seed.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    edited = minutekit(project, "validate", ".")
    assert edited.stdout != first.stdout
    assert edited.stdout == minutekit(project, "validate", "--no-cache", ".").stdout


@pytest.mark.skipif(as_group_prefix() is None, reason="needs root and setpriv")
def test_a_file_the_run_may_not_read_is_not_answered_from_its_stamp(project: Path) -> None:
    """A run that read a file kept its stamp; a run that may not read it (another user,
    or another group) is told so, as without the cache, and is not given its findings."""
    prefix = as_group_prefix()
    assert prefix is not None
    readable_by_its_group_only(project / SEED_FILES[0].name)
    time.sleep(2.5)  # the files are old enough for their stamps to be trusted

    def validate(prefix: tuple[str, ...], *args: str) -> tuple[int, str, str]:
        environment = {k: v for k, v in os.environ.items() if k != "MINUTEKIT_NO_CACHE"}
        done = subprocess.run(
            [*prefix, sys.executable, "-m", "minutekit", "validate", *args, "."],
            cwd=project,
            capture_output=True,
            text=True,
            env=environment,
            check=False,
        )
        return done.returncode, done.stdout, done.stderr

    reader = validate(prefix, "--cache-dir", ".cache")
    assert reader[0] == 1 and "cannot read" not in reader[2]
    refused = validate(in_no_group(prefix), "--no-cache")
    assert refused[0] == 2
    assert f"cannot read '{SEED_FILES[0].name}': Permission denied" in refused[2]
    assert validate(in_no_group(prefix), "--cache-dir", ".cache") == refused


def test_runs_writing_the_index_at_once_keep_each_others_results(
    files: list[Path], tmp_path: Path
) -> None:
    folder = tmp_path / "cache"
    one, other = cache.ResultCache(folder), cache.ResultCache(folder)
    checked: list[str] = []
    # Both read the (missing) index before either writes it.
    _through(one, files[:2], checked)
    _through(other, files[2:], checked)
    one.save()
    other.save()
    assert len(_index(folder.parent, folder.name)["results"]) == len(files)
    assert set(_stamps(folder)) == {os.path.abspath(path) for path in files}
    again, _ = _run(folder, files)
    assert again == []


def test_processes_writing_one_cache_at_once_leave_a_readable_one(project: Path) -> None:
    expected = minutekit(project, "validate", "--no-cache", ".")
    environment = {k: v for k, v in os.environ.items() if k != "MINUTEKIT_NO_CACHE"}
    names = [seed.name for seed in SEED_FILES]
    # Four runs at once, each over other files, twice over.
    for _ in range(2):
        started = [
            subprocess.Popen(
                [sys.executable, "-m", "minutekit", "validate", *names[n:], *names[:n]],
                cwd=project,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for n in range(4)
        ]
        for process in started:
            _, errors = process.communicate(timeout=120)
            assert "Traceback" not in errors
    index = _index(project)
    assert index["layout"] and index["results"]
    warm = minutekit(project, "validate", ".")
    assert (warm.returncode, warm.stdout) == (expected.returncode, expected.stdout)


def test_the_index_drops_what_is_not_used_and_keeps_at_most_its_bound(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each of the index's files is bounded when it is written: here, one file holds all.
    monkeypatch.setattr(cache, "_SHARDS", 1)
    folder = tmp_path / "cache"
    today = cache.ResultCache(folder).today
    # Results and stamps not used for longer than the limit are dropped.
    _run(folder, files[:2], today=today - cache._KEEP_DAYS - 1)
    _run(folder, files[2:], today=today)
    kept = _stamps(folder)
    assert set(kept) == {os.path.abspath(path) for path in files[2:]}
    assert len(_index(folder.parent, folder.name)["results"]) == len(files) - 2
    # Within the limit, at most _MOST of each, the least recently used dropped first;
    # those of the run always stay.
    shutil.rmtree(folder)
    monkeypatch.setattr(cache, "_MOST", 3)
    _run(folder, files[:2], today=today - 2)
    _run(folder, files[2:4], today=today - 1)
    _run(folder, files[4:], today=today)
    assert len(_stamps(folder)) == 3
    assert os.path.abspath(files[4]) in _stamps(folder)
    assert {os.path.abspath(path) for path in files[2:4]} & set(_stamps(folder))
    assert len(_index(folder.parent, folder.name)["results"]) == 3
    _run(folder, files, today=today)
    assert len(_stamps(folder)) == len(files)  # all used today: over the bound, kept


def test_an_index_is_written_whole_or_not_at_all(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    _run(folder, files[:2])
    before = {p.name: p.read_text(encoding="utf-8") for p in _index_files(folder.parent, "cache")}

    def disk_full(source: Any, target: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    checked, _ = _run(folder, files)  # the run goes on; its index is not written
    assert checked == _names(files[2:])
    after = {p.name: p.read_text(encoding="utf-8") for p in _index_files(folder.parent, "cache")}
    assert after == before
    # Nothing but the index's files (no temporary file left).
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore", cache._INDEX]
    assert sorted(p.name for p in (folder / cache._INDEX).iterdir()) == sorted(before)


def test_a_run_reads_only_the_index_files_its_inputs_need(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A one-file run in a project with many cached files reads the file of the index
    that holds its path's stamp and the one that holds its result, not all of them."""
    folder = tmp_path / "cache"
    _run(folder, files)
    assert len(_index_files(folder.parent, "cache")) > 2
    read: list[str] = []
    real = cache._read_shard

    def counted(path: Path) -> Any:
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(cache, "_read_shard", counted)
    checked, outcomes = _run(folder, files[:1])
    assert checked == [] and len(outcomes) == 1  # served from the cache
    assert 1 <= len(read) <= 2


@pytest.fixture
def minutes(tmp_path: Path) -> Path:
    """A project whose folder 'minutes' holds the seeds, an invalid item and an empty file;
    converted outputs go beside it."""
    folder = tmp_path / "minutes"
    folder.mkdir()
    for seed in SEED_FILES:
        shutil.copy(seed, folder / seed.name)
    text = SEED_FILES[0].read_text(encoding="utf-8")
    (folder / "invalid.txt").write_text(text.replace("ACTION:", "Note:"), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return tmp_path


def _written(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize("force", [(), ("--force",)], ids=["", "force"])
@pytest.mark.parametrize("to", ["akn", "json", "csv"])
def test_convert_gives_the_same_with_a_cold_cache_a_warm_cache_and_none(
    minutes: Path, to: str, force: tuple[str, ...]
) -> None:
    seen: dict[str, tuple[int, str, str, dict[str, bytes]]] = {}
    for run in ("none", "cold", "warm"):
        out = minutes / f"out-{run}"
        extra = ("--no-cache",) if run == "none" else ()
        done = minutekit(
            minutes, "convert", "--to", to, "-o", str(out), *force, *extra, "minutes",
            SOURCE_DATE_EPOCH="1700000000",
        )  # fmt: skip
        told = done.stderr.replace(f"out-{run}", "OUT")
        seen[run] = (done.returncode, done.stdout, told, _written(out))
        if run == "none":
            assert not (minutes / cache.DEFAULT_FOLDER).exists()
    assert seen["cold"] == seen["none"] and seen["warm"] == seen["none"]
    code, _, told, written = seen["none"]
    assert code == 1 and written
    assert "error MK104" in told and "error MK005" in told
    assert "1 empty or unreadable (see its error), not converted" in told
    assert ("invalid not converted (use --force)" in told) is not bool(force)
    # what the convert runs found is what validate finds: it reads them from the cache
    assert len(_entries(minutes)) == len(SEED_FILES) + 2


def test_a_file_convert_found_invalid_is_not_checked_again_and_validate_shares_it(
    minutes: Path,
) -> None:
    invalid = minutes / "minutes" / "invalid.txt"
    first = minutekit(minutes, "convert", "--to", "json", "-o", "out", "minutes/invalid.txt")
    assert first.returncode == 1 and "1 invalid not converted" in first.stderr
    kept = _entries(minutes)
    assert len(kept) == 1  # convert kept what it found
    validated = minutekit(minutes, "validate", "minutes/invalid.txt")
    assert validated.stdout.splitlines()[:-1] == first.stderr.splitlines()[:-1]
    # validate read it from there: the same key, nothing new
    assert _entries(minutes) == kept
    again = minutekit(minutes, "convert", "--to", "json", "-o", "out", "minutes/invalid.txt")
    assert (again.returncode, again.stderr) == (first.returncode, first.stderr)
    # Once forced, it is checked and converted whatever the cache holds.
    forced = minutekit(minutes, "convert", "--to", "json", "--force", "-o", "out", str(invalid))
    assert forced.returncode == 1 and "Converted 1 file" in forced.stderr
    assert (minutes / "out" / "invalid.json").exists()


def test_an_outcome_already_held_is_not_written_again(tmp_path: Path) -> None:
    """convert checks a valid file again to convert it, and keeps what it found: the same
    key, so the index's file holding it is left as it is."""
    task = batch.Task("a.txt", data=b"Title\n")
    outcome = batch.Outcome("a.txt", (), True, digest="0" * 64)
    first = cache.ResultCache(tmp_path)
    first.keep(task, outcome, batch.Reading())
    first.save()
    (part,) = _index_files(tmp_path, ".")
    written = part.stat().st_ino  # each write is a new file renamed over the old
    again = cache.ResultCache(tmp_path)
    again.keep(task, outcome, batch.Reading())
    again.save()
    assert part.stat().st_ino == written
    other = batch.Task("b.txt", data=b"Title\n")  # another name: another key, written
    again.keep(other, attrs.evolve(outcome, name="b.txt"), batch.Reading())
    again.save()
    assert len(_index(tmp_path, ".")["results"]) == 2
