"""Conversion stage: what every output format shares.

Takes a validated :class:`~minutekit.model.AgendaItem` and :class:`ConvertOptions`.
Guarantees: the generation date is injectable and honours ``SOURCE_DATE_EPOCH``, so
the same input gives the same bytes; an item's id is the file stem unless given; files
are written whole or not at all (a temporary file in the same folder, then a rename)
and never over one of the inputs. Never decides whether an item may be converted:
the caller does, from the item's diagnostics.
"""

from __future__ import annotations

import datetime
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs

from minutekit.model import AgendaItem

__all__ = [
    "ConversionError",
    "ConvertOptions",
    "generation_date",
    "item_id_for",
    "parse_locality",
    "write_atomic",
]

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_LOCALITY = re.compile(r"^(?:GB-)?(?P<code>[A-Z]{3})$", re.IGNORECASE)


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


def item_id_for(item: AgendaItem) -> str:
    """The file stem, made safe for a URI; for standard input, a hash of the bytes."""
    name = item.source.name
    if name in ("-", "<stdin>"):
        return item.source.sha256[:16]
    stem = Path(name).name.removesuffix(".txt")
    return _ID_UNSAFE.sub("-", stem).strip("-") or item.source.sha256[:16]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def write_atomic(path: Path, data: bytes, inputs: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``path`` whole or not at all, refusing to replace an input."""
    for source in inputs:
        if _same_file(path, source) or path.resolve() == source.resolve():
            raise ConversionError(f"refusing to write '{path}': it is one of the inputs")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
