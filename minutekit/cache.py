"""The result cache: an unchanged file under unchanged settings is not checked again.

What checking one file found (its diagnostics and whether it is valid) is kept under a
key made of everything the findings depend on:

- the file's bytes (their SHA-256) and the name it is reported under;
- the effective settings for it: the rules selected, ignored and enabled, their
  severities and the profile's headings and owners (the :class:`Selection` the
  configuration and profile resolve to), and how it is read (encoding, input format,
  size limit);
- minutekit's version and the stamps (inode, size, modification and change times) of
  its installed files and of its plugins' files, and a stamp of the installed
  distributions, so that an upgrade, an edited rule or an installed, removed or edited
  plugin never serves an old finding.

The index lives in the project's ``.minutekit_cache/`` (or ``--cache-dir``), which also
holds a ``.gitignore`` so that it is never committed; ``--no-cache`` or
``MINUTEKIT_NO_CACHE=1`` turns the cache off and ``minutekit clean`` removes it. It is
:data:`_SHARDS` JSON files (``index/00.json`` …), never pickles (a cache folder can come
with a cloned repository), each holding the results and the paths' stamps whose digests
fall to it: a run reads only the files its inputs need (a one-file run in a project of
100,000 cached files reads two small files, not all of them). A run writes each file it
added to once, at its end: whole, through a temporary file and a rename, after merging
what another run wrote to it meanwhile, so a concurrent run sees a whole file or none
(two runs ending at the same moment may lose each other's new entries: those files are
checked again). A file that cannot be read, is not JSON or is of another layout is
ignored, and so is an entry that does not hold what is expected: the files are checked
as if the cache were cold. The cache is never fatal.

The content hash of a file named by a path is not always read from its bytes: the
index keeps, for each path (made absolute; a stamp names the file the path reaches by
its device and inode, so links need not be resolved), its stamp (device, inode, size, modification
and change times in nanoseconds) when its bytes were last hashed, with their SHA-256, as
git and mypy do. A file whose stamp is unchanged is not read, only asked whether this
process may read it (the stamp may have been kept by another user's run). A stamp is trusted only if
the file's times are at least :data:`RACY` older than the moment the stamp was taken
(git's "racy clean" problem: a file written again within the file system's time
granularity can keep its stamp); a file changed since, even with its size and
modification time put back, has a new change time (or inode). A file whose size
is not what it holds is always read (:func:`size_untrue`): the files of ``/proc`` say
they are empty, those of ``/sys`` that they fill a page, and hold text that changes
under an unchanged stamp. A pipe or a device named by a path (``<(…)``, a named pipe)
gives its bytes once: it is not read ahead to be hashed, only by the check itself.
Standard input, and any input without a path, is always hashed from its bytes. A stamp
only spares the reading: the key is made from the content hash as above, never from the
stamp.

The index is bounded: an entry (a result, or a path's stamp) not used for
:data:`_KEEP_DAYS` days is dropped, and of each kind at most :data:`_MOST` are kept in
each of its files (the least recently used go first; those the run used always stay).
Results made before an upgrade or a plugin's edit are never served again and age out so.
Entries are kept as strings within the index, decoded only when used.

A hit needs only this module, the diagnostics and the selection: none of the grammar,
lark, jsonschema or lxml is loaded for it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from typing import TYPE_CHECKING, Any

from minutekit import __version__, registry, user_cache

if TYPE_CHECKING:
    from minutekit.batch import Outcome, Reading, Task
    from minutekit.diagnostics import Diagnostic, Edit, Severity

__all__ = [
    "DEFAULT_FOLDER",
    "RACY",
    "NotACache",
    "ResultCache",
    "changed_at",
    "clean",
    "folder",
    "installed_changed_at",
    "installed_stamp",
    "size_untrue",
    "stamp_of",
    "stamp_tells",
]

DEFAULT_FOLDER = ".minutekit_cache"
#: Bumped when an entry's layout changes.
_LAYOUT = "6"
_GITIGNORE = "# Made by minutekit: its result cache, never committed.\n*\n"
#: The index: :data:`_SHARDS` files in this folder, each holding the results and the
#: paths' stamps whose keys fall to it, so that a run reads only the part it needs.
_INDEX = "index"
_SHARDS = 64
#: A stamp is trusted only when the file's times are this much older than the moment it
#: was taken (nanoseconds): more than the coarsest time granularity of common file
#: systems (FAT's two seconds), and than the lag of a file system's clock.
RACY = 2_000_000_000
#: An entry not used for this many days is dropped when the index is next written.
_KEEP_DAYS = 30
#: At most this many results, and this many stamps, are kept in each of the index's
#: files (the least recently used go): 200,000 of each in all.
_MOST = 200_000 // _SHARDS
_DAY = 86_400


def folder(cache_dir: Path | None = None, enabled: bool = True) -> Path | None:
    """Where results are cached (``cache_dir``, or the current project's
    ``.minutekit_cache``), or None when the cache is off."""
    if not enabled or os.environ.get("MINUTEKIT_NO_CACHE"):
        return None
    return cache_dir if cache_dir is not None else Path.cwd() / DEFAULT_FOLDER


class NotACache(Exception):
    """A folder given to :func:`clean` that is not a result cache; the message says so."""


def clean(cache_dir: Path | None = None) -> bool:
    """Remove the cache folder; whether there was one. A folder that does not hold the
    ``.gitignore`` the cache writes in it (:meth:`ResultCache._prepare`) is not one, and
    is left whole (:class:`NotACache`): ``--cache-dir`` may name any folder, ``.`` too.
    What cannot be removed is an OSError, the first met (the rest is removed)."""
    path = cache_dir if cache_dir is not None else Path.cwd() / DEFAULT_FOLDER
    if not os.path.isdir(path):
        return False
    try:
        ours = (path / ".gitignore").read_text(encoding="utf-8") == _GITIGNORE
    except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
        ours = False
    except OSError as error:
        raise NotACache(
            f"cannot be read, so is not known to be a result cache ({error.strerror or error}):"
            " not removed"
        ) from None
    if not ours:
        raise NotACache(
            "is not a minutekit result cache (it holds no .gitignore written by minutekit):"
            " not removed"
        )
    import shutil

    failed: list[BaseException] = []
    shutil.rmtree(path, onerror=lambda function, name, info: failed.append(info[1]))
    if failed:  # said whole: what was removed, and what was not
        raise failed[0]
    return True


def stamp_of(info: os.stat_result) -> str:
    """What says that a file or folder has not changed, without reading it: its kind,
    device, inode, size, and modification and change times in nanoseconds. An edit that
    keeps the size and puts the modification time back still moves the change time,
    which cannot be set back (see :data:`RACY` for when a stamp can be trusted)."""
    return (
        f"{info.st_mode} {info.st_dev} {info.st_ino} {info.st_size}"
        f" {info.st_mtime_ns} {info.st_ctime_ns}"
    )


#: The size a file of ``/sys`` says it has, whatever it holds: a page.
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def stamp_tells(path: str, info: os.stat_result) -> bool:
    """Whether ``info``, the stamp of ``path``, changes whenever what ``path`` holds does:
    a folder's and a plain file's do; a pipe's or a device's do not (their bytes come as
    they are read, once), nor those of a file whose size is not what it holds
    (:func:`size_untrue`)."""
    if S_ISDIR(info.st_mode):
        return True
    return S_ISREG(info.st_mode) and not size_untrue(path, info)


def size_untrue(path: str, info: os.stat_result) -> bool:
    """Whether the file ``path`` (of ``info``) holds other than the bytes its size says:
    the files of ``/proc`` say they are empty and those of ``/sys`` that they fill a page,
    whatever they hold, and what they hold changes under an unchanged stamp. Only a
    regular file of one of those two sizes is opened (one that cannot be: True)."""
    size = info.st_size
    if size not in (0, _PAGE) or not S_ISREG(info.st_mode):
        return False
    try:
        with open(path, "rb", buffering=0) as handle:
            # The last byte it says it has, and none after it.
            return len(os.pread(handle.fileno(), 2, max(size - 1, 0))) != min(size, 1)
    except OSError:
        return True


def changed_at(info: os.stat_result) -> int:
    """When the file of ``info`` last changed: its modification or its change time,
    whichever is later (nanoseconds). A stamp taken :data:`RACY` after it is trusted."""
    return max(info.st_mtime_ns, info.st_ctime_ns)


def installed_stamp() -> str:
    """A digest of minutekit's installed files and its plugins' (path, inode, size,
    modification and change times), and of the installed distributions (see
    :func:`minutekit.registry.environment`)."""
    return _installed()[0]


def installed_changed_at() -> int:
    """When the last of the files :func:`installed_stamp` reads changed (nanoseconds)."""
    return _installed()[1]


@functools.cache
def _installed() -> tuple[str, int]:
    roots = [Path(__file__).resolve().parent]
    for package in ("minutekit.converters", "minutekit.schemas"):  # installed apart
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.submodule_search_locations:
            roots += [Path(p).resolve() for p in spec.submodule_search_locations]
    roots += registry.plugin_roots()
    digest = hashlib.sha256(f"{__version__}\0{registry.environment()}".encode())
    newest = 0
    for base in dict.fromkeys(roots):
        # A plugin that is one module: its file, as the only one of a folder.
        one: list[tuple[str, list[str], list[str]]] = [(str(base.parent), [], [base.name])]
        for directory, subdirectories, files in os.walk(base) if base.is_dir() else one:
            subdirectories[:] = sorted(d for d in subdirectories if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".pyc", ".cache")):
                    continue
                path = os.path.join(directory, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                # The change time too: an edit that keeps the size and puts the
                # modification time back (``cp -p``, a coarse clock) still moves it.
                line = (
                    f"{os.path.relpath(path, base)}\0{stat.st_ino}\0{stat.st_size}"
                    f"\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}\n"
                )
                digest.update(line.encode("utf-8", "surrogatepass"))
                newest = max(newest, changed_at(stat))
    return digest.hexdigest(), newest


def _canonical(value: Any) -> Any:
    """``value`` as JSON that does not depend on set order."""
    import attrs

    Severity = _model()[2]
    if isinstance(value, frozenset | set):
        return sorted((_canonical(v) for v in value), key=repr)
    if isinstance(value, tuple | list):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if attrs.has(type(value)):
        return _canonical(attrs.asdict(value, recurse=False))
    if isinstance(value, Severity):
        return int(value)
    return value


@functools.cache
def _model() -> tuple[type[Diagnostic], type[Edit], type[Severity]]:
    """The classes of a diagnostic, imported when one is first read from the cache or
    kept in it: a replay (:mod:`minutekit.replay`) loads this module without them."""
    from minutekit.diagnostics import Diagnostic, Edit, Severity

    return Diagnostic, Edit, Severity


def _diagnostic_json(d: Diagnostic) -> list[Any]:
    import attrs

    edits = [[e.line, e.column, e.end_column, e.replacement] for e in d.edits]
    place = None if d.place is None else attrs.asdict(d.place)
    return [d.path, d.line, d.column, int(d.severity), d.code, d.name, d.message,
            d.fingerprint, edits, place]  # fmt: skip


def _diagnostic(entry: list[Any]) -> Diagnostic:
    """The diagnostic ``entry`` holds (a :class:`ValueError` when it is not one)."""
    Diagnostic, Edit, Severity = _model()

    path, line, column, severity, code, name, message, fingerprint, edits, place = entry
    if not (
        type(line) is int
        and type(column) is int
        and all(type(s) is str for s in (path, code, name, message, fingerprint))
    ):
        raise ValueError("not a diagnostic")
    if place is not None:
        from minutekit.positions import Place  # only a file read by another reader has places

        place = Place(**place)
    return Diagnostic(
        path=path,
        line=line,
        column=column,
        severity=Severity(severity),
        code=code,
        name=name,
        message=message,
        fingerprint=fingerprint,
        edits=tuple(Edit(*edit) for edit in edits),
        place=place,
    )


def _today() -> int:
    return int(time.time()) // _DAY


def _shard_of(key: str) -> str:
    """The name of the index's file that holds ``key`` (a hexadecimal digest)."""
    return f"{int(key[:4], 16) % _SHARDS:02x}"


def _path_key(path: str) -> str:
    """The digest a path's stamp is filed under."""
    return hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()


class _Shard:
    """One file of the index: its results and stamps, as read and as this run changed them."""

    __slots__ = ("changed", "files", "path", "read_stamp", "results")

    #: The file's stamp when it was read (None: there was none, or unusable).
    read_stamp: tuple[int, ...] | None
    # Entries are kept as strings inside the index where they can be, so that a run that
    # needs a few of them does not pay for making objects of all of them.
    #: key: [day last used, valid, the diagnostics as JSON]
    results: dict[str, list[Any]]
    #: absolute path: [day last used, "<its stamp_of> stamped-at-ns SHA-256"]
    files: dict[str, list[Any]]

    def __init__(self, path: Path) -> None:
        self.path = path
        self.read_stamp, self.results, self.files = _read_shard(path)
        self.changed = False


def _read_shard(path: Path) -> tuple[tuple[int, ...] | None, dict[str, Any], dict[str, Any]]:
    """The index file ``path`` on disk: its stamp, results and files (empty when absent
    or unusable)."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            stored = json.loads(handle.read())
    except (OSError, ValueError):
        return None, {}, {}
    stamp = (info.st_ino, info.st_size, info.st_mtime_ns)
    if (
        not isinstance(stored, dict)
        or stored.get("layout") != _LAYOUT
        or not isinstance(results := stored.get("results"), dict)
        or not isinstance(files := stored.get("files"), dict)
    ):
        return None, {}, {}
    return stamp, results, files


class ResultCache:
    """The cached outcomes in ``path``: each file of its index read at the first question
    it answers, and what this run adds to it, written by :meth:`save`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.today = _today()
        self._shards: dict[str, _Shard] = {}
        #: The settings' part of the key for each (selection, reading) seen, by identity
        #: (a run shares one selection among the files of a folder); each pair is kept
        #: alive with its text, so that an identity is never reused.
        self._settings: dict[tuple[int, int], tuple[Any, Any, str]] = {}

    # ---------------------------------------------------------------- the index

    def _shard(self, key: str) -> _Shard:
        """The index's file for ``key`` (read when first wanted)."""
        name = _shard_of(key)
        shard = self._shards.get(name)
        if shard is None:
            shard = self._shards[name] = _Shard(self.path / _INDEX / f"{name}.json")
        return shard

    def save(self) -> None:
        """Write each file of the index this run added to, merged with what another run
        wrote since it was read and trimmed to its bounds; whole or not at all. A cache
        that cannot be written is skipped."""
        changed = [shard for shard in self._shards.values() if shard.changed]
        if not changed:
            return
        try:
            self._prepare()
            (self.path / _INDEX).mkdir(exist_ok=True)
        except OSError:
            return
        for shard in changed:
            _merge(shard)
            index = {
                "layout": _LAYOUT,
                "results": _bounded(shard.results, self.today),
                "files": _bounded(shard.files, self.today),
            }
            # ASCII: a name that is not UTF-8 is kept as its escapes.
            user_cache.write(shard.path, json.dumps(index, separators=(",", ":")))
            shard.changed = False

    def _prepare(self) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        ignore = self.path / ".gitignore"
        if not ignore.exists():
            ignore.write_text(_GITIGNORE, encoding="utf-8")

    # ---------------------------------------------------------------- keys

    def _settings_text(self, selection: Any, reading: Reading) -> str:
        known = self._settings.get((id(selection), id(reading)))
        if known is not None:
            return known[2]
        text = json.dumps(
            [_LAYOUT, _canonical(selection), _canonical(reading)],
            sort_keys=True,
            ensure_ascii=False,
        )
        self._settings[id(selection), id(reading)] = (selection, reading, text)
        return text

    def key(self, digest: str, task: Task, reading: Reading) -> str:
        """The key of ``task``'s outcome when its bytes' SHA-256 is ``digest``."""
        settings = self._settings_text(task.selection, reading)
        material = "\0".join((digest, task.name, settings, installed_stamp()))
        return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()

    def _digest(self, task: Task, reading: Reading) -> str | None:
        """The SHA-256 of ``task``'s bytes: from the index when the file's stamp is
        unchanged and trusted, else read (None: it cannot be read, or is too big)."""
        from minutekit.batch import read

        if task.path is None:
            data = read(task, reading.max_size)
            return None if isinstance(data, str) else hashlib.sha256(data).hexdigest()
        where = os.path.abspath(task.path)
        taken = time.time_ns()  # before the stamp: a later change is newer than this
        try:
            info = os.stat(where)
        except OSError:
            return None
        if not S_ISREG(info.st_mode):
            return None  # a pipe or a device: its bytes can be read once, by the check
        stamp = f"{stamp_of(info)} "
        shard = self._shard(_path_key(where))
        known = shard.files.get(where)
        if (
            type(known) is list
            and len(known) == 2
            and type(known[1]) is str
            and known[1].startswith(stamp)
            and 0 < info.st_size <= reading.max_size
            and stamp_tells(where, info)
            # A stamp another user's run kept does not say that this one may read it.
            and os.access(where, os.R_OK)
        ):
            at, _, digest = known[1][len(stamp) :].partition(" ")
            if at.isdigit() and changed_at(info) < int(at) - RACY and len(digest) == 64:
                if known[0] != self.today:
                    known[0] = self.today
                    shard.changed = True
                return digest
        data = read(task, reading.max_size)
        if isinstance(data, str):
            return None
        digest = hashlib.sha256(data).hexdigest()
        # Stamped before it was read: if it changed since, its stamp no longer matches.
        shard.files[where] = [self.today, f"{stamp}{taken} {digest}"]
        shard.changed = True
        return digest

    # ---------------------------------------------------------------- a run

    def get(self, key: str) -> tuple[tuple[Diagnostic, ...], bool, bool] | None:
        """The diagnostics, validity and refusal (not text: never converted) stored under
        ``key``, or None (absent, unusable)."""
        shard = self._shard(key)
        entry = shard.results.get(key)
        try:
            day, valid, diagnostics, refused = entry  # type: ignore[misc]
            found = (
                tuple(_diagnostic(d) for d in json.loads(diagnostics)),
                bool(valid),
                bool(refused),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        if day != self.today:
            entry[0] = self.today  # type: ignore[index]
            shard.changed = True
        return found

    def put(
        self, key: str, diagnostics: Sequence[Diagnostic], valid: bool, refused: bool = False
    ) -> None:
        """Keep an outcome under ``key`` (written by :meth:`save`)."""
        found = json.dumps([_diagnostic_json(d) for d in diagnostics], separators=(",", ":"))
        shard = self._shard(key)
        shard.results[key] = [self.today, valid, found, refused]
        shard.changed = True

    def held(self, task: Task, reading: Reading) -> Outcome | None:
        """``task``'s outcome when the cache holds it; None when not, or when the file
        cannot be read (checking it says why)."""
        from minutekit.batch import Outcome

        digest = self._digest(task, reading)
        hit = None if digest is None else self.get(self.key(digest, task, reading))
        return None if hit is None else Outcome(task.name, hit[0], hit[1], refused=hit[2])

    def keep(self, task: Task, outcome: Outcome, reading: Reading) -> None:
        """Keep ``task``'s outcome, checked by :func:`checked` (written by :meth:`save`)."""
        if outcome.error is None and outcome.digest is not None:
            key = self.key(outcome.digest, task, reading)
            # A key names one outcome: one already held (a file convert checked again to
            # convert it) is kept as it is, and its part of the index is not written again.
            if self.get(key) is None:
                self.put(key, outcome.diagnostics, outcome.valid, outcome.refused)


def checked(task: Task, reading: Reading, work: Callable[[Task], Outcome]) -> Outcome:
    """``work(task)``'s outcome with the SHA-256 of the bytes it checked (see
    :meth:`ResultCache.keep`); runs in a batch's worker processes."""
    import attrs

    from minutekit.batch import Outcome, read

    data = read(task, reading.max_size)
    if isinstance(data, str):
        return Outcome(task.name, error=data)
    outcome = work(attrs.evolve(task, data=data))
    return attrs.evolve(outcome, digest=hashlib.sha256(data).hexdigest())


def _merge(shard: _Shard) -> None:
    """Take in what another run wrote to ``shard``'s file since it was read (a result
    this run does not hold; a path's stamp taken later than this run's)."""
    try:
        info = os.stat(shard.path)
    except OSError:
        return
    if (info.st_ino, info.st_size, info.st_mtime_ns) == shard.read_stamp:
        return
    _, results, files = _read_shard(shard.path)
    for key, entry in results.items():
        mine = shard.results.get(key)
        if mine is None:
            shard.results[key] = entry
        elif _day(entry) > _day(mine):
            mine[0] = entry[0]
    for path, entry in files.items():
        mine = shard.files.get(path)
        if mine is None or _stamped_at(entry) > _stamped_at(mine):
            shard.files[path] = entry


def _day(entry: Any) -> int:
    """The day an entry of the index was last used (0 if it does not say)."""
    try:
        day = entry[0]
    except (TypeError, KeyError, IndexError):
        return 0
    return day if type(day) is int else 0


def _stamped_at(entry: Any) -> int:
    """When a path's stamp was taken (0 if the entry does not say)."""
    try:
        return int(entry[1].split(" ")[6])
    except (TypeError, KeyError, IndexError, ValueError, AttributeError):
        return 0


def _bounded(entries: dict[str, Any], today: int) -> dict[str, Any]:
    """``entries`` without those not used for :data:`_KEEP_DAYS` days, and with at most
    :data:`_MOST` of them (the least recently used go first; those used today stay)."""
    recent = {k: v for k, v in entries.items() if _day(v) > today - _KEEP_DAYS}
    if len(recent) <= _MOST:
        return recent
    ranked = sorted(recent.items(), key=lambda item: _day(item[1]), reverse=True)
    kept = max(_MOST, sum(1 for _, v in ranked if _day(v) == today))
    return dict(ranked[:kept])
