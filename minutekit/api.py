"""The Python API: validate, parse and convert minutes from a program.

What the command line does for one file, as three calls that a script, a notebook or a
batch engine (Dask, Spark, Beam) can make on each file of an archive::

    from pathlib import Path

    import minutekit

    result = minutekit.validate(Path("minutes/2024-03-12.txt"), profile="moderngov")
    result.kind            # "item", or "meeting" for a whole-meeting file
    result.diagnostics     # Diagnostic(path, line, column, severity, code, name, message)
    if result.valid:
        xml = minutekit.convert(result, to="akn")

``source`` is the file's bytes, its text (``str``: the minutes themselves, never a file
name) or its path (any ``os.PathLike``, such as :class:`pathlib.Path`).
Configuration is that of the command line: ``config`` names a configuration file; left
out, a path's nearest configuration above it applies (bytes and text have none: the
defaults). Results are frozen, picklable values, so they travel between processes.

Stability: the names in ``minutekit.__all__`` follow semantic versioning: within a major
version they are not removed or renamed and their parameters keep their meaning; new
keyword parameters may be added. Every other module is internal and may change.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from minutekit import config as configuration
from minutekit import formats, rules
from minutekit.convert import (
    ConversionError,
    ConvertOptions,
    generation_date,
    item_id_for,
    parse_locality,
)
from minutekit.diagnostics import Severity
from minutekit.model import AgendaItem
from minutekit.validate import Parsed, ValidationResult, validate_bytes

__all__ = ["Source", "convert", "convert_tables", "parse", "validate"]

#: What the API reads: a file's bytes, its text, or its path.
Source = bytes | str | os.PathLike[str]

_BYTES_NAME = "<bytes>"
_TEXT_NAME = "<text>"


def _data(source: Source, name: str | None) -> tuple[bytes, str, Path | None]:
    """The bytes of ``source``, the name to report it by, and its path if it has one."""
    if isinstance(source, bytes):
        return source, name or _BYTES_NAME, None
    if isinstance(source, str):
        return source.encode("utf-8", "surrogatepass"), name or _TEXT_NAME, None
    path = Path(source)
    return path.read_bytes(), name or str(source), path


def _rule_keys(keys: Iterable[str] | str | None, what: str) -> tuple[str, ...]:
    if keys is None:
        return ()
    wanted = (keys,) if isinstance(keys, str) else tuple(keys)
    for key in wanted:
        if rules.find(key) is None:
            raise ValueError(f"{what}: no rule {key!r} (see 'minutekit rules')")
    return wanted


def validate(
    source: Source,
    *,
    name: str | None = None,
    profile: str | None = None,
    config: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
    select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
    input_format: str | None = None,
) -> ValidationResult:
    """Check one file; return what was understood and what was found.

    ``name`` is the name diagnostics give the file (default: the path, or ``<bytes>`` /
    ``<text>``); ``profile`` a house style (``seeds``, ``moderngov`` or one of the
    configuration); ``select``/``ignore`` rule codes or names, as ``--select`` and
    ``--ignore`` take them; ``encoding`` the bytes' encoding when not UTF-8;
    ``input_format`` a reader's name (default: the one the content calls for).

    Raises :class:`OSError` for a path that cannot be read, :class:`ConfigError` for a
    configuration or profile that cannot be used, :class:`ValueError` for an unknown
    rule or input format. Never raises for anything in the file: that is a diagnostic.
    """
    if isinstance(source, str) and encoding is not None:
        raise ValueError("encoding applies to bytes and files, not to text (str)")
    from minutekit import readers

    if input_format is not None and input_format not in readers.catalogue():
        choices = ", ".join(readers.catalogue())
        raise ValueError(f"{input_format!r} is not an input format (choose from {choices})")
    data, shown, path = _data(source, name)
    resolver = configuration.Resolver(
        Path(config) if config is not None else None,
        profile,
        _rule_keys(select, "select"),
        _rule_keys(ignore, "ignore"),
        lookup=path is not None,
    )
    selection = resolver.selection(str(path) if path is not None else None, shown)
    return validate_bytes(data, shown, selection, encoding, input_format)


def parse(
    source: Source,
    *,
    name: str | None = None,
    profile: str | None = None,
    config: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
    input_format: str | None = None,
) -> Parsed:
    """What minutekit understood of one file (valid or not), without its diagnostics.

    The same reading as :func:`validate` (the profile's own headings included); its
    ``to_jsonable()`` is what ``minutekit parse`` prints.
    """
    result = validate(
        source,
        name=name,
        profile=profile,
        config=config,
        encoding=encoding,
        input_format=input_format,
    )
    return result.parsed


def _converter(to: str, batch: bool) -> formats.Converter:
    available = formats.available()
    if to not in available:
        raise ValueError(f"{to!r} is not a format (choose from {', '.join(available)})")
    converter = available[to]
    if converter.batch and not batch:
        raise ValueError(f"{to} writes several tables: use minutekit.convert_tables")
    if batch and not converter.batch:
        raise ValueError(f"{to} writes one document per file: use minutekit.convert")
    return converter


def _refuse_errors(parsed: Parsed, force: bool) -> None:
    if isinstance(parsed, ValidationResult) and not parsed.valid and not force:
        errors = sum(d.severity >= Severity.ERROR for d in parsed.diagnostics)
        raise ConversionError(
            f"'{parsed.name}' has {errors} error(s): not converted (force=True converts it anyway)"
        )


def convert(
    parsed: Parsed,
    to: str = "akn",
    *,
    force: bool = False,
    generated: datetime.date | None = None,
    meeting_date: datetime.date | None = None,
    locality: str | None = None,
    item_id: str | None = None,
) -> bytes:
    """One output document (``akn``, ``json``) for a file's item or its whole meeting.

    A :func:`validate` result with errors is refused (:class:`ConversionError`) unless
    ``force``; a :func:`parse` result is converted as it is. ``generated`` is the
    conversion date (default: today, or ``SOURCE_DATE_EPOCH``); ``locality`` an ISO
    3166-2:GB code (``GB-BRD``); ``item_id`` the id in URIs (default: the file's stem).
    A format that writes several tables (``csv``) is :func:`convert_tables`'.
    """
    converter = _converter(to, batch=False)
    _refuse_errors(parsed, force)
    options = ConvertOptions(
        generated=generated or generation_date(),
        meeting_date=meeting_date,
        locality=parse_locality(locality) if locality is not None else None,
        item_id=item_id or item_id_for(parsed.items[0]),
    )
    if parsed.meeting is not None:
        return converter.convert_meeting(parsed.meeting, options)
    return converter.convert(parsed.item, options)


def convert_tables(
    parsed: Iterable[Parsed],
    to: str = "csv",
    *,
    force: bool = False,
    generated: datetime.date | None = None,
) -> Mapping[str, bytes]:
    """The tables of a batch format (``csv``) for many files: file name → bytes.

    Each file's items are keyed by its id (its stem; ``<id>-1``, ``<id>-2``… for the
    items of a whole-meeting file). Errors are refused as by :func:`convert`.
    """
    converter = _converter(to, batch=True)
    pairs: list[tuple[AgendaItem, str]] = []
    for one in parsed:
        _refuse_errors(one, force)
        item_id = item_id_for(one.items[0])
        if one.meeting is None:
            pairs.append((one.item, item_id))
        else:
            pairs += [(item, f"{item_id}-{n}") for n, item in enumerate(one.items, start=1)]
    return converter.convert_batch(pairs, ConvertOptions(generated or generation_date()))
