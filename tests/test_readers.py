"""The reader seam: discovery, choice of reader, and the map back to the original."""

from __future__ import annotations

import pytest

from minutekit import readers
from minutekit.readers import LineTable, Place, SameLines
from minutekit.validate import validate_bytes


def test_plain_text_is_discovered_and_chosen_last() -> None:
    catalogue = readers.catalogue()
    assert "txt" in catalogue
    assert list(catalogue)[-1] == "txt"
    assert readers.for_input(b"Title\n", "item.txt").NAME == "txt"
    assert readers.for_input(b"Title\n", "no-suffix").NAME == "txt"
    assert readers.for_input(b"Title\n", "item.dat", input_format="txt").NAME == "txt"


def test_plain_text_maps_each_line_to_itself() -> None:
    reading = readers.catalogue()["txt"].read(b"Title\nSecond line\n", "item.txt")
    assert reading.source.lines == ("Title", "Second line")
    assert reading.media_type == "text/plain"
    assert reading.locations.place(2, 3) == Place(2, 3)


@pytest.mark.parametrize(
    ("place", "shown"),
    [
        (Place(12, 5), "12:5"),
        (Place(12, 5, unit="paragraph"), "¶12:5"),
        (Place(14, 1, page=3), "p3:14:1"),
    ],
)
def test_a_place_prints_in_the_originals_units(place: Place, shown: str) -> None:
    assert str(place) == shown


def test_a_line_table_counts_columns_on_from_where_the_line_starts() -> None:
    table = LineTable((Place(3, 1, unit="paragraph"), Place(4, 7, unit="paragraph")))
    assert table.place(2, 5) == Place(4, 11, unit="paragraph")
    assert table.place(9, 1) == Place(4, 7, unit="paragraph")  # past the end: the last line


def test_validation_keeps_the_readers_map() -> None:
    result = validate_bytes(b"Title\n", "item.txt")
    assert result.media_type == "text/plain"
    assert result.locations == SameLines()
