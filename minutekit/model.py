"""The typed model of one agenda item.

Takes nothing: these are plain frozen attrs classes built by :mod:`minutekit.parse`.
Guarantees: every node knows where it came from (a :class:`Span` of 1-based lines and
columns in the original file), and :meth:`AgendaItem.to_jsonable` is the item's one JSON
form. The schema check, the JSON and CSV writers all read that form, so what is validated
is exactly what is written. Never: parses, validates or formats anything itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import attrs

from minutekit.positions import Place, Position

__all__ = [
    "Action",
    "AgendaItem",
    "Block",
    "BulletItem",
    "BulletList",
    "Contact",
    "Decision",
    "Declaration",
    "Exemption",
    "Heading",
    "HeadingKind",
    "ListItem",
    "Meeting",
    "MeetingFile",
    "NumberedBlock",
    "NumberedList",
    "Paragraph",
    "Place",
    "Position",
    "ScrutinyLine",
    "Source",
    "Span",
    "SupportingDocuments",
    "Title",
    "UnplacedLine",
    "Vote",
    "text_end",
]


def text_end(lines: Sequence[str]) -> Position:
    """The position just after the last of ``lines`` (1:1 for no lines)."""
    if not lines:
        return Position(1, 1)
    return Position(len(lines), len(lines[-1]) + 1)


@attrs.frozen
class Span:
    """Where a part of the item stands in the original file (1-based, end exclusive)."""

    #: First line of the part.
    line: int
    #: Column of the part's first character on that line.
    column: int
    #: Last line of the part.
    end_line: int
    #: Column just after the part's last character on ``end_line``.
    end_column: int

    @property
    def start(self) -> Position:
        return Position(self.line, self.column)

    @classmethod
    def of_line(cls, number: int, text: str) -> Span:
        """The span of line ``number`` whose text is ``text``, white space around left out."""
        return cls(number, len(text) - len(text.lstrip()) + 1, number, len(text.rstrip()) + 1)

    def to(self, other: Span) -> Span:
        """The span from the start of this one to the end of ``other``."""
        return Span(self.line, self.column, other.end_line, other.end_column)

    def to_jsonable(self) -> dict[str, int]:
        # A plain dict, not attrs.asdict: every part of every item has a span, and
        # asdict's generic walk was a tenth of building the JSON form.
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


#: What the grammar read a heading line as (:attr:`Heading.kind`).
HeadingKind = Literal["heading", "furniture", "agenda_header", "item_number"]


@attrs.frozen
class Heading:
    """A block's heading line exactly as written ("Recommended –", "Minutes:")."""

    text: str
    span: Span
    #: What the grammar read a preface line as: page furniture ("Local democracy", a
    #: meeting line), the "Agenda item" header, or the item's number ("40.", "78/21").
    #: A block's heading is "heading".
    kind: HeadingKind = "heading"
    #: Whether the text that shares the heading's line follows it with no space between
    #: ("RESOLVED:That …"): the block's first paragraph, one word with the heading.
    runs_on: bool = False

    def to_jsonable(self) -> dict[str, Any]:
        return {"text": self.text, "span": self.span.to_jsonable()}


@attrs.frozen
class Title:
    """The item's title line."""

    text: str
    span: Span


@attrs.frozen
class Meeting:
    """The meeting an item was taken at, when the page states it: always read from the
    text, never supplied.

    From an issue-history line "Meeting: 16/09/2020 - Cabinet (Item 9.)", an issue's
    decisions page "24/06/2022 - <decision>", a voting record's heading, or (for a
    meeting file) its heading "Minutes of the Licensing Committee held on 3 March 2022".
    """

    #: ISO 8601 (the page's day-first date), or None when it is not a real date.
    date: str | None
    #: The body that met ("Cabinet", "Licensing Committee"), or None when the line
    #: that dates the meeting does not name it.
    committee: str | None
    #: The item's number on that meeting's agenda, as written ("9."), or None.
    item: str | None
    #: The whole line that states the meeting.
    span: Span
    #: Where the date stands on that line, as written ("16/09/2020"); None with ``date``.
    date_span: Span | None = None
    #: Where the committee's name stands on that line.
    committee_span: Span | None = None

    def to_jsonable(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "committee": self.committee,
            "item": self.item,
            "span": self.span.to_jsonable(),
        }


@attrs.frozen
class Vote:
    """A recorded vote: "For: 7, Against: 2, Abstain: 1", "5 for, 1 against, 1 abstention".

    A side the text does not state is None (never 0).
    """

    #: The words that state the counts, as written (white space collapsed).
    text: str
    votes_for: int | None
    against: int | None
    abstain: int | None
    #: What the page says became of the motion ("carried", "rejected"), or None.
    outcome: str | None
    span: Span

    def to_jsonable(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "for": self.votes_for,
            "against": self.against,
            "abstain": self.abstain,
            "outcome": self.outcome,
            "span": self.span.to_jsonable(),
        }


@attrs.frozen
class Declaration:
    """A member's declaration of interest, "Councillor A Khan declared a personal interest"."""

    #: The member as written ("Councillor A Khan").
    member: str
    #: The kind of interest as written ("personal", "Non Statutory"), or None.
    kind: str | None
    #: The words that make the declaration (white space collapsed).
    text: str
    span: Span
    #: Where the member's name stands.
    member_span: Span | None = None

    def to_jsonable(self) -> dict[str, Any]:
        return {
            "member": self.member,
            "kind": self.kind,
            "text": self.text,
            "span": self.span.to_jsonable(),
        }


@attrs.frozen
class Exemption:
    """Exempt business: the press and public excluded, or exempt information mentioned."""

    #: The words that say so ("press and public be excluded", "exempt information").
    text: str
    #: The paragraphs of Schedule 12A to the Local Government Act 1972 cited nearby.
    paragraphs: tuple[int, ...]
    span: Span

    def to_jsonable(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "schedule_12a_paragraphs": list(self.paragraphs),
            "span": self.span.to_jsonable(),
        }


@attrs.frozen
class Paragraph:
    """One paragraph: its lines joined with single spaces, runs of white space collapsed.

    ``lines`` counts the source lines the paragraph was joined from (a hard-wrapped
    paragraph has more than one).
    """

    text: str
    span: Span
    lines: int = 1

    def to_jsonable(self) -> dict[str, Any]:
        return {"type": "paragraph", "text": self.text, "span": self.span.to_jsonable()}


@attrs.frozen
class ListItem:
    """A numbered or lettered list item: ``(1)       That the report be noted.``."""

    #: The marker as written: "(1)", "2.", "(iii)", "b)".
    num: str
    #: The marker's value (3 for "(3)", "(iii)" or "(c)"), or None when it has none.
    number: int | None
    #: The marker's style, e.g. "(1)", "1.", "(i)", "(a)".
    style: str
    text: str
    span: Span

    def to_jsonable(self) -> dict[str, Any]:
        return {
            "num": self.num,
            "number": self.number,
            "style": self.style,
            "text": self.text,
            "line": self.span.line,
            "span": self.span.to_jsonable(),
        }


@attrs.frozen
class NumberedList:
    """Consecutive numbered items inside a body of text."""

    items: tuple[ListItem, ...]
    span: Span

    def to_jsonable(self) -> dict[str, Any]:
        return {
            "type": "list",
            "items": [i.to_jsonable() for i in self.items],
            "span": self.span.to_jsonable(),
        }


@attrs.frozen
class BulletItem:
    """One bullet item; ``marker`` is the glyph ("·", "•")."""

    marker: str
    text: str
    span: Span

    def to_jsonable(self) -> dict[str, Any]:
        return {"marker": self.marker, "text": self.text, "span": self.span.to_jsonable()}


@attrs.frozen
class BulletList:
    """Consecutive bullet items."""

    items: tuple[BulletItem, ...]
    span: Span

    def to_jsonable(self) -> dict[str, Any]:
        return {
            "type": "bullets",
            "items": [i.to_jsonable() for i in self.items],
            "span": self.span.to_jsonable(),
        }


@attrs.frozen
class ScrutinyLine:
    """An "Overview and Scrutiny Committee: Children’s Services" line.

    ``part`` says where it stood: in the agenda part, the minutes, the Resolved block
    or the closing part after the ACTION line.
    """

    label: str
    value: str
    part: Literal["agenda", "minutes", "resolved", "closing"]
    span: Span

    def to_jsonable(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "value": self.value,
            "part": self.part,
            "span": self.span.to_jsonable(),
        }


#: What the summary or the minutes is made of, in source order. Scrutiny lines are
#: kept apart, in :attr:`AgendaItem.scrutiny`, each with the part it stood in.
Block = Paragraph | NumberedList | BulletList


def _blocks_jsonable(blocks: tuple[Block, ...]) -> list[dict[str, Any]]:
    return [b.to_jsonable() for b in blocks]


@attrs.frozen
class NumberedBlock:
    """A headed list: the Recommended or the Resolved block.

    ``items`` are the numbered items; ``paragraphs`` any text in the block that is
    not a numbered item (a single unnumbered resolution, a lead-in, a reason).
    """

    heading: Heading
    items: tuple[ListItem, ...]
    paragraphs: tuple[Paragraph, ...]
    span: Span
    #: Lines the grammar could not place between the block's first and last lines.
    unplaced: tuple[UnplacedLine, ...] = ()
    #: The scrutiny lines that stand in the block (also in :attr:`AgendaItem.scrutiny`).
    scrutiny: tuple[ScrutinyLine, ...] = ()

    def to_jsonable(self) -> dict[str, Any]:
        return {
            "heading": self.heading.text,
            "items": [i.to_jsonable() for i in self.items],
            "paragraphs": [p.to_jsonable() for p in self.paragraphs],
            "span": self.span.to_jsonable(),
        }


@attrs.frozen
class Decision:
    """An outcome under a heading other than Resolved, or ModernGov's "Decision:" part.

    Headings: "Decision:", "DECISION:", "Decided:", "The decision", "AGREED to",
    "It was agreed that", a lead-in such as "The Cabinet has". ``blocks`` is the text
    under it. ``resolved`` is a Resolved block printed under the heading, kept here
    when the minutes follow (ModernGov's "Decision:" part, which often repeats the
    minutes' outcome); otherwise it is the item's :attr:`AgendaItem.resolved`.
    """

    heading: Heading
    blocks: tuple[Block, ...]
    resolved: NumberedBlock | None
    span: Span
    #: Where the grammar read it: ModernGov's "Decision:" part before the minutes, or
    #: the outcome that ends them.
    part: Literal["before_minutes", "outcome"] = "outcome"
    #: Lines the grammar could not place inside it (not inside ``resolved``).
    unplaced: tuple[UnplacedLine, ...] = ()

    def to_jsonable(self) -> dict[str, Any]:
        return {
            "heading": self.heading.text,
            "blocks": _blocks_jsonable(self.blocks),
            "resolved": self.resolved.to_jsonable() if self.resolved else None,
            "span": self.span.to_jsonable(),
        }


@attrs.frozen
class Contact:
    """The officer contact line, "(Mark Griffin – 01274 434361)"."""

    #: The whole line as written, white space collapsed.
    text: str
    #: The officers named before the dash ("Darren Minton/Janice Hawkes" gives two).
    names: tuple[str, ...]
    #: The telephone number(s) after the dash.
    phone: str | None
    span: Span
    #: Where each of ``names`` stands on the line.
    name_spans: tuple[Span, ...] = ()
    #: Where the grammar read it: closing the agenda part, or closing the outcome
    #: (decision pages print it right-aligned under the Resolved block).
    part: Literal["agenda", "outcome"] = "agenda"

    def to_jsonable(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "names": list(self.names),
            "phone": self.phone,
            "span": self.span.to_jsonable(),
        }


@attrs.frozen
class Minutes:
    """The record of the discussion: ``heading`` is None when the label is missing."""

    heading: Heading | None
    blocks: tuple[Block, ...]
    span: Span

    def to_jsonable(self) -> dict[str, Any]:
        return {
            "heading": self.heading.text if self.heading else None,
            "blocks": _blocks_jsonable(self.blocks),
            "span": self.span.to_jsonable(),
        }


@attrs.frozen
class Action:
    """An "ACTION: owner / owner (remark)" line."""

    #: The label as written ("ACTION:", "Action:").
    label: str
    #: Everything after the label, white space collapsed.
    text: str
    #: The owners, split on " / ".
    owners: tuple[str, ...]
    #: A trailing bracketed remark, "(referral to Area Committees)", or None.
    remark: str | None
    span: Span
    #: Where each of ``owners`` stands on the line.
    owner_spans: tuple[Span, ...] = ()

    def to_jsonable(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "text": self.text,
            "owners": list(self.owners),
            "remark": self.remark,
            "span": self.span.to_jsonable(),
        }


@attrs.frozen
class SupportingDocuments:
    """The "Supporting documents:" heading and whatever lines follow it."""

    heading: Heading
    documents: tuple[Paragraph, ...]
    span: Span

    def to_jsonable(self) -> dict[str, Any]:
        return {
            "heading": self.heading.text,
            "documents": [d.text for d in self.documents],
            "span": self.span.to_jsonable(),
        }


@attrs.frozen
class UnplacedLine:
    """A line the grammar could not place; kept so that no word is lost.

    ``part`` is the part of the page it stands in: before the record of the meeting
    (the agenda part), in it, or after the "Supporting documents:" heading. A line
    inside a headed block is also kept by that block (:attr:`NumberedBlock.unplaced`,
    :attr:`Decision.unplaced`).
    """

    text: str
    span: Span
    part: Literal["agenda", "record", "papers"] = "agenda"

    def to_jsonable(self) -> dict[str, Any]:
        return {"text": self.text, "span": self.span.to_jsonable()}


@attrs.frozen
class Source:
    """Which file the item came from.

    ``lines`` are the decoded lines of the file (non-breaking spaces as spaces), for
    checks that look at the text as written; they are not part of the JSON form.
    """

    name: str
    sha256: str
    lines: Sequence[str] = attrs.field(repr=False, eq=False)
    #: The media type of the original file (a Word, HTML or PDF document is read as
    #: text first: see :mod:`minutekit.readers`).
    media_type: str = "text/plain"

    def to_jsonable(self) -> dict[str, Any]:
        return {"name": self.name, "sha256": self.sha256, "media_type": self.media_type}


@attrs.frozen
class AgendaItem:
    """One agenda item's minute, in the order its parts stand in the file."""

    source: Source
    #: Page furniture lines ("Local democracy") and the "Agenda item" header, as written.
    preface: tuple[Heading, ...]
    #: The meeting, when a preface line states it (issue-history pages).
    meeting: Meeting | None
    title: Title | None
    #: The report summary before any block: paragraphs and lists.
    summary: tuple[Block, ...]
    recommended: NumberedBlock | None
    contact: Contact | None
    #: Every "Overview and Scrutiny …:" line, wherever it stood.
    scrutiny: tuple[ScrutinyLine, ...]
    #: ModernGov's "Decision:" part, or the outcome in other words than Resolved.
    decision: Decision | None
    minutes: Minutes | None
    resolved: NumberedBlock | None
    actions: tuple[Action, ...]
    supporting_documents: SupportingDocuments | None
    unplaced: tuple[UnplacedLine, ...]
    #: Recorded votes, wherever the text states them, in source order.
    votes: tuple[Vote, ...] = ()
    #: Members' declarations of interest, in source order.
    declarations: tuple[Declaration, ...] = ()
    #: Whether the item is exempt business (the press and public excluded).
    exempt: Exemption | None = None

    @property
    def end(self) -> Position:
        """Where the text ends: the position just after its last line."""
        return text_end(self.source.lines)

    def to_jsonable(self) -> dict[str, Any]:
        """The item's one JSON form (see ``schemas/agenda-item.schema.json``)."""
        return {
            "title": self.title.text if self.title else None,
            "title_span": self.title.span.to_jsonable() if self.title else None,
            "preface": [p.text for p in self.preface],
            "meeting": self.meeting.to_jsonable() if self.meeting else None,
            "summary": _blocks_jsonable(self.summary),
            "recommended": self.recommended.to_jsonable() if self.recommended else None,
            "contact": self.contact.to_jsonable() if self.contact else None,
            "scrutiny": [s.to_jsonable() for s in self.scrutiny],
            "decision": self.decision.to_jsonable() if self.decision else None,
            "minutes": self.minutes.to_jsonable() if self.minutes else None,
            "resolved": self.resolved.to_jsonable() if self.resolved else None,
            "actions": [a.to_jsonable() for a in self.actions],
            "supporting_documents": (
                self.supporting_documents.to_jsonable() if self.supporting_documents else None
            ),
            "unplaced": [u.to_jsonable() for u in self.unplaced],
            "votes": [v.to_jsonable() for v in self.votes],
            "declarations": [d.to_jsonable() for d in self.declarations],
            "exempt": self.exempt.to_jsonable() if self.exempt else None,
            "source": self.source.to_jsonable(),
        }


@attrs.frozen
class MeetingFile:
    """A file that holds a meeting's minutes: several agenda items.

    ``preface`` is the text before the first item (the meeting's heading, who was
    present), one paragraph per line as written. Every item's spans are lines of this
    file, and its ``source.lines`` read as the file's lines with the ones before it blank
    (a view of the file's lines, not a copy; see :class:`~minutekit.text.ItemLines`).
    """

    source: Source
    preface: tuple[Paragraph, ...]
    items: tuple[AgendaItem, ...]
    #: The meeting the preface's heading names and dates, read from the text, or None.
    meeting: Meeting | None = None

    def to_jsonable(self) -> dict[str, Any]:
        """The meeting's JSON form (see ``schemas/meeting.schema.json``)."""
        return {
            "meeting": self.meeting.to_jsonable() if self.meeting else None,
            "preface": [p.to_jsonable() for p in self.preface],
            "items": [i.to_jsonable() for i in self.items],
            "source": self.source.to_jsonable(),
        }
