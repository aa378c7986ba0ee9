"""Registries: the modules of a package, plus those other packages add, by name.

Rules, output formats, readers and report formats are each found one way: every module
of their package whose name does not start with ``_``, then every module named in their
entry point group (``minutekit.rules``, ``minutekit.converters``, ``minutekit.readers``,
``minutekit.reports``) by an installed distribution. Nothing is listed by hand, and a
name claimed twice is refused, naming both modules.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Sequence
from importlib.metadata import entry_points
from types import ModuleType
from typing import TypeVar

__all__ = ["discover", "modules"]

T = TypeVar("T")


def modules(package: str | None, group: str | None) -> list[ModuleType]:
    """The public modules of ``package`` in name order, then the entry points of ``group``."""
    found: list[ModuleType] = []
    if package is not None:
        path = importlib.import_module(package).__path__
        found += [
            importlib.import_module(info.name)
            for info in sorted(pkgutil.iter_modules(path, prefix=f"{package}."), key=_name)
            if not info.name.rpartition(".")[2].startswith("_")
        ]
    if group is not None:
        found += [entry.load() for entry in entry_points(group=group)]
    return found


def _name(info: pkgutil.ModuleInfo) -> str:
    return info.name


def discover(
    what: str,
    found: Iterable[ModuleType],
    make: Callable[[ModuleType], T],
    keys: Callable[[T], Sequence[str]],
) -> dict[str, T]:
    """Each module made into an entry (``make``), keyed by the first of its ``keys``.

    Every key (a rule has two: its code and its name) must be unique across all the
    modules; a second claim is a :class:`ValueError` naming ``what`` and both modules.
    """
    entries: dict[str, T] = {}
    owners: dict[str, str] = {}
    for module in found:
        entry = make(module)
        names = keys(entry)
        for key in names:
            if key in owners:
                raise ValueError(
                    f"{what} {key!r} is defined twice ({owners[key]} and {module.__name__})"
                )
            owners[key] = module.__name__
        entries[names[0]] = entry
    return entries
