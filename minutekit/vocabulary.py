"""Word families and line shapes shared by the grammar, the parser and the splitter.

The grammar's terminals are written in ``agenda_item.lark``; where one of them needs a
word family defined here it names it as ``@NAME@`` and the grammar loader puts the
pattern in (see :func:`minutekit.grammar.grammar_text`). The parser reads the same
patterns to split a heading from the text on its line, the splitter to find where
an issue's next meeting starts. Every pattern matches inside
one line only (white space is ``[^\\S\\n]``), holds no capturing group, and escapes
its slashes (``\\/``), which the grammar's ``/…/`` patterns need.

- ``RESOLVED_OPENING``: a Resolved-family word where it introduces the outcome at the
  start of a line: ``RESOLVED``, ``Resolved``; after a paragraph or page number (``2
  Resolved –``, ``6.2  RESOLVED``) or a bullet; after ``It was``; with a vote qualifier
  before or after it (``UNANIMOUSLY RESOLVED``, ``Resolved unanimously``), and the
  punctuation after it (``:``, ``–``, ``-``, ``:-``, ``: -``, ``.``, ``,``).
- ``RESOLVED_IN_SENTENCE``: the word in the middle of the sentence that records the
  decision, the text before it and the punctuation after it: ``Following discussion
  it was RESOLVED``, ``…, seconded by Councillor Everett and RESOLVED``, ``it was
  unanimously resolved``. Only ``RESOLVED`` in capitals or after ``it was``, and (in
  the grammar) only when ``that``, ``to`` or a list marker follows. Neither this nor
  the lead-in is read inside a ``Decision:`` or ``Minutes:`` line, which is that
  part's.
- ``RESOLVED_LEAD_IN``: a lead-in naming who resolved, ending the line with a colon:
  ``The Committee resolved:-``, ``Executive resolved that:-``, ``Cabinet considered the
  report and RESOLVED:``, ``Council resolved to approve:``, ``it was RESOLVED to:``.
  A sentence that merely mentions resolving (``the Committee resolved to approve the
  scheme in 2019.``) is neither.
- ``MEETING_LINE``: the line that states the meeting an item was taken at, on issue
  history and decision pages: ``Meeting: 16/09/2020 - Cabinet (Item 9.)``, ``Made at
  meeting: 22/07/2021 - Cabinet``, ``Decided at meeting: 28/09/2010 - Executive``. It
  is page furniture to the grammar, and where the splitter starts an issue's next
  meeting.
- ``OUTCOME_WORDS``: an outcome in any of the forms councils write it, anywhere in a
  line: the Resolved family, ``AGREED``/``agreed that``/``agreed to``, ``Decision:``,
  ``Decided:``, ``decided to``/``decided that``, ``The decision``, ``approved``,
  ``noted``; and a headless resolution, whose heading was lost: ``That the report be
  noted.``, ``(i) That the plan be published``.
- ``INLINE_LABEL``: a block label that a table-rendered page prints inside a line, the
  row's cells run together: ``Declaration of Interests Decision: None Minutes: None |``,
  ``Budget Plan Additional documents:``. Only ``Minutes:``, ``Decision:`` and the
  documents labels, followed by white space or the line's end.
- ``DRAFT_INVITATION``: the end of agenda text that asks the meeting to pass a
  resolution, whose draft follows: ``to formally pass the following resolution:-``,
  ``to make the following resolution namely that``, ``is asked to resolve:``. The
  Resolved heading under it is the draft, not the outcome.
- ``TITLE_CASE``: two to twelve words in title case (each word of four letters or
  more capitalised), the shape of a heading that ends in a full stop: ``Declarations
  of Interest.``, not ``Apologies were received.``.
- ``CHROME``: page chrome, the lines a web page prints around an item that are no part
  of it: a CMS's region names and banners, accessibility and navigation links,
  breadcrumbs, cookie and sharing notices, and the headings and metadata of ModernGov's
  issue-history, decision and voting-record pages. One pattern per kind in
  ``CHROME_LINES``; a profile adds its own lines (``[profiles.X.headings] chrome``).
"""

from __future__ import annotations

__all__ = [
    "CHROME",
    "CHROME_LINES",
    "DRAFT_INVITATION",
    "INLINE_LABEL",
    "MEETING_LINE",
    "OUTCOME_WORDS",
    "RESOLVED_IN_SENTENCE",
    "RESOLVED_LEAD_IN",
    "RESOLVED_OPENING",
    "TITLE_CASE",
    "VOCABULARY",
]

_SPACE = r"[^\S\n]"
_QUALIFIER = r"(?:UNANIMOUSLY|Unanimously|unanimously)"
_WORD = r"(?:RESOLVED|Resolved)"
_BEFORE = rf"(?:\d{{1,3}}(?:\.\d{{1,3}})?{_SPACE}+|[·•*▪►]{_SPACE}*)?"
_PUNCTUATION = rf"(?:{_SPACE}*(?::-|:{_SPACE}+-|[-–—:.,]))?"

RESOLVED_OPENING = (
    rf"{_BEFORE}(?:(?:It|it){_SPACE}+was,?{_SPACE}+(?:{_QUALIFIER}{_SPACE}+)?"
    rf"(?:RESOLVED|Resolved|resolved)|(?:{_QUALIFIER}{_SPACE}+)?{_WORD}"
    rf"(?:,?{_SPACE}+{_QUALIFIER})?){_PUNCTUATION}"
)

# A "Decision:" or "Minutes:" line is that part's, whatever it says later.
_NOT_A_LABEL = rf"(?!(?:Decisions?|DECISIONS?|Decided|DECIDED|Minutes){_SPACE}*:)"

RESOLVED_IN_SENTENCE = (
    rf"{_NOT_A_LABEL}\S[^\n]*?{_SPACE}(?:(?:It|it){_SPACE}+was,?{_SPACE}+(?:{_QUALIFIER}{_SPACE}+)?"
    rf"(?:RESOLVED|resolved)|(?:{_QUALIFIER}{_SPACE}+)?RESOLVED(?:,?{_SPACE}+{_QUALIFIER})?)"
    rf"{_PUNCTUATION}"
)

RESOLVED_LEAD_IN = (
    rf"{_NOT_A_LABEL}\S[^\n]*{_SPACE}(?:RESOLVED|resolved)"
    rf"(?:{_SPACE}+that|{_SPACE}+to(?:{_SPACE}+[a-z]+)?)?{_SPACE}*(?::-|:)"
)

MEETING_LINE = (
    rf"(?:Meeting|Made{_SPACE}at{_SPACE}meeting|Decided{_SPACE}at{_SPACE}meeting):"
    rf"{_SPACE}\d\d\/\d\d\/\d{{4}}{_SPACE}-{_SPACE}[^\n]*"
)

OUTCOME_WORDS = (
    r"\b(?:(?:RESOLVED|[Rr]esolved|AGREED|[Aa]greed\s+(?:that|to|as)|DECISION|[Tt]he\s+decision"
    r"|NOTED|[Nn]oted|APPROVED|[Aa]pproved|(?:DECIDED|[Dd]ecided)\s+(?:to|that))\b"
    r"|Decision\s*:|Decided\s*:)"
    r"|^\s*(?:\(?(?:\d{1,3}|[ivxlc]{1,6}|[a-z])[.)]\s+)?(?:That|THAT)\s[^\n]*?\b(?:be|are|is)"
    r"\s+[a-z]+ed\b"
)

INLINE_LABEL = rf"(?:(?:Additional|Supporting){_SPACE}+documents|Decisions?|Minutes):(?={_SPACE}|$)"

DRAFT_INVITATION = (
    rf"(?i:(?:pass|make|adopt|move|consider){_SPACE}+the{_SPACE}+following{_SPACE}+resolution"
    rf"|(?:asked|invited|recommended|requested){_SPACE}+to{_SPACE}+resolve)"
    rf"(?:{_SPACE}+namely)?(?:{_SPACE}+that)?{_SPACE}*(?::-|:|-|–)?{_SPACE}*$"
)

_TITLE_WORD = r"(?:[A-Z0-9(‘'\"“][^\s.]*|[a-z]{1,3}|[-–—&])"
TITLE_CASE = rf"{_TITLE_WORD}(?:{_SPACE}+{_TITLE_WORD}){{1,11}}"

_S = _SPACE
CHROME_LINES: tuple[str, ...] = (
    # A browser page title before the page's own "Agenda item" header.
    rf"Agenda{_S}+item{_S}+[-–—]{_S}+[^\n]*(?=\n(?:[^\n]*\n){{0,6}}?{_S}*Agenda{_S}+item{_S}*\n)",
    # A site's banners and a CMS's region names: the seeds' "Local democracy".
    r"Local democracy",
    r"How can we help you\.*",
    rf"Modern\.gov{_S}+(?:Breadcrumb|Content|Navigation|Menu)",
    # Accessibility and navigation links.
    rf"(?i:skip{_S}+(?:to{_S}+(?:the{_S}+)?(?:main{_S}+)?content|navigation(?:{_S}+and{_S}+tools)?))",
    rf"(?i:accessibility{_S}+(?:settings|tools)[^\n]*|text{_S}+size(?:{_S}*:)?(?:{_S}+[^\n]*)?)",
    # Breadcrumbs: "You are here - Home : Council and Democracy : …", "Home > Meetings".
    r"You are here\b[^\n]*",
    rf"Home{_S}+[>:»|\/]{_S}[^\n]*",
    # Cookie, e-mail, print and sharing notices.
    rf"(?i:(?:we{_S}+use{_S}+cookies|cookie{_S}+(?:settings|preferences|policy))[^\n]*)",
    rf"(?i:(?:e-?mail|print|share){_S}+this{_S}+(?:page|item))",
    # ModernGov's page headings and decision metadata ("Decision Maker: Cabinet").
    r"Issue - (?:meetings|decisions)",
    r"Decision details",
    r"Voting record",
    r"(?:Decision Maker|Decision status|Is Key decision\?|Is subject to call in\?"
    r"|Publication date|Date of decision|Effective from):[^\n]*",
    # The meeting an issue or decision was taken at, and a voting record's meeting:
    # "Planning Committee, Tuesday, 1st December, 2020 6.00 pm".
    MEETING_LINE,
    r"[A-Z][^,\n]*, (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \d{1,2}(?:st|nd|rd|th)?"
    r" [A-Z][a-z]+,? \d{4}(?: \d{1,2}[.:]\d\d ?[ap]m)?",
)
CHROME = "|".join(f"(?:{line})" for line in CHROME_LINES)

#: The patterns the grammar names, by name.
VOCABULARY: dict[str, str] = {
    "RESOLVED_OPENING": RESOLVED_OPENING,
    "RESOLVED_LEAD_IN": RESOLVED_LEAD_IN,
    "RESOLVED_IN_SENTENCE": RESOLVED_IN_SENTENCE,
    "MEETING_LINE": MEETING_LINE,
    "CHROME": CHROME,
    "TITLE_CASE": TITLE_CASE,
}
