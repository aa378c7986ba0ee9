"""Every pattern that more than one stage reads text with, defined once.

Takes nothing; holds regular-expression sources and the small vocabularies behind them.
The grammar, the splitter, the parser, the rules and the converters all read them from
here, so that a spelling variant is added in one place and no stage can drift from
another:

- the grammar names a pattern in a terminal as ``{{NAME}}``; the loader
  (:func:`minutekit.grammar.grammar_text`) puts the source of ``NAME`` in its place
  before lark compiles it. A terminal built so matches exactly what the Python below
  matches, and its named groups say where the parts of the line are;
- Python code uses the compiled forms at the end of this module.

Rules for the sources: horizontal white space is ``[^\\S\\n]`` (the grammar reads whole
lines); a source with alternatives is wrapped in a group, so that it can stand anywhere;
group names are unique over all sources (one lexer state may hold several terminals).

Patterns that only one module uses (a finder's own cues, a converter's eId making) stay
in that module; ``tests/test_patterns.py`` keeps the list of them and fails when a
pattern is defined twice.
"""

from __future__ import annotations

import re
from typing import Any, cast

__all__ = [
    "ACTION_LABEL",
    "ACTION_LABEL_RE",
    "AGENDA_HEADER",
    "AGENDA_HEADER_LINE_RE",
    "ANOTHER_MEETING_RE",
    "BANNER",
    "BANNER_LINE_RE",
    "BULLET_MARKER",
    "BULLET_RE",
    "CHROME",
    "CHROME_LINES",
    "CHROME_LINE_RE",
    "CONTACT",
    "CONTACT_RE",
    "DECISION_DATE_LINE_RE",
    "DECISION_INLINE",
    "DECISION_INLINE_RE",
    "DECISION_LABEL",
    "DIGITS_RE",
    "DOCUMENT_REFERENCE",
    "DOCUMENT_REFERENCE_RE",
    "DRAFT_INVITATION_RE",
    "FIRST_INLINE_ITEM_RE",
    "INLINE_LABEL",
    "ITEM_NUMBER",
    "ITEM_NUMBER_LINE_RE",
    "ITEM_TITLE",
    "LABEL_INSIDE_RE",
    "LIST_MARKER",
    "LIST_MARKER_RE",
    "MEETING_HEADER",
    "MEETING_HEADER_RE",
    "MEETING_HEADING_RE",
    "MEETING_LINE",
    "MEETING_LINE_PLAIN",
    "MEETING_LINE_RE",
    "MINUTES_WITH_TEXT_RE",
    "NUMBERED_LINE_RE",
    "NUMBERED_TITLE",
    "NUMBERED_TITLE_LINE_RE",
    "OUTCOME_MENTION_RE",
    "PARAGRAPH_NUMBER",
    "PARAGRAPH_NUMBER_END_RE",
    "RECOMMENDED_INLINE",
    "RECOMMENDED_INLINE_RE",
    "RESOLVED_CAPITALS",
    "RESOLVED_INLINE",
    "RESOLVED_INLINE_RE",
    "RESOLVED_INSIDE_RE",
    "RESOLVED_IN_SENTENCE",
    "RESOLVED_LEAD_IN",
    "RESOLVED_LEAD_IN_RE",
    "RESOLVED_OPENING",
    "RESOLVED_WORD",
    "SOURCES",
    "TITLE_CASE",
    "WORD_RE",
    "XML_FORBIDDEN_RE",
    "compile_all",
    "from_roman",
    "to_roman",
]

# ------------------------------------------------------------- page furniture

#: The seeds' page banner, "Local democracy".
BANNER = r"Local democracy"

#: The header over each item of the seeds' pages: "Agenda item", "AGENDA ITEM",
#: "Agenda Item" (any case).
AGENDA_HEADER = r"(?i:Agenda[^\S\n]+item)"

#: An agenda item's number alone on its line: "40.", "1b", "5.1", "78/21", "P/142". Only
#: the first form has a value that runs on (``item_number``, and ``item_sub`` for a
#: sub-item "5.1").
ITEM_NUMBER = (
    r"(?:(?P<item_number>\d{1,4})(?:[a-z]|\.(?P<item_sub>\d{1,3}))?\.?"
    r"|\d{1,4}/\d{1,4}|[A-Z]{1,3}/\d{1,4})"
)

#: A title in capitals after its item number: "14. DUCHY DRIVE, HEATON - OBJECTIONS".
NUMBERED_TITLE = r"(?P<title_number>\d{1,4})\.?[^\S\n]+[A-Z][A-Z0-9 ,'’&()/:–-]*[A-Z0-9)]"

#: The issue history's meeting line: "Meeting: 10/07/2019 - Licensing Committee (Item
#: 104)", "Made at meeting: 22/07/2021 - Cabinet". The committee runs to the end of the
#: line or to the "(Item …)" that closes it.
MEETING_LINE = (
    r"(?:Meeting|Made at meeting|Decided at meeting): "
    r"(?P<meeting_date>(?P<meeting_day>\d\d)/(?P<meeting_month>\d\d)/(?P<meeting_year>\d{4}))"
    r" - (?P<meeting_committee>[^\n]*?)(?: \(Item (?P<meeting_item>[^()\n]*)\))?"
)

#: A voting record's heading: "Planning Committee, Tuesday, 1st December, 2020 6.00 pm".
MEETING_HEADER = (
    r"(?P<header_committee>[A-Z][^,\n]*), (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, "
    r"(?P<header_date>(?P<header_day>\d{1,2})(?:st|nd|rd|th)? (?P<header_month>[A-Z][a-z]+),?"
    r" (?P<header_year>\d{4}))\b(?: \d{1,2}[.:]\d\d ?[ap]m)?"
)

# ------------------------------------------------------------- outcomes

#: A paragraph or page number before a Resolved heading: "2 Resolved –", "6.2  RESOLVED –".
PARAGRAPH_NUMBER = r"(?:\d{1,3}(?:\.\d{1,3})?[^\S\n]+)?"
#: The word that opens a Resolved heading with its text.
RESOLVED_WORD = r"(?:RESOLVED|Resolved)"
#: A decision's label: "Decision:", "DECISIONS:", "Decided :".
DECISION_LABEL = r"(?:Decisions?|DECISIONS?|Decided|DECIDED)[^\S\n]*:"
#: "AGREED", "Agreed".
AGREED_WORD = r"(?:AGREED|Agreed)"

_QUALIFIER = r"(?:UNANIMOUSLY|Unanimously|unanimously)"
_BEFORE_RESOLVED = rf"(?:{PARAGRAPH_NUMBER}|[·•*▪►][^\S\n]*)?"
_AFTER_RESOLVED = r"(?:[^\S\n]*(?::-|:[^\S\n]+-|[-–—:.,]))?"
#: A "Decision:" or "Minutes:" line is that part's, whatever it says later.
_NOT_A_LABEL = rf"(?!(?:{DECISION_LABEL}|Minutes[^\S\n]*:))"

#: The Resolved family where it opens a line and introduces the outcome: "RESOLVED",
#: "Resolved"; after a paragraph or page number ("2 Resolved –") or a bullet; after "It
#: was"; with a vote qualifier before or after it ("UNANIMOUSLY RESOLVED", "Resolved
#: unanimously"); and the punctuation after it.
RESOLVED_OPENING = (
    rf"{_BEFORE_RESOLVED}(?:(?:It|it)[^\S\n]+was,?[^\S\n]+(?:{_QUALIFIER}[^\S\n]+)?"
    rf"(?:RESOLVED|Resolved|resolved)|(?:{_QUALIFIER}[^\S\n]+)?{RESOLVED_WORD}"
    rf"(?:,?[^\S\n]+{_QUALIFIER})?){_AFTER_RESOLVED}"
)

#: The word in the middle of the sentence that records the decision, with the text
#: before it: "On a vote it was RESOLVED", "… seconded by Councillor B and RESOLVED".
#: Only "RESOLVED" in capitals or after "it was".
RESOLVED_IN_SENTENCE = (
    rf"{_NOT_A_LABEL}\S[^\n]*?[^\S\n](?:(?:It|it)[^\S\n]+was,?[^\S\n]+"
    rf"(?:{_QUALIFIER}[^\S\n]+)?(?:RESOLVED|resolved)"
    rf"|(?:{_QUALIFIER}[^\S\n]+)?RESOLVED(?:,?[^\S\n]+{_QUALIFIER})?){_AFTER_RESOLVED}"
)

#: A lead-in naming who resolved, ending the line with a colon: "The Committee
#: resolved:-", "Executive resolved that:-", "Cabinet considered the report and
#: RESOLVED:", "it was RESOLVED to:". A sentence that merely mentions resolving ("the
#: Committee resolved to approve the scheme in 2019.") is neither.
RESOLVED_LEAD_IN = (
    rf"{_NOT_A_LABEL}\S[^\n]*[^\S\n](?:RESOLVED|resolved)"
    r"(?:[^\S\n]+that|[^\S\n]+to(?:[^\S\n]+[a-z]+)?)?[^\S\n]*(?::-|:)"
)

#: A Resolved heading that opens a line with its text ("RESOLVED – That …", "Resolved:
#: That …", "UNANIMOUSLY RESOLVED that …", the text in ``resolved_text``); a lead-in,
#: all heading; or the word in the sentence that records the decision, followed by
#: "that", "to" or a list marker (the text in ``resolved_said``).
RESOLVED_INLINE = (
    rf"(?:{RESOLVED_OPENING}(?:[^\S\n]+|(?<=:))(?P<resolved_text>[^\s\-–—:.,][^\n]*)"
    rf"|{RESOLVED_LEAD_IN}"
    rf"|{RESOLVED_IN_SENTENCE}[^\S\n]+(?P<resolved_said>(?:that|That|THAT|to|To|\()[^\n]*))"
)

#: An outcome in other words with its text: "Decided: that …" (the text in
#: ``decision_text`` when white space parts it from the label), "AGREED to …",
#: "Agreed that – …", "It was agreed that …" (the text in ``agreed_text``); or a lead-in,
#: "The Cabinet has", all heading.
DECISION_INLINE = (
    rf"(?:{DECISION_LABEL}(?:[^\S\n]+(?P<decision_text>\S[^\n]*)|\S[^\n]*)"
    rf"|(?:(?:It|it)[^\S\n]+was[^\S\n]+(?:AGREED|Agreed|agreed)|{AGREED_WORD})[^\S\n]+"
    r"(?:that|to|as[^\S\n]+follows)\b(?:[^\S\n]*[-–—:])?"
    r"(?:[^\S\n]+(?P<agreed_text>\S[^\n]*)|[^\n]*)"
    rf"|{AGREED_WORD},[^\n]*[^\S\n](?:that|to)[^\S\n]*:-?"
    r"|The[^\S\n]+(?:Cabinet|Council|Committee|Sub-Committee|Executive|Board|Panel)"
    r"[^\S\n]+has)"
)

#: "RECOMMENDATION That the Council approve the following:", "RECOMMENDED: that …",
#: the text in ``recommended_text``.
RECOMMENDED_INLINE = (
    r"(?:RECOMMENDED|RECOMMENDATIONS?|Recommended|Recommendation)(?:[^\S\n]*[-–—:])?"
    r"[^\S\n]+(?P<recommended_text>[^\s\-–—:.,][^\n]*)"
)

#: Any mention of an outcome in running text (MK108): a Resolved word, "resolved",
#: "AGREED", "agreed that/to/as", "DECISION", "the decision", "noted", "approved", a
#: decision's label.
_OUTCOME_MENTION = (
    rf"\b(?:(?:{RESOLVED_WORD}|resolved|AGREED|[Aa]greed\s+(?:that|to|as)|DECISION"
    rf"|[Tt]he\s+decision|NOTED|[Nn]oted|APPROVED|[Aa]pproved|(?:DECIDED|[Dd]ecided)\s+(?:to|that))\b"
    rf"|{DECISION_LABEL})"
    r"|^\s*(?:\(?(?:\d{1,3}|[ivxlc]{1,6}|[a-z])[.)]\s+)?(?:That|THAT)\s[^\n]*?\b(?:be|are|is)"
    r"\s+[a-z]+ed\b"
)

# ------------------------------------------------------------- labelled lines

#: A numbered or lettered list item's marker: (1)  1.  1)  (i)  i.  (a)  a), any case.
#: An opening bracket asks for a closing one.
LIST_MARKER = (
    r"(?i:(?P<list_open>\()?(?P<list_value>\d{1,3}|[ivxlc]{1,6}|[a-z])"
    r"(?P<list_close>(?(list_open)\)|[.)])))"
)

#: A bullet item's glyph.
BULLET_MARKER = r"(?P<bullet_marker>[·•])"

#: A contact line, "(Mark Griffin – 01274 434361)": names, a dash, a telephone number.
CONTACT = (
    r"\((?P<contact_names>[^()\n]*[^\s()])[^\S\n]+[-–—][^\S\n]+"
    r"(?P<contact_phone>\d[\d ]*\d)[^\S\n]*\)"
)

#: The label of an ACTION line, "ACTION:", "Action :".
ACTION_LABEL = r"(?P<action_label>(?i:action)[^\S\n]*:)"

# ------------------------------------------------------------- inside the text

#: A reference to a submitted document: "Document “P”", "Document \"AB\"", "(Document P)".
DOCUMENT_REFERENCE = r"Document\s+[“\"]?(?P<document_letter>[A-Z]{1,3})[”\"]?(?!\w)"

#: The characters XML 1.0 forbids that survive white-space collapsing (tab, LF, CR, VT
#: and FF are white space and never reach an output).
_XML_FORBIDDEN = "[\x00-\x08\x0e-\x1f\ufffe\uffff]"

# ------------------------------------------------------------- page chrome and titles

#: The meeting line without its groups, for a terminal that looks ahead to it.
MEETING_LINE_PLAIN = re.sub(r"\(\?P<[a-z_]+>", "(?:", MEETING_LINE)

_S = r"[^\S\n]"
#: Page chrome: the lines a web page prints around an item that are no part of it, one
#: pattern per kind. A profile adds its own lines (``[profiles.X.headings] chrome``).
CHROME_LINES: tuple[str, ...] = (
    # A browser page title before the page's own "Agenda item" header.
    rf"Agenda{_S}+item{_S}+[-–—]{_S}+[^\n]*(?=\n(?:[^\n]*\n){{0,6}}?{_S}*Agenda{_S}+item{_S}*\n)",
    # A site's banners and a CMS's region names: the seeds' "Local democracy".
    BANNER,
    r"How can we help you\.*",
    rf"Modern\.gov{_S}+(?:Breadcrumb|Content|Navigation|Menu)",
    # Accessibility and navigation links.
    rf"(?i:skip{_S}+(?:to{_S}+(?:the{_S}+)?(?:main{_S}+)?content|navigation(?:{_S}+and{_S}+tools)?))",
    rf"(?i:accessibility{_S}+(?:settings|tools)[^\n]*|text{_S}+size(?:{_S}*:)?(?:{_S}+[^\n]*)?)",
    # Breadcrumbs: "You are here - Home : Council and Democracy : …", "Home > Meetings".
    r"You are here\b[^\n]*",
    rf"Home{_S}+[>:»|/]{_S}[^\n]*",
    # Cookie, e-mail, print and sharing notices.
    rf"(?i:(?:we{_S}+use{_S}+cookies|cookie{_S}+(?:settings|preferences|policy))[^\n]*)",
    rf"(?i:(?:e-?mail|print|share){_S}+this{_S}+(?:page|item))",
    # ModernGov's page headings and decision metadata ("Decision Maker: Cabinet").
    r"Issue - (?:meetings|decisions)",
    r"Decision details",
    r"Voting record",
    r"(?:Decision Maker|Decision status|Is Key decision\?|Is subject to call in\?"
    r"|Publication date|Date of decision|Effective from):[^\n]*",
    # The meeting an issue or decision was taken at, and a voting record's meeting.
    MEETING_LINE,
    MEETING_HEADER,
)
CHROME = "(?:" + "|".join(f"(?:{line})" for line in CHROME_LINES) + ")"

#: Two to twelve words in title case (each word of four letters or more capitalised):
#: a heading that ends in a full stop, "Declarations of Interest.".
_TITLE_WORD = r"(?:[A-Z0-9(‘'\"“][^\s.]*|[a-z]{1,3}|[-–—&])"
TITLE_CASE = rf"{_TITLE_WORD}(?:{_S}+{_TITLE_WORD}){{1,11}}"

#: A title after its item number, on the same line: the number as agendas and minute
#: books print it ("14.", "2897:", "4) -", "b)", "78/21", "Item 03/07") and a
#: heading-like line after it, which may end in a colon. Not a numbered resolution
#: ("1) That …").
ITEM_TITLE = (
    rf"(?:\d{{1,4}}(?:[.:]|\)(?:{_S}*[-–—])?)?|[a-z]\)|\d{{1,4}}/\d{{1,4}}"
    rf"|Item{_S}+\d{{1,4}}(?:/\d{{1,4}})?){_S}+(?!That\b|THAT\b)"
    rf"(?:[A-Z][A-Z0-9 ,'’&()/:–-]*[A-Z0-9)]\.?|{TITLE_CASE}\.|[A-Z](?:[^\n]*[^\s.,;])?)"
)

# ------------------------------------------------------------- several lines on one

#: A block label that a table-rendered page prints inside a line ("Declaration of
#: Interests Decision: None Minutes: None |").
INLINE_LABEL = rf"(?:(?:Additional|Supporting){_S}+documents|Decisions?|Minutes):(?={_S}|$)"

#: The end of agenda text that asks the meeting to pass a resolution whose draft
#: follows: "to formally pass the following resolution:-", "is asked to resolve:".
DRAFT_INVITATION = (
    rf"(?i:(?:pass|make|adopt|move|consider){_S}+the{_S}+following{_S}+resolution"
    rf"|(?:asked|invited|recommended|requested){_S}+to{_S}+resolve)"
    rf"(?:{_S}+namely)?(?:{_S}+that)?{_S}*(?::-|:|-|–)?{_S}*$"
)

#: What the grammar may name, by the name it uses.
SOURCES: dict[str, str] = {
    "AGENDA_HEADER": AGENDA_HEADER,
    "ITEM_NUMBER": ITEM_NUMBER,
    "RESOLVED_INLINE": RESOLVED_INLINE,
    "DECISION_INLINE": DECISION_INLINE,
    "DECISION_LABEL": DECISION_LABEL,
    "AGREED_WORD": AGREED_WORD,
    "RECOMMENDED_INLINE": RECOMMENDED_INLINE,
    "LIST_MARKER": LIST_MARKER,
    "BULLET_MARKER": BULLET_MARKER,
    "CONTACT": CONTACT,
    "ACTION_LABEL": ACTION_LABEL,
    "RESOLVED_OPENING": RESOLVED_OPENING,
    "CHROME": CHROME,
    "MEETING_LINE_PLAIN": MEETING_LINE_PLAIN,
    "TITLE_CASE": TITLE_CASE,
    "ITEM_TITLE": ITEM_TITLE,
}

# ------------------------------------------------------------- a meeting's own date

#: An issue's decisions page dates each decision by its meeting: "24/06/2022 - Reference
#: from Licensing Committee - Review of Table of Fares" (after "Issue - decisions").
_DECISION_DATE_LINE = r"^(?P<day>\d\d)/(?P<month>\d\d)/(?P<year>\d{4}) - \S"

#: A meeting's own heading: "Minutes of the Licensing Committee held on 3 March 2022",
#: "MINUTES of a special meeting of the Cabinet held at the Town Hall on Tuesday, 1 March
#: 2022" (the date is read from ``when`` by the dates finder).
_MEETING_HEADING = (
    r"^Minutes\s+of\s+(?:an?\s+|the\s+)?(?:(?:\w+\s+)?meeting\s+of\s+(?:the\s+)?)?"
    r"(?P<committee>\S.*?)\s+held\b(?P<when>.*)$"
)

#: What names another meeting, or none, where a heading names the body that met: "the
#: previous meeting", "the last meeting", "the meeting".
_ANOTHER_MEETING = r"^(?:(?:the|an?)\s+)?(?:(?:previous|last)\b.*|(?:\w+\s+)?meeting)$"

# ------------------------------------------------------------- compiled, for Python


class _Lazy:
    """A compiled pattern, compiled when it is first used: ``re`` compiles in Python
    (about 25 ms of a one-file run's start went on compiling), and a one-file run uses
    about half the patterns here (a meeting file's, a decision page's and a table's go
    unused). Each attribute asked for is kept, so that later uses are plain lookups."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags = source, flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # not a pattern's (copying or pickling asks for these)
            raise AttributeError(name)
        compiled = self.__dict__.get("_compiled")
        if compiled is None:  # compiled once, whichever attribute is asked for first
            compiled = self._compiled = re.compile(self._source, self._flags)
        value = getattr(compiled, name)
        setattr(self, name, value)
        return value


def _lazy(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, made when first used (:class:`_Lazy`)."""
    return cast("re.Pattern[str]", _Lazy(source, flags))


def compile_all() -> None:
    """Compile every pattern of this module now (a bad one fails here, not at first use)."""
    for value in list(globals().values()):
        if isinstance(value, _Lazy):
            value.pattern  # noqa: B018  (the first attribute compiles it)


#: Whole lines (white space around allowed).
BANNER_LINE_RE = _lazy(rf"^\s*{BANNER}\s*$")
AGENDA_HEADER_LINE_RE = _lazy(rf"^\s*{AGENDA_HEADER}\s*$")
ITEM_NUMBER_LINE_RE = _lazy(rf"^\s*{ITEM_NUMBER}\s*$")
NUMBERED_TITLE_LINE_RE = _lazy(rf"^\s*{NUMBERED_TITLE}\s*$")
#: A line's white space collapsed (:func:`minutekit.text.collapse`).
MEETING_LINE_RE = _lazy(rf"^{MEETING_LINE}$")
#: The start of a line, white space collapsed.
MEETING_HEADER_RE = _lazy(MEETING_HEADER)
CONTACT_RE = _lazy(rf"^{CONTACT}$")
#: The start of a line as written, with the white space after the marker or label.
LIST_MARKER_RE = _lazy(rf"^\s*{LIST_MARKER}\s+")
BULLET_RE = _lazy(rf"^\s*{BULLET_MARKER}\s*")
ACTION_LABEL_RE = _lazy(rf"^\s*{ACTION_LABEL}\s*")
#: A whole line of page chrome.
CHROME_LINE_RE = _lazy(rf"^\s*{CHROME}\s*$")
#: A line that is all a Resolved lead-in ("… RESOLVED to:").
RESOLVED_LEAD_IN_RE = _lazy(rf"[^\S\n]*{RESOLVED_LEAD_IN}[^\S\n]*")
#: A Resolved heading in capitals, as it opens a cell after a sentence's end.
RESOLVED_CAPITALS = r"(?:UNANIMOUSLY[^\S\n]+)?RESOLVED\b"
#: Where a line holds several: a label inside it after a cell's text; "Minutes:" with
#: its text after it; a Resolved heading in capitals after a sentence's end; a numbered
#: list run on after a colon; a line that opens with an item number and a title.
LABEL_INSIDE_RE = _lazy(rf"(?<=\S)[^\S\n]+(?={INLINE_LABEL})")
MINUTES_WITH_TEXT_RE = _lazy(r"^[^\S\n]*Minutes:(?=[^\S\n]+\S)")
RESOLVED_INSIDE_RE = _lazy(rf"(?<=[.!?])[^\S\n]+(?={RESOLVED_CAPITALS})")
FIRST_INLINE_ITEM_RE = _lazy(r":[^\S\n]+(?=(?:1\.|\(1\)|1\))[^\S\n]+[A-Za-z])")
NUMBERED_LINE_RE = _lazy(r"^[^\S\n]*(?P<line_number>\d{1,4})\.?[^\S\n]+[A-Z]")
#: A paragraph number's end "N.n ", on every line whose item number N is followed by
#: its paragraphs (found fast: it opens with a stop).
PARAGRAPH_NUMBER_END_RE = _lazy(r"\.\d{1,2}[^\S\n]")
DRAFT_INVITATION_RE = _lazy(DRAFT_INVITATION)
#: A line as written, from its start.
RESOLVED_INLINE_RE = _lazy(rf"[^\S\n]*{RESOLVED_INLINE}")
DECISION_INLINE_RE = _lazy(rf"[^\S\n]*{DECISION_INLINE}")
RECOMMENDED_INLINE_RE = _lazy(rf"[^\S\n]*{RECOMMENDED_INLINE}")
#: Anywhere in a text.
OUTCOME_MENTION_RE = _lazy(_OUTCOME_MENTION)
#: The lines that state a meeting: a decisions page's dated line, a meeting's heading,
#: and what names another meeting instead.
DECISION_DATE_LINE_RE = _lazy(_DECISION_DATE_LINE)
MEETING_HEADING_RE = _lazy(_MEETING_HEADING, re.IGNORECASE)
ANOTHER_MEETING_RE = _lazy(_ANOTHER_MEETING, re.IGNORECASE)

#: A run of digits. Written ``\d\d*``, not ``\d+``: the same runs, but the regex engine
#: then looks for a run's first digit with its fast scan for one character of a set,
#: instead of trying a match at every position (about 1.6 times as fast over an item).
DIGITS_RE = _lazy(r"\d\d*")
#: A run of characters that are not white space.
WORD_RE = _lazy(r"\S+")
DOCUMENT_REFERENCE_RE = _lazy(DOCUMENT_REFERENCE)
XML_FORBIDDEN_RE = _lazy(_XML_FORBIDDEN)

# ------------------------------------------------------------- roman numerals

_ROMAN = (
    ("m", 1000),
    ("cm", 900),
    ("d", 500),
    ("cd", 400),
    ("c", 100),
    ("xc", 90),
    ("l", 50),
    ("xl", 40),
    ("x", 10),
    ("ix", 9),
    ("v", 5),
    ("iv", 4),
    ("i", 1),
)
_ROMAN_DIGITS = {letters: value for letters, value in _ROMAN if len(letters) == 1}


def from_roman(value: str) -> int:
    """The number of the lower-case roman numeral ``value`` ("iv" → 4)."""
    total = 0
    for i, char in enumerate(value):
        digit = _ROMAN_DIGITS[char]
        following = _ROMAN_DIGITS[value[i + 1]] if i + 1 < len(value) else 0
        total += -digit if digit < following else digit
    return total


def to_roman(number: int) -> str:
    """``number`` as a lower-case roman numeral (4 → "iv")."""
    value = ""
    rest = number
    for letters, amount in _ROMAN:
        while rest >= amount:
            value += letters
            rest -= amount
    return value
