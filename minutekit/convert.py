"""Conversion stage: what every output format shares.

Takes a validated :class:`~minutekit.model.AgendaItem` and :class:`ConvertOptions`.
Guarantees: the generation date is injectable and honours ``SOURCE_DATE_EPOCH``, so
the same input gives the same bytes; an item's id is safe for a FRBR URI and a file
name (letters, digits, ``-`` and ``_``): one given is checked
(:func:`checked_item_id`), one derived from the path relative to the run's common
folder (:func:`derived_ids`: ``2020/x.txt`` and ``2021/x.txt`` are ``2020-x`` and
``2021-x``); files
are written whole or not at all (a temporary file in the same folder, then a rename)
and never over one of the inputs. Never decides whether an item may be converted:
the caller does, from the item's diagnostics.
"""

from __future__ import annotations

import datetime
import errno
import functools
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs

from minutekit.model import AgendaItem

__all__ = [
    "ConversionError",
    "ConvertOptions",
    "InputFiles",
    "check_replaceable",
    "checked_item_id",
    "derived_ids",
    "file_mode",
    "generation_date",
    "item_id_for",
    "parse_locality",
    "temporary_beside",
    "write_atomic",
]

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
#: An item id: it ends the FRBR URI (Akoma Ntoso's naming rules: no '/', and '.' starts
#: the format) and names the output file, so nothing that could leave the folder.
_ITEM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,199}$")
# ASCII letters only: with IGNORECASE alone, [A-Z] also takes İ, ı, ſ and the Kelvin sign.
_LOCALITY = re.compile(r"^(?:GB-)?(?P<code>[A-Z]{3})$", re.IGNORECASE | re.ASCII)


class ConversionError(Exception):
    """An item could not be converted or an output could not be written."""


@attrs.frozen
class ConvertOptions:
    """What a converter may be told beyond the item itself."""

    #: The date of this conversion (the manifestation date); see :func:`generation_date`.
    generated: datetime.date
    #: The meeting's date, when the caller knows it (never taken from the text).
    meeting_date: datetime.date | None = None
    #: ISO 3166-2:GB subdivision code, lower case without "gb-" ("brd"), or None.
    locality: str | None = None
    #: The item's id (the last part of its FRBR URI, the key of its CSV rows).
    item_id: str | None = None


def generation_date(environ: Mapping[str, str] = os.environ) -> datetime.date:
    """Today (UTC), or the day of ``SOURCE_DATE_EPOCH`` when that is set."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
        except (ValueError, OverflowError, OSError) as error:
            raise ConversionError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970"
            ) from error
    return datetime.datetime.now(datetime.UTC).date()


def parse_locality(code: str) -> str:
    """ "GB-BRD", "gb-brd" or "BRD" → "brd" (the form FRBR URIs use)."""
    match = _LOCALITY.match(code.strip())
    if not match:
        raise ValueError(
            f"{code!r} is not an ISO 3166-2:GB subdivision code (expected e.g. 'GB-BRD')"
        )
    return match["code"].lower()


def checked_item_id(value: str) -> str:
    """``value`` if it is a safe item id; else a ValueError saying what one is."""
    if not _ITEM_ID.match(value):
        raise ValueError(
            f"{value!r} is not an item id: use letters, digits, '-' and '_' (at most 200,"
            " starting with a letter or digit); it names the output file and ends the"
            " FRBR URI"
        )
    return value


def _safe(text: str) -> str:
    return _ID_UNSAFE.sub("-", text).strip("-")[:200].strip("-")


def _without_reader_suffix(name: str) -> str:
    """``name`` less a reader's suffix (``.txt``, ``.docx``…, in any case)."""
    from minutekit.readers import catalogue

    suffixes = {s.lower() for reader in catalogue().values() for s in reader.SUFFIXES}
    for suffix in sorted(suffixes, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def item_id_for(item: AgendaItem) -> str:
    """The file's name less a reader's suffix (``.txt``, ``.docx``…), made safe for a URI;
    for standard input, a hash of the bytes."""
    name = item.source.name
    if name in ("-", "<stdin>"):
        return item.source.sha256[:16]
    return _safe(_without_reader_suffix(Path(name).name)) or item.source.sha256[:16]


def derived_ids(paths: Iterable[str]) -> dict[str, str]:
    """Each path's item id: its path relative to the folder common to all, less a
    reader's suffix, folders joined by '-' and made safe (``2020/x.txt`` → ``2020-x``)."""
    absolute = {path: Path(os.path.abspath(path)) for path in paths}
    if not absolute:
        return {}
    root = Path(os.path.commonpath([str(p.parent) for p in absolute.values()]))
    ids = {}
    for path, full in absolute.items():
        parts = full.relative_to(root).parts
        stem = _without_reader_suffix("-".join(parts))
        ids[path] = _safe(stem)
    return {path: value for path, value in ids.items() if value}


@attrs.frozen
class InputFiles:
    """The inputs of a run, known by resolved path and by inode, so no output replaces one.

    Built once per run: checking each output against every input was quadratic.
    """

    resolved: frozenset[Path]
    inodes: frozenset[tuple[int, int]]

    @classmethod
    def of(cls, paths: Iterable[Path]) -> InputFiles:
        resolved, inodes = set(), set()
        for path in paths:
            try:
                resolved.add(path.resolve())
                status = path.stat()
            except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
                continue
            inodes.add((status.st_dev, status.st_ino))
        return cls(frozenset(resolved), frozenset(inodes))

    def includes(self, path: Path) -> bool:
        try:
            if _resolved_folder(path.parent) / path.name in self.resolved:
                return True
            status = path.stat()
        except (OSError, RuntimeError):
            return False
        return (status.st_dev, status.st_ino) in self.inodes


@functools.lru_cache(maxsize=64)
def _resolved_folder(folder: Path) -> Path:
    # Resolving each output path walked every folder above it; outputs share a folder.
    return folder.resolve()


def file_mode() -> int:
    """The mode a plain ``open()`` would give a new file (0666 less the umask)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, data: bytes, inputs: InputFiles | Iterable[Path] = ()) -> bool:
    """Write ``data`` to ``path`` whole or not at all, refusing to replace an input.
    False: ``path`` already held ``data`` and was left as it is (:func:`write_whole`)."""
    guard = inputs if isinstance(inputs, InputFiles) else InputFiles.of(inputs)
    if guard.includes(path):
        raise ConversionError(f"refusing to write '{path}': it is one of the inputs")
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp makes the file private (0600); give it the mode a plain open() would.
    return write_whole(path, data, file_mode())


#: Opening what is at an output's place only to read it: never through a link, and never
#: waiting for a writer (a named pipe).
_READ_ONLY = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def _holds(path: Path, data: bytes, mode: int) -> bool:
    """Whether ``path`` is a plain file with ``mode`` that holds ``data``, no more (the
    file opened is the file looked at)."""
    try:
        handle = os.open(path, _READ_ONLY)
    except OSError:  # absent, a link, or unreadable
        return False
    info = os.fstat(handle)
    if (
        not stat.S_ISREG(info.st_mode)  # a folder too: it cannot be read as a file
        or stat.S_IMODE(info.st_mode) != mode
        or info.st_size != len(data)
    ):
        os.close(handle)
        return False
    with os.fdopen(handle, "rb") as existing:
        try:
            return existing.read(len(data) + 1) == data
        except OSError:
            return False


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a plain file"


def check_replaceable(path: Path) -> None:
    """Raise OSError (its ``strerror`` saying why) when what stands at ``path``, links
    followed, is neither nothing nor a plain file: a folder, a named pipe, a device or a
    socket is never replaced by a file (for root, ``/dev/null`` would be)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return  # nothing there, or a link to nothing: the file takes its place
    if not stat.S_ISREG(info.st_mode):
        what = _kind(info.st_mode)
        raise OSError(errno.EEXIST, f"{what} is there, not a file (left as it is)", str(path))


def temporary_beside(path: Path) -> tuple[int, str]:
    """A new private file beside ``path`` (its handle and name), to be renamed over it;
    one that cannot be made is an OSError said of ``path``, the file asked for, not of a
    temporary name the user never gave."""
    try:
        return tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from None


def write_whole(path: Path, data: bytes, mode: int) -> bool:
    """Write ``data`` to ``path`` with ``mode`` whole or not at all: into a temporary file
    beside it, renamed over it. The rename is what makes the write whole or nothing; an
    fsync per file would make an archive of small files ten times slower to convert, for
    a guarantee against power loss that a rerun gives as well.

    A plain file that already holds ``data`` with ``mode`` is left as it is, its time
    unchanged, as formatters leave a file they would not change: converting an archive
    again rewrites only the outputs that changed (and a rename over an existing file is
    the dearer part of a write). Returns whether the file was written. What is not a
    plain file is not replaced (:func:`check_replaceable`)."""
    if _holds(path, data, mode):
        return False
    check_replaceable(path)
    handle, temporary = temporary_beside(path)
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True
