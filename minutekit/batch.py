"""Batches: the per-file work of ``validate`` and ``convert``, in order, on N processes.

Takes a list of :class:`Task` (a file to read, or bytes already read from stdin) and a
worker function. Guarantees: results come back in the order of the tasks, whatever the
number of processes, so the output and the exit status of ``--jobs 4`` are those of
``--jobs 1``; a file that cannot be read, or a bug met while checking one file, is a
:class:`Outcome` with an ``error`` line, never an exception, so the other files go on.
Workers only compute; every message is printed and every file written by the caller.

Small batches run in this process: starting workers costs more than it saves below
:data:`PARALLEL_FROM` files.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from minutekit.diagnostics import Diagnostic
from minutekit.registry import RegistryError
from minutekit.selection import Selection

if TYPE_CHECKING:
    from minutekit.convert import ConvertOptions
    from minutekit.validate import Parsed

__all__ = [
    "DEFAULT_MAX_SIZE",
    "PARALLEL_FROM",
    "Outcome",
    "Reading",
    "Task",
    "WorkerDied",
    "check",
    "convert",
    "default_jobs",
    "parse_size",
    "read",
    "run",
]

#: Below this many files a batch runs in the calling process.
PARALLEL_FROM = 16
#: Files larger than this are refused unless ``--max-size`` says otherwise (bytes).
DEFAULT_MAX_SIZE = 20_000_000

T = TypeVar("T")
R = TypeVar("R")


class WorkerDied(RuntimeError):
    """A worker process ended abruptly (killed, out of memory)."""


@attrs.frozen
class Reading:
    """How inputs are read: their encoding if known, the largest accepted size, and the
    reader to use (its ``NAME``; None: the one each file's content calls for)."""

    encoding: str | None = None
    max_size: int = DEFAULT_MAX_SIZE
    input_format: str | None = None


@attrs.frozen
class Task:
    """One input: ``name`` as reported; read from ``path``, or ``data`` when given."""

    name: str
    path: str | None = None
    data: bytes | None = None
    #: The rules to run on it (from the configuration that applies to it).
    selection: Selection = attrs.field(factory=Selection)
    #: Its item id when converted (derived from its path in the run), if known.
    item_id: str | None = None


@attrs.frozen
class Outcome:
    """What became of one input."""

    name: str
    diagnostics: tuple[Diagnostic, ...] = ()
    valid: bool = False
    #: A one-line reason when the input could not be read or processed.
    error: str | None = None
    #: What was understood of the file (one item or a meeting), when the caller asked
    #: to keep it (``parse``, ``convert``).
    parsed: Parsed | None = None
    #: What the item adds to a batch format's files (csv), made here in the worker.
    record: Any = None
    item_id: str | None = None
    #: The converted bytes, or None (not converted: invalid, or an error).
    output: bytes | None = None
    #: Not text (binary, empty, a Word document, a PDF): never converted, even forced.
    refused: bool = False
    #: The SHA-256 of the bytes checked, when the result cache asks for it.
    digest: str | None = None


_SIZE = re.compile(r"^\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>(?:[kMG]i?)?B?)\s*$", re.IGNORECASE)
_UNITS = {
    **{"": 1, "b": 1, "k": 10**3, "kb": 10**3, "m": 10**6, "mb": 10**6, "g": 10**9, "gb": 10**9},
    **{"ki": 2**10, "kib": 2**10, "mi": 2**20, "mib": 2**20, "gi": 2**30, "gib": 2**30},
}


def parse_size(text: str) -> int:
    """ "50MB", "500kB" or "20000000" in bytes (a :class:`ValueError` says what is wrong)."""
    match = _SIZE.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a size such as 50MB, 500kB, 20MiB or 20000000")
    return int(float(match["number"]) * _UNITS[match["unit"].lower()])


def default_jobs() -> int:
    """All the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _size(size: int, digits: int = 1) -> str:
    if size >= 1_000_000:
        return f"{size / 1e6:.{digits}f} MB"
    return f"{size / 1e3:.{digits}f} kB" if size >= 1_000 else f"{size} bytes"


def too_big(name: str, size: int | None, limit: int) -> str:
    """Why a file was not read; the sizes with enough digits to tell them apart (its own
    size None when it is not known: a file that grew while it was read)."""
    if size is None:
        return f"'{name}' is over the limit of {_size(limit)}: not read (raise it with --max-size)"
    shown, most = _size(size), _size(limit)
    if shown == most:
        shown, most = f"{size:,} bytes", f"{limit:,} bytes"
    return f"'{name}' is {shown}, over the limit of {most}: not read (raise it with --max-size)"


def read(task: Task, limit: int) -> bytes | str:
    """The bytes of ``task``, or why they could not be had (in bounded memory)."""
    if task.data is not None:
        if len(task.data) > limit:
            return too_big(task.name, len(task.data), limit)
        return task.data
    assert task.path is not None
    try:
        with open(task.path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                return too_big(task.name, size, limit)
            # Asking for the size read, not the limit: a buffer of the limit's size would
            # be allocated for every file. A file that grows meanwhile is still bounded.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(limit + 1 - len(data))
    except OSError as error:
        return f"cannot read '{task.name}': {error.strerror or error}"
    if len(data) > limit:  # read no further than the limit: how big it is, is not known
        return too_big(task.name, None, limit)
    return data


def check(task: Task, keep_item: bool = False, reading: Reading = Reading()) -> Outcome:
    """Validate one input with its selection of rules (keeping the parsed item if asked)."""
    from minutekit.validate import validate_bytes

    data = read(task, reading.max_size)
    if isinstance(data, str):
        return Outcome(task.name, error=data)
    try:
        result = validate_bytes(
            data, task.name, task.selection, reading.encoding, reading.input_format
        )
    except RegistryError:
        raise  # the installation, not this file: no file can be checked (see cli.main)
    except Exception as error:  # a bug in minutekit must not stop the batch
        return Outcome(task.name, error=f"internal error while checking '{task.name}': {error!r}")
    parsed = result.parsed if keep_item else None
    return Outcome(
        task.name, result.diagnostics, result.valid, parsed=parsed, refused=result.refused
    )


def convert(
    task: Task,
    format_name: str,
    options: ConvertOptions,
    force: bool,
    reading: Reading = Reading(),
) -> Outcome:
    """Validate one input and, if valid (or forced), convert it to ``format_name``."""
    from minutekit import formats
    from minutekit.convert import ConversionError, item_id_for

    checked = check(task, keep_item=True, reading=reading)
    parsed = checked.parsed
    if parsed is None or checked.refused or (not checked.valid and not force):
        return attrs.evolve(checked, parsed=None)
    item, meeting = parsed.items[0], parsed.meeting
    item_id = options.item_id or task.item_id or item_id_for(item)
    outcome = attrs.evolve(checked, parsed=None, item_id=item_id)
    converter = formats.get(format_name)
    try:
        if converter.batch and meeting is not None:
            return attrs.evolve(outcome, record=converter.meeting_records(meeting, item_id))
        if converter.batch:
            return attrs.evolve(outcome, record=converter.records(item, item_id))
        if meeting is not None:
            output = converter.convert_meeting(meeting, attrs.evolve(options, item_id=item_id))
        else:
            output = converter.convert(item, attrs.evolve(options, item_id=item_id))
    except ConversionError as error:
        return attrs.evolve(outcome, error=f"'{task.name}' was not converted: {error}")
    except RegistryError:
        raise
    except Exception as error:  # a bug in a converter must not stop the batch
        return attrs.evolve(
            outcome, error=f"internal error while converting '{task.name}': {error!r}"
        )
    return attrs.evolve(outcome, output=output)


def run(work: Callable[[T], R], tasks: Sequence[T], jobs: int) -> Iterator[R]:
    """``work`` applied to every task, results in task order, on up to ``jobs`` processes."""
    if jobs <= 1 or len(tasks) < PARALLEL_FROM:
        yield from map(work, tasks)
        return
    # Imported here: multiprocessing costs a one-file run 12 ms of start-up.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import active_children

    jobs = min(jobs, len(tasks))
    # Chunks big enough to amortise the hand-over, small enough to balance the load.
    chunk = max(1, min(64, len(tasks) // (jobs * 8)))
    others = set(active_children())
    try:
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_interrupts_to_the_caller)
    except OSError:  # no pipe for the workers (too many open files): see below
        yield from map(work, tasks)
        return
    try:
        try:
            with _ctrl_c_held():
                results: Iterator[R] = pool.map(work, tasks, chunksize=chunk)
        except OSError:
            # The workers could not all start (too many open files, no memory for a
            # process): those that did are stopped (left, they would be waited for at
            # exit, for ever), and this process does the work, which gives the same
            # output; a file that then cannot be opened is said as any unreadable file.
            for worker in set(active_children()) - others:
                worker.terminate()
                worker.join()
            pool.shutdown(wait=True, cancel_futures=True)  # its pipes closed, for the files
            results = map(work, tasks)
        yield from results
    except BrokenProcessPool as error:
        raise WorkerDied(str(error) or "a worker process ended abruptly") from None
    finally:
        # Stopped early (Ctrl-C, an error): what has not started is not started; what
        # runs ends with its chunk. Done: nothing is left, and this returns at once.
        pool.shutdown(wait=True, cancel_futures=True)


def _can_hold() -> bool:
    """Whether this system can hold a signal back (POSIX can; Windows cannot)."""
    return hasattr(signal, "pthread_sigmask")


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Ctrl-C waits while the workers start: each is born with it held back, so none is
    interrupted before it ignores it; this process meets it once they have started."""
    if not _can_hold():
        yield
        return
    unblocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, unblocked)


def _interrupts_to_the_caller() -> None:
    """In each worker: Ctrl-C, which a terminal sends to every process of the command,
    is the caller's to handle (it stops the batch); a worker would print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _can_hold():
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
