"""The body of the document: one ``debateSection name="agendaItem"`` per item holding,
in source order, the agenda part (summary, ``recommendations``, scrutiny and contact
lines), the decision part, the minutes (paragraphs, lists, speaker turns,
``resolutions``, the ACTION line) and ``papers``.

Every element is placed from the model alone: the part of the page each block belongs
to, the kind of each preface line, whether a heading runs on into its text and the
unplaced lines a block keeps are the parser's; eIds are numbered by the naming
convention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import partial

import attrs
from lxml import etree

from minutekit.model import (
    Action,
    AgendaItem,
    Block,
    BulletList,
    Decision,
    Heading,
    ListItem,
    NumberedBlock,
    NumberedList,
    Paragraph,
    ScrutinyLine,
    Span,
    UnplacedLine,
)
from minutekit.text import collapse

from .elements import ALIASES, Piece, akn, maker, without_overlaps
from .inline import Inline
from .references import References
from .speakers import Speaker, Turn, attribute, submitter

__all__ = ["Body"]


class Body:
    """Builds the body, numbering eIds by the naming convention."""

    def __init__(
        self,
        item: AgendaItem,
        references: References,
        counts: dict[tuple[str, str], int] | None = None,
        in_meeting: bool = False,
    ) -> None:
        self.item = item
        self.references = references
        #: Whether the item is one of a whole-meeting file's (its furniture stays with it).
        self.in_meeting = in_meeting
        #: The inline markup of the item's text (it keeps the document references met).
        self.inline = Inline(item, references)
        # Shared by the items of one document, so that their eIds never clash.
        self._counts: dict[tuple[str, str], int] = {} if counts is None else counts
        # The speech, question or answer the last piece built, and the one before it.
        self._open: etree._Element | None = None
        self._carry: etree._Element | None = None
        #: Each ``p`` written from the model, by the span its text came from.
        self.placed: list[tuple[Span, str]] = []

    @property
    def documents(self) -> dict[str, None]:
        """Document references met in the text ("Document P"), whose targets are unknown."""
        return self.inline.documents

    # -------------------------------------------------------------- elements

    def child(
        self, parent: etree._Element, tag: str, eid: str | None = None, **attrs: str
    ) -> etree._Element:
        """A new ``tag`` element under ``parent``, numbered unless ``eid`` is given."""
        if eid is None:
            prefix = parent.get("eId")
            ref = ALIASES.get(tag, tag)
            key = (prefix or "", ref)
            self._counts[key] = self._counts.get(key, 0) + 1
            eid = f"{prefix + '__' if prefix else ''}{ref}_{self._counts[key]}"
        return etree.SubElement(parent, akn(tag), attrib={"eId": eid, **attrs})

    def text_element(self, parent: etree._Element, name: str, text: str) -> etree._Element:
        element = etree.SubElement(parent, akn(name))
        element.text = text
        return element

    def paragraph(
        self,
        parent: etree._Element,
        text: str,
        css: str | None = None,
        span: Span | None = None,
        eid: str | None = None,
    ) -> etree._Element:
        """A ``p`` of running text from ``span``: references, dates and what the model
        located there (the meeting, declared members) are marked up."""
        p = self.child(parent, "p", eid, **({"class": css} if css else {}))
        self.inline.fill(p, text, self.inline.parts(text, span))
        self.place(span, p)
        return p

    def place(self, span: Span | None, p: etree._Element) -> None:
        """Note that ``p`` holds the text of ``span`` (votes and exemptions point to it)."""
        if span is not None:
            self.placed.append((span, p.get("eId") or ""))

    def preface_line(self, parent: etree._Element, line: Heading, eid: str | None = None) -> None:
        """A preface line as a ``p``: the "Agenda item" header as ``docType``."""
        css = None if eid is not None else "furniture"
        p = self.child(parent, "p", eid, **({"class": css} if css else {}))
        if line.kind == "agenda_header":
            self.text_element(p, "docType", line.text)
        else:
            self.inline.fill(p, line.text, self.inline.located(line.text, line.span))

    # -------------------------------------------------------------- blocks

    def block(self, parent: etree._Element, block: Block) -> None:
        if isinstance(block, Paragraph):
            self.paragraph(parent, block.text, span=block.span)
        elif isinstance(block, NumberedList):
            self.numbered_items(parent, block.items)
        elif isinstance(block, BulletList):
            ul = self.child(parent, "ul")
            for bullet in block.items:
                li = self.child(ul, "li")
                self.inline.fill(li, bullet.text, self.inline.parts(bullet.text, bullet.span))

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
            self.paragraph(element, entry.text, span=entry.span)

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
        paragraphs = list(block.paragraphs)
        if heading.runs_on and paragraphs:  # the parser made the run-on text the first
            glued = paragraphs[0]
            text, span = heading.text + glued.text, heading.span.to(glued.span)
            paragraphs[0] = attrs.evolve(glued, text=text, span=span)
        else:
            self.text_element(parent, "heading", heading.text)
        parts: list[tuple[int, ListItem | Paragraph | ScrutinyLine | UnplacedLine]] = [
            (i.span.line, i) for i in block.items
        ]
        parts += [(p.span.line, p) for p in paragraphs]
        parts += [(line.span.line, line) for line in scrutiny]
        parts += [(line.span.line, line) for line in block.unplaced]
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
                self.paragraph(parent, part.text, "unplaced", part.span)
            else:
                self.paragraph(parent, part.text, span=part.span)
        if run:
            self.numbered_items(parent, run)

    def source_line(self, span: Span) -> str:
        return collapse(self.item.source.lines[span.line - 1])

    def scrutiny(self, parent: etree._Element, line: ScrutinyLine) -> None:
        self.paragraph(parent, self.source_line(line.span), "scrutiny", line.span)

    # -------------------------------------------------------------- sections

    def build(self, main_body: etree._Element) -> None:
        item = self.item
        section = self.child(main_body, "debateSection", name="agendaItem")
        if self.in_meeting and item.preface:
            self._furniture(section)
        elif item.title is not None:
            self.text_element(section, "heading", item.title.text)
        agenda = self._agenda_pieces()
        if agenda:
            self._section(section, "agenda", None, agenda)
        decision = item.decision
        if decision is not None and decision.part == "before_minutes":
            self._decision(section, decision)
        minutes = self._minutes_pieces()
        heading = item.minutes.heading.text if item.minutes and item.minutes.heading else None
        if minutes or heading is not None:  # a "Minutes:" line with nothing after it is kept
            self._section(section, "minutes", heading, minutes)
        if item.supporting_documents is not None:
            papers = self.child(section, "papers")
            self.text_element(papers, "heading", item.supporting_documents.heading.text)
            for document in item.supporting_documents.documents:
                self.paragraph(papers, document.text, span=document.span)
            for line in item.unplaced:
                if line.part == "papers":
                    self.paragraph(papers, line.text, "unplaced", line.span)

    def _furniture(self, section: etree._Element) -> None:
        """An item of a meeting: its number as ``num``, or its furniture lines in order.

        A ``heading`` must come first in a section, so after furniture ("Agenda item")
        the title is a ``p class="title"``: no word moves.
        """
        item = self.item
        (first, *others) = item.preface
        if not others and first.kind == "item_number":
            self.text_element(section, "num", first.text)
            if item.title is not None:
                self.text_element(section, "heading", item.title.text)
            return
        for line in item.preface:
            self.preface_line(section, line)
        if item.title is not None:
            self.paragraph(section, item.title.text, "title", item.title.span)

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

    def _unplaced(self, part: str) -> list[Piece]:
        """The unplaced lines of ``part`` of the page that no block keeps."""
        item = self.item
        blocks: list[NumberedBlock | Decision | None] = [item.recommended, item.resolved]
        blocks += [item.decision, item.decision.resolved if item.decision else None]
        kept = {u for block in blocks if block is not None for u in block.unplaced}
        return [
            (
                line.span.line,
                partial(self.paragraph, text=line.text, css="unplaced", span=line.span),
            )
            for line in item.unplaced
            if line.part == part and line not in kept
        ]

    def _agenda_pieces(self) -> list[Piece]:
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
        if item.contact is not None and item.contact.part == "agenda":
            pieces.append((item.contact.span.line, self._contact))
        return pieces + self._unplaced("agenda")

    def _summary_block(self, parent: etree._Element, block: Block) -> None:
        """As :meth:`block`, marking the post that submits the report (DESIGN row 4a)."""
        speaker = submitter(block.text) if isinstance(block, Paragraph) else None
        if speaker is None or speaker.named_at is None:
            self.block(parent, block)
            return
        assert isinstance(block, Paragraph)
        start, end = speaker.named_at
        parts = [*self.inline.parts(block.text, block.span)]
        parts.append((start, end, maker("role", refersTo=self._speaker(speaker))))
        p = self.child(parent, "p")
        self.inline.fill(p, block.text, without_overlaps(parts))
        self.place(block.span, p)

    def _recommendations(self, parent: etree._Element, block: NumberedBlock) -> None:
        self.numbered_block(self.child(parent, "debateSection", name="recommendations"), block)

    def _contact(self, parent: etree._Element) -> None:
        contact = self.item.contact
        assert contact is not None
        p = self.child(parent, "p", **{"class": "contact"})
        names = list(zip(contact.names, contact.name_spans, strict=False))
        self.inline.fill(
            p, contact.text, self.inline.named(contact.text, contact.span, "person", names)
        )
        self.place(contact.span, p)

    def _minutes_pieces(self) -> list[Piece]:
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
        if item.decision is not None and item.decision.part == "outcome":
            pieces.append(
                (item.decision.span.line, partial(self._decision, decision=item.decision))
            )
        if item.contact is not None and item.contact.part == "outcome":
            # Decision pages print it after the outcome.
            pieces.append((item.contact.span.line, self._contact))
        pieces += [(a.span.line, partial(self._action, action=a)) for a in item.actions]
        return pieces + self._unplaced("record")

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
        parts = self.inline.parts(text, paragraph.span)
        if turn.by.named_at is not None and not turn.continues:
            start, end = turn.by.named_at
            named = {"refersTo": self._speaker(turn.by)}
            if turn.by.speaks_as:
                named["as"] = self.references.refer("role", turn.by.speaks_as)
            parts.append((start, end, maker(turn.by.kind, **named)))
        p = self.child(container, "p")
        self.inline.fill(p, text, without_overlaps(parts))
        self.place(paragraph.span, p)
        self._open = container

    def _resolutions(self, parent: etree._Element, block: NumberedBlock) -> None:
        self.numbered_block(self.child(parent, "resolutions"), block, block.scrutiny)

    def _decision(self, parent: etree._Element, decision: Decision) -> None:
        """A ``debateSection name="decision"``: heading, text, any Resolved block under it."""
        element = self.child(parent, "debateSection", name="decision")
        self.text_element(element, "heading", decision.heading.text)
        parts: list[tuple[int, Block | NumberedBlock | UnplacedLine]] = [
            (b.span.line, b) for b in decision.blocks
        ]
        if decision.resolved is not None:
            parts.append((decision.resolved.span.line, decision.resolved))
        parts += [(u.span.line, u) for u in decision.unplaced]
        for _, part in sorted(parts, key=lambda pair: pair[0]):
            if isinstance(part, NumberedBlock):
                self._resolutions(element, part)
            elif isinstance(part, UnplacedLine):
                self.paragraph(element, part.text, "unplaced", part.span)
            else:
                self.block(element, part)

    def _action(self, parent: etree._Element, action: Action) -> None:
        text = self.source_line(action.span)
        p = self.child(parent, "p", **{"class": "action"})
        owners = list(zip(action.owners, action.owner_spans, strict=False))
        self.inline.fill(p, text, self.inline.named(text, action.span, "role", owners))
        self.place(action.span, p)
