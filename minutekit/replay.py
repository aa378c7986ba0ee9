"""Replay: a ``validate`` run that would print what it printed last time is answered so.

The result cache (:mod:`minutekit.cache`) spares checking a file that has not changed,
but a run still starts the command line, reads its configuration, walks its folders and
looks each file up. A re-run in which nothing changed is answered here instead, as
build tools replay a cached task's output (Turborepo, Nx) and as git trusts a folder's
stamp to know that its listing has not changed (its untracked cache).

**Recorded.** A run is recorded when the command line says it may be
(:func:`recording`): a ``validate`` that only prints (no ``--fix``,
``--update-baseline``, ``--report FILE``, ``--show-settings`` or standard input), with
the result cache on in its usual place, that ended 0 or 1 (a run that met an unreadable
path, a bad configuration or a dead worker never is). Its record, one file under the
cache's ``runs/`` folder, holds

- the bytes the run wrote to standard output and standard error, in order (up to
  :data:`_MOST_OUTPUT`), and its exit status;
- the stamp (:func:`stamp`) of every path its output depends on, as the run named them
  (:func:`minutekit.runs.validate`): each input, each folder walked (a folder's stamp
  changes when an entry is added, removed or renamed), each ``.gitignore`` and ``.git``
  looked at, each configuration file looked for (found or not), the baseline;
- where each folder of those paths leads, links followed (the configuration's lookup
  and the exclusions read the resolved path: a link moved to another folder leaves the
  files' own stamps as they were);
- the stamp of minutekit's installed files and plugins
  (:func:`minutekit.cache.installed_stamp`).

The record's name is a digest of everything else the output depends on (:func:`key`):
the arguments, the current folder, the user and groups that run it (what it may read),
the environment variables the run reads
(:data:`ENVIRONMENT`), whether each standard stream is a terminal and how it encodes,
minutekit's version, the Python that runs it, its flags (``-O``, ``-X utf8``…: ``-OO``
drops the docstrings the rules' help is made of) and where it finds modules
(``sys.path``, and the names of the modules and folders in the current folder when it is
there, as under ``python -m``).

**Trusted.** A record is made only when every path it names, and every installed file,
was last changed (modified, or its inode changed) at least :data:`minutekit.cache.RACY`
before the run began: a file written again within its file system's time granularity
can keep its modification time (git's "racy clean" problem), but a change always moves
its change time, which cannot be set back. A path that cannot be stamped (no
permission, a loop of links) means no record, and so does a path whose stamp does not
follow what it holds (:func:`minutekit.cache.stamp_tells`): a pipe or a device, and a
file whose size is not what it holds (the files of ``/proc`` and ``/sys``, whose text
changes under an unchanged stamp).

**Replayed.** :func:`main`, the ``minutekit`` command, first looks for the record of
its arguments: when there is one and every stamp in it is as recorded, it writes the
recorded bytes and exits with the recorded status, loading nothing but this module and
the cache's light part (none of click, attrs, lark, jsonschema or lxml). Anything else
(no record, a stamp that differs, a record that cannot be read or is not whole) runs
the command as usual.

**The streams.** Every command's output passes through here, so what cannot be written
ends the run with one line, not a traceback: a write to standard output or standard
error that fails (a full disk, ``/dev/full``, a standard output closed before the run
with ``>&-``) is said on standard error, if it can be, with exit status 2; a reader
that goes away (``| head``) ends it quietly, as before. A current folder that is gone
(removed or moved while a shell stood in it) is said the same way, before anything runs.

``--no-cache`` and ``MINUTEKIT_NO_CACHE=1`` turn replay off with the cache (a run with
either is never recorded, and the environment variable is looked at first);
``minutekit clean`` removes the records with the rest; at most :data:`_MOST` records
are kept, of at most :data:`_MOST_BYTES` in all (the least recently used go first).
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import sys
import time
from collections.abc import Iterable, Sequence
from typing import Any

from minutekit import __version__, cache

__all__ = [
    "ENVIRONMENT",
    "NOT_SHOWN",
    "OutputFailed",
    "Recording",
    "key",
    "main",
    "recording",
    "replayed",
    "stamp",
]

#: Bumped when a record's layout or its key's material changes.
_LAYOUT = "7"
#: The cache's folder that holds the records.
_FOLDER = "runs"
#: At most this many records are kept.
_MOST = 64
#: And at most this many bytes of them (a record grows with the files a run checked:
#: about 100 bytes each), the most recent always kept.
_MOST_BYTES = 64 << 20
#: A run that wrote more than this many bytes is not recorded (its output is not kept).
_MOST_OUTPUT = 8 << 20
#: The environment variables that change what a ``validate`` run prints, so part of
#: a record's key. Each variable minutekit reads is here or in :data:`NOT_SHOWN` (a test
#: reads the sources for them); click reads the last, named after the command, to print
#: a shell completion script instead of running it.
ENVIRONMENT = ("FORCE_COLOR", "GITHUB_ACTIONS", "NO_COLOR", "PRE_COMMIT", "_MINUTEKIT_COMPLETE")
#: Those that do not: the switch that turns the cache, and with it replay, off (looked
#: at before any record), the date converted documents carry, and where compiled tables
#: are kept.
NOT_SHOWN = ("MINUTEKIT_NO_CACHE", "SOURCE_DATE_EPOCH", "XDG_CACHE_HOME")


class _Unknown(Exception):
    """A path whose state cannot be known (no permission, a loop of links)."""


def _stat(path: str) -> os.stat_result | None:
    """What ``os.stat`` says of ``path`` (links followed: a link moved to another file
    is another file), or None when there is nothing there."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, ValueError) as error:
        raise _Unknown(path) from error


def stamp(path: str) -> str | None:
    """The stamp of the file or folder ``path`` (:func:`minutekit.cache.stamp_of`), or
    None when there is nothing there."""
    info = _stat(path)
    return None if info is None else cache.stamp_of(info)


def key(argv: Sequence[str]) -> str:
    """The name of the record of a run with the arguments ``argv`` here and now (OSError:
    the current folder is gone)."""
    import hashlib

    here = os.getcwd()
    material = [
        _LAYOUT,
        __version__,
        sys.version,
        list(sys.flags),  # -OO drops the docstrings the rules' help is made of
        sys.prefix,
        sys.path,  # where every module comes from (PYTHONPATH, the folder of -m)
        _modules_in(here) if here in sys.path or "" in sys.path else None,
        here,
        _identity(),
        list(argv),
        [os.environ.get(name) for name in ENVIRONMENT],
        [_terminal(stream) for stream in (sys.stdin, sys.stdout, sys.stderr)],
        [
            (getattr(s, "encoding", None), getattr(s, "errors", None))
            for s in (sys.stdout, sys.stderr)
        ],
    ]
    text = json.dumps(material, ensure_ascii=True)  # a name that is not UTF-8 is escaped
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _identity() -> list[Any] | None:
    """Who runs it, so what it may read (a run that may not read a file is told so): its
    user and groups, where the system has them (POSIX; None on Windows)."""
    if not hasattr(os, "getuid"):
        return None
    return [os.getuid(), os.geteuid(), os.getgid(), os.getegid(), sorted(os.getgroups())]


def _modules_in(folder: str) -> list[str] | None:
    """The names in ``folder`` that could be imported (modules and folders): where it is
    on ``sys.path`` (``python -m`` puts the current folder first), a ``click.py`` added
    there is what a run imports. Names only: the folder is listed, nothing is opened."""
    from importlib.machinery import all_suffixes

    suffixes = tuple(all_suffixes())
    try:
        with os.scandir(folder) as entries:
            return sorted(
                entry.name
                for entry in entries
                if entry.name.partition(".")[0].isidentifier()
                and (entry.name.endswith(suffixes) or entry.is_dir())
            )
    except OSError:
        return None


def _terminal(stream: Any) -> bool | None:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return None


def _record_path(name: str) -> str:
    return os.path.join(cache.DEFAULT_FOLDER, _FOLDER, f"{name}.json")


# ------------------------------------------------------------------ replaying


def replayed(name: str) -> int | None:
    """Write what the recorded run ``name`` (:func:`key`) wrote, and give its exit
    status; None (having written nothing) when there is no record that still holds."""
    if os.environ.get("MINUTEKIT_NO_CACHE"):
        return None
    where = _record_path(name)
    try:
        with open(where, "rb") as handle:
            record = json.loads(handle.read())
        written = _holding(record, name)
    except Exception:  # a record that cannot be used (any way at all): the run goes on
        return None
    if written is None:
        return None
    with contextlib.suppress(OSError):
        os.utime(where)  # recently used: kept when older records go
    return _write(written, record["exit"])


def _holding(record: Any, name: str) -> list[tuple[int, bytes]] | None:
    """The output ``record`` holds when it is the whole record ``name`` and every stamp in
    it is as it was; else None."""
    if not (
        type(record) is dict
        and record.get("layout") == _LAYOUT
        and record.get("key") == name
        and type(record.get("exit")) is int
        and record["exit"] in (0, 1)
        and type(paths := record.get("paths")) is str
        and type(folders := record.get("folders")) is str
        and type(output := record.get("output")) is list
    ):
        return None
    # Each path and its stamp ('' where there was nothing), all joined by NUL, which no
    # path holds: one string to decode, not a list for each path.
    parts = paths.split("\0")
    if len(parts) % 2:
        return None
    for at in range(0, len(parts), 2):
        if (stamp(parts[at]) or "") != parts[at + 1]:
            return None
    # Each folder of those paths and where it leads, links followed (as the
    # configuration's lookup and the exclusions read it): a link moved elsewhere leaves
    # the files' own stamps as they were.
    parts = folders.split("\0")
    if len(parts) % 2:
        return None
    for at in range(0, len(parts), 2):
        if os.path.realpath(parts[at]) != parts[at + 1]:
            return None
    if record.get("installed") != cache.installed_stamp():
        return None
    written = []
    for entry in output:
        if type(entry) is not list or len(entry) != 2 or entry[0] not in (1, 2):
            return None
        if type(entry[1]) is not str:
            return None
        written.append((entry[0], entry[1].encode("utf-8", "surrogateescape")))
    return written


def _write(written: Iterable[tuple[int, bytes]], status: int) -> int:
    """Write each part to its stream, in order; ``status``, or 1 when the reader went
    away, or 2 when a stream cannot be written (see :class:`OutputFailed`)."""
    streams = {1: sys.stdout, 2: sys.stderr}
    number = 1
    try:
        for number, data in written:
            stream = streams[number]
            stream.flush()
            stream.buffer.write(data)
            stream.buffer.flush()
    except BrokenPipeError:
        # The reader went away (``| head``): as Python's documentation advises, the rest
        # goes nowhere, without a traceback at exit.
        _silenced()
        return 1
    except OSError as error:
        return _failed(OutputFailed(number, error))
    return status


# ------------------------------------------------------------------ the streams


class OutputFailed(Exception):
    """A write to standard output or standard error failed, the reader still there: a
    full disk, ``/dev/full``, a stream closed before the run (``>&-``). Not an OSError,
    so that no handler of a file's errors takes it for its own."""

    def __init__(self, number: int, error: OSError) -> None:
        super().__init__(number, error)
        self.stream = "standard output" if number == 1 else "standard error"
        self.reason = error.strerror or str(error)


class _Closed(io.RawIOBase):
    """A standard stream that was closed when the run began: every write fails, as a
    write to a closed file does."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise OSError(errno.EBADF, "it was closed before the run")


def _usable_streams() -> None:
    """Standard streams that can be written to, whatever the run was given: a closed
    standard output refuses each write (see :class:`OutputFailed`); what goes to a
    closed standard error is lost, as the one who closed it asked."""
    if sys.stdout is None:
        sys.stdout = io.TextIOWrapper(_Closed(), encoding="utf-8", write_through=True)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (kept open)


def _say(message: str) -> None:
    """``message`` as the command line's error line, on standard error if it can be."""
    with contextlib.suppress(Exception):
        sys.stderr.write(f"minutekit: error: {message}\n")
        sys.stderr.flush()


def _silenced() -> None:
    """What is left to write goes nowhere: the exit's own flush is then quiet."""
    null = os.open(os.devnull, os.O_WRONLY)
    for number in (1, 2):
        with contextlib.suppress(OSError):
            os.dup2(null, number)
    os.close(null)


def _failed(failed: OutputFailed) -> int:
    """Say that a stream could not be written; the exit status for it (a file that could
    not be written: 2, as :data:`minutekit.diagnostics.EXIT_USAGE`)."""
    _say(f"cannot write to {failed.stream}: {failed.reason}")
    _silenced()
    return 2


# ------------------------------------------------------------------ recording


class _Tee(io.RawIOBase):
    """A standard stream's bytes, passed on as they come and kept in order."""

    def __init__(self, number: int, stream: Any, recording: Recording) -> None:
        self.number, self.target, self.recording = number, stream.buffer, recording
        # The stream it stands in for, kept: let go of, it would close the file under it
        # (Python keeps its own in ``sys.__stdout__``, not those of _usable_streams).
        self.replaced = stream

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        try:
            written: int = self.target.write(data)
        except BrokenPipeError:
            raise  # the reader went away: click ends the run quietly
        except OSError as error:
            raise OutputFailed(self.number, error) from None
        self.recording.keep_output(self.number, bytes(data))
        return written

    def flush(self) -> None:
        try:
            self.target.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputFailed(self.number, error) from None

    def isatty(self) -> bool:
        return bool(self.target.isatty())

    def fileno(self) -> int:
        return int(self.target.fileno())


class Recording:
    """What a run writes, kept from its start, to be recorded if the run may be."""

    def __init__(self, name: str) -> None:
        #: The record's name (:func:`key`).
        self.name = name
        #: Stamps must be older than this, less :data:`minutekit.cache.RACY`.
        self.started = time.time_ns()
        #: What each stream was given, in turn: (1 or 2, its writes until the other's).
        self.output: list[tuple[int, list[bytes]]] = []
        self.size = 0
        self.whole = True

    def keep_output(self, number: int, data: bytes) -> None:
        if not self.whole:
            return
        self.size += len(data)
        if self.size > _MOST_OUTPUT:
            self.whole, self.output = False, []
        elif self.output and self.output[-1][0] == number:
            self.output[-1][1].append(data)
        else:
            self.output.append((number, [data]))

    def tee(self) -> None:
        """Keep what is written to standard output and standard error from now on."""
        for number, name in ((1, "stdout"), (2, "stderr")):
            stream = getattr(sys, name)
            buffer = getattr(stream, "buffer", None)
            if buffer is None:
                self.whole = False
                return
            setattr(
                sys,
                name,
                io.TextIOWrapper(
                    _Tee(number, stream, self),
                    encoding=stream.encoding,
                    errors=stream.errors,
                    line_buffering=stream.line_buffering,
                    write_through=True,
                ),
            )

    def record(self, status: int, paths: Iterable[str]) -> None:
        """Record the run: it ended with ``status`` and its output depends on ``paths``.
        Nothing is recorded when it may not be (see the module's documentation)."""
        if status not in (0, 1) or not self.whole or os.environ.get("MINUTEKIT_NO_CACHE"):
            return
        if not os.path.isdir(cache.DEFAULT_FOLDER):
            return
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        trusted_before = self.started - cache.RACY
        if cache.installed_changed_at() >= trusted_before:
            return
        stamps: list[str] = []
        try:
            for path in dict.fromkeys(paths):
                info = _stat(path)
                if info is None:
                    stamps += (path, "")
                    continue
                if cache.changed_at(info) >= trusted_before or not cache.stamp_tells(path, info):
                    return
                stamps += (path, cache.stamp_of(info))
        except _Unknown:
            return
        folders: list[str] = []
        for folder in dict.fromkeys(os.path.dirname(path) or os.curdir for path in paths):
            folders += (folder, os.path.realpath(folder))
        record = {
            "layout": _LAYOUT,
            "key": self.name,
            "exit": status,
            "paths": "\0".join(stamps),
            "folders": "\0".join(folders),
            "installed": cache.installed_stamp(),
            "output": [
                [number, b"".join(writes).decode("utf-8", "surrogateescape")]
                for number, writes in self.output
            ],
        }
        folder = os.path.join(cache.DEFAULT_FOLDER, _FOLDER)
        from pathlib import Path

        from minutekit import user_cache

        with contextlib.suppress(OSError):
            os.makedirs(folder, exist_ok=True)
            user_cache.write(Path(_record_path(self.name)), json.dumps(record, ensure_ascii=True))
            _bound(folder)


def _bound(folder: str) -> None:
    """Remove the least recently used records beyond :data:`_MOST`, or beyond
    :data:`_MOST_BYTES` in all (the most recent is always kept)."""
    with os.scandir(folder) as entries:
        records = [(e, e.stat()) for e in entries if e.name.endswith(".json") and e.is_file()]
    records.sort(key=lambda record: record[1].st_mtime_ns, reverse=True)
    size = 0
    for number, (entry, info) in enumerate(records):
        size += info.st_size
        if number and (number >= _MOST or size > _MOST_BYTES):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


_RECORDING: Recording | None = None


def recording() -> Recording | None:
    """The run's recording, when it was started by :func:`main` (not for a program
    that calls the command line itself)."""
    return _RECORDING


def main() -> None:
    """The ``minutekit`` command: a recorded run replayed, else the command line."""
    import signal

    try:
        _main()
    except KeyboardInterrupt:
        # Ctrl-C before the command line took over: said and ended as it ends it, after
        # (:data:`minutekit.diagnostics.EXIT_INTERRUPTED`).
        with contextlib.suppress(Exception):
            sys.stderr.write("\nAborted!\n")
            sys.stderr.flush()
        sys.exit(130)
    finally:
        # The run is over: a Ctrl-C now would only break the last flush of its output.
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _main() -> None:
    global _RECORDING
    _usable_streams()
    try:
        name = key(sys.argv[1:])
    except OSError as error:
        _say(
            f"cannot tell the current folder ({error.strerror or error}): it may have been"
            " removed or moved; change to a folder that exists and run minutekit again"
        )
        sys.exit(2)
    status = replayed(name)
    if status is not None:
        sys.exit(status)
    _RECORDING = Recording(name)
    _RECORDING.tee()
    from minutekit.cli import main as command_line

    try:
        command_line(prog_name="minutekit")
    except OutputFailed as failed:
        sys.exit(_failed(failed))
