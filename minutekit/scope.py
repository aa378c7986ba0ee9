"""Scope: which files a run checks.

Takes the paths named on the command line. Guarantees:

- a folder is walked for the files a reader takes (``*.txt``, ``*.docx``…, in any case:
  ``.TXT`` too), sorted,
  skipping hidden folders, the files and folders that ``.gitignore`` files ignore (those
  of the folder's ancestors up to the repository's root, and those met on the way, with
  git's own rules, read by :mod:`pathspec`), and what the caller excludes;
- a path named twice, or through an alias (``seeds/x.txt``, ``./seeds/x.txt``,
  ``seeds/../seeds/x.txt``, a folder and a file in it), is checked once, under the name
  it was first given;
- a named folder that yields no file to check is :attr:`Scope.empty`, so the caller can
  say so and fail (a typo in CI must not pass).

Never reads a file's content, and never decides a file's rules (see :mod:`minutekit.config`).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    import pathspec

__all__ = ["SUFFIX", "GitIgnore", "Scope", "is_minutes_file", "key_of"]

SUFFIX = ".txt"
GITIGNORE = ".gitignore"


def is_minutes_file(name: str, suffixes: tuple[str, ...] = (SUFFIX,)) -> bool:
    """Whether a file found in a folder walk is one to check (a reader's suffix, any case)."""
    return name.lower().endswith(_lowered(suffixes))


@functools.cache
def _lowered(suffixes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(s.lower() for s in suffixes)


def key_of(path: str) -> str:
    """What two names of the same file share (symlinks and ``..`` resolved)."""
    return os.path.realpath(path)


@attrs.frozen
class _Rules:
    base: Path
    spec: pathspec.GitIgnoreSpec


class GitIgnore:
    """The ``.gitignore`` rules that apply in a folder walk, git's way: deeper files
    override shallower ones, a later line overrides an earlier one, ``!`` re-includes."""

    def __init__(self) -> None:
        self._cache: dict[Path, _Rules | None] = {}
        #: Each folder's chain of rules, made once a walk (every file of a folder asks).
        self._chains: dict[Path, list[_Rules]] = {}
        #: Each ``.gitignore`` and ``.git`` looked at, found or not.
        self.looked: list[str] = []

    def _rules(self, folder: Path) -> _Rules | None:
        if folder not in self._cache:
            rules = None
            self.looked.append(str(folder / GITIGNORE))
            try:
                lines = (folder / GITIGNORE).read_text(encoding="utf-8", errors="replace")
            except OSError:
                lines = None
            if lines is not None:
                import pathspec  # only where there is a .gitignore to read

                spec = pathspec.GitIgnoreSpec.from_lines(lines.splitlines())
                rules = _Rules(folder, spec)
            self._cache[folder] = rules
        return self._cache[folder]

    def _chain(self, folder: Path) -> list[_Rules]:
        """The rules of ``folder`` and of its ancestors up to the repository's root."""
        known = self._chains.get(folder)
        if known is None:
            known = self._chains[folder] = self._chain_of(folder)
        return known

    def _chain_of(self, folder: Path) -> list[_Rules]:
        chain = []
        for current in (folder, *folder.parents):
            rules = self._rules(current)
            if rules is not None:
                chain.append(rules)
            marker = current / ".git"
            self.looked.append(str(marker))
            if marker.exists():
                break
        return chain[::-1]

    def any_in(self, folder: Path) -> bool:
        """Whether any rules apply in ``folder`` (else nothing in it is ignored)."""
        return bool(self._chain(folder))

    def ignored(self, path: Path, is_dir: bool) -> bool:
        verdict = False
        for rules in self._chain(path.parent):
            relative = path.relative_to(rules.base).as_posix() + ("/" if is_dir else "")
            result = rules.spec.check_file(relative)
            if result.include is not None:
                verdict = result.include
        return verdict


@attrs.define
class Scope:
    """The files of one run, found from the named paths."""

    #: Called with a path; True when the configuration or the options exclude it.
    excluded: Callable[[str], bool] = lambda path: False
    #: Called with a message when a folder cannot be read.
    on_error: Callable[[str], None] = lambda message: None
    gitignore: bool = True
    #: The suffixes a folder walk takes (those of the readers).
    suffixes: tuple[str, ...] = (SUFFIX,)
    #: The named folders that gave no file to check.
    empty: list[str] = attrs.field(factory=list)
    #: Each folder walked (its stamp changes when an entry comes or goes).
    walked: list[str] = attrs.field(factory=list)
    _seen: set[str] = attrs.field(factory=set)
    _ignore: GitIgnore = attrs.field(factory=GitIgnore)

    def first_time(self, path: str) -> bool:
        """Whether ``path`` is met for the first time in this run (then remembered)."""
        key = key_of(path)
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def files_under(self, directory: Path, shown: str) -> Iterator[str]:
        """The files to check under ``directory`` (``shown`` names it in messages), each
        named as ``directory / relative path`` would name it, in that order."""
        top = str(directory)
        # os.walk names the folders under "." "./x"; a Path names them "x".
        prefix = "" if top == os.curdir else top
        absolute = os.path.abspath(top)
        found: list[str] = []
        for root, dirs, files in os.walk(top, onerror=self._walk_error):
            self.walked.append(root)
            relative = root[len(top) :].lstrip(os.sep)
            here = os.path.join(prefix, relative) if relative else prefix
            where = os.path.join(absolute, relative) if relative else absolute
            # The .gitignore rules are looked at only where a folder has some.
            ignore = self.gitignore and self._ignore.any_in(Path(where))
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".")
                and not (ignore and self._ignore.ignored(Path(where, d), is_dir=True))
                and not self.excluded(os.path.join(here, d))
            )
            for name in files:
                if not is_minutes_file(name, self.suffixes):
                    continue
                if ignore and self._ignore.ignored(Path(where, name), is_dir=False):
                    continue
                path = os.path.join(here, name)
                if self.excluded(path):
                    continue
                found.append(path)
        # Sorted as paths are (part by part), each file once: a file that is not a link
        # is known by its folder's real path (as key_of would find, with fewer calls).
        found.sort(key=lambda path: path.split(os.sep))
        reals: dict[str, str] = {}
        kept = []
        for path in found:
            folder, name = os.path.split(path)
            if os.path.islink(path):
                key = key_of(path)
            else:
                real = reals.get(folder)
                if real is None:
                    real = reals[folder] = key_of(folder or os.curdir)
                key = os.path.join(real, name)
            if key not in self._seen:
                self._seen.add(key)
                kept.append(path)
        if not found:
            self.empty.append(shown)
        yield from kept

    @property
    def looked(self) -> list[str]:
        """The paths whose state decided which files the walks found: each folder
        walked, each ``.gitignore`` and ``.git`` looked at (see :mod:`minutekit.replay`)."""
        return [*self.walked, *self._ignore.looked]

    def _skipped(self, absolute: Path, is_dir: bool) -> bool:
        return self.gitignore and self._ignore.ignored(absolute, is_dir)

    def _walk_error(self, error: OSError) -> None:
        name = str(error.filename).encode("utf-8", "surrogateescape")
        self.on_error(
            f"cannot read '{name.decode('utf-8', 'backslashreplace')}': {error.strerror or error}"
        )
