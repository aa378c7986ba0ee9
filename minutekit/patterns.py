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
    "CONTACT",
    "CONTACT_RE",
    "DECISION_DATE_LINE_RE",
    "DECISION_INLINE",
    "DECISION_INLINE_RE",
    "DECISION_LABEL",
    "DIGITS_RE",
    "DOCUMENT_REFERENCE",
    "DOCUMENT_REFERENCE_RE",
    "ITEM_NUMBER",
    "ITEM_NUMBER_LINE_RE",
    "LIST_MARKER",
    "LIST_MARKER_RE",
    "MEETING_HEADER",
    "MEETING_HEADER_RE",
    "MEETING_HEADING_RE",
    "MEETING_LINE",
    "MEETING_LINE_RE",
    "NUMBERED_TITLE",
    "NUMBERED_TITLE_LINE_RE",
    "OUTCOME_MENTION_RE",
    "PARAGRAPH_NUMBER",
    "RECOMMENDED_INLINE",
    "RECOMMENDED_INLINE_RE",
    "RESOLVED_INLINE",
    "RESOLVED_INLINE_RE",
    "RESOLVED_WORD",
    "SOURCES",
    "WORD_RE",
    "XML_FORBIDDEN_RE",
    "from_roman",
    "to_roman",
]

# ------------------------------------------------------------- page furniture

#: The seeds' page banner, "Local democracy".
BANNER = r"Local democracy"

#: The header over each item of the seeds' pages: "Agenda item", "AGENDA ITEM",
#: "Agenda Item" (any case).
AGENDA_HEADER = r"(?i:Agenda[^\S\n]+item)"

#: An agenda item's number alone on its line: "40.", "1b", "78/21", "P/142". Only the
#: first form has a value that runs on (``item_number``).
ITEM_NUMBER = r"(?:(?P<item_number>\d{1,4})[a-z]?\.?|\d{1,4}/\d{1,4}|[A-Z]{1,3}/\d{1,4})"

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

#: A Resolved heading that opens a line with its text ("RESOLVED – That …", "Resolved:
#: That …", "It was RESOLVED that …", "2 Resolved –  …"), the text in ``resolved_text``;
#: or a lead-in that ends the line with a colon ("The Committee resolved:-", "Cabinet
#: considered the report and RESOLVED:"), all heading. A sentence that merely mentions
#: resolving ("the Committee resolved to approve …") is neither.
RESOLVED_INLINE = (
    r"(?:"
    + PARAGRAPH_NUMBER
    + r"(?:(?:It|it)[^\S\n]+was,?[^\S\n]+)?"
    + RESOLVED_WORD
    + r"(?:[^\S\n]*(?::-|:[^\S\n]+-|[-–—:.,]))?(?:[^\S\n]+|(?<=:))"
    r"(?P<resolved_text>[^\s\-–—:.,][^\n]*)"
    r"|\S[^\n]*[^\S\n](?:RESOLVED|resolved)(?:[^\S\n]+to[^\S\n]+[a-z]+)?[^\S\n]*(?::-|:))"
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
    rf"|[Tt]he\s+decision|NOTED|[Nn]oted|APPROVED|[Aa]pproved)\b|{DECISION_LABEL})"
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

#: What the grammar may name, by the name it uses.
SOURCES: dict[str, str] = {
    "BANNER": BANNER,
    "AGENDA_HEADER": AGENDA_HEADER,
    "ITEM_NUMBER": ITEM_NUMBER,
    "NUMBERED_TITLE": NUMBERED_TITLE,
    "MEETING_LINE": MEETING_LINE,
    "MEETING_HEADER": MEETING_HEADER,
    "PARAGRAPH_NUMBER": PARAGRAPH_NUMBER,
    "RESOLVED_INLINE": RESOLVED_INLINE,
    "DECISION_INLINE": DECISION_INLINE,
    "DECISION_LABEL": DECISION_LABEL,
    "AGREED_WORD": AGREED_WORD,
    "RECOMMENDED_INLINE": RECOMMENDED_INLINE,
    "LIST_MARKER": LIST_MARKER,
    "BULLET_MARKER": BULLET_MARKER,
    "CONTACT": CONTACT,
    "ACTION_LABEL": ACTION_LABEL,
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

#: Whole lines (white space around allowed).
BANNER_LINE_RE = re.compile(rf"^\s*{BANNER}\s*$")
AGENDA_HEADER_LINE_RE = re.compile(rf"^\s*{AGENDA_HEADER}\s*$")
ITEM_NUMBER_LINE_RE = re.compile(rf"^\s*{ITEM_NUMBER}\s*$")
NUMBERED_TITLE_LINE_RE = re.compile(rf"^\s*{NUMBERED_TITLE}\s*$")
#: A line's white space collapsed (:func:`minutekit.text.collapse`).
MEETING_LINE_RE = re.compile(rf"^{MEETING_LINE}$")
#: The start of a line, white space collapsed.
MEETING_HEADER_RE = re.compile(MEETING_HEADER)
CONTACT_RE = re.compile(rf"^{CONTACT}$")
#: The start of a line as written, with the white space after the marker or label.
LIST_MARKER_RE = re.compile(rf"^\s*{LIST_MARKER}\s+")
BULLET_RE = re.compile(rf"^\s*{BULLET_MARKER}\s*")
ACTION_LABEL_RE = re.compile(rf"^\s*{ACTION_LABEL}\s*")
#: A line as written, from its start.
RESOLVED_INLINE_RE = re.compile(rf"[^\S\n]*{RESOLVED_INLINE}")
DECISION_INLINE_RE = re.compile(rf"[^\S\n]*{DECISION_INLINE}")
RECOMMENDED_INLINE_RE = re.compile(rf"[^\S\n]*{RECOMMENDED_INLINE}")
#: Anywhere in a text.
OUTCOME_MENTION_RE = re.compile(_OUTCOME_MENTION)
#: A run of digits.
DECISION_DATE_LINE_RE = re.compile(_DECISION_DATE_LINE)
MEETING_HEADING_RE = re.compile(_MEETING_HEADING, re.IGNORECASE)
ANOTHER_MEETING_RE = re.compile(_ANOTHER_MEETING, re.IGNORECASE)

DIGITS_RE = re.compile(r"\d+")
#: A run of characters that are not white space.
WORD_RE = re.compile(r"\S+")
DOCUMENT_REFERENCE_RE = re.compile(DOCUMENT_REFERENCE)
XML_FORBIDDEN_RE = re.compile(_XML_FORBIDDEN)

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
