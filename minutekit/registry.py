"""Registries: the modules of a package, plus those other packages add, by name.

Rules, output formats, readers and report formats are each found one way: every module
of their package whose name does not start with ``_``, then every module named in their
entry point group (``minutekit.rules``, ``minutekit.converters``, ``minutekit.readers``,
``minutekit.reports``) by an installed distribution. Nothing is listed by hand, and a
name claimed twice is refused, naming both modules.

Reading every installed distribution's entry points costs a run more than checking a
file, so what was found is kept (in the user's cache folder, see
:mod:`minutekit.user_cache`) under a stamp of the installed distributions:
:func:`environment` (each metadata folder on ``sys.path``, with its modification time).
While the stamp is unchanged, a group that no distribution names is known to be empty
without reading any; one that some distribution names is read as before. The stamp and
the plugins' own files (:func:`plugin_roots`) are part of the result cache's key, so an
installed, removed, upgraded or edited plugin never gets an old result.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

__all__ = [
    "GROUP_PREFIX",
    "RegistryError",
    "discover",
    "environment",
    "modules",
    "plugin_roots",
    "plugins",
]

T = TypeVar("T")

#: The entry point groups that extend minutekit all start so.
GROUP_PREFIX = "minutekit."
#: Bumped when what is kept of a reading changes.
_LAYOUT = "1"
#: How many environments (stamps) one keeping remembers.
_KEPT = 8


def modules(package: str | None, group: str | None) -> list[ModuleType]:
    """The public modules of ``package`` in name order, then the entry points of ``group``."""
    found: list[ModuleType] = []
    if package is not None:
        import pkgutil

        path = importlib.import_module(package).__path__
        names = sorted(info.name for info in pkgutil.iter_modules(path, prefix=f"{package}."))
        found += [
            importlib.import_module(name)
            for name in names
            if not name.rpartition(".")[2].startswith("_")
        ]
    if group is not None and plugins().get(group):
        from importlib.metadata import entry_points

        found += [entry.load() for entry in entry_points(group=group)]
    return found


class RegistryError(ValueError):
    """Two modules (minutekit's own or an installed plugin's) claim one name: the
    installation cannot be used until one of them is removed."""


def discover(
    what: str,
    found: Iterable[ModuleType],
    make: Callable[[ModuleType], T],
    keys: Callable[[T], Sequence[str]],
) -> dict[str, T]:
    """Each module made into an entry (``make``), keyed by the first of its ``keys``.

    Every key (a rule has two: its code and its name) must be unique across all the
    modules; a second claim is a :class:`RegistryError` naming ``what`` and both modules.
    """
    entries: dict[str, T] = {}
    owners: dict[str, str] = {}
    for module in found:
        entry = make(module)
        names = keys(entry)
        for key in names:
            if key in owners:
                raise RegistryError(
                    f"{what} {key!r} is defined twice ({owners[key]} and {module.__name__})"
                )
            owners[key] = module.__name__
        entries[names[0]] = entry
    return entries


# ------------------------------------------------------------------ installed plugins


def _metadata_folders(entry: str) -> list[str] | None:
    """The metadata of the distributions in the ``sys.path`` entry ``entry``, each as
    'name, modification time, inode' (and its entry points file's, for an egg-info that
    setuptools rewrites in place); a zip file as its size and time; None: nothing there."""
    where = os.path.abspath(entry or ".")
    base_is_egg = where.lower().endswith(".egg")
    found = []
    try:
        with os.scandir(where) as children:
            for child in children:
                name = child.name.lower()
                egg_info = name.endswith(".egg-info") or (base_is_egg and name == "egg-info")
                if not (egg_info or name.endswith(".dist-info")):
                    continue
                try:
                    info = child.stat()
                except OSError:
                    continue
                line = f"{child.name}\0{info.st_mtime_ns}\0{info.st_ino}"
                if egg_info:
                    try:
                        points = os.stat(os.path.join(child.path, "entry_points.txt"))
                        line += f"\0{points.st_mtime_ns}\0{points.st_size}\0{points.st_ino}"
                    except OSError:
                        pass
                found.append(line)
    except NotADirectoryError:
        try:
            archive = os.stat(where)
        except OSError:
            return None
        return [f"zip\0{archive.st_size}\0{archive.st_mtime_ns}"]
    except OSError:
        return None
    return sorted(found) or None


def environment() -> str | None:
    """A stamp of the distributions installed where this Python finds them (the metadata
    folders on ``sys.path``, in order), or None when they cannot be stamped (a finder
    other than Python's own lists distributions): then nothing is kept.

    Taken once a process for each ``sys.path``, as the registries are read once."""
    return _environment(tuple(sys.path))


@functools.lru_cache(maxsize=4)
def _environment(path: tuple[str, ...]) -> str | None:
    from importlib.machinery import PathFinder

    if any(
        hasattr(finder, "find_distributions") and finder is not PathFinder
        for finder in sys.meta_path
    ):
        return None
    digest = hashlib.sha256(f"{_LAYOUT}\0{sys.version}\n".encode())
    for entry in path:
        folders = _metadata_folders(entry)
        if folders is not None:
            lines = "\n".join([os.path.abspath(entry or "."), *folders, ""])
            digest.update(lines.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def plugins() -> dict[str, list[list[str]]]:
    """The ``minutekit.*`` entry point groups that installed distributions name, each
    with its entries (``[name, value]``), as kept for the current :func:`environment`."""
    return _plugins(tuple(sys.path), environment())["groups"]  # type: ignore[no-any-return]


def plugin_roots() -> list[Path]:
    """The files of the installed plugins: the folder of each plugin's top-level package,
    or the file of a plugin that is one module (what an edit to a plugin changes)."""
    return [Path(p) for p in _plugins(tuple(sys.path), environment())["roots"]]


@functools.lru_cache(maxsize=4)
def _plugins(path: tuple[str, ...], stamp: str | None) -> dict[str, Any]:
    """What the distributions of the environment ``stamp`` add (one reading a process)."""
    keeping = _keeping()
    kept: dict[str, Any] = {}
    if stamp is not None and keeping is not None:
        try:
            kept = json.loads(keeping.read_text(encoding="utf-8"))
            found = kept["environments"][stamp]
            if isinstance(found["groups"], dict) and isinstance(found["roots"], list):
                return found  # type: ignore[no-any-return]
        except (OSError, ValueError, KeyError, TypeError):
            kept = kept if isinstance(kept, dict) else {}
    found = _read_entry_points()
    if stamp is not None and keeping is not None:
        _keep(keeping, kept, stamp, found)
    return found


def _read_entry_points() -> dict[str, Any]:
    from importlib.metadata import entry_points

    every = entry_points()
    groups = {
        group: [[entry.name, entry.value] for entry in every.select(group=group)]
        for group in sorted(every.groups)
        if group.startswith(GROUP_PREFIX)
    }
    roots: list[str] = []
    for group in sorted(groups):
        for _, value in groups[group]:
            roots += _module_files(value.partition(":")[0].strip().partition(".")[0])
    return {"groups": groups, "roots": sorted(set(roots))}


def _module_files(top: str) -> list[str]:
    """Where the top-level module ``top`` lives (found, not imported)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return []
    if spec is None:
        return []
    if spec.submodule_search_locations:
        return [os.path.realpath(p) for p in spec.submodule_search_locations]
    return [os.path.realpath(spec.origin)] if spec.origin and spec.has_location else []


def _keeping() -> Path | None:
    """The file that keeps the readings of this Python's environments, if there is one."""
    from minutekit import user_cache

    return user_cache.file_for("entry-points", sys.prefix)


def _keep(keeping: Path, kept: dict[str, Any], stamp: str, found: dict[str, Any]) -> None:
    """Add ``found`` under ``stamp`` (the latest few kept), written whole or not at all."""
    environments = kept.get("environments")
    if not isinstance(environments, dict):
        environments = {}
    environments.pop(stamp, None)
    environments[stamp] = found
    recent = dict(list(environments.items())[-_KEPT:])
    from minutekit import user_cache

    user_cache.write(keeping, json.dumps({"environments": recent}))
