"""The Akoma Ntoso vocabulary the writer's modules share: namespaces, element names,
the inline parts a ``p`` is filled with."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lxml import etree

__all__ = [
    "AKN_NS",
    "ALIASES",
    "MIXED_TAGS",
    "MK_NS",
    "NSMAP",
    "NULL_DATE",
    "TOOL",
    "XML_DECLARATION",
    "Part",
    "Piece",
    "akn",
    "maker",
    "mk",
    "without_overlaps",
]

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
MK_NS = "urn:minutekit:akn:1"
NULL_DATE = "0001-01-01"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
TOOL = "minutekit"

NSMAP: dict[str, str] = {"mk": MK_NS}
# Elements whose content is text with inline markup: never indented inside.
MIXED = {"p", "heading", "num", "li", "docType"}
# eId prefixes of the naming convention (everything else uses the element name).
ALIASES = {"debateSection": "dbsect", "blockList": "list"}

#: A part of a section: its first source line, and what builds it under a parent.
Piece = tuple[int, Callable[[etree._Element], object]]
#: An inline element over ``text[start:end]``: (start, end, what makes it under its ``p``).
Part = tuple[int, int, Callable[[etree._Element], etree._Element]]


def without_overlaps(parts: Sequence[Part]) -> list[Part]:
    kept: list[Part] = []
    for part in sorted(parts, key=lambda p: p[0]):
        if not kept or part[0] >= kept[-1][1]:
            kept.append(part)
    return kept


def maker(name: str, **attributes: str) -> Callable[[etree._Element], etree._Element]:
    def make(parent: etree._Element) -> etree._Element:
        return etree.SubElement(parent, akn(name), attrib=attributes)

    return make


def akn(name: str) -> str:
    return f"{{{AKN_NS}}}{name}"


MIXED_TAGS = frozenset(akn(name) for name in MIXED)


def mk(name: str) -> str:
    return f"{{{MK_NS}}}{name}"
