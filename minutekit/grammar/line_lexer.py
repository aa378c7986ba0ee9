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
- before that, cheap string tests leave out the terminals that cannot match the line:
  most terminals need one of a few words on their line ("Resolved", "Minutes:"), found
  by reading each compiled pattern (:func:`required_words`); a terminal whose words are
  all absent is dropped from the union for that line, which keeps the order of the rest
  and so the token (the expensive patterns are tried only on the lines that name them);
- positions are counted per line, not by rescanning the token's text;
- a union is one large expression to compile, so until a state has wanted one set of
  terminals a few dozen times, they are tried one by one (each compiled once a
  process), which reads a line alike (an alternation takes its first alternative that
  matches) and spares a one-file run most of the compiling;
- a text whose every line the parser takes is parsed by one loop here over lark's own
  parse table and tree callbacks (:meth:`LineLexer.parse`); any other goes through
  lark's parser, which reports the line out of place and recovers.

Nothing here names a terminal or copies a pattern: the tables are derived from the
grammar as lark compiled it, and lark's own contextual lexer stays the reference (the
test suite compares both token streams on every seed, fixture, corpus file and
generated text). A line that the state does not accept is classified by every terminal
and reported as lark reports it (``UnexpectedToken``), so error recovery and MK002 read
the same. A grammar that lark would lex with more than regular expressions (string
terminals it folds into others) is handed to lark's contextual lexer unchanged.
"""

from __future__ import annotations

import functools
import json
import os
import re
import re._constants as sre  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]  # no stub; the public sre_parse is deprecated
import sys
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Any

from lark.exceptions import UnexpectedCharacters, UnexpectedToken
from lark.lexer import ContextualLexer, Lexer, LexerState, TerminalDef, Token
from lark.parse_tree_builder import ChildFilterLALR_NoPlaceholders
from lark.parsers.lalr_analysis import Shift

__all__ = ["LineLexer", "fewest_words", "grammar_words", "required_words", "words_needed"]

#: Past this many words, a terminal's test would cost more than the match it saves.
_MOST_WORDS = 6
#: A test of one letter or two says too little to be worth making.
_SHORTEST_WORD = 3

#: What a node of a parsed pattern holds that the analysis reads.
_Node = tuple[Any, Any]


def _class_has_newline(items: Sequence[_Node]) -> bool:
    """Whether the character class ``items`` (an ``IN`` node's) matches a line break."""
    negate = bool(items) and items[0][0] is sre.NEGATE
    found = False
    for op, argument in items[1:] if negate else items:
        if op is sre.LITERAL:
            found = argument == 10
        elif op is sre.RANGE:
            found = argument[0] <= 10 <= argument[1]
        elif op is sre.CATEGORY:
            found = argument in (
                sre.CATEGORY_SPACE,
                sre.CATEGORY_NOT_DIGIT,
                sre.CATEGORY_NOT_WORD,
                sre.CATEGORY_LINEBREAK,
                sre.CATEGORY_UNI_SPACE,
                sre.CATEGORY_UNI_NOT_DIGIT,
                sre.CATEGORY_UNI_NOT_WORD,
                sre.CATEGORY_UNI_LINEBREAK,
            )
        else:  # anything else: assume it may
            found = True
        if found:
            break
    return found != negate


class _Reading:
    """What :func:`_read` found of a part of a pattern: every text it can match, when
    they are few and known (``exact``); words one of which any match holds (``needs``);
    and whether a match may cross a line break."""

    __slots__ = ("crosses", "exact", "needs")

    def __init__(
        self,
        exact: frozenset[str] | None = None,
        needs: frozenset[str] | None = None,
        crosses: bool = False,
    ) -> None:
        self.exact, self.needs, self.crosses = exact, needs, crosses


#: Past this many texts, a part's exact texts are no longer followed.
_MOST_EXACT = 16


def _telling(words: frozenset[str] | None) -> bool:
    return (
        words is not None
        and 0 < len(words) <= _MOST_WORDS
        and min(map(len, words)) >= _SHORTEST_WORD
    )


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more telling of two sets of needed words: fewer words to test, then longer."""
    if not _telling(b):
        return a
    if not _telling(a):
        return b
    assert a is not None and b is not None
    return min(a, b, key=lambda words: (-min(map(len, words)), len(words)))


def fewest_words(words: frozenset[str]) -> frozenset[str]:
    """``words`` without those that hold another of them (one test finds both)."""
    return frozenset(w for w in words if not any(o != w and o in w for o in words))


def _read(node: _Node, folded: bool) -> _Reading:
    """One node of a parsed pattern; ``folded``: case is ignored there."""
    op, argument = node
    if op is sre.LITERAL:
        char = chr(argument)
        if char == "\n":
            return _Reading(crosses=True)
        # Where case is ignored, "ſ" reads as "s": no cheap test says a letter is there.
        return _Reading() if folded and char.lower() != char.upper() else _Reading(frozenset(char))
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, body = argument
        return _sequence(body, folded or bool(add_flags & sre.SRE_FLAG_IGNORECASE))
    if op is sre.BRANCH:
        readings = [_sequence(branch, folded) for branch in argument[1]]
        exact = needs = None
        if all(r.exact is not None for r in readings):
            exact = frozenset().union(*(r.exact or () for r in readings))
        alternatives = [r.needs if r.needs is not None else r.exact for r in readings]
        if all(a is not None and "" not in a for a in alternatives):
            needs = frozenset().union(*(a or () for a in alternatives))
        return _Reading(exact, needs, any(r.crosses for r in readings))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = argument
        inner = _sequence(body, folded)
        if low == high == 1:
            return inner
        exact = inner.exact | {""} if low == 0 and high == 1 and inner.exact else None
        needs = (inner.needs or inner.exact) if low >= 1 else None
        return _Reading(exact, needs, inner.crosses)
    if op is sre.IN:
        literals = [chr(a) for o, a in argument if o is sre.LITERAL]
        if len(literals) == len(argument) <= 4 and not (
            folded and any(c.lower() != c.upper() for c in literals)
        ):
            return _Reading(frozenset(literals), crosses="\n" in literals)
        return _Reading(crosses=_class_has_newline(argument))
    if op is sre.NOT_LITERAL:
        return _Reading(crosses=argument != 10)
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return _Reading(frozenset({""}))  # zero width: it consumes nothing
    return _Reading(crosses=True)  # ANY, a group's reference, …: unknown, may cross


def _sequence(nodes: Sequence[_Node], folded: bool) -> _Reading:
    """A sequence of nodes, read in order up to the first that may cross a line break
    (what follows it may be on another line)."""
    best: frozenset[str] | None = None
    run: frozenset[str] | None = frozenset({""})  # the texts of the exact nodes in a row
    whole = True  # every node so far exact
    for node in nodes:
        reading = _read(node, folded)
        if (
            reading.exact is not None
            and run is not None
            and not reading.crosses
            and len(run) * len(reading.exact) <= _MOST_EXACT
        ):
            run = frozenset(a + b for a in run for b in reading.exact)
            continue
        best = _better(best, run)
        whole = False
        run = reading.exact if not reading.crosses else None
        best = _better(best, reading.needs)
        if reading.crosses:
            return _Reading(None, best, True)
        if run is None:
            run = frozenset({""})
    best = _better(best, run)
    return _Reading(run if whole else None, best, False)


@functools.cache
def words_needed(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Words one of which is on the first line (as written, case and all) of any text
    that ``pattern`` matches from its start; None when it requires none that a cheap
    test could find. Read from the parsed pattern: a sequence's literal runs, the words
    of each alternative, a repeat's at least once; never a lookaround's (it consumes
    nothing) and nothing after a part that may cross a line break."""
    parsed = sre_parse.parse(pattern, flags)
    reading = _sequence(list(parsed), bool(parsed.state.flags & sre.SRE_FLAG_IGNORECASE))
    words = _better(None, reading.needs)
    return fewest_words(words) if words is not None else None


def required_words(terminal: TerminalDef, flags: int = 0) -> frozenset[str] | None:
    """The words one of which is on the line wherever ``terminal`` matches."""
    return words_needed(terminal.pattern.to_regexp(), flags)


Words = dict[str, frozenset[str] | None]


def _kept_words(words: Any) -> frozenset[str] | None:
    """A terminal's words as the cache keeps them: null, or a list of strings (anything
    else is a :class:`TypeError`, and the cache is not used)."""
    if words is None:
        return None
    if type(words) is not list or not all(type(word) is str for word in words):
        raise TypeError("not a list of words")
    return frozenset(words)


def grammar_words(terminals: Collection[TerminalDef], flags: int) -> Words:
    """Each terminal's :func:`required_words`, by name, kept in the user's cache.

    Reading them parses every terminal's pattern in Python (``re``'s own parser), about
    10 ms of a one-file run; so they are kept, under a key made of the patterns, the
    flags, this Python and this module's file (the analysis), and read back as JSON.
    A cache that cannot be read or does not hold what is expected is ignored.
    """
    from minutekit import user_cache

    here = os.stat(__file__)
    material = [sys.version_info[:2], flags, here.st_size, here.st_mtime_ns]
    patterns = sorted((t.name, t.pattern.to_regexp()) for t in terminals)
    path = user_cache.file_for("line-words", json.dumps([*material, patterns]))
    if path is not None:
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(stored, dict) and set(stored) == {t.name for t in terminals}:
                return {name: _kept_words(words) for name, words in stored.items()}
        except (OSError, ValueError, TypeError):
            pass  # absent, or unreadable: read the patterns again
    found = {t.name: required_words(t, flags) for t in terminals}
    if path is not None:
        kept = {name: None if w is None else sorted(w) for name, w in found.items()}
        user_cache.write(path, json.dumps(kept, ensure_ascii=False))
    return found


#: How often a set of terminals is matched one by one before it is compiled as a union,
#: which matches a line faster than they do one by one but costs more to compile.
_UNION_AFTER = 32


@functools.cache
def _compiled(union: str, flags: int) -> re.Pattern[str]:
    """``union`` compiled once a process, for every parser that makes it (the grammar
    with and without a profile's headings)."""
    return re.compile(union, flags)


def lark_order(terminal: TerminalDef) -> tuple[int, int, int, str]:
    """The order in which lark's lexer tries terminals (its ``BasicLexer`` sort)."""
    return (
        -terminal.priority,
        -terminal.pattern.max_width,
        -len(terminal.pattern.value),
        terminal.name,
    )


class _Scanner:
    """The terminals one parser state accepts, matched as lark's union matches them: for
    a line that lacks some terminals' words, without those; one by one until a set has
    been wanted often, then as one expression."""

    __slots__ = (
        "_needs",
        "allowed",
        "blank_ignored",
        "flags",
        "narrowed",
        "singly",
        "terminals",
        "tests",
        "uses",
    )

    def __init__(
        self,
        terminals: list[TerminalDef],
        flags: int,
        ignore: Collection[str],
        words_of: Words,
        blank_callbacks: bool = False,
    ) -> None:
        self.terminals = sorted(terminals, key=lark_order)
        self.flags = flags
        self.allowed = {t.name for t in terminals} - set(ignore)
        #: (bit, word) for each word some terminal needs; each terminal's bits (0: it
        #: needs none).
        words = {t.name: words_of[t.name] for t in self.terminals}
        distinct = sorted({w for needs in words.values() if needs for w in needs})
        bits = {word: 1 << i for i, word in enumerate(distinct)}
        self.tests: tuple[tuple[int, str], ...] = tuple((bits[w], w) for w in distinct)
        self._needs = {
            name: sum(bits[w] for w in needs) if needs else 0 for name, needs in words.items()
        }
        #: The union for each set of words found, made when the set has been wanted
        #: often (:meth:`_narrowed`): a union is one large expression to compile, and a
        #: one-file run would pay for each it made; until then, the terminals one by one
        #: (each compiled once a process), and how often each set was wanted.
        self.narrowed: dict[int, Callable[[str, int], re.Match[str] | None]] = {}
        self.singly: dict[int, Callable[[str, int], re.Match[str] | None]] = {}
        self.uses: dict[int, int] = {}
        # A blank line may be skipped by a string test when this state's expression
        # reads every kind of blank line as an ignored terminal.
        self.blank_ignored = not blank_callbacks and all(
            (m := self.for_line(blank)(blank, 0)) is not None and m.lastgroup in ignore
            for blank in ("\n", " \n", "\t\n", " \t \n")
        )

    @property
    def match(self) -> Callable[[str, int], re.Match[str] | None]:
        """The union of every terminal of the state (lark's own expression)."""
        return self._narrowed(-1)

    def _union(self, terminals: list[TerminalDef]) -> Callable[[str, int], re.Match[str] | None]:
        union = "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals)
        return _compiled(union, self.flags).match

    def for_line(self, line: str) -> Callable[[str, int], re.Match[str] | None]:
        """The match for ``line`` (without its break): the union of the terminals
        whose words it holds, or that need none, in lark's order."""
        found = 0
        for bit, word in self.tests:
            if word in line:
                found |= bit
        return self.narrowed.get(found) or self._narrowed(found)

    def _narrowed(self, found: int) -> Callable[[str, int], re.Match[str] | None]:
        """The match of the terminals whose words are among ``found`` (bits; -1: all)
        or that need none: one terminal after another until the set has been wanted
        :data:`_UNION_AFTER` times, then their union."""
        match = self.narrowed.get(found)
        if match is not None:
            return match
        uses = self.uses[found] = self.uses.get(found, 0) + 1
        needs = self._needs
        if found != -1 and uses < _UNION_AFTER:
            match = self.singly.get(found)
            if match is None:
                kept = [t for t in self.terminals if not needs[t.name] or needs[t.name] & found]
                match = self.singly[found] = _first_of([_single(t, self.flags) for t in kept])
            return match
        kept = [t for t in self.terminals if not needs[t.name] or needs[t.name] & found]
        match = self.narrowed[found] = self._union(kept)
        return match


def _single(terminal: TerminalDef, flags: int) -> Callable[[str, int], re.Match[str] | None]:
    """``terminal`` alone, as its part of a union: a group named after it, compiled when it
    is first tried (where an earlier terminal takes every line, it never is)."""
    source = f"(?P<{terminal.name}>{terminal.pattern.to_regexp()})"
    compiled: Callable[[str, int], re.Match[str] | None] | None = None

    def match(text: str, pos: int) -> re.Match[str] | None:
        nonlocal compiled
        if compiled is None:  # looked up once, not at every line
            compiled = _compiled(source, flags).match
        return compiled(text, pos)

    return match


def _first_of(
    matches: Sequence[Callable[[str, int], re.Match[str] | None]],
) -> Callable[[str, int], re.Match[str] | None]:
    """The first of ``matches`` that matches: what their union matches, since an
    alternation takes its first alternative that matches (nothing follows it)."""

    def match(text: str, pos: int) -> re.Match[str] | None:
        for one in matches:
            found = one(text, pos)
            if found is not None:
                return found
        return None

    return match


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
        self.fallback: ContextualLexer | None = None
        #: The parse table as :meth:`parse` reads it, for each set of callbacks (by
        #: identity).
        self.actions: dict[int, _Actions] = {}
        always = conf.postlex.always_accept if conf.postlex else ()
        self.always_accept = frozenset(always)

    @functools.cached_property
    def words(self) -> Words:
        """Each terminal's words (:func:`grammar_words`)."""
        return grammar_words(self.conf.terminals, self.flags)

    @functools.cached_property
    def root(self) -> _Scanner:
        """Every terminal: what a line is when its state accepts none that matches."""
        return _Scanner(list(self.conf.terminals), self.flags, self.ignore, self.words)

    def scanner(self, parser_state: Any) -> _Scanner:
        return self.scanner_at(parser_state.position, parser_state.parse_conf.parse_table)

    def scanner_at(self, state: Any, table: Any) -> _Scanner:
        """The scanner for parser state ``state`` of the parse table ``table``."""
        try:
            return self.by_state[state]
        except KeyError:
            pass
        accepts = frozenset(table.states[state])
        scanner = self.by_accepts.get(accepts)
        if scanner is None:
            names = accepts | self.ignore | self.always_accept
            terminals = [self.terminals_by_name[n] for n in names if n in self.terminals_by_name]
            scanner = _Scanner(terminals, self.flags, self.ignore, self.words, self.blank_callbacks)
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
            line = text[pos:newline] if newline >= 0 else text[pos:end]
            match = scanner.for_line(line)(text, pos)
            if match is None:
                self._unexpected(lexer_state, parser_state, scanner)
            assert match is not None
            kind = match.lastgroup
            assert kind is not None
            value = match.group()
            handed = _handed_on(self._token(kind, value, counter), ignore, callbacks)
            if handed is None:
                continue
            lexer_state.last_token = handed
            yield handed

    def parse(
        self,
        text: str,
        table: Any,
        callbacks: Any,
        place: Callable[[Token], None] | None = None,
        start: str = "start",
    ) -> Any | None:
        """What lark's LALR parser makes of ``text`` read by this lexer, in one loop:
        the parse ``table`` and the rules' ``callbacks`` are lark's (a tree builder's,
        or a transformer's, as ``Lark(transformer=…)`` makes them); ``place`` is given
        each token before the parser takes it. None where a line is not one the
        parser takes there, or the text ends early: lark's own parse then reads the
        text again, with its error recovery, and reports that line as it does.

        The same steps as lark's parser and lexer together (the tests compare the trees
        and every token's position), without what the general case costs per line: a
        generator handing each token over, a parser state object, a line counter, and
        a rule looked up by its hash at each reduction (:class:`_Actions`).
        """
        if not self.regular:
            return None
        actions = self.actions.get(id(callbacks))
        if actions is None or actions.callbacks is not callbacks:
            actions = self.actions[id(callbacks)] = _Actions(table, callbacks)
        end_state = table.end_states[start]
        state_stack = [table.start_states[start]]
        value_stack: list[Any] = []
        row_of = actions.rows
        by_state = self.by_state
        ignore = self.ignore
        on_token = self.callbacks
        pos = line_start = 0
        line = 1
        end = len(text)
        token: Token | None = None
        at_end = False
        while True:
            if pos < end:
                state = state_stack[-1]
                scanner = by_state.get(state) or self.scanner_at(state, table)
                newline = text.find("\n", pos)
                if (
                    scanner.blank_ignored
                    and newline >= 0
                    and (newline == pos or text[pos:newline].isspace())
                ):
                    pos = line_start = newline + 1
                    line += 1
                    continue
                match = scanner.for_line(text[pos:newline] if newline >= 0 else text[pos:])(
                    text, pos
                )
                if match is None:
                    return None
                kind = match.lastgroup
                assert kind is not None
                value = match.group()
                start_line, column = line, pos - line_start + 1
                newlines = value.count("\n")
                if newlines:
                    line += newlines
                    line_start = pos + value.rindex("\n") + 1
                after = pos + len(value)
                token = Token(
                    kind, value, pos, start_line, column, line, after - line_start + 1, after
                )
                pos = after
                handed = _handed_on(token, ignore, on_token)
                if handed is None:
                    continue
                token, kind = handed, handed.type
                if place is not None:
                    place(token)
            else:
                token = (
                    Token.new_borrow_pos("$END", "", token) if token else Token("$END", "", 0, 1, 1)
                )
                kind = "$END"
                at_end = True
            while True:  # lark's ParserState.feed_token
                state = state_stack[-1]
                row = row_of.get(state) or actions.row(state)
                step = row.get(kind)
                if step is None:
                    return None
                shift, argument = step
                if shift:
                    if at_end:
                        return None
                    state_stack.append(argument)
                    value_stack.append(actions.shifted(token))
                    break
                size, callback, origin = argument
                if size:
                    children = value_stack[-size:]
                    del state_stack[-size:]
                    del value_stack[-size:]
                else:
                    children = []
                state = state_stack[-1]
                row = row_of.get(state) or actions.row(state)
                state_stack.append(row[origin][1])
                value_stack.append(callback(children))
                if at_end and state_stack[-1] == end_state:
                    return value_stack[-1]

    @staticmethod
    def _token(kind: str, value: str, counter: Any) -> Token:
        """The token ``value`` at the counter's position, the counter moved past it."""
        start, line, column = counter.char_pos, counter.line, counter.column
        newlines = value.count("\n")
        if newlines:
            counter.line += newlines
            counter.line_start_pos = start + value.rindex("\n") + 1
        counter.char_pos = end = start + len(value)
        counter.column = end - counter.line_start_pos + 1
        return Token(kind, value, start, line, column, counter.line, counter.column, end)

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


def _handed_on(
    token: Token, ignore: Collection[str], callbacks: dict[str, Callable[[Token], Token]]
) -> Token | None:
    """``token`` as lark's lexer hands it to the parser: through its terminal's callback;
    None for an ignored terminal (whose callback is still called)."""
    kind = token.type
    if kind in ignore:
        if kind in callbacks:
            callbacks[kind](token)
        return None
    return callbacks[kind](token) if kind in callbacks else token


class _Actions:
    """lark's parse table, its rows made as they are first needed in a form read
    without hashing a rule: each terminal's or rule's action is (True, next state) to
    shift, or (False, (size, tree callback, the rule's name)) to reduce."""

    def __init__(self, table: Any, callbacks: Any) -> None:
        self.states = table.states
        self.callbacks = callbacks
        self.rows: dict[Any, dict[str, tuple[bool, Any]]] = {}
        #: Callbacks named after a terminal (none in a tree-building parser).
        self.by_terminal = {k: v for k, v in self.callbacks.items() if isinstance(k, str)}

    def row(self, state: Any) -> dict[str, tuple[bool, Any]]:
        row: dict[str, tuple[bool, Any]] = {}
        for symbol, (action, argument) in self.states[state].items():
            if action is Shift:
                row[symbol] = (True, argument)
            else:
                name = argument.origin.name
                callback = _inlined(name, self.callbacks[argument])
                row[symbol] = (False, (len(argument.expansion), callback, name))
        self.rows[state] = row
        return row

    def shifted(self, token: Token) -> Any:
        """What goes on the value stack for ``token`` (lark's parser calls a callback
        named after its terminal, where there is one)."""
        callback = self.by_terminal.get(token.type)
        return token if callback is None else callback(token)


class _Inlined:
    """What an inlined rule (``_name``) leaves on the value stack: its children, which
    the rule above it takes in its own place (lark's child filter reads ``.children``).
    lark makes a :class:`~lark.Tree` there, or calls the transformer's default, only for
    it to be opened at once; the rule is reduced about twice for every line."""

    __slots__ = ("children",)

    def __init__(self, children: list[Any]) -> None:
        self.children = children


def _inlined(name: str, callback: Any) -> Any:
    """``callback``, or for an inlined rule whose tree lark's default makes (no method
    of the builder's is named after it), the same children in an :class:`_Inlined`."""
    if not name.startswith("_"):
        return callback
    builds = getattr(callback, "node_builder", callback)
    default = isinstance(builds, functools.partial) and builds.args == (name,)
    if not default or builds.keywords:
        return callback  # a callback of the builder's own: keep it
    if isinstance(callback, ChildFilterLALR_NoPlaceholders):
        return ChildFilterLALR_NoPlaceholders(callback.to_include, _Inlined)  # type: ignore[no-untyped-call]
    return _Inlined
