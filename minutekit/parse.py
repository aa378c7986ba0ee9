"""Parse stage: :class:`~minutekit.source.SourceText` → :class:`~minutekit.model.AgendaItem`.

Takes decoded text. Guarantees: the grammar places every line or the line is kept in
:attr:`AgendaItem.unplaced` and reported as MK002 (parsing resumes after it); every model
node carries the span of the lines it came from; paragraphs hard-wrapped across lines
(with at most one blank line between the pieces) are joined back into one. Never raises
on any text and never judges whether a block is missing: that is validation's job.

The Transformer's methods are named after the grammar's rules. What they do beyond the
grammar is reading the inside of a single line: a list marker's value, a contact line's
names and telephone number, an ACTION line's owners.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

import attrs
import lark
from lark.exceptions import UnexpectedInput, UnexpectedToken

from minutekit import grammar, patterns
from minutekit.dates import MONTHS, prose_dates
from minutekit.diagnostics import Finding
from minutekit.formalities import declarations, exemption
from minutekit.grammar.line_lexer import fewest_words, words_needed
from minutekit.model import (
    Action,
    AgendaItem,
    Block,
    BulletItem,
    BulletList,
    Contact,
    Decision,
    Heading,
    HeadingKind,
    ListItem,
    Meeting,
    Minutes,
    NumberedBlock,
    NumberedList,
    Paragraph,
    Position,
    ScrutinyLine,
    Source,
    Span,
    SupportingDocuments,
    Title,
    UnplacedLine,
)
from minutekit.source import SourceText
from minutekit.text import ItemLines, collapse, fold, located, numbered_lines, own_text
from minutekit.votes import recorded_votes

__all__ = ["UNEXPECTED_LINE", "parse"]

UNEXPECTED_LINE = "MK002"

# A line "ends a sentence" when its last character (before closing quotes and
# brackets) is one of these; otherwise the next text line may continue it.
#: What ends a sentence, and what may close it after ("… agreed.)", "… ‘noted.’").
_SENTENCE_ENDS = ".!?:;"
_CLOSERS = "\"'”’»)]"
# At most this many line numbers apart (one blank line between) to join a wrap.
_WRAP_GAP = 2

_REMARK = re.compile(r"\s*(?P<remark>\([^()]*\))$")
_OWNER_SEPARATOR = re.compile(r"\s+/\s+")
_NAME_SEPARATOR = re.compile(r"\s*/\s*")


def _pieces(text: str, separator: re.Pattern[str]) -> list[tuple[str, int]]:
    """The non-empty pieces of ``text`` between separators, each with its offset."""
    found: list[tuple[str, int]] = []
    position = 0
    for match in [*separator.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[position:end]
        if piece.strip():
            found.append((piece.strip(), position + len(piece) - len(piece.lstrip())))
        position = match.end() if match else end
    return found


def _columns_span(token: lark.Token, columns: Sequence[int], start: int, text: str) -> Span:
    """The span on ``token``'s line of ``text``, at ``start`` of a collapsed line whose
    characters stand at ``columns``."""
    line = token.line or 1
    return Span(line, columns[start] + 1, line, columns[start + len(text) - 1] + 2)


def _span(token: lark.Token) -> Span:
    line = str(token).rstrip("\n")
    return Span.of_line(token.line or 1, line)


def _last(spans: Iterable[Span]) -> Span:
    """The one of ``spans`` that ends last."""
    return max(spans, key=lambda s: (s.end_line, s.end_column))


def _heading(token: lark.Token, kind: HeadingKind = "heading") -> Heading:
    return Heading(collapse(token), _span(token), kind)


def _marker_value(value: str) -> tuple[int, str]:
    """The number a marker stands for, and its style's placeholder ("1", "i" or "a")."""
    if value.isdigit():
        return int(value), "1"
    lower = fold(value)
    if len(lower) > 1 or lower == "i":
        placeholder = "i"
        number = patterns.from_roman(lower)
    else:
        placeholder = "a"
        number = ord(lower) - ord("a") + 1
    return number, placeholder.upper() if value.isupper() else placeholder


def _list_item(token: lark.Token) -> ListItem:
    line = str(token).rstrip("\n")
    match = patterns.LIST_MARKER_RE.match(line)
    assert match, "the LIST_ITEM terminal reads the same LIST_MARKER"
    number, placeholder = _marker_value(match["list_value"])
    style = f"{match['list_open'] or ''}{placeholder}{match['list_close']}"
    num = match.group(0).strip()
    return ListItem(num, number, style, collapse(line[match.end() :]), _span(token))


def _bullet(token: lark.Token) -> BulletItem:
    line = str(token).rstrip("\n")
    match = patterns.BULLET_RE.match(line)
    assert match, "the BULLET terminal reads the same BULLET_MARKER"
    return BulletItem(match["bullet_marker"], collapse(line[match.end() :]), _span(token))


def _is_open(text: str) -> bool:
    """Whether ``text`` does not end a sentence (a wrapped line may continue it). Read
    from its end: a search of the whole text, made again for each line of a paragraph,
    grew with the square of its length."""
    last = text.removesuffix("\n").rstrip(_CLOSERS)[-1:]
    return not last or last not in _SENTENCE_ENDS


def _continues(last: Span, text: str, token: lark.Token) -> bool:
    """Whether ``token`` continues a part ending at ``last`` whose text is ``text``."""
    return (
        token.type == "TEXT" and _is_open(text) and (token.line or 0) - last.end_line <= _WRAP_GAP
    )


def _blocks(tokens: Iterable[lark.Token], breaks: Iterable[int] = ()) -> tuple[Block, ...]:
    """Group body lines into paragraphs, numbered lists and bullet lists.

    ``breaks`` are lines of other kinds among them (scrutiny lines): no paragraph or
    list runs across one.
    """
    blocks: list[Block] = []
    stops = sorted(breaks)
    for token in tokens:
        last = blocks[-1] if blocks else None
        if (
            stops
            and last is not None
            and any(last.span.end_line < b < (token.line or 0) for b in stops)
        ):
            last = None
        if isinstance(last, Paragraph) and _continues(last.span, last.text, token):
            blocks[-1] = _joined(last, token)
        elif isinstance(last, (NumberedList, BulletList)) and _continues(
            last.span, last.items[-1].text, token
        ):
            blocks[-1] = _with_continued_item(last, token)
        elif token.type == "TEXT":
            blocks.append(Paragraph(collapse(token), _span(token)))
        elif token.type == "LIST_ITEM":
            item = _list_item(token)
            if isinstance(last, NumberedList):
                blocks[-1] = NumberedList((*last.items, item), last.span.to(item.span))
            else:
                blocks.append(NumberedList((item,), item.span))
        elif token.type == "BULLET":
            bullet = _bullet(token)
            if isinstance(last, BulletList):
                blocks[-1] = BulletList((*last.items, bullet), last.span.to(bullet.span))
            else:
                blocks.append(BulletList((bullet,), bullet.span))
    return tuple(blocks)


def _joined(paragraph: Paragraph, token: lark.Token) -> Paragraph:
    return Paragraph(
        f"{paragraph.text} {collapse(token)}",
        paragraph.span.to(_span(token)),
        paragraph.lines + 1,
    )


def _with_continued_item(
    block: NumberedList | BulletList, token: lark.Token
) -> NumberedList | BulletList:
    """``block`` with its last item continued by the wrapped line ``token``."""
    span = block.items[-1].span.to(_span(token))
    text = f"{block.items[-1].text} {collapse(token)}"
    if isinstance(block, NumberedList):
        item = attrs.evolve(block.items[-1], text=text, span=span)
        return NumberedList((*block.items[:-1], item), block.span.to(span))
    bullet = attrs.evolve(block.items[-1], text=text, span=span)
    return BulletList((*block.items[:-1], bullet), block.span.to(span))


def _until_restart(
    found: Sequence[ListItem], before: Sequence[ListItem]
) -> tuple[Sequence[ListItem], Sequence[ListItem]]:
    """``found`` up to a restart of the block's numbering, and the items from it on.

    A list that starts again at 1 in the block's own style, after a wider break than
    its items have between them, is another list: under a decision, the reasons for
    it whose heading was lost ("(1) … (6)", then "(1) Officers do not have the
    capacity …"). Those items stay the block's text, not its numbered items.
    """
    listed = [*before, *found]
    if not listed:
        return found, ()
    style = listed[0].style
    spacing = 0
    for index, item in enumerate(listed[1:], start=1):
        gap = item.span.line - listed[index - 1].span.end_line
        if item.style == style and item.number == 1 and gap > spacing > 0:
            cut = index - len(before)
            return (found[:cut], found[cut:]) if cut > 0 else ((), found)
        spacing = max(spacing, gap)
    return found, ()


def _numbered_block(
    heading: Heading, lines: Sequence[lark.Token], breaks: Iterable[int] = ()
) -> NumberedBlock:
    """A Recommended or Resolved block: its numbered items and any other text."""
    items: list[ListItem] = []
    paragraphs: list[Paragraph] = []
    for block in _blocks(lines, breaks):
        if isinstance(block, NumberedList):
            outcome, after = _until_restart(block.items, items)
            items.extend(outcome)
            paragraphs.extend(Paragraph(f"{i.num} {i.text}", i.span) for i in after)
        elif isinstance(block, Paragraph):
            paragraphs.append(block)
        else:
            paragraphs.extend(Paragraph(b.text, b.span) for b in block.items)
    ends = [heading.span] + [i.span for i in items] + [p.span for p in paragraphs]
    last = _last(ends)
    return NumberedBlock(heading, tuple(items), tuple(paragraphs), heading.span.to(last))


#: The inline terminals, their pattern, and the groups that hold the text after the heading.
_INLINE = {
    "RESOLVED_INLINE": (patterns.RESOLVED_INLINE_RE, ("resolved_text", "resolved_said")),
    "DECISION_INLINE": (patterns.DECISION_INLINE_RE, ("decision_text", "agreed_text")),
    "RECOMMENDED_INLINE": (patterns.RECOMMENDED_INLINE_RE, ("recommended_text",)),
}


def _opening(token: lark.Token) -> tuple[Heading, list[lark.Token]]:
    """A block's heading, and the text that shares its line as a line of its own.

    "RESOLVED – That the report be noted." gives the heading "RESOLVED –" and the text
    "That the report be noted." at its own column, so that it is read (and wrapped, and
    numbered) like any line below a heading; "RESOLVED: 1. That …" gives the heading and
    the first numbered item. A heading alone, or a lead-in ending in a colon, is all
    heading. Where the text starts is the terminal's own group.
    """
    line = str(token).rstrip("\n")
    pattern, groups = _INLINE.get(token.type, (None, ()))
    match = pattern.match(line) if pattern is not None else None
    start = next((match.start(g) for g in groups if match and match[g] is not None), None)
    if start is None:
        return _heading(token), []
    heading = lark.Token(token.type, line[:start].rstrip() + "\n", line=token.line)
    # The heading fused with its first numbered item ("RESOLVED: 1. That …"): the item.
    kind = "LIST_ITEM" if patterns.LIST_MARKER_RE.match(line[start:]) else "TEXT"
    rest = lark.Token(kind, " " * start + line[start:] + "\n", line=token.line)
    runs_on = not line[start - 1].isspace()
    return attrs.evolve(_heading(heading), runs_on=runs_on), [rest]


def _body_span(heading: Heading | None, blocks: Sequence[Block]) -> Span:
    # The grammar gives labelled minutes their heading and unlabelled ones a first line.
    first = heading.span if heading else blocks[0].span
    last = blocks[-1].span if blocks else first
    return first.to(last)


@attrs.frozen
class _Part:
    """What a Transformer method hands up to ``start``: a model node and its rule."""

    rule: str
    value: Any
    scrutiny: tuple[ScrutinyLine, ...] = ()
    #: Parts that stood inside this one (a contact line closing a Resolved block).
    inner: tuple[_Part, ...] = ()
    #: Heading lines found inside the minutes: (line, its terminal, the minutes'
    #: heading, the minutes' first line), each reported (:func:`_inside_minutes`).
    misplaced: tuple[tuple[lark.Token, str, Heading | None, lark.Token], ...] = ()


#: Headings that cannot stand inside the minutes: there the lexer reads them as text.
_NOT_IN_MINUTES = ("MINUTES_HEADING", "RECOMMENDED_HEADING")


class _ToModel(lark.Transformer[lark.Token, list[_Part]]):
    """Builds model nodes; one method per grammar rule. It keeps no state: the parser
    calls its methods as it reduces each rule (:func:`minutekit.grammar.parse`), for
    every text, in any thread."""

    def __init__(self) -> None:
        # No method is named after a terminal: lark need not look one up for each line.
        super().__init__(visit_tokens=False)

    def furniture(self, children: list[lark.Token]) -> _Part:
        return _Part("preface", _heading(children[0], "furniture"))

    def item_number(self, children: list[lark.Token]) -> _Part:
        return _Part("preface", _heading(children[0], "item_number"))

    def agenda_header(self, children: list[lark.Token]) -> _Part:
        return _Part("preface", _heading(children[0], "agenda_header"))

    def title(self, children: list[lark.Token]) -> _Part:
        return _Part("title", Title(collapse(children[0]), _span(children[0])))

    def summary(self, children: list[lark.Token]) -> _Part:
        return _Part("summary", _blocks(children))

    def recommended(self, children: list[lark.Token]) -> _Part:
        opening, rest = _opening(children[0])
        return _Part("recommended", _numbered_block(opening, [*rest, *children[1:]]))

    def scrutiny(self, children: list[lark.Token]) -> ScrutinyLine:
        label, _, value = collapse(children[0]).partition(":")
        return ScrutinyLine(label.strip(), value.strip(), "agenda", _span(children[0]))

    def contact(self, children: list[lark.Token]) -> _Part:
        line = str(children[0]).rstrip("\n")
        text, columns = located(line)
        match = patterns.CONTACT_RE.match(text)
        names: tuple[str, ...] = ()
        spans: tuple[Span, ...] = ()
        phone = None
        if match:
            start = match.start("contact_names")
            found = _pieces(match["contact_names"], _NAME_SEPARATOR)
            names = tuple(name for name, _ in found)
            spans = tuple(
                _columns_span(children[0], columns, start + at, name) for name, at in found
            )
            phone = match["contact_phone"]
        return _Part("contact", Contact(text, names, phone, _span(children[0]), spans))

    def _minutes(self, heading: Heading | None, children: Sequence[Any]) -> _Part:
        tokens = [c for c in children if isinstance(c, lark.Token)]
        misplaced = tuple(  # kept as lines of the minutes, and reported
            (token, terminal, heading, tokens[0])
            for token in tokens
            if token.type == "TEXT"
            for terminal in _NOT_IN_MINUTES
            if grammar.reads_as(str(token), terminal)
        )
        scrutiny = tuple(
            attrs.evolve(c, part="minutes") for c in children if isinstance(c, ScrutinyLine)
        )
        blocks = _blocks(tokens, [s.span.line for s in scrutiny])
        span = _body_span(heading, blocks)
        return _Part("minutes", Minutes(heading, blocks, span), scrutiny, misplaced=misplaced)

    def minutes(self, children: list[Any]) -> _Part:
        return self._minutes(_heading(children[0]), children[1:])

    def unlabelled_minutes(self, children: list[Any]) -> _Part:
        return self._minutes(None, children)

    def resolved(self, children: list[Any]) -> _Part:
        tokens = [c for c in children if isinstance(c, lark.Token)]
        scrutiny = tuple(
            attrs.evolve(c, part="resolved") for c in children if isinstance(c, ScrutinyLine)
        )
        # A contact line here closes the outcome (decision pages).
        inner = tuple(
            attrs.evolve(c, value=attrs.evolve(c.value, part="outcome"))
            if c.rule == "contact"
            else c
            for c in children
            if isinstance(c, _Part)
        )
        breaks = [s.span.line for s in scrutiny]
        opening, rest = _opening(tokens[0])
        block = _numbered_block(opening, [*rest, *tokens[1:]], breaks)
        if scrutiny:  # the block runs to its last line, a scrutiny line included
            last = _last([block.span, *(s.span for s in scrutiny)])
            block = attrs.evolve(block, span=block.span.to(last), scrutiny=scrutiny)
        return _Part("resolved", block, scrutiny, inner)

    def decision(self, children: list[Any]) -> _Part:
        return self._decision(children, "outcome")

    def decision_part(self, children: list[Any]) -> _Part:
        """ModernGov's "Decision:" part before the minutes: the same model parts."""
        return self._decision(children, "before_minutes")

    def _decision(self, children: list[Any], part: Literal["before_minutes", "outcome"]) -> _Part:
        tokens = [c for c in children if isinstance(c, lark.Token)]
        inner = [c for c in children if isinstance(c, _Part)]
        heading, rest = _opening(tokens[0])
        blocks = _blocks([*rest, *tokens[1:]])
        resolved = inner[0] if inner else None
        ends = [heading.span] + [b.span for b in blocks]
        ends += [resolved.value.span] if resolved else []
        last = _last(ends)
        decision = Decision(
            heading, blocks, resolved.value if resolved else None, heading.span.to(last), part
        )
        return _Part(
            "decision",
            decision,
            resolved.scrutiny if resolved else (),
            resolved.inner if resolved else (),
        )

    def action(self, children: list[lark.Token]) -> _Part:
        line = str(children[0]).rstrip("\n")
        match = patterns.ACTION_LABEL_RE.match(line)
        assert match, "the ACTION terminal reads the same ACTION_LABEL"
        text, columns = located(line[match.end() :])
        columns = tuple(match.end() + c for c in columns)
        remark_match = _REMARK.search(text)
        remark = remark_match["remark"] if remark_match else None
        owners_text = text[: remark_match.start()] if remark_match else text
        found = _pieces(owners_text, _OWNER_SEPARATOR)
        owners = tuple(owner for owner, _ in found)
        spans = tuple(_columns_span(children[0], columns, at, owner) for owner, at in found)
        label = collapse(match["action_label"]).replace(" :", ":")
        action = Action(label, text, owners, remark, _span(children[0]), spans)
        return _Part("actions", action)

    # The Resolved block of the "Decision:" part: the same model part as an outcome's.
    part_resolved = resolved

    def supporting_documents(self, children: list[lark.Token]) -> _Part:
        first = children[0]
        label, _, rest = str(first).rstrip("\n").partition(":")
        heading = Heading(collapse(label) + ":", _span(first))
        documents = [Paragraph(collapse(rest), _span(first))] if rest.strip() else []
        documents += [Paragraph(collapse(t), _span(t)) for t in children[1:]]
        last = documents[-1].span if documents else heading.span
        return _Part(
            "supporting_documents",
            SupportingDocuments(heading, tuple(documents), heading.span.to(last)),
        )

    def start(self, children: list[Any]) -> list[_Part]:
        parts: list[_Part] = []
        after_action = False
        for child in children:
            if isinstance(child, ScrutinyLine):
                part: Literal["agenda", "closing"] = "closing" if after_action else "agenda"
                parts.append(_Part("scrutiny", None, (attrs.evolve(child, part=part),)))
            else:
                after_action = after_action or child.rule == "actions"
                parts.append(child)
        return parts


#: The one builder of model parts (it keeps no state between texts).
_MODEL = _ToModel()


def _unexpected(token: lark.Token, expected: Iterable[str]) -> Finding:
    wanted = sorted(
        {
            grammar.describe_terminal(name)
            for name in expected
            if name in grammar.TERMINAL_DESCRIPTIONS
        }
    )
    found = grammar.describe_line(token.type)
    text = collapse(token)
    quoted = text if len(text) <= 60 else text[:57] + "…"
    message = f"cannot place {found} here: '{quoted}'"
    if wanted:
        message += (
            f"; expected {', '.join(wanted[:-1])}{' or ' if len(wanted) > 1 else ''}{wanted[-1]}"
        )
    return Finding(_span(token).start, message, code=UNEXPECTED_LINE)


def _group_span(number: int, columns: Sequence[int], match: re.Match[str], group: str) -> Span:
    """The span on line ``number`` of ``group`` matched in the line's collapsed text."""
    start, end = match.span(group)
    return Span(number, columns[start] + 1, number, columns[end - 1] + 2)


_DECISIONS_PAGE = "Issue - decisions"
#: What a meeting line ("Meeting: 16/09/2020 - …") and a meeting header ("…, Tuesday, 1st
#: December, 2020") hold, found before either pattern is tried.
_MEETING_CUE = "eeting: "
_HEADER_CUE = "day, "


def meeting_heading(lines: Sequence[str]) -> Meeting | None:
    """The meeting a meeting file's preface (the lines before its first item) names in
    its heading, "Minutes of the Licensing Committee held on 3 March 2022": the first
    such line with a day-month-year date after "held". Only a preface is read so: an
    item titled so is about approving another meeting's minutes.
    """
    for number, text in enumerate(lines, start=1):
        match = patterns.MEETING_HEADING_RE.match(collapse(text))
        if match is None or patterns.ANOTHER_MEETING_RE.match(match["committee"]):
            continue
        for found in prose_dates(match["when"]):
            date = found.date.isoformat() if found.date is not None else None
            return Meeting(date, match["committee"], None, Span.of_line(number, text))
    return None


def _meeting(lines: Sequence[str]) -> Meeting | None:
    """The meeting the page states, from its first line that says so.

    Issue-history pages print "Meeting: 16/09/2020 - Cabinet (Item 9.)", decision pages
    "Made at meeting: 22/07/2021 - Cabinet", voting records "Planning Committee,
    Tuesday, 1st December, 2020 6.00 pm", an issue's decisions page (after its "Issue -
    decisions" furniture) "24/06/2022 - <the decision's title>" (no body named). The line
    is read wherever it stands (it stays where the grammar put it, so no word moves);
    the date's and the committee's own spans are kept, so that no later stage looks for
    them again.
    """
    whole = own_text(lines)  # most items state none: one search of each cue says so
    if not any(cue in whole for cue in (_DECISIONS_PAGE, _MEETING_CUE, _HEADER_CUE)):
        return None
    decisions_page = False
    for number, text in numbered_lines(lines):
        if text.strip() == _DECISIONS_PAGE:
            decisions_page = True
            continue
        decided = patterns.DECISION_DATE_LINE_RE.match(text.strip()) if decisions_page else None
        if decided is not None:
            try:
                when = datetime.date(
                    int(decided["year"]), int(decided["month"]), int(decided["day"])
                )
                stated: str | None = when.isoformat()
            except ValueError:
                stated = None
            return Meeting(stated, None, None, Span.of_line(number, text))
        if _MEETING_CUE in text:
            line, columns = located(text)
            match = patterns.MEETING_LINE_RE.match(line)
            prefix = "meeting"
            month = match["meeting_month"] if match else ""
        elif _HEADER_CUE in text:
            line, columns = located(text)
            match = patterns.MEETING_HEADER_RE.match(line)
            prefix = "header"
            name = match["header_month"].lower() if match else ""
            month = str(MONTHS.index(name) + 1) if name in MONTHS else "0"
        else:
            continue
        if match is None or not match[f"{prefix}_committee"]:
            continue
        try:
            year, day = int(match[f"{prefix}_year"]), int(match[f"{prefix}_day"])
            date: str | None = datetime.date(year, int(month), day).isoformat()
        except ValueError:
            date = None
        return Meeting(
            date,
            match[f"{prefix}_committee"],
            match.groupdict().get("meeting_item"),
            Span.of_line(number, text),
            date_span=_group_span(number, columns, match, f"{prefix}_date") if date else None,
            committee_span=_group_span(number, columns, match, f"{prefix}_committee"),
        )
    return None


def _placed_unplaced(
    fields: dict[str, Any], unplaced: Sequence[UnplacedLine], last_line: int
) -> list[UnplacedLine]:
    """``unplaced`` with the part of the page each line stands in.

    The record of the meeting starts at the first line of a part the grammar put in it
    (the decision, the minutes, the outcome, an ACTION line, a scrutiny line after the
    agenda part); the papers after the "Supporting documents:" heading.
    """
    record = [
        fields[name].span.line for name in ("decision", "minutes", "resolved") if fields[name]
    ]
    record += [a.span.line for a in fields["actions"]]
    record += [s.span.line for s in fields["scrutiny"] if s.part != "agenda"]
    documents = fields["supporting_documents"]
    papers = documents.span.line if documents else last_line + 1
    record_start = min([*record, papers])

    def part(line: int) -> Literal["agenda", "record", "papers"]:
        return "papers" if line > papers else "record" if line >= record_start else "agenda"

    return [attrs.evolve(u, part=part(u.span.line)) for u in unplaced]


def _inside(span: Span, unplaced: Iterable[UnplacedLine]) -> tuple[UnplacedLine, ...]:
    return tuple(u for u in unplaced if span.line < u.span.line < span.end_line)


def _with_unplaced(
    block: NumberedBlock | Decision, unplaced: Sequence[UnplacedLine]
) -> NumberedBlock | Decision:
    """``block`` keeping the unplaced lines between its first and last lines (a decision:
    not those inside its Resolved block, which that block keeps)."""
    if isinstance(block, NumberedBlock):
        return attrs.evolve(block, unplaced=_inside(block.span, unplaced))
    resolved = block.resolved
    own = _inside(block.span, unplaced)
    if resolved is not None:
        theirs = set(_inside(resolved.span, unplaced))
        own = tuple(u for u in own if u not in theirs)
        resolved = attrs.evolve(resolved, unplaced=_inside(resolved.span, unplaced))
    return attrs.evolve(block, resolved=resolved, unplaced=own)


def _flattened(parts: Sequence[_Part]) -> Iterable[_Part]:
    """``parts`` with the parts that stood inside them after them, in source order."""
    for part in parts:
        if part.inner:  # most parts have none: they are kept as they are
            yield attrs.evolve(part, inner=())
            yield from _flattened(part.inner)
        else:
            yield part


def _draft(parts: Sequence[_Part]) -> Sequence[_Part]:
    """``parts`` with a draft resolution read as the agenda's text, not the outcome.

    Agenda text that asks the meeting to pass a resolution ("If the recommendation is
    accepted, to formally pass the following resolution:-") is followed by the draft,
    under its own Resolved heading ("RESOLVED – That the public be excluded …"). When
    that block follows the summary directly and nothing records the meeting after it,
    it is the summary's last part: its heading and text are summary paragraphs (every
    line kept where it was), its numbered items a list.
    """
    rules = [part.rule for part in parts]
    if "summary" not in rules or "resolved" not in rules:
        return parts
    at = rules.index("resolved")
    if at == 0 or rules[at - 1] != "summary" or set(rules[at + 1 :]) - {"supporting_documents"}:
        return parts
    summary: tuple[Block, ...] = parts[at - 1].value
    last = summary[-1] if summary else None
    text = last.items[-1].text if isinstance(last, (NumberedList, BulletList)) else None
    if isinstance(last, Paragraph):
        text = last.text
    if text is None or not patterns.DRAFT_INVITATION_RE.search(text) or parts[at].inner:
        return parts
    block: NumberedBlock = parts[at].value
    draft: list[Block] = [Paragraph(block.heading.text, block.heading.span), *block.paragraphs]
    if block.items:
        draft.append(NumberedList(block.items, block.items[0].span.to(block.items[-1].span)))
    draft.sort(key=lambda b: b.span.start)
    return [
        *parts[: at - 1],
        attrs.evolve(parts[at - 1], value=(*summary, *draft)),
        *parts[at + 1 :],
    ]


#: Parts the model holds once; the grammar lets the agenda part repeat them.
_SINGLE = {
    "recommended": "a 'Recommended' block",
    "contact": "a contact line",
    "decision": "a decision ('Decision:', 'Decided:', 'AGREED')",
}


def _assemble(
    source: SourceText,
    parts: Sequence[_Part],
    unplaced: list[UnplacedLine],
    findings: list[Finding],
) -> AgendaItem:
    fields: dict[str, Any] = {
        "preface": [],
        "title": None,
        "summary": (),
        "recommended": None,
        "contact": None,
        "scrutiny": [],
        "decision": None,
        "minutes": None,
        "resolved": None,
        "actions": [],
        "supporting_documents": None,
    }
    for part in _flattened(_draft(parts)):
        fields["scrutiny"].extend(part.scrutiny)
        if part.rule in ("preface", "actions"):
            fields[part.rule].append(part.value)
        elif part.rule in _SINGLE and fields[part.rule] is not None:
            # A second one: never overwrite the first (its words would be lost).
            span: Span = part.value.span
            findings.append(
                Finding(
                    span.start,
                    f"cannot place {_SINGLE[part.rule]} here: the item already has one"
                    f" (line {fields[part.rule].span.line}); its lines are kept as they are",
                    code=UNEXPECTED_LINE,
                )
            )
            unplaced.extend(
                UnplacedLine(
                    collapse(text),
                    Span.of_line(n, text),
                )
                for n, text in enumerate(
                    source.lines[span.line - 1 : span.end_line], start=span.line
                )
                if text.strip()
            )
        elif part.rule != "scrutiny":
            fields[part.rule] = part.value
    decision: Decision | None = fields["decision"]
    minutes: Minutes | None = fields["minutes"]
    if (
        decision is not None
        and decision.resolved is not None
        and fields["resolved"] is None
        and (minutes is None or minutes.span.line < decision.span.line)
    ):
        # "Decision:" over the item's only Resolved block, with no minutes after it:
        # that block is the item's outcome. (Followed by the minutes, it stays with the
        # decision, where it stands.)
        fields["resolved"] = decision.resolved
        # The decision now ends where its own text does: the block's lines are the block's.
        last = _last([decision.heading.span, *(b.span for b in decision.blocks)])
        fields["decision"] = attrs.evolve(
            decision, resolved=None, span=decision.heading.span.to(last)
        )
    fields["scrutiny"].sort(key=lambda s: s.span.start)
    unplaced.sort(key=lambda u: u.span.start)
    unplaced = _placed_unplaced(fields, unplaced, len(source.lines))
    for name in ("recommended", "resolved", "decision"):
        if fields[name] is not None:
            fields[name] = _with_unplaced(fields[name], unplaced)
    meeting = _meeting(source.lines)
    votes = recorded_votes(source.lines)
    return AgendaItem(
        source=Source(source.name, source.sha256, source.lines),
        preface=tuple(fields["preface"]),
        meeting=meeting,
        title=fields["title"],
        summary=fields["summary"],
        recommended=fields["recommended"],
        contact=fields["contact"],
        scrutiny=tuple(fields["scrutiny"]),
        decision=fields["decision"],
        minutes=fields["minutes"],
        resolved=fields["resolved"],
        actions=tuple(fields["actions"]),
        supporting_documents=fields["supporting_documents"],
        unplaced=tuple(unplaced),
        votes=votes,
        declarations=declarations(source.lines),
        exempt=exemption(source.lines),
    )


#: Words one of which is on every line where a label, "Minutes:" with its text or a
#: Resolved heading in capitals opens a cell (read from their patterns).
_CELL_WORDS = tuple(
    sorted(
        fewest_words(
            frozenset().union(
                *(
                    words_needed(pattern) or ()
                    for pattern in (
                        patterns.INLINE_LABEL,
                        patterns.MINUTES_WITH_TEXT_RE.pattern,
                        patterns.RESOLVED_CAPITALS,
                    )
                )
            )
        )
    )
)


def _candidate_lines(text: str) -> Iterator[int]:
    """Where the lines of ``text`` start that may hold several cells: those with one
    of :data:`_CELL_WORDS`, a numbered list run on after a colon, or a paragraph number."""
    for word in _CELL_WORDS:
        index = text.find(word)
        while index >= 0:
            yield text.rfind("\n", 0, index) + 1
            index = text.find(word, index + len(word))
    for expression in (patterns.FIRST_INLINE_ITEM_RE, patterns.PARAGRAPH_NUMBER_END_RE):
        for found in expression.finditer(text):
            yield text.rfind("\n", 0, found.start()) + 1


def _may_hold_cells(text: str) -> bool:
    """Whether any line of ``text`` holds several cells (:func:`_cell_starts`).

    Most texts have one cell a line. Each kind of cell opens at a word or a mark that
    a search of the whole text finds fast, so only the lines that have one are looked
    at, at a fraction of the cost of looking at every line.
    """
    for start in dict.fromkeys(_candidate_lines(text)):
        end = text.find("\n", start)
        line = text[start : end if end >= 0 else len(text)]
        if _cell_starts(line) or patterns.MINUTES_WITH_TEXT_RE.match(line):
            return True
    return False


def _cell_starts(line: str) -> list[int]:
    """Where the cells of ``line`` start after its first: at each block label inside
    it, at a Resolved heading in capitals after a sentence's end, at each item of a
    numbered list run on after a colon, and, on a line that opens with item number N,
    at each of the item's own paragraph numbers N.1, N.2, … inside it."""
    starts = [m.end() for m in patterns.LABEL_INSIDE_RE.finditer(line)]
    starts += [m.end() for m in patterns.RESOLVED_INSIDE_RE.finditer(line)]
    for first in patterns.FIRST_INLINE_ITEM_RE.finditer(line):
        starts += _run_on_items(line, first.end())
    numbered = patterns.NUMBERED_LINE_RE.match(line)
    if numbered is not None:
        paragraph = re.compile(rf"(?<=\S)[^\S\n]+(?={numbered['line_number']}\.\d{{1,2}}[^\S\n])")
        starts += [m.end() for m in paragraph.finditer(line, numbered.end())]
    return sorted(set(starts))


def _run_on_items(line: str, start: int) -> list[int]:
    """Where the items of a numbered list run on in ``line`` from ``start`` begin: "1."
    there, then "2.", "3.", … in the same style, each before a word; none unless the
    list has two items or more."""
    opening = line[start : start + 3]
    style = "(1)" if opening.startswith("(") else "1)" if opening.startswith("1)") else "1."
    found = [start]
    number = 2
    while True:
        marker = re.escape(style.replace("1", str(number)))
        following = re.compile(rf"(?<=\S)[^\S\n]+(?={marker}[^\S\n]+[A-Za-z])")
        match = following.search(line, found[-1] + 1)
        if match is None:
            break
        found.append(match.end())
        number += 1
    return found if len(found) >= 2 else []


def _cells(line: str) -> list[tuple[int, str]]:
    """The cells of a line that holds several, as (offset, text) pairs.

    Two kinds of page put several lines' worth on one. ModernGov's table-rendered pages
    print a whole row on one line: "Declaration of Interests Decision: None Minutes:
    None |"; each block label starts a cell, and "Minutes:" is a heading of its own, its
    text a cell after it. A PDF flattened by a re-hosting site runs an item's number,
    title and numbered paragraphs together: "34 Easy Access 34.1 It was noted …
    34.2 …"; each of the item's own paragraph numbers starts a cell, so the title is
    what comes before the first. A line with neither is one cell.
    """
    starts = [0, *_cell_starts(line)]
    cells: list[tuple[int, str]] = []
    for start, end in zip(starts, [*starts[1:], len(line)], strict=True):
        cell = line[start:end].rstrip()
        minutes = patterns.MINUTES_WITH_TEXT_RE.match(cell)
        if minutes is not None:
            label = minutes.end()
            cells += [(start, cell[:label]), (start + label, cell[label:])]
        else:
            cells.append((start, cell))
    return cells


def _cells_as_lines(lines: Sequence[str]) -> tuple[str, list[int]]:
    """The text with each line's cells on lines of their own (each at its own column),
    and the file line of each (for a text :func:`_may_hold_cells` says has some)."""
    text: list[str] = []
    origin: list[int] = []
    for number, line in enumerate(lines, start=1):
        for start, cell in _cells(line):
            text.append(" " * (start + len(cell) - len(cell.lstrip())) + cell.lstrip())
            origin.append(number)
    return "".join(f"{line}\n" for line in text), origin


def _inside_minutes(
    token: lark.Token, terminal: str, heading: Heading | None, first: lark.Token
) -> Finding:
    """MK002 for a heading line inside the minutes (kept there as a line of them)."""
    start = heading.span.line if heading is not None else first.line
    if terminal == "MINUTES_HEADING":
        what = "a second 'Minutes:' heading" if heading is not None else "a 'Minutes:' heading"
        advice = ""
    else:
        what = "a 'Recommended' heading"
        advice = " (the report's recommendations go before the minutes)"
    return Finding(
        _span(token).start,
        f"{what} inside the minutes, which begin at line {start}{advice}:"
        f" '{collapse(token)}' is kept as a line of the minutes",
        code=UNEXPECTED_LINE,
    )


def _move(token: lark.Token, lines: int) -> None:
    """Move ``token`` ``lines`` lines down (from its item's text to the file's lines)."""
    if lines and token.line is not None:
        token.line += lines
        if token.end_line is not None:
            token.end_line += lines


def _marked_title(item: AgendaItem, heading_lines: frozenset[int]) -> AgendaItem:
    """``item`` with the line its original marks as a heading as its title, where the
    grammar found no title: the item's first line after its page furniture, read as
    the summary's first paragraph, on one line of its own that the original marks as a
    heading (a Word title or heading style, or all in bold). Otherwise ``item``."""
    if item.title is not None or not heading_lines or not item.summary:
        return item
    first = item.summary[0]
    if not isinstance(first, Paragraph) or first.span.line != first.span.end_line:
        return item
    if first.span.line not in heading_lines:
        return item
    lines = item.source.lines
    furniture = {n for p in item.preface for n in range(p.span.line, p.span.end_line + 1)}
    before = (
        n
        for n in range(1, first.span.line)
        if n <= len(lines) and lines[n - 1].strip() and n not in furniture
    )
    if next(before, None) is not None:
        return item
    return attrs.evolve(item, title=Title(first.text, first.span), summary=item.summary[1:])


def parse(
    source: SourceText,
    headings: tuple[tuple[str, str], ...] = (),
    heading_lines: frozenset[int] = frozenset(),
) -> tuple[AgendaItem, list[Finding]]:
    """Parse ``source`` into an item, with a finding for every line it could not place.

    ``headings`` are a profile's own heading spellings, (part, heading) pairs.
    ``heading_lines`` are the lines the original marks as headings (see
    :attr:`minutekit.readers.Reading.heading_lines`): where the grammar finds no title,
    the first of them, standing first, is the title (:func:`_marked_title`).
    """
    findings: list[Finding] = []
    unplaced: list[UnplacedLine] = []
    # An item of a meeting file is read as its own text, then moved to its lines in
    # the file: reading the lines before it, even blank, would cost every item what
    # the file before it is long.
    before, lines = (
        (source.lines.first, source.lines.own())
        if isinstance(source.lines, ItemLines)
        else (0, source.lines)
    )

    text = "".join(line + "\n" for line in lines)
    origin: list[int] | None = None
    if _may_hold_cells(text):
        text, origin = _cells_as_lines(lines)

    def placed(token: lark.Token) -> None:
        """``token`` on its line of the file: a line's cells share its number, and an
        item of a meeting file moves down to where it stands in the file."""
        if origin is not None and token.line is not None:
            token.line = token.end_line = origin[token.line - 1]
        _move(token, before)

    def skip_line(error: UnexpectedInput) -> bool:
        if not isinstance(error, UnexpectedToken) or error.token.type == "$END":
            return False
        placed(error.token)
        findings.append(_unexpected(error.token, error.expected))
        unplaced.append(UnplacedLine(collapse(error.token), _span(error.token)))
        return True

    try:
        parts: list[_Part] = grammar.parse(
            text,
            headings,
            on_error=skip_line,
            builder=_MODEL,
            place=placed if before or origin is not None else None,
        )
        findings.extend(_inside_minutes(*found) for part in parts for found in part.misplaced)
    except UnexpectedInput as error:
        # Not expected with this grammar (every line is some terminal and every part
        # may end the file); if it happens, keep every line rather than fail.
        line = (getattr(error, "line", 1) or 1) + before
        findings.append(
            Finding(Position(line, 1), f"the grammar stopped here: {error}", code=UNEXPECTED_LINE)
        )
        parts = []
        unplaced = [
            UnplacedLine(collapse(text), Span(n, 1, n, len(text) + 1))
            for n, text in numbered_lines(source.lines)
            if text.strip()
        ]
    item = _marked_title(_assemble(source, parts, unplaced, findings), heading_lines)
    findings.sort(key=lambda f: f.position)
    return item, findings
