"""The output formats: every module of ``minutekit.converters``, discovered.

The modules live in the project's ``converters/`` folder, installed as
``minutekit.converters``. A format module has ``FORMAT`` (the ``--to`` name),
``SUFFIX`` (of the output file), ``MEDIA_TYPE``, a docstring whose first line
describes it, and either:

- ``convert(item, options) -> bytes``: one output document per agenda item; or
- ``convert_batch(items, options) -> dict[str, bytes]``: one set of files for a whole
  batch (``items`` is a sequence of ``(item, item_id)`` pairs), named by the keys; and,
  so that a batch of any size streams, ``records(item, item_id)`` (what one item adds,
  small and picklable, made in the worker that parsed it) and ``BatchWriter(folder,
  options, inputs)`` with ``add(record)``, ``commit()`` and ``abort()``.

Other packages add formats through the entry
point group ``minutekit.converters``, each entry naming such a module. A format name
defined twice is refused.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

import attrs

from minutekit import registry
from minutekit.convert import ConversionError, ConvertOptions, InputFiles
from minutekit.model import AgendaItem, MeetingFile

PACKAGE = "minutekit.converters"

__all__ = [
    "ENTRY_POINT_GROUP",
    "PACKAGE",
    "BatchFormat",
    "Converter",
    "DocumentFormat",
    "FormatModule",
    "available",
    "get",
]

ENTRY_POINT_GROUP = "minutekit.converters"


class FormatModule(Protocol):
    """What every format module has."""

    __name__: str
    __doc__: str | None
    FORMAT: str
    SUFFIX: str
    MEDIA_TYPE: str


class DocumentFormat(FormatModule, Protocol):
    """A format of one document per item (a module may add ``convert_meeting`` too)."""

    def convert(self, item: AgendaItem, options: ConvertOptions) -> bytes: ...


class BatchWriter(Protocol):
    """Writes a batch format's files as records come, whole or not at all."""

    def add(self, record: Any) -> None: ...
    def commit(self) -> Any: ...
    def abort(self) -> None: ...


class BatchFormat(FormatModule, Protocol):
    """A format of one set of files for a whole batch (csv)."""

    def convert_batch(
        self, items: Sequence[tuple[AgendaItem, str]], options: ConvertOptions
    ) -> Mapping[str, bytes]: ...

    def records(self, item: AgendaItem, item_id: str) -> Any: ...

    def BatchWriter(
        self, folder: Path, options: ConvertOptions, inputs: InputFiles
    ) -> BatchWriter: ...


@attrs.frozen
class Converter:
    """One output format."""

    format: str
    suffix: str
    media_type: str
    description: str
    module: ModuleType = attrs.field(repr=False, eq=False)

    @property
    def batch(self) -> bool:
        """Whether the format writes one set of files for the whole batch."""
        return hasattr(self.module, "convert_batch")

    def convert(self, item: AgendaItem, options: ConvertOptions) -> bytes:
        document: DocumentFormat = self.module
        return document.convert(item, options)

    def convert_meeting(self, meeting: MeetingFile, options: ConvertOptions) -> bytes:
        """A whole-meeting file's items in one output (formats that can write one)."""
        if not hasattr(self.module, "convert_meeting"):
            raise ConversionError(
                f"the {self.format} format cannot write a file that holds several items"
            )
        data: bytes = self.module.convert_meeting(meeting, options)
        return data

    def meeting_records(self, meeting: MeetingFile, item_id: str) -> Any:
        """A batch format's rows for every item of a whole-meeting file ("<id>-1", …)."""
        merged: dict[str, list[Any]] = {}
        for number, item in enumerate(meeting.items, start=1):
            for table, rows in self.module.records(item, f"{item_id}-{number}").items():
                merged.setdefault(table, []).extend(rows)
        return merged

    def convert_batch(
        self, items: Sequence[tuple[AgendaItem, str]], options: ConvertOptions
    ) -> Mapping[str, bytes]:
        batch: BatchFormat = self.module
        return batch.convert_batch(items, options)

    def records(self, item: AgendaItem, item_id: str) -> Any:
        batch: BatchFormat = self.module
        return batch.records(item, item_id)

    def open_batch(self, folder: Path, options: ConvertOptions, inputs: InputFiles) -> BatchWriter:
        batch: BatchFormat = self.module
        return batch.BatchWriter(folder, options, inputs)


def _converter_from(module: ModuleType) -> Converter:
    for constant in ("FORMAT", "SUFFIX", "MEDIA_TYPE"):
        if not hasattr(module, constant):
            raise TypeError(f"converter module {module.__name__} has no {constant}")
    if hasattr(module, "convert") == hasattr(module, "convert_batch"):
        raise TypeError(f"converter module {module.__name__} needs convert or convert_batch")
    if hasattr(module, "convert_batch") and not (
        hasattr(module, "records") and hasattr(module, "BatchWriter")
    ):
        raise TypeError(f"batch converter module {module.__name__} needs records and BatchWriter")
    return Converter(
        format=module.FORMAT,
        suffix=module.SUFFIX,
        media_type=module.MEDIA_TYPE,
        description=(module.__doc__ or module.FORMAT).strip().splitlines()[0],
        module=module,
    )


@functools.cache
def available() -> dict[str, Converter]:
    """Every format: this package's modules, then those of installed plugins."""
    found = registry.modules(PACKAGE, ENTRY_POINT_GROUP)
    formats = registry.discover("output format", found, _converter_from, lambda c: (c.format,))
    return dict(sorted(formats.items()))


def get(name: str) -> Converter:
    return available()[name]
