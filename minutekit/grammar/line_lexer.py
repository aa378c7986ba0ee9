"""A lexer for the grammar's whole-line terminals, feeding lark's LALR parser.

lark's contextual lexer tries, in each parser state, the terminals that state accepts
(and the ignored ones) as one regular expression at the current position, then counts
lines in every token it makes. Here every terminal of the grammar is one whole line and
blank lines are ignored, so most of that work can go:

- a blank line is seen by a string test and skipped, when the state's own expression
  would read it as an ignored terminal (checked once per state);
- any other line is matched once, by the union of the terminals the state accepts,
  built from the compiled grammar's terminals, in lark's order (priority, then the
  longest pattern, then the name): the same expression lark builds, so the same token;
- positions are counted per line, not by rescanning the token's text.

Nothing here names a terminal or copies a pattern: the tables are derived from the
grammar as lark compiled it, and lark's own contextual lexer stays the reference (the
test suite compares both token streams on every seed, fixture, corpus file and
generated text). A line that the state does not accept is classified by every terminal
and reported as lark reports it (``UnexpectedToken``), so error recovery and MK002 read
the same. A grammar that lark would lex with more than regular expressions (string
terminals it folds into others) is handed to lark's contextual lexer unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from typing import Any

from lark.exceptions import UnexpectedCharacters, UnexpectedToken
from lark.lexer import ContextualLexer, Lexer, LexerState, TerminalDef, Token

__all__ = ["LineLexer"]


def lark_order(terminal: TerminalDef) -> tuple[int, int, int, str]:
    """The order in which lark's lexer tries terminals (its ``BasicLexer`` sort)."""
    return (
        -terminal.priority,
        -terminal.pattern.max_width,
        -len(terminal.pattern.value),
        terminal.name,
    )


class _Scanner:
    """The terminals one parser state accepts, as one expression (lark's union)."""

    __slots__ = ("allowed", "blank_ignored", "match")

    def __init__(
        self,
        terminals: list[TerminalDef],
        flags: int,
        ignore: Collection[str],
        blank_callbacks: bool = False,
    ) -> None:
        terminals = sorted(terminals, key=lark_order)
        union = "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals)
        self.match: Callable[[str, int], re.Match[str] | None] = re.compile(union, flags).match
        self.allowed = {t.name for t in terminals} - set(ignore)
        # A blank line may be skipped by a string test when this expression reads
        # every kind of blank line as an ignored terminal.
        self.blank_ignored = not blank_callbacks and all(
            (m := self.match(blank, 0)) is not None and m.lastgroup in ignore
            for blank in ("\n", " \n", "\t\n", " \t \n")
        )


class LineLexer(Lexer):
    """lark's custom-lexer interface (``lexer=LineLexer``), given the parser's state."""

    __future_interface__ = 2

    def __init__(self, conf: Any) -> None:
        self.conf = conf
        self.terminals_by_name: dict[str, TerminalDef] = dict(conf.terminals_by_name)
        self.ignore = frozenset(conf.ignore)
        self.callbacks: dict[str, Callable[[Token], Token]] = dict(conf.callbacks)
        self.flags = conf.g_regex_flags
        #: Only plain regular expressions: lark folds string terminals into others.
        self.regular = not conf.use_bytes and all(t.pattern.type == "re" for t in conf.terminals)
        self.by_accepts: dict[frozenset[str], _Scanner] = {}
        self.by_state: dict[Any, _Scanner] = {}
        #: An ignored terminal with a callback must be matched, for the callback's sake.
        self.blank_callbacks = bool(self.ignore & set(self.callbacks))
        self.root = _Scanner(list(conf.terminals), self.flags, self.ignore)
        self.fallback: ContextualLexer | None = None
        always = conf.postlex.always_accept if conf.postlex else ()
        self.always_accept = frozenset(always)

    def scanner(self, parser_state: Any) -> _Scanner:
        state = parser_state.position
        try:
            return self.by_state[state]
        except KeyError:
            pass
        accepts = frozenset(parser_state.parse_conf.parse_table.states[state])
        scanner = self.by_accepts.get(accepts)
        if scanner is None:
            names = accepts | self.ignore | self.always_accept
            terminals = [self.terminals_by_name[n] for n in names if n in self.terminals_by_name]
            scanner = _Scanner(terminals, self.flags, self.ignore, self.blank_callbacks)
            self.by_accepts[accepts] = scanner
        self.by_state[state] = scanner
        return scanner

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        if not self.regular:
            yield from self._lark(lexer_state, parser_state)
            return
        text = lexer_state.text.text
        end = lexer_state.text.end
        counter = lexer_state.line_ctr
        callbacks = self.callbacks
        ignore = self.ignore
        by_state = self.by_state
        while counter.char_pos < end:
            pos = counter.char_pos
            scanner = by_state.get(parser_state.position) or self.scanner(parser_state)
            newline = text.find("\n", pos, end)
            if (
                scanner.blank_ignored
                and newline >= 0
                and (newline == pos or text[pos:newline].isspace())
            ):
                counter.char_pos = counter.line_start_pos = newline + 1
                counter.line += 1
                counter.column = 1
                continue
            match = scanner.match(text, pos)
            if match is None:
                self._unexpected(lexer_state, parser_state, scanner)
            assert match is not None
            kind = match.lastgroup
            assert kind is not None
            value = match.group()
            token = self._token(kind, value, counter)
            if kind in ignore:
                if kind in callbacks:
                    callbacks[kind](token)
                continue
            if kind in callbacks:
                token = callbacks[kind](token)
            lexer_state.last_token = token
            yield token

    @staticmethod
    def _token(kind: str, value: str, counter: Any) -> Token:
        """The token ``value`` at the counter's position, the counter moved past it."""
        token = Token(kind, value, counter.char_pos, counter.line, counter.column)
        newlines = value.count("\n")
        if newlines:
            counter.line += newlines
            counter.line_start_pos = counter.char_pos + value.rindex("\n") + 1
        counter.char_pos += len(value)
        counter.column = counter.char_pos - counter.line_start_pos + 1
        token.end_line = counter.line
        token.end_column = counter.column
        token.end_pos = counter.char_pos
        return token

    def _unexpected(self, lexer_state: LexerState, parser_state: Any, scanner: _Scanner) -> None:
        """Raise what lark's contextual lexer raises for a line the state does not take."""
        counter = lexer_state.line_ctr
        text = lexer_state.text.text
        last_token = lexer_state.last_token
        pos, line, column = counter.char_pos, counter.line, counter.column
        match = self.root.match(text, pos)
        if match is None or match.lastgroup in self.ignore:
            raise UnexpectedCharacters(  # type: ignore[no-untyped-call]
                text,
                pos,
                line,
                column,
                allowed=scanner.allowed,
                token_history=last_token and [last_token],
                state=parser_state,
                terminals_by_name=self.terminals_by_name,
            )
        kind = match.lastgroup
        assert kind is not None
        token = self._token(kind, match.group(), counter)
        if kind in self.callbacks:
            token = self.callbacks[kind](token)
        lexer_state.last_token = token
        raise UnexpectedToken(  # type: ignore[no-untyped-call]
            token,
            scanner.allowed,
            state=parser_state,
            token_history=[last_token],
            terminals_by_name=self.terminals_by_name,
        )

    def _lark(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        if self.fallback is None:
            table = parser_state.parse_conf.parse_table
            states: dict[int, Collection[str]] = {i: list(t) for i, t in table.states.items()}
            self.fallback = ContextualLexer(self.conf, states, always_accept=self.always_accept)
        yield from self.fallback.lex(lexer_state, parser_state)
