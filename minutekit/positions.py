"""Positions and places: where something stands, in the text read and in the original.

Takes nothing: two small frozen classes that the model, the readers and the diagnostics
share. Kept apart from :mod:`minutekit.model` so that what a diagnostic needs (a result
read back from the cache, a report) loads none of the model's classes.
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["Place", "Position"]


@attrs.frozen(order=True)
class Position:
    """A 1-based line and column in the text minutekit read (of a plain-text file: the
    file itself; of another format: see :class:`Place`)."""

    line: int
    column: int


@attrs.frozen
class Place:
    """A place in the original file, in the units a person finds it by there.

    Read through a reader's location map (:mod:`minutekit.readers`): a
    :class:`Position` is in the text minutekit read, a place is in the file as it is.

    ``line`` is a line of a text or HTML file, a paragraph of a Word document
    (``unit="paragraph"``) or a line of a PDF page (with ``page``); ``column`` is
    1-based within it.
    """

    line: int
    column: int
    unit: str = "line"
    page: int | None = None

    def __str__(self) -> str:
        if self.unit == "paragraph":
            return f"¶{self.line}:{self.column}"
        if self.page is not None:
            return f"p{self.page}:{self.line}:{self.column}"
        return f"{self.line}:{self.column}"

    def to_jsonable(self) -> dict[str, Any]:
        jsonable: dict[str, Any] = {"unit": self.unit, "line": self.line, "column": self.column}
        if self.page is not None:
            jsonable["page"] = self.page
        return jsonable
