"""Snapshot fixtures: one real ``.json`` or ``.txt`` file per snapshot."""

from __future__ import annotations

import pytest
from syrupy.extensions.json import JSONSnapshotExtension
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode


class TextSnapshotExtension(SingleFileSnapshotExtension):
    """One ``.txt`` snapshot file per test, so a review reads a plain diff."""

    _write_mode = WriteMode.TEXT
    file_extension = "txt"


@pytest.fixture
def json_snapshot(snapshot):  # type: ignore[no-untyped-def]
    return snapshot.use_extension(JSONSnapshotExtension)


@pytest.fixture
def text_snapshot(snapshot):  # type: ignore[no-untyped-def]
    return snapshot.use_extension(TextSnapshotExtension)
