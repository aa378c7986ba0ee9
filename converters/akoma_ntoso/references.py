"""The TLC references (``meta/references``) the body refers to, one per distinct label.

Labels are made of a name's words (Naming Convention §5.4.2: a TLC's eId is a label),
ASCII-folded, apostrophes dropped: "Strategic Director of Children’s Services" is
``strategicDirectorOfChildrensServices``.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from lxml import etree

from .elements import TOOL, akn

__all__ = ["References"]


@functools.lru_cache(maxsize=1024)  # the same names recur in every item of an archive
def _words(text: str) -> tuple[str, ...]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    folded = re.sub(r"['’]", "", folded.replace("&", " and "))
    return tuple(re.findall(r"[A-Za-z0-9]+", folded))


@functools.lru_cache(maxsize=1024)
def _camel(text: str) -> str:
    words = _words(text)
    return (
        words[0].lower() + "".join(w[:1].upper() + w[1:].lower() for w in words[1:])
        if words
        else ""
    )


class References:
    """The TLCs the body refers to, one per distinct label, in order of first use."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[str, str, str]] = {}

    def refer(self, kind: str, show_as: str, ontology: str | None = None) -> str:
        """The ``#eId`` of the TLC of ``kind`` ("role", "person") for ``show_as``.

        Its ontology id is ``ontology`` or else made of the words of ``show_as``.
        """
        eid = _camel(show_as) or f"{kind}{len(self._entries) + 1}"
        if eid not in self._entries:
            words = ontology or ".".join(w.lower() for w in _words(show_as)) or eid
            national = kind in ("role", "organization")
            href = f"/akn/ontology/{kind}/{'gb.' if national else ''}{words}"
            self._entries[eid] = (kind, href, show_as)
        return f"#{eid}"

    def element(self) -> etree._Element:
        references = etree.Element(akn("references"), source=f"#{TOOL}")
        etree.SubElement(
            references,
            akn("TLCOrganization"),
            eId=TOOL,
            href=f"/akn/ontology/organization/{TOOL}",
            showAs=TOOL,
        )
        tags = {
            "organization": "TLCOrganization",
            "person": "TLCPerson",
            "role": "TLCRole",
            "concept": "TLCConcept",
        }
        for kind in tags:
            for eid, (entry_kind, href, show_as) in self._entries.items():
                if entry_kind == kind:
                    etree.SubElement(
                        references, akn(tags[kind]), eId=eid, href=href, showAs=show_as
                    )
        return references
