"""The result cache: an unchanged file under unchanged settings is not checked again.

What checking one file found (its diagnostics and whether it is valid) is kept under a
key made of everything the findings depend on:

- the file's bytes (their SHA-256) and the name it is reported under;
- the effective settings for it: the rules selected, ignored and enabled, their
  severities and the profile's headings and owners (the :class:`Selection` the
  configuration and profile resolve to), and how it is read (encoding, input format,
  size limit);
- minutekit's version and the stamps (size, modification time) of its installed files
  and of its plugins' files, and a stamp of the installed distributions, so that an
  upgrade, an edited rule or an installed, removed or edited plugin never serves an old
  finding.

Entries live in the project's ``.minutekit_cache/`` (or ``--cache-dir``), which holds a
``.gitignore`` so that it is never committed; ``--no-cache`` or ``MINUTEKIT_NO_CACHE=1``
turns the cache off and ``minutekit clean`` removes it. Entries are JSON, never pickles
(a cache folder can come with a cloned repository), each written whole by a rename, so
a concurrent run sees a whole entry or none; an entry that cannot be read or does not
hold what is expected is ignored and the file checked again: the cache is never fatal.

A hit needs only this module, the diagnostics and the selection: none of the grammar,
lark, jsonschema or lxml is loaded for it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from minutekit import __version__, registry
from minutekit.diagnostics import Diagnostic, Edit, Severity

if TYPE_CHECKING:
    from minutekit.batch import Outcome, Reading, Task

__all__ = ["DEFAULT_FOLDER", "ResultCache", "clean", "folder", "installed_stamp"]

DEFAULT_FOLDER = ".minutekit_cache"
#: Bumped when an entry's layout changes.
_LAYOUT = "2"
_GITIGNORE = "# Made by minutekit: its result cache, never committed.\n*\n"


def folder(cache_dir: Path | None = None, enabled: bool = True) -> Path | None:
    """Where results are cached (``cache_dir``, or the current project's
    ``.minutekit_cache``), or None when the cache is off."""
    if not enabled or os.environ.get("MINUTEKIT_NO_CACHE"):
        return None
    return cache_dir if cache_dir is not None else Path.cwd() / DEFAULT_FOLDER


def clean(cache_dir: Path | None = None) -> bool:
    """Remove the cache folder; whether there was one."""
    path = cache_dir if cache_dir is not None else Path.cwd() / DEFAULT_FOLDER
    if not path.is_dir():
        return False
    import shutil

    shutil.rmtree(path, ignore_errors=True)
    return True


@functools.cache
def installed_stamp() -> str:
    """A digest of minutekit's installed files and its plugins' (path, size, modification
    time), and of the installed distributions (see :func:`minutekit.registry.environment`)."""
    roots = [Path(__file__).resolve().parent]
    for package in ("minutekit.converters", "minutekit.schemas"):  # installed apart
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.submodule_search_locations:
            roots += [Path(p).resolve() for p in spec.submodule_search_locations]
    roots += registry.plugin_roots()
    digest = hashlib.sha256(f"{__version__}\0{registry.environment()}".encode())
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
                line = f"{os.path.relpath(path, base)}\0{stat.st_size}\0{stat.st_mtime_ns}\n"
                digest.update(line.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _canonical(value: Any) -> Any:
    """``value`` as JSON that does not depend on set order."""
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


def _diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    return {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "severity": int(d.severity),
        "code": d.code,
        "name": d.name,
        "message": d.message,
        "fingerprint": d.fingerprint,
        "edits": [[e.line, e.column, e.end_column, e.replacement] for e in d.edits],
        "place": None if d.place is None else attrs.asdict(d.place),
    }


def _diagnostic(entry: dict[str, Any]) -> Diagnostic:
    from minutekit.positions import Place  # only a file read by another reader has places

    place = entry["place"]
    return Diagnostic(
        path=entry["path"],
        line=entry["line"],
        column=entry["column"],
        severity=Severity(entry["severity"]),
        code=entry["code"],
        name=entry["name"],
        message=entry["message"],
        fingerprint=entry["fingerprint"],
        edits=tuple(Edit(*edit) for edit in entry["edits"]),
        place=None if place is None else Place(**place),
    )


class ResultCache:
    """The cached outcomes in ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        #: The settings' part of the key for each (selection, reading) seen, by identity
        #: (a run shares one selection among the files of a folder); each pair is kept
        #: alive with its text, so that an identity is never reused.
        self._settings: dict[tuple[int, int], tuple[Any, Any, str]] = {}

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

    def key(self, data: bytes, task: Task, reading: Reading) -> str:
        settings = self._settings_text(task.selection, reading)
        material = "\0".join(
            (hashlib.sha256(data).hexdigest(), task.name, settings, installed_stamp())
        )
        return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()

    def _entry(self, key: str) -> Path:
        return self.path / key[:2] / f"{key[2:]}.json"

    def get(self, key: str) -> tuple[tuple[Diagnostic, ...], bool] | None:
        """The diagnostics and validity stored under ``key``, or None (absent, unreadable)."""
        try:
            stored = json.loads(self._entry(key).read_text(encoding="utf-8"))
            if stored["key"] != key:
                return None
            return tuple(_diagnostic(d) for d in stored["diagnostics"]), bool(stored["valid"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, diagnostics: tuple[Diagnostic, ...], valid: bool) -> None:
        """Store an outcome, whole or not at all; a cache that cannot be written is skipped."""
        entry = {
            "key": key,
            "valid": valid,
            "diagnostics": [_diagnostic_json(d) for d in diagnostics],
        }
        import tempfile

        try:
            self._prepare()
            target = self._entry(key)
            target.parent.mkdir(exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".entry-")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(entry, out, ensure_ascii=False)
                os.replace(temporary, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError:
            pass

    def _prepare(self) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        ignore = self.path / ".gitignore"
        if not ignore.exists():
            ignore.write_text(_GITIGNORE, encoding="utf-8")

    def held(self, task: Task, reading: Reading) -> Outcome | None:
        """``task``'s outcome when the cache holds it; None when not, or when the file
        cannot be read (checking it says why)."""
        from minutekit.batch import Outcome, read

        data = read(task, reading.max_size)
        hit = None if isinstance(data, str) else self.get(self.key(data, task, reading))
        return None if hit is None else Outcome(task.name, hit[0], hit[1])

    def check(self, task: Task, reading: Reading, work: Callable[[Task], Outcome]) -> Outcome:
        """``work(task)``'s outcome, from the cache when it holds it (stored when not)."""
        from minutekit.batch import Outcome, read

        data = read(task, reading.max_size)
        if isinstance(data, str):
            return Outcome(task.name, error=data)
        key = self.key(data, task, reading)
        hit = self.get(key)
        if hit is not None:
            return Outcome(task.name, hit[0], hit[1])
        outcome = work(attrs.evolve(task, data=data))
        if outcome.error is None:
            self.put(key, outcome.diagnostics, outcome.valid)
        return outcome
