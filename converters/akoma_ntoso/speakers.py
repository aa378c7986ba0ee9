"""Who speaks in a paragraph of the minutes: a few plain patterns, or nobody.

Takes the minutes' blocks in order, as the text of each paragraph (or None for a list,
which ends any run of speech). Guarantees: a paragraph gets a :class:`Turn` only when
it opens with a recognised speaker and reporting verb; anything else is left to be a
plain ``p``, so no speaker is ever invented. The patterns, from the Akoma Ntoso design:

- "The <post> <reporting verb> …" (the post holding a title word such as Director,
  Chair or Leader): a ``speech`` by that post; "replied" or "responded", or "added"
  straight after a question or answer, makes it an ``answer``;
- "Councillor <Name> asked …": a ``question`` by that person as a councillor (another
  verb: a ``speech``);
- "Members sought / asked / were keen to explore / were seeking / highlighted their
  concerns …": a ``question`` by the members, to the officers when the paragraph says
  "from officers";
- "In response(,) officers …" or "Officers replied …": an ``answer`` by the officers;
- "He / She / They …" straight after a turn continues that turn.

An answer is addressed to whoever asked the last question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

import attrs

__all__ = ["Speaker", "Turn", "attribute", "submitter"]

_REPORTING = (
    "submitted|introduced|presented|stated|reported|explained|informed|highlighted|said|"
    "added|emphasised|emphasized|welcomed|thanked|requested|spoke|indicated|congratulated|"
    "expressed|confirmed|advised|outlined|responded|replied|commented|reiterated|stressed|"
    "acknowledged|suggested|clarified|updated|asked|queried|questioned|sought"
)
_TITLE_WORDS = {
    "Director",
    "Manager",
    "Chair",
    "Chairman",
    "Chairperson",
    "Vice-Chair",
    "Leader",
    "Executive",
    "Officer",
    "Holder",
    "Solicitor",
    "Councillor",
    "Clerk",
    "Head",
    "Mayor",
    "Commissioner",
    "Portfolio",
    "Secretary",
    "Treasurer",
    "Inspector",
    "Superintendent",
    "Sergeant",
    "Lead",
    "Adviser",
    "Advisor",
    "Coordinator",
    "Co-ordinator",
    "representative",
}
_CONNECTORS = "of|for|and|the|on|in|to|&"
_POST = re.compile(
    rf"^The (?P<post>[A-Z][^\s]*(?:\s+(?:[A-Z][^\s]*|{_CONNECTORS}|representative))*?)"
    rf"\s+(?P<verb>{_REPORTING})\b"
)
_REPRESENTATIVE = re.compile(
    rf"^A (?P<post>representative (?:of|from) (?:the )?[A-Z][^\s]*(?:\s+[A-Z][^\s]*)*?)"
    rf"\s+(?P<verb>{_REPORTING})\b"
)
_COUNCILLOR = re.compile(
    rf"^(?P<whole>Councillor (?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){{0,2}}?))"
    rf"\s+(?P<verb>{_REPORTING})\b"
)
_MEMBERS = re.compile(
    r"^(?:Members|An area that members)\b[^.?!]*?\b(?:sought|asked|queried|questioned|"
    r"were (?:also )?keen to explore|were (?:also )?seeking|highlighted their concerns)\b",
)
_OFFICERS = re.compile(
    r"^(?:In response,? officers|Officers) (?:stated|indicated|replied|responded|explained|"
    r"confirmed|advised|reported|said)\b"
)
_SUBMITS = re.compile(
    rf"^The (?P<post>[A-Z][^\s]*(?:\s+(?:[A-Z][^\s]*|{_CONNECTORS}))*?)"
    r"\s+(?:will submit|submitted)\b"
)
_PRONOUN = re.compile(r"^(?:He|She|They)\b")
_QUESTION_VERBS = {"asked", "queried", "questioned", "sought"}
_ANSWER_VERBS = {"replied", "responded"}


@attrs.frozen
class Speaker:
    """A speaker: a post or body ("role") or a named person, with a title it speaks as."""

    kind: Literal["role", "person"]
    label: str
    speaks_as: str | None = None
    #: Where the speaker is named in the paragraph (start, end), to mark it up.
    named_at: tuple[int, int] | None = None
    #: The role's id in the ontology when it is not the label's words ("member").
    ontology: str | None = None


@attrs.frozen
class Turn:
    """A paragraph's place in the debate: who speaks, to whom, and whether it continues."""

    element: Literal["speech", "question", "answer"]
    by: Speaker
    to: Speaker | None = None
    #: True when the paragraph continues the turn before it ("He added …").
    continues: bool = False


MEMBERS = Speaker("role", "Members", ontology="member")
OFFICERS = Speaker("role", "Officers", ontology="officer")


def submitter(text: str) -> Speaker | None:
    """The post that submits the report in a summary ("The <post> will submit …")."""
    match = _SUBMITS.match(text)
    if not match or not {w.strip(",;:") for w in match["post"].split()} & _TITLE_WORDS:
        return None
    return Speaker(
        "role", match["post"].rstrip(","), named_at=(match.start("post"), match.end("post"))
    )


def _post_turn(text: str, previous: Turn | None) -> Turn | None:
    match = _POST.match(text) or _REPRESENTATIVE.match(text)
    if not match:
        return None
    post = match["post"]
    if not {w.strip(",;:") for w in post.split()} & _TITLE_WORDS:
        return None
    by = Speaker("role", post.rstrip(","), named_at=(match.start("post"), match.end("post")))
    verb = match["verb"]
    follows_question = previous is not None and previous.element in ("question", "answer")
    if verb in _ANSWER_VERBS or (verb == "added" and follows_question):
        return Turn("answer", by)
    return Turn("speech", by)


def _turn(text: str, previous: Turn | None) -> Turn | None:
    if _PRONOUN.match(text) and previous is not None:
        return attrs.evolve(previous, continues=True)
    councillor = _COUNCILLOR.match(text)
    if councillor:
        by = Speaker(
            "person",
            councillor["name"],
            speaks_as="Councillor",
            named_at=(councillor.start("whole"), councillor.end("whole")),
        )
        if councillor["verb"] in _QUESTION_VERBS:
            return Turn("question", by)
        return Turn("speech", by)
    if _MEMBERS.match(text):
        return Turn("question", MEMBERS, OFFICERS if "from officers" in text else None)
    if _OFFICERS.match(text):
        return Turn("answer", OFFICERS)
    return _post_turn(text, previous)


def attribute(paragraphs: Sequence[str | None]) -> list[Turn | None]:
    """The turn of each paragraph (None: a plain paragraph, or not a paragraph)."""
    turns: list[Turn | None] = []
    previous: Turn | None = None
    asker: Speaker | None = None
    for text in paragraphs:
        turn = _turn(text, previous) if text is not None else None
        if turn is not None and turn.element == "question" and not turn.continues:
            asker = turn.by
        if turn is not None and turn.element == "answer" and not turn.continues:
            turn = attrs.evolve(turn, to=asker)
        turns.append(turn)
        previous = turn
    return turns
