"""Configuration: ``[tool.minutekit]`` in ``pyproject.toml``, or ``.minutekit.toml``.

For each file, the nearest configuration above it applies: the folders from the file's
own up to the root are searched, and in each a ``.minutekit.toml`` wins over a
``pyproject.toml`` that has a ``[tool.minutekit]`` table (a ``pyproject.toml`` without
one is passed over). ``--config FILE`` names one file for every input instead.

Keys (all optional)::

    select = ["MK101", "missing-resolved"]      # run only these rules (codes or names)
    ignore = ["MK301"]                           # never run these
    exclude = ["drafts/", "*.old.txt"]           # files not checked at all
    baseline = "minutekit-baseline.json"         # findings accepted (see --baseline)
    profile = "moderngov"                        # the house style (see minutekit.profiles)
    [profiles.borsetshire]                       # a council's own profile
    require = ["title", "resolved"]
    [severity]                                   # a rule's severity: error, warning, info
    MK106 = "error"
    [per-path."archive/**"]                      # for matching files, on top of the above
    ignore = ["MK104"]
    severity = { missing-contact = "info" }

Patterns are relative to the configuration file's folder: one without a ``/`` matches
a file name anywhere; one ending in ``/`` matches everything under that folder; ``*``
matches within a name, ``**`` across folders. A bad configuration is a
:class:`ConfigError` naming the file, the key, what was expected and what was found.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from minutekit.diagnostics import Severity
from minutekit.profiles import BUILT_IN, PARTS, Profile
from minutekit.selection import Selection

__all__ = [
    "NESTED_TOO_DEEPLY",
    "ConfigError",
    "Override",
    "Resolver",
    "Settings",
    "for_file",
    "forget",
    "load",
    "matches",
    "toml_document",
]

DEDICATED = ".minutekit.toml"
PYPROJECT = "pyproject.toml"
_KEYS = {"select", "ignore", "exclude", "severity", "per-path", "baseline", "profile", "profiles"}
_OVERRIDE_KEYS = {"select", "ignore", "severity"}


class ConfigError(Exception):
    """A configuration file that cannot be used; the message says where and why."""


@functools.lru_cache(maxsize=256)
def _pattern(glob: str) -> re.Pattern[str]:
    if glob.endswith("/"):
        glob += "**"
    anywhere = "/" not in glob
    out = []
    i = 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    body = "".join(out).lstrip("/") if not anywhere else "".join(out)
    return re.compile(("(?:.*/)?" if anywhere else "") + body + r"\Z")


def matches(patterns: Iterable[str], path: Path, root: Path) -> bool:
    """Whether ``path`` matches one of ``patterns`` (the ``exclude`` syntax), taken
    relative to ``root`` (the path as given when it is not under ``root``)."""
    patterns = tuple(patterns)
    if not patterns:
        return False
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        relative = path.as_posix()
    return any(_pattern(p).match(relative) for p in patterns)


@attrs.frozen
class Override:
    """Settings for the files that ``pattern`` matches."""

    pattern: str
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()

    def matches(self, relative: str) -> bool:
        return bool(_pattern(self.pattern).match(relative))


@attrs.frozen
class Settings:
    """The effective configuration for a file."""

    #: The configuration file, or None for the defaults.
    source: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    per_path: tuple[Override, ...] = ()
    #: The baseline file, relative to the configuration's folder.
    baseline: str | None = None
    #: The profile's name, and the profiles this file defines.
    profile: str | None = None
    profiles: tuple[Profile, ...] = ()

    def profile_named(self, name: str | None) -> Profile:
        """The profile ``name`` (this file's own first, then the built-in ones)."""
        wanted = name or self.profile or "seeds"
        for profile in self.profiles:
            if profile.name == wanted:
                return profile
        if wanted in BUILT_IN:
            return BUILT_IN[wanted]
        names = ", ".join(sorted({*BUILT_IN, *(p.name for p in self.profiles)}))
        where = f"{self.source}: 'profile'" if name is None and self.source else "--profile"
        raise ConfigError(f"{where}: expected one of {names}, found {wanted!r}")

    @property
    def baseline_path(self) -> Path | None:
        if self.baseline is None:
            return None
        return (self.root or Path.cwd()) / self.baseline

    @property
    def root(self) -> Path | None:
        return self.source.parent if self.source is not None else None

    def _relative(self, path: Path) -> str | None:
        if self.root is None:
            return path.as_posix()
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None

    def excluded(self, path: Path) -> bool:
        if not self.exclude:
            return False
        relative = self._relative(path)
        return relative is not None and any(_pattern(p).match(relative) for p in self.exclude)

    def for_path(
        self, path: Path
    ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, Severity], ...]]:
        """(select, ignore, severities) for ``path``, per-path overrides applied in order."""
        select, ignore, severity = self.select, self.ignore, self.severity
        if not self.per_path:
            return select, ignore, severity
        relative = self._relative(path)
        for override in self.per_path:
            if relative is not None and override.matches(relative):
                select = override.select or select
                ignore = ignore + override.ignore
                severity = override.severity + severity  # the first match of a key wins
        return select, ignore, severity

    def to_jsonable(self) -> dict[str, Any]:
        def severities(pairs: Iterable[tuple[str, Severity]]) -> dict[str, str]:
            return {key: str(level) for key, level in pairs}

        return {
            "config": str(self.source) if self.source else None,
            "select": list(self.select),
            "ignore": list(self.ignore),
            "exclude": list(self.exclude),
            "baseline": str(self.baseline_path) if self.baseline_path else None,
            "profile": self.profile or "seeds",
            "severity": severities(self.severity),
            "per-path": {
                o.pattern: {
                    "select": list(o.select),
                    "ignore": list(o.ignore),
                    "severity": severities(o.severity),
                }
                for o in self.per_path
            },
        }


def _fail(path: Path, key: str, expected: str, found: object) -> ConfigError:
    return ConfigError(f"{path}: '{key}': expected {expected}, found {found!r}")


def _rule_list(path: Path, key: str, value: object) -> tuple[str, ...]:
    from minutekit import rules

    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, key, "a list of rule codes or names", value)
    for entry in value:
        if rules.find(entry) is None:
            raise _fail(path, key, "rule codes or names (see 'minutekit rules')", entry)
    return tuple(value)


def _severities(path: Path, key: str, value: object) -> tuple[tuple[str, Severity], ...]:
    from minutekit import rules

    if not isinstance(value, dict):
        raise _fail(path, key, "a table of rule = severity", value)
    pairs = []
    for rule_key, level in value.items():
        rule = rules.find(rule_key)
        if rule is None:
            raise _fail(path, f"{key}.{rule_key}", "a rule code or name as the key", rule_key)
        if not isinstance(level, str):
            raise _fail(path, f"{key}.{rule_key}", "error, warning or info", level)
        try:
            pairs.append((rule.code, Severity.parse(level)))
        except ValueError:
            raise _fail(path, f"{key}.{rule_key}", "error, warning or info", level) from None
    return tuple(pairs)


def _settings(path: Path, table: Mapping[str, Any], prefix: str) -> Settings:
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise _fail(
            path, prefix + unknown[0], f"one of the keys {', '.join(sorted(_KEYS))}", unknown[0]
        )
    exclude = table.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(e, str) for e in exclude):
        raise _fail(path, prefix + "exclude", "a list of path patterns", exclude)
    baseline = table.get("baseline")
    if baseline is not None and not isinstance(baseline, str):
        raise _fail(path, prefix + "baseline", "a file name", baseline)
    profile = table.get("profile")
    if profile is not None and not isinstance(profile, str):
        raise _fail(path, prefix + "profile", "a profile name", profile)
    profiles = _profiles(path, prefix + "profiles", table.get("profiles", {}))
    per_path = table.get("per-path", {})
    if not isinstance(per_path, dict):
        raise _fail(path, prefix + "per-path", "a table of pattern = settings", per_path)
    overrides = []
    for pattern, entry in per_path.items():
        where = f"{prefix}per-path.{pattern}"
        if not isinstance(entry, dict):
            raise _fail(path, where, "a table with select, ignore or severity", entry)
        extra = sorted(set(entry) - _OVERRIDE_KEYS)
        if extra:
            raise _fail(path, f"{where}.{extra[0]}", "select, ignore or severity", extra[0])
        overrides.append(
            Override(
                pattern,
                _rule_list(path, f"{where}.select", entry.get("select", [])),
                _rule_list(path, f"{where}.ignore", entry.get("ignore", [])),
                _severities(path, f"{where}.severity", entry.get("severity", {})),
            )
        )
    settings = Settings(
        source=path,
        select=_rule_list(path, prefix + "select", table.get("select", [])),
        ignore=_rule_list(path, prefix + "ignore", table.get("ignore", [])),
        exclude=tuple(exclude),
        severity=_severities(path, prefix + "severity", table.get("severity", {})),
        per_path=tuple(overrides),
        baseline=baseline,
        profile=profile,
        profiles=profiles,
    )
    if profile is not None:
        settings.profile_named(None)  # an unknown name is an error now, naming the file
    return settings


def _profiles(path: Path, key: str, value: object) -> tuple[Profile, ...]:
    if not isinstance(value, dict):
        raise _fail(path, key, "a table of profile name = settings", value)
    profiles = []
    for name, entry in value.items():
        where = f"{key}.{name}"
        if not isinstance(entry, dict):
            raise _fail(path, where, "a table with require and description", entry)
        extra = sorted(set(entry) - {"require", "description", "headings", "owners"})
        if extra:
            raise _fail(
                path, f"{where}.{extra[0]}", "require, description, headings or owners", extra[0]
            )
        require = entry.get("require", [])
        if not isinstance(require, list) or not all(r in PARTS for r in require):
            raise _fail(
                path, f"{where}.require", f"a list of parts from {', '.join(PARTS)}", require
            )
        description = entry.get("description", f"the profile {name}")
        if not isinstance(description, str):
            raise _fail(path, f"{where}.description", "text", description)
        owners = entry.get("owners", [])
        if not isinstance(owners, list) or not all(isinstance(o, str) and o for o in owners):
            raise _fail(path, f"{where}.owners", "a list of post names", owners)
        headings = _headings(path, f"{where}.headings", entry.get("headings", {}))
        profiles.append(Profile(name, description, tuple(require), headings, tuple(owners)))
    return tuple(profiles)


def _headings(path: Path, key: str, value: object) -> tuple[tuple[str, str], ...]:
    from minutekit.grammar import HEADING_TERMINALS

    parts = ", ".join(HEADING_TERMINALS)
    if not isinstance(value, dict):
        raise _fail(path, key, f"a table of part = [headings] (parts: {parts})", value)
    pairs = []
    for part, spellings in value.items():
        if part not in HEADING_TERMINALS:
            raise _fail(path, f"{key}.{part}", f"one of {parts}", part)
        if not isinstance(spellings, list) or not all(
            isinstance(h, str) and h.strip() for h in spellings
        ):
            raise _fail(path, f"{key}.{part}", "a list of headings as written", spellings)
        pairs += [(part, " ".join(h.split())) for h in spellings]
    return tuple(pairs)


#: Why a document nested deeper than Python's parsers recurse is not read.
NESTED_TOO_DEEPLY = "it nests too deeply"


def toml_document(text: str) -> dict[str, Any]:
    """The TOML document ``text``, or a ValueError saying why it is not one: tomllib's
    (a TOMLDecodeError), or that it nests deeper than the parser, which recurses, can go."""
    import tomllib  # only where there is a configuration file to read

    try:
        return tomllib.loads(text)
    except RecursionError:
        raise ValueError(NESTED_TOO_DEEPLY) from None


#: A configuration file is read up to this size (a device such as /dev/zero has no end).
_MOST_BYTES = 16 << 20


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = handle.read(_MOST_BYTES + 1)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    if len(data) > _MOST_BYTES:
        raise ConfigError(
            f"{path}: cannot read: larger than {_MOST_BYTES >> 20} MB, more than a"
            " configuration holds"
        )
    try:
        return toml_document(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid TOML: the file is not UTF-8") from None
    except ValueError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None


def load(path: Path) -> Settings:
    """The settings in ``path`` (a ``pyproject.toml`` or a dedicated file)."""
    document = _read(path)
    if path.name == PYPROJECT:
        table = document.get("tool", {}).get("minutekit")
        if table is None:
            raise ConfigError(f"{path}: no [tool.minutekit] table")
        return _settings(path, table, "tool.minutekit.")
    return _settings(path, document, "")


#: A file's stamp: its kind, size and modification time, or None when there is none.
_Stamp = tuple[int, int, int] | None
#: What the lookup from each folder found, with the stamps of the files it looked at.
_FOUND: dict[Path, tuple[tuple[tuple[Path, _Stamp], ...], Settings]] = {}


def _stamp(path: Path) -> _Stamp:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_mode, found.st_size, found.st_mtime_ns


def _for_folder(folder: Path, looked: list[str] | None = None) -> Settings:
    """The nearest configuration at or above ``folder``.

    A lookup is made again only when a file it looked at has changed (its stamp): a
    program that checks files one call at a time reads each configuration once, and
    still sees it edited. Each file is stamped before it is read, so an edit while it
    is read is seen next time. ``looked`` is given the files looked at (found or not).
    """
    known = _FOUND.get(folder)
    if known is None or not all(_stamp(path) == stamp for path, stamp in known[0]):
        stamps: list[tuple[Path, _Stamp]] = []
        settings = _look_up(folder, stamps)
        known = _FOUND[folder] = (tuple(stamps), settings)
    if looked is not None:
        looked += (str(path) for path, _ in known[0])
    return known[1]


def _look_up(folder: Path, looked: list[tuple[Path, _Stamp]]) -> Settings:
    while True:
        dedicated = folder / DEDICATED
        looked.append((dedicated, stamp := _stamp(dedicated)))
        if stamp is not None and stat.S_ISREG(stamp[0]):
            return load(dedicated)
        pyproject = folder / PYPROJECT
        looked.append((pyproject, stamp := _stamp(pyproject)))
        if (
            stamp is not None
            and stat.S_ISREG(stamp[0])
            and "minutekit" in _read(pyproject).get("tool", {})
        ):
            return load(pyproject)
        if folder.parent == folder:
            return Settings()
        folder = folder.parent


def forget() -> None:
    """Drop what was read: the next lookups read the files again."""
    _FOUND.clear()


def for_file(path: Path, looked: list[str] | None = None) -> Settings:
    """The nearest configuration above ``path`` (a file, or a folder for stdin);
    ``looked`` is given the files looked at (found or not), or the folder where none
    could be looked for."""
    folder = path if os.path.isdir(path) else path.parent
    try:
        return _for_folder(folder.resolve(), looked)
    except (OSError, RuntimeError):
        if looked is not None:
            looked.append(str(folder))
        return Settings()


class Resolver:
    """Which rules run on each input: its configuration, the profile, and the options.

    The nearest configuration above each file applies (or ``config_file`` for all); the
    profile (``profile``, else the configuration's) decides which schema requirements
    are checked; ``select`` replaces the configuration's selection and ``ignore`` adds
    to it. Without ``lookup``, no file is looked for (the defaults, or ``config_file``).
    Each folder's configuration is looked up once a resolver (one run, one reading),
    and a file is read again only when it has changed since it was last read.
    A bad configuration or profile is a :class:`ConfigError`.
    """

    def __init__(
        self,
        config_file: Path | None = None,
        profile: str | None = None,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        stdin_filename: str | None = None,
        lookup: bool = True,
        exclude: Iterable[str] | None = None,
        extend_exclude: Iterable[str] = (),
    ) -> None:
        self.selected, self.ignored = tuple(select), tuple(ignore)
        #: ``--exclude`` replaces the configuration's patterns (None: keep them);
        #: ``--extend-exclude`` adds to them; both relative to the current folder.
        self.exclude = tuple(exclude) if exclude is not None else None
        self.extend_exclude = tuple(extend_exclude)
        #: What the run should be told about the selection (once each).
        self.warnings: dict[str, None] = {}
        self.profile = profile
        self.stdin_filename = stdin_filename
        #: The settings found for each folder, and the selection made of each set of
        #: settings and per-path rules (a run asks once per file; most share both).
        self._by_folder: dict[str, Settings] = {}
        self._by_path: dict[str, Settings] = {}
        self._selections: dict[tuple[Any, ...], Selection] = {}
        #: The files the settings depend on: each looked for (found or not), and the
        #: configuration named (see :mod:`minutekit.replay`).
        self.looked: list[str] = [] if config_file is None else [str(config_file)]
        self.fixed = load(config_file) if config_file is not None else None
        if self.fixed is None and not lookup:  # no file is looked for: the defaults
            self.fixed = Settings()

    def settings(self, path: str | None) -> Settings:
        """The settings for the file ``path`` (None: the current folder's)."""
        if self.fixed is not None:
            return self.fixed
        if not path:
            return for_file(Path.cwd(), self.looked)
        found = self._by_path.get(path)
        if found is None:  # a run asks for each file's settings up to three times
            folder = path if os.path.isdir(path) else os.path.dirname(path)
            found = self._by_folder.get(folder)
            if found is None:
                found = self._by_folder[folder] = for_file(Path(path), self.looked)
            self._by_path[path] = found
        return found

    @functools.cached_property
    def _chosen(self) -> frozenset[str]:
        return frozenset(self._selected_codes())

    def _selected_codes(self) -> set[str]:
        if not self.selected:
            return set()
        from minutekit import rules

        return {rule.code for key in self.selected if (rule := rules.find(key)) is not None}

    def excluded(self, path: str | None) -> bool:
        """Whether the configuration (or ``exclude``) and ``extend_exclude`` leave the file
        ``path`` (or stdin's name) unchecked."""
        where = path or self.stdin_filename
        if where is None:
            return False
        # Paths are made only where there are patterns to match (most runs have none).
        if self.exclude is None:
            settings = self.settings(where)
            if settings.exclude and settings.excluded(Path(where)):
                return True
        elif self.exclude and matches(self.exclude, Path(where), Path.cwd()):
            return True
        return bool(self.extend_exclude) and matches(self.extend_exclude, Path(where), Path.cwd())

    def selection(self, path: str | None, name: str) -> Selection:
        """The selection for the file at ``path`` (None: stdin) reported as ``name``."""
        settings = self.settings(path or self.stdin_filename)
        house = settings.profile_named(self.profile)
        file_select, file_ignore, severities = settings.for_path(Path(path or name))
        # A rule named in ``select`` runs even where the profile leaves it out (MK108).
        chosen = self._chosen
        if "MK109" in chosen and not house.owners:
            self.warnings[
                f"--select MK109: the profile '{house.name}' names no ACTION owners"
                " ('owners'), so action-owner-unknown has nothing to check them against"
                " and reports nothing (name them in the profile: see 'minutekit rule MK109')"
            ] = None
        key = (house, file_select, file_ignore, severities)
        selection = self._selections.get(key)
        if selection is None:
            selection = self._selections[key] = Selection.of(
                self.selected or file_select,
                (*(c for c in house.ignore if c not in chosen), *file_ignore, *self.ignored),
                severities,
                enable=(*house.enable, *chosen),
                headings=house.headings,
                owners=house.owners,
            )
        return selection
