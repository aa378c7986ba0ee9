"""Batches on several processes: same output, same order, same exit status as one."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import SEED_FILES
from minutekit import batch


def _minutekit(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "minutekit", *args],
        cwd=cwd,
        capture_output=True,
        env={"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin"},
        check=False,
    )


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Forty files (every seed eight times) and one that cannot be read, in the middle."""
    root = tmp_path_factory.mktemp("archive")
    folder = root / "minutes"
    folder.mkdir()
    for copy in range(8):
        for seed in SEED_FILES:
            shutil.copy(seed, folder / f"{copy}-{seed.name}")
    (folder / "4-zz-broken.txt").symlink_to(folder / "does-not-exist.txt")
    assert len(list(folder.glob("*.txt"))) > batch.PARALLEL_FROM
    return root


@pytest.mark.parametrize("command", [["validate"], ["validate", "--format", "json"]])
def test_validate_output_is_the_same_for_any_number_of_jobs(
    archive: Path, command: list[str]
) -> None:
    one = _minutekit(*command, "--jobs", "1", "minutes", cwd=archive)
    for jobs in ("2", "3"):
        many = _minutekit(*command, "--jobs", jobs, "minutes", cwd=archive)
        assert (many.returncode, many.stdout, many.stderr) == (
            one.returncode,
            one.stdout,
            one.stderr,
        )
    assert one.returncode == 2  # the unreadable file
    assert b"cannot read 'minutes/4-zz-broken.txt'" in one.stderr
    assert (
        b"in 40 files (16 invalid). 1 file could not be checked" in one.stdout
        or b'"files": 41' in one.stdout
    )


@pytest.mark.parametrize("to", ["akn", "csv"])
def test_convert_writes_the_same_bytes_for_any_number_of_jobs(archive: Path, to: str) -> None:
    outputs = {}
    for jobs in ("1", "2"):
        out = archive / f"out-{to}-{jobs}"
        result = _minutekit(
            "convert", "--to", to, "--jobs", jobs, "-o", out.name, "minutes", cwd=archive
        )
        assert result.returncode == 2, result.stderr  # invalid seeds and the broken link
        outputs[jobs] = (
            result.stderr.replace(out.name.encode(), b"OUT"),
            {p.name: p.read_bytes() for p in sorted(out.iterdir())},
        )
    assert outputs["1"] == outputs["2"]
    stderr, files = outputs["1"]
    assert len(files) == (24 if to == "akn" else 7)  # 3 valid seeds × 8 copies; csv tables
    assert not any(name.endswith(".tmp") for name in files)
    assert b"24 files" in stderr and b"16 invalid not converted" in stderr


def test_run_keeps_task_order_on_several_processes() -> None:
    tasks = [batch.Task(f"{i}.txt", data=SEED_FILES[i % 5].read_bytes()) for i in range(40)]
    serial = list(batch.run(_check, tasks, jobs=1))
    parallel = list(batch.run(_check, tasks, jobs=2))
    assert [o.name for o in parallel] == [t.name for t in tasks]
    assert parallel == serial


def _on_ctrl_c(task: object) -> object:
    """What a process does on Ctrl-C (SIGINT): its handler."""
    return signal.getsignal(signal.SIGINT)


def test_workers_leave_ctrl_c_to_the_caller() -> None:
    """A terminal sends Ctrl-C to every process of the command: the workers leave it to
    the caller, which stops the batch (a worker interrupted prints a traceback)."""
    handlers = set(batch.run(_on_ctrl_c, list(range(batch.PARALLEL_FROM)), jobs=2))
    assert handlers == {signal.SIG_IGN}
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the caller's


def test_workers_leave_ctrl_c_to_the_caller_where_signals_cannot_be_held(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Windows has no pthread_sigmask: a batch runs there all the same."""
    monkeypatch.delattr(signal, "pthread_sigmask", raising=False)
    handlers = set(batch.run(_on_ctrl_c, list(range(batch.PARALLEL_FROM)), jobs=2))
    assert handlers == {signal.SIG_IGN}


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="no /proc here")
def test_ctrl_c_during_a_run_on_several_processes_ends_it_quietly(tmp_path: Path) -> None:
    """Ctrl-C, sent to the command's whole process group once its workers are running:
    click's one line, exit 130 (as a shell says it), no traceback from any process."""
    folder = tmp_path / "minutes"
    folder.mkdir()
    for copy in range(200):
        for seed in SEED_FILES:
            shutil.copy(seed, folder / f"{copy}-{seed.name}")
    process = subprocess.Popen(
        [sys.executable, "-m", "minutekit", "validate", "--no-cache", "--jobs", "2", "minutes"],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    deadline = time.monotonic() + 60
    while len(children.read_text().split()) < 2 and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGINT)
    _, error = process.communicate(timeout=60)
    assert b"Traceback" not in error
    assert (process.returncode, error.endswith(b"\nAborted!\n")) == (130, True)


def test_a_read_error_is_an_outcome_not_an_exception(tmp_path: Path) -> None:
    outcome = batch.check(batch.Task("gone.txt", path=str(tmp_path / "gone.txt")))
    assert outcome.error is not None and outcome.error.startswith("cannot read")
    assert outcome.diagnostics == ()


def _check(task: batch.Task) -> batch.Outcome:
    return batch.check(task)  # the task carries its selection


def _stale_size(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    """Make every size batch.read takes ``size``, as for a file grown since (or one, like a
    pipe or a file under /proc, whose size says nothing)."""
    real = os.fstat

    def fstat(fd: int) -> os.stat_result:
        info = list(real(fd))
        info[stat.ST_SIZE] = size
        return os.stat_result(info)

    monkeypatch.setattr(os, "fstat", fstat)


@pytest.mark.parametrize("stale", [0, 10])
def test_a_file_larger_than_its_size_said_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stale: int
) -> None:
    path = tmp_path / "grown.txt"
    path.write_bytes(b"x" * 5000)
    _stale_size(monkeypatch, stale)
    assert batch.read(batch.Task("grown.txt", path=str(path)), limit=6000) == b"x" * 5000


def test_a_file_that_grew_past_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "grown.txt"
    path.write_bytes(b"x" * 5000)
    _stale_size(monkeypatch, 10)
    assert batch.read(batch.Task("grown.txt", path=str(path)), limit=4000) == (
        "'grown.txt' is over the limit of 4.0 kB: not read (raise it with --max-size)"
    )
