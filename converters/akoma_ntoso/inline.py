"""Inline markup inside a ``p``: what the model located (the stated meeting's date and
committee, declared members, ACTION owners, contact names) and, in the text itself,
document references and full dates (the only things no grammar rule classifies).

The model's spans are turned into offsets of the written text through
:func:`minutekit.text.source_map`, checked against that text first: nothing is found by
searching the text for a name again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from lxml import etree

from minutekit import patterns
from minutekit.dates import prose_dates
from minutekit.model import AgendaItem, Span
from minutekit.text import collapse, inside_word, source_map

from .elements import Part, maker, without_overlaps
from .references import References

__all__ = ["Inline"]

#: What makes an inline element under its ``p``.
Maker = Callable[[etree._Element], etree._Element]


class Inline:
    """The inline parts of one item's text."""

    def __init__(self, item: AgendaItem, references: References) -> None:
        self.item = item
        self.references = references
        #: Document references met in the text ("Document P"), whose targets are unknown.
        self.documents: dict[str, None] = {}
        self._targets = self._located_targets()

    @staticmethod
    def fill(element: etree._Element, text: str, parts: Sequence[Part]) -> None:
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

    def _offsets(self, text: str, span: Span | None) -> dict[tuple[int, int], int]:
        """Where each source character of ``span`` stands in ``text`` (none if it differs).

        ``text`` may end the span's text: a list item's or an inline heading's text
        follows its marker.
        """
        if span is None:
            return {}
        written, where = source_map(
            self.item.source.lines, (span.line, span.column), (span.end_line, span.end_column)
        )
        if not written.endswith(text):
            return {}
        where = where[len(written) - len(text) :]
        return {position: index for index, position in reversed(list(enumerate(where)))}

    def located(self, text: str, span: Span | None) -> list[Part]:
        """What the model located inside ``span`` (the stated meeting's date and committee,
        declared members), as parts of ``text``."""
        if span is None:
            return []
        # Most paragraphs hold nothing the model located: no map is made for them.
        found = [(w, make) for w, make in self._targets if span.line <= w.line <= span.end_line]
        offsets = self._offsets(text, span) if found else {}
        parts: list[Part] = []
        for where, make in found:
            start = offsets.get((where.line, where.column))
            last = offsets.get((where.end_line, where.end_column - 1))
            if start is not None and last is not None and start <= last:
                parts.append((start, last + 1, make()))
        return without_overlaps(parts)

    def _located_targets(self) -> list[tuple[Span, Callable[[], Maker]]]:
        """The spans the model located in the item, and what marks each up."""
        found: list[tuple[Span, Callable[[], Maker]]] = []
        meeting = self.item.meeting
        if meeting is not None:
            if meeting.committee_span is not None and meeting.committee is not None:
                found.append((meeting.committee_span, partial(self._body, meeting.committee)))
            if meeting.date_span is not None and meeting.date is not None:
                found.append((meeting.date_span, partial(maker, "date", date=meeting.date)))
        for declaration in self.item.declarations:
            if declaration.member_span is not None:
                found.append((declaration.member_span, partial(self._person, declaration.member)))
        return found

    def _body(self, name: str) -> Maker:
        return maker("organization", refersTo=self.references.refer("organization", name))

    def _person(self, name: str) -> Maker:
        return maker("person", refersTo=self.references.refer("person", name))

    def named(
        self, text: str, span: Span, kind: str, names: Sequence[tuple[str, Span]]
    ) -> list[Part]:
        """Parts for ``names`` at their spans in ``text``, each a ``person`` or ``role``."""
        offsets = self._offsets(text, span)
        parts: list[Part] = []
        for name, where in names:
            start = offsets.get((where.line, where.column))
            last = offsets.get((where.end_line, where.end_column - 1))
            if start is None or last is None:
                continue
            refers_to = self.references.refer(kind, name)
            parts.append((start, last + 1, maker(kind, refersTo=refers_to)))
        return parts

    def parts(self, text: str, span: Span | None) -> list[Part]:
        """The inline elements of ``text`` (from ``span``): the model's located names,
        document references and full dates."""
        parts: list[Part] = self.located(text, span)
        # Opens with the literal word, found fast; the word boundary before it is
        # checked by hand (a pattern that opens with \b is tried at every position).
        for match in patterns.DOCUMENT_REFERENCE_RE.finditer(text):
            if inside_word(text, match.start()):
                continue
            self.documents.setdefault(collapse(match[0].replace("“", "").replace("”", "")), None)
            parts.append((match.start(), match.end(), maker("ref", href="", status="unknown")))
        for found in prose_dates(text):
            if found.date is not None:  # "31st February 2019" stays text (MK304 reports it)
                parts.append((found.start, found.end, maker("date", date=found.date.isoformat())))
        return without_overlaps(parts)
