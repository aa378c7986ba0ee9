"""minutekit: validate and convert the minutes of UK council meetings.

The public API (see :mod:`minutekit.api`; these names follow semantic versioning)::

    result = minutekit.validate("minutes.txt")     # or bytes, or text
    result.kind, result.items, result.diagnostics, result.valid
    xml = minutekit.convert(result, to="akn")

The pipeline, one stage per module: :mod:`minutekit.readers` (a file → text and a map
back to the original), :mod:`minutekit.parse` with the grammar in
:mod:`minutekit.grammar` (text → model), :mod:`minutekit.model`, :mod:`minutekit.schema`
and :mod:`minutekit.rules` (model → diagnostics, run by :mod:`minutekit.validate`),
converters (model → bytes), :mod:`minutekit.runs` (a whole run over many files) and
:mod:`minutekit.cli`.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from minutekit.api import Source, convert, convert_tables, parse, validate
    from minutekit.config import ConfigError
    from minutekit.convert import ConversionError
    from minutekit.diagnostics import Diagnostic, Severity
    from minutekit.model import AgendaItem, MeetingFile
    from minutekit.positions import Place
    from minutekit.validate import Parsed, ValidationResult

__all__ = [
    "AgendaItem",
    "ConfigError",
    "ConversionError",
    "Diagnostic",
    "MeetingFile",
    "Parsed",
    "Place",
    "Severity",
    "Source",
    "ValidationResult",
    "__version__",
    "convert",
    "convert_tables",
    "parse",
    "validate",
]

#: Each public name and the module that defines it, imported on first use, so that
#: ``import minutekit`` (and the command line's start) loads no stage it does not need.
_HOMES = {
    "AgendaItem": "minutekit.model",
    "ConfigError": "minutekit.config",
    "ConversionError": "minutekit.convert",
    "Diagnostic": "minutekit.diagnostics",
    "MeetingFile": "minutekit.model",
    "Parsed": "minutekit.validate",
    "Place": "minutekit.positions",
    "Severity": "minutekit.diagnostics",
    "Source": "minutekit.api",
    "ValidationResult": "minutekit.validate",
    "convert": "minutekit.api",
    "convert_tables": "minutekit.api",
    "parse": "minutekit.api",
    "validate": "minutekit.api",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'minutekit' has no attribute {name!r}")


def _function(name: str) -> property:
    """The API function ``name``, which shares its name with a stage module.

    ``minutekit.validate``, ``.parse`` and ``.convert`` are the functions of
    :mod:`minutekit.api`; the stage modules of the same names are imported by their
    full names (``from minutekit.validate import validate_bytes``). Loading such a
    module would make it the package's attribute: the setter keeps the function.
    """

    def get(package: types.ModuleType) -> Callable[..., Any]:
        function: Callable[..., Any] = getattr(importlib.import_module("minutekit.api"), name)
        return function

    def keep(package: types.ModuleType, value: object) -> None:
        if not isinstance(value, types.ModuleType):
            raise AttributeError(f"minutekit.{name} is the API function and cannot be replaced")

    return property(get, keep)


class _Package(types.ModuleType):
    validate = _function("validate")
    parse = _function("parse")
    convert = _function("convert")


sys.modules[__name__].__class__ = _Package
