"""Loads the one grammar, ``agenda_item.lark``, and names its terminals for people.

The grammar is data beside this loader: an LALR(1) grammar over whole-line terminals,
compiled once per process (:func:`parser`), whose lines are read by
:class:`~minutekit.grammar.line_lexer.LineLexer` (lark's contextual lexer's tokens,
from tables derived from the same terminals, at less cost). The tests build it again with
``strict=True`` to prove it free of conflicts.

Compiling takes 16 ms, or 190 ms when ``interegular`` is installed (lark then checks the
terminals for collisions); for a one-file run in a pre-commit hook that is most of the
start-up. So the compiled tables are kept with lark's own cache in the user's cache
folder (``$XDG_CACHE_HOME/minutekit``, ``~/.cache/minutekit``; ``MINUTEKIT_NO_CACHE=1``
turns it off). Lark stores the grammar's hash in the file and recompiles when the
grammar changes; a cache that cannot be read or written is silently skipped. Never
the shared temporary folder: the cache is a pickle, and only the user should be able to
write what they load.
"""

from __future__ import annotations

import functools
import pkgutil
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minutekit import patterns, user_cache

if TYPE_CHECKING:  # lark is imported when the grammar is first needed
    from collections.abc import Callable

    import lark
    from lark.exceptions import UnexpectedInput

__all__ = [
    "GRAMMAR_FILE",
    "HEADING_TERMINALS",
    "TERMINAL_DESCRIPTIONS",
    "describe_line",
    "describe_terminal",
    "grammar_text",
    "parse",
    "parser",
    "reads_as",
]

GRAMMAR_FILE = "agenda_item.lark"

#: How a message names each kind of line, "expected a 'Resolved' heading".
TERMINAL_DESCRIPTIONS: dict[str, str] = {
    "PAGE_FURNITURE": "page furniture ('Local democracy', 'Issue - meetings')",
    "AGENDA_HEADER": "the 'Agenda item' header",
    "ITEM_NUMBER": "an item number alone on its line",
    "TITLE": "the title",
    "NUMBERED_TITLE": "the title after its item number",
    "RESOLVED_INLINE": "a 'Resolved' heading with its text",
    "RECOMMENDED_INLINE": "a 'Recommended' heading with its text",
    "RECOMMENDED_HEADING": "a 'Recommended' heading",
    "MINUTES_HEADING": "the 'Minutes:' heading",
    "RESOLVED_HEADING": "a 'Resolved' heading",
    "DECISION_HEADING": "a decision heading ('Decision:', 'Decided:', 'AGREED')",
    "DECISION_INLINE": "a decision with its text ('Decided: that …', 'AGREED to …')",
    "ACTION": "an 'ACTION:' line",
    "SUPPORTING_DOCUMENTS": "the 'Supporting documents:' heading",
    "SCRUTINY": "an 'Overview and Scrutiny …:' line",
    "CONTACT": "a contact line '(Name – phone)'",
    "LIST_ITEM": "a numbered item",
    "BULLET": "a bullet item",
    "TEXT": "a line of text",
    "$END": "the end of the file",
}


#: How a message names a line of these kinds where the grammar cannot place it: by
#: what it looks like. The title and the title after its number are titles only where
#: a title stands; elsewhere such a line is text.
_OUT_OF_PLACE: dict[str, str] = {
    "TITLE": "a line of text",
    "NUMBERED_TITLE": "a numbered line in capitals",
}


def describe_terminal(name: str) -> str:
    return TERMINAL_DESCRIPTIONS.get(name, name)


def describe_line(name: str) -> str:
    """What a line the lexer read as terminal ``name`` looks like, for a message about
    that line out of place ("cannot place a line of text here")."""
    return _OUT_OF_PLACE.get(name, describe_terminal(name))


@functools.cache
def _pattern(name: str) -> re.Pattern[str]:
    definition = parser().get_terminal(name).pattern
    flags = re.IGNORECASE if "i" in definition.flags else 0
    return re.compile(definition.to_regexp(), flags)


@functools.cache
def _words(name: str) -> frozenset[str]:
    """Words one of which a line of terminal ``name`` holds (none: no cheap test), as
    the line lexer reads them."""
    return parser().parser.lexer.words[name] or frozenset()


def reads_as(line: str, name: str) -> bool:
    """Whether ``line`` (with its line break) is a line of terminal ``name``, as the
    grammar's own pattern for it reads (for a line the grammar took as text because
    that terminal could not stand there)."""
    words = _words(name)
    if words and not any(word in line for word in words):  # a cheap test first
        return False
    return _pattern(name).fullmatch(line) is not None


_PLACEHOLDER = re.compile(r"\{\{(?P<name>[A-Z_]+)\}\}")


def _lark_source(name: str) -> str:
    """The source of :mod:`minutekit.patterns`' ``name``, written for a ``/…/`` literal."""
    return re.sub(r"(?<!\\)/", r"\/", patterns.SOURCES[name])


def grammar_text() -> str:
    """The grammar, each ``{{NAME}}`` replaced by the pattern of that name."""
    # Read by the package's loader: importlib.resources costs a one-file run 10 ms.
    data = pkgutil.get_data(__name__, GRAMMAR_FILE)
    assert data is not None, "minutekit.grammar is a regular package"
    text = data.decode("utf-8")
    return _PLACEHOLDER.sub(lambda m: _lark_source(m["name"]), text)


def cache_file() -> Path | None:
    """Where the compiled grammar is cached, or None when there is nowhere safe."""
    import lark

    folder = user_cache.folder()
    if folder is None:
        return None
    return folder / f"agenda_item-lark-{lark.__version__}.cache"


#: The parts a profile may give extra heading spellings to, and their terminals.
HEADING_TERMINALS: dict[str, str] = {
    "recommended": "RECOMMENDED_HEADING",
    "minutes": "MINUTES_HEADING",
    "decision": "DECISION_HEADING",
    "resolved": "RESOLVED_HEADING",
    # Not a heading: a line of the house's own page chrome, read as page furniture.
    "chrome": "PAGE_FURNITURE",
}


def parser(headings: tuple[tuple[str, str], ...] = ()) -> lark.Lark:
    """The compiled LALR parser (loaded from the cache or built on first use, then reused).

    ``headings`` are a profile's own spellings, as (part, heading) pairs: a line that
    reads exactly so (white space collapsed) is that part's heading wherever the
    grammar would take a heading, and keeps its own words.
    """
    return _parser(headings)  # one cache key for parser() and parser(())


@functools.cache
def _parser(headings: tuple[tuple[str, str], ...]) -> lark.Lark:
    import lark

    from minutekit.grammar.line_lexer import LineLexer

    cache = cache_file()
    callbacks = {}
    if headings:
        spelled = {" ".join(text.split()): HEADING_TERMINALS[part] for part, text in headings}

        def retype(token: lark.Token) -> lark.Token:
            terminal = spelled.get(" ".join(token.split()))
            if terminal is not None:
                token.type = terminal
            return token

        callbacks = {"TEXT": retype, "TITLE": retype, "NUMBERED_TITLE": retype}
    return lark.Lark(
        grammar_text(),
        parser="lalr",
        lexer=LineLexer,
        cache=str(cache) if cache is not None else False,
        lexer_callbacks=callbacks,
    )


@functools.cache
def _callbacks(headings: tuple[tuple[str, str], ...], builder: lark.Transformer[Any, Any]) -> Any:
    """The rules' callbacks that apply ``builder``'s methods as the parser reduces, as
    ``Lark(transformer=builder)`` makes them (made once a process)."""
    return parser(headings)._parse_tree_builder.create_callback(builder)  # type: ignore[no-untyped-call]


def parse(
    text: str,
    headings: tuple[tuple[str, str], ...] = (),
    on_error: Callable[[UnexpectedInput], bool] | None = None,
    builder: lark.Transformer[lark.Token, Any] | None = None,
    place: Callable[[lark.Token], None] | None = None,
) -> Any:
    """The parse tree of ``text``, or what ``builder`` makes of it (see :func:`parser`
    for ``headings``). ``place`` is given every token before ``builder`` sees it.

    A text whose every line the grammar places is parsed by the line lexer's own loop
    over lark's parse table (:meth:`LineLexer.parse`), ``builder``'s methods called as
    each rule is reduced (no tree is made: ``builder`` must keep no state of its own
    between calls); any other by lark's parser, with ``on_error`` called for each line
    it cannot place, as :meth:`lark.Lark.parse` does, then ``builder`` applied to the
    tree. Both give the same.
    """
    compiled = parser(headings)
    frontend = compiled.parser
    table = frontend.parser.parser.parse_table
    callbacks = (
        frontend.parser.parser.callbacks if builder is None else _callbacks(headings, builder)
    )
    result = frontend.lexer.parse(text, table, callbacks, place)
    if result is not None:
        return result
    import lark

    tree = compiled.parse(text, on_error=on_error)
    if place is not None:
        for token in tree.scan_values(lambda value: isinstance(value, lark.Token)):
            place(token)
    return tree if builder is None else builder.transform(tree)
