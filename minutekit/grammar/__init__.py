"""Loads the one grammar, ``agenda_item.lark``, and names its terminals for people.

The grammar is data beside this loader: an LALR(1) grammar over whole-line terminals,
compiled once per process (:func:`parser`). The tests build it again with
``strict=True`` to prove it free of conflicts.
"""

from __future__ import annotations

import functools
from importlib import resources

import lark

__all__ = ["GRAMMAR_FILE", "TERMINAL_DESCRIPTIONS", "describe_terminal", "grammar_text", "parser"]

GRAMMAR_FILE = "agenda_item.lark"

#: How a message names each kind of line, "expected a 'Resolved' heading".
TERMINAL_DESCRIPTIONS: dict[str, str] = {
    "PAGE_FURNITURE": "page furniture ('Local democracy')",
    "AGENDA_HEADER": "the 'Agenda item' header",
    "TITLE": "the title",
    "RECOMMENDED_HEADING": "a 'Recommended' heading",
    "MINUTES_HEADING": "the 'Minutes:' heading",
    "RESOLVED_HEADING": "a 'Resolved' heading",
    "ACTION": "an 'ACTION:' line",
    "SUPPORTING_DOCUMENTS": "the 'Supporting documents:' heading",
    "SCRUTINY": "an 'Overview and Scrutiny …:' line",
    "CONTACT": "a contact line '(Name – phone)'",
    "LIST_ITEM": "a numbered item",
    "BULLET": "a bullet item",
    "TEXT": "a line of text",
    "$END": "the end of the file",
}


def describe_terminal(name: str) -> str:
    return TERMINAL_DESCRIPTIONS.get(name, name)


def grammar_text() -> str:
    return resources.files(__name__).joinpath(GRAMMAR_FILE).read_text(encoding="utf-8")


@functools.cache
def parser() -> lark.Lark:
    """The compiled LALR parser (built on first use, then reused)."""
    return lark.Lark(grammar_text(), parser="lalr", lexer="contextual")
