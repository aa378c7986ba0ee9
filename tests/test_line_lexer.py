"""The line lexer against lark's own contextual lexer: the same tokens, always.

Both lex the same grammar for the same LALR parser; every token either hands to the
parser (type, text and every position), every error the parser or the lexer reports
(with error recovery resuming as the parse stage does) and the tree must be the same,
for every seed, fixture, corpus file and generated text, with and without a profile's
own heading spellings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import lark
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lark.exceptions import UnexpectedInput, UnexpectedToken
from test_properties import minutes

from helpers import FIXTURES, ROOT, SEED_FILES
from minutekit import grammar
from minutekit.grammar import line_lexer
from minutekit.grammar.line_lexer import LineLexer, required_words
from minutekit.readers import for_input
from minutekit.validate import validate_bytes

CORPUS = ROOT.parent / "shared" / "corpus" / "cases"
TEXT_FILES = [*SEED_FILES, *sorted(FIXTURES.rglob("*.txt"))]
HEADINGS: tuple[tuple[str, str], ...] = (
    ("minutes", "Notes of the meeting"),
    ("resolved", "AGREED"),
)

Seen = list[tuple[Any, ...]]


def _lexing(lexer: Any, headings: tuple[tuple[str, str], ...]) -> tuple[lark.Lark, Seen]:
    """A parser with ``lexer`` that records every token made, after the profile's retyping."""
    seen: Seen = []
    spelled = {" ".join(text.split()): grammar.HEADING_TERMINALS[p] for p, text in headings}

    def record(token: lark.Token) -> lark.Token:
        if token.type in ("TEXT", "TITLE"):
            token.type = spelled.get(" ".join(token.split()), token.type)
        place = (token.start_pos, token.line, token.column)
        seen.append(
            (token.type, str(token), *place, token.end_line, token.end_column, token.end_pos)
        )
        return token

    compiled = grammar.parser()  # ignored terminals get no callback, as in the parse stage
    names = [t.name for t in compiled.terminals if t.name not in compiled.lexer_conf.ignore]
    parser = lark.Lark(
        grammar.grammar_text(),
        parser="lalr",
        lexer=lexer,
        lexer_callbacks=dict.fromkeys(names, record),
    )
    return parser, seen


Headings = tuple[tuple[str, str], ...]
PARSERS: dict[tuple[str, Headings], tuple[lark.Lark, Seen]] = {
    (lexer_name, headings): _lexing(lexer, headings)
    for lexer_name, lexer in (("lark", "contextual"), ("line", LineLexer))
    for headings in ((), HEADINGS)
}


def _run(name: str, headings: tuple[tuple[str, str], ...], text: str) -> tuple[Any, ...]:
    parser, seen = PARSERS[(name, headings)]
    seen.clear()
    errors: list[tuple[str, tuple[Any, ...], list[str]]] = []

    def skip_line(error: UnexpectedInput) -> bool:  # as the parse stage recovers
        expected: list[str] = sorted(
            getattr(error, "expected", None) or getattr(error, "allowed", None) or ()
        )
        token = getattr(error, "token", None)
        where = (error.line, error.column, repr(token), getattr(token, "end_pos", None))
        errors.append((type(error).__name__, where, expected))
        return isinstance(error, UnexpectedToken) and error.token.type != "$END"

    try:
        tree = parser.parse(text, on_error=skip_line).pretty()
    except UnexpectedInput as error:
        tree = f"{type(error).__name__} at {error.line}:{error.column}"
    return list(seen), errors, tree


#: lark's own parser and contextual lexer, with the parse stage's retyping of headings.
REFERENCE: dict[Headings, lark.Lark] = {
    headings: lark.Lark(
        grammar.grammar_text(),
        parser="lalr",
        lexer="contextual",
        lexer_callbacks=dict(grammar.parser(headings).lexer_conf.callbacks),
    )
    for headings in ((), HEADINGS)
}


def _fast(compiled: lark.Lark, text: str) -> Any:
    """The tree of the line lexer's own parse loop, with lark's table and tree builder."""
    parser = compiled.parser.parser.parser
    return compiled.parser.lexer.parse(text, parser.parse_table, parser.callbacks)


def _placed(tree: Any) -> list[tuple[Any, ...]]:
    """Every token of ``tree`` with its type, text and every position."""
    return [
        (t.type, str(t), t.start_pos, t.line, t.column, t.end_line, t.end_column, t.end_pos)
        for t in tree.scan_values(lambda value: isinstance(value, lark.Token))
    ]


def assert_same_tree(text: str, headings: Headings) -> bool:
    """The line lexer's own parse loop gives lark's tree, every token placed alike, for
    every text lark parses without an error; it gives none for the others (the parse
    stage then has lark read them, with its error recovery). Whether it gave one."""
    compiled = grammar.parser(headings)
    fast = _fast(compiled, text)
    try:
        expected = REFERENCE[headings].parse(text)
    except UnexpectedInput:
        assert fast is None
        return False
    assert fast is not None, "a text lark parses without an error must take the fast loop"
    assert fast == expected
    assert _placed(fast) == _placed(expected)
    return True


def assert_same_tokens(text: str) -> None:
    for headings in ((), HEADINGS):
        assert _run("line", headings, text) == _run("lark", headings, text)
        assert_same_tree(text, headings)


def source_text(data: bytes, name: str) -> str:
    """The text the parse stage gives the grammar (read, decoded, lines normalised)."""
    return for_input(data, name, None).read(data, name, None).source.text


def test_the_parse_stage_uses_the_line_lexer() -> None:
    assert grammar.parser().options.lexer is LineLexer


def test_every_seed_and_fixture_lexes_as_lark_lexes_it() -> None:
    assert len(TEXT_FILES) >= 20
    for path in TEXT_FILES:
        assert_same_tokens(source_text(path.read_bytes(), path.name))


def test_unexpected_lines_are_reported_and_skipped_as_lark_does() -> None:
    text = "Title\n\nMinutes:\n\nText.\n\nACTION: Clerk\nMore text.\nMinutes:\n"
    tokens, errors, tree = _run("line", (), text)
    assert [kind for kind, *_ in errors] == ["UnexpectedToken", "UnexpectedToken"]
    assert "'TEXT', 'More text." in errors[0][1][2] and "MINUTES_HEADING" in errors[1][1][2]
    assert errors[0][2] == ["ACTION", "SCRUTINY", "SUPPORTING_DOCUMENTS"]
    assert (tokens, errors, tree) == _run("lark", (), text)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the development corpus is not beside the project")
def test_every_corpus_file_lexes_as_lark_lexes_it() -> None:
    files = sorted(CORPUS.glob("*.txt"))
    assert files
    for path in files:
        assert_same_tokens(source_text(path.read_bytes(), path.name))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(minutes())
def test_generated_minutes_lex_as_lark_lexes_them(data: bytes) -> None:
    assert_same_tokens(source_text(data, "generated.txt"))


# Raw text, not normalised by the source stage: lines without a final newline, carriage
# returns, form feeds and other white space, lines the grammar cannot place.
line = st.one_of(
    st.sampled_from(
        [
            "Minutes:",
            "Resolved –",
            "ACTION: Clerk",
            "40.",
            "(1) a",
            "· b",
            "Agenda item",
            "To a",
            # Lines that hold a terminal's words (the cheap tests pass), or nearly do.
            "It was RESOLVED that a",
            "It was resolved to a",
            "The Committee resolved:-",
            "RECOMMENDATION: that a",
            "Recommended – a",
            "Overview and Scrutiny a: b",
            "RESOLVED",
            "ReſolKed",
        ]
    ),
    st.text(alphabet=" \t\r\x0c\x0b\u00a0\u2028\x1cabcRT(1).:–-·ſK", max_size=8),
)
raw_text = st.lists(line, max_size=12).flatmap(
    lambda lines: st.sampled_from(["\n", ""]).map(lambda end: "\n".join(lines) + end)
)


@settings(max_examples=400, deadline=None)
@given(raw_text)
def test_raw_text_lexes_and_fails_as_lark_does(text: str) -> None:
    assert_same_tokens(text)


def test_a_grammar_with_string_terminals_is_lexed_by_lark_itself() -> None:
    seen: list[str] = []

    def record(token: lark.Token) -> lark.Token:
        seen.append(token.type)
        return token

    parser = lark.Lark(
        'start: "a" WORD\nWORD: /[a-z]+/\n%ignore " "',
        parser="lalr",
        lexer=LineLexer,
        lexer_callbacks={"WORD": record},
    )
    assert not parser.parser.lexer.regular
    assert parser.parse("a abc").children == ["abc"]
    assert seen == ["WORD"]


def _words(pattern: str) -> frozenset[str] | None:
    return required_words(lark.lexer.TerminalDef("T", lark.lexer.PatternRE(pattern)))


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"[^\S\n]*Minutes:[^\S\n]*\n", {"Minutes:"}),
        # Alternatives: one of their words; a common start is read with each.
        (r"(?:RESOLVED|Resolved)[^\S\n]*\n", {"RESOLVED", "Resolved"}),
        (r"[Rr]esolved\n", {"Resolved", "resolved"}),
        # The most telling set: the longer words over the shorter.
        (r"It[^\S\n]+was[^\S\n]+(?:RESOLVED|resolved)\n", {"RESOLVED", "resolved"}),
        # A word that holds another is not tested apart.
        (r"(?:Recommended|Recommendation|Recommendations)\n", {"Recommended", "Recommendation"}),
        # A lookahead consumes nothing: its words may be on another line.
        (r"(?=[^\n]*\nAgenda)Minutes\n", {"Minutes"}),
        # An optional part needs nothing; a repeated one at least once needs its words.
        (r"(?:Draft[^\S\n]+)?Minutes\n", {"Minutes"}),
        (r"(?:Item[^\S\n]+)+\d\n", {"Item"}),
    ],
)
def test_the_words_a_terminal_needs_are_read_from_its_pattern(
    pattern: str, words: set[str]
) -> None:
    assert _words(pattern) == frozenset(words)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?i:resolved)\n",  # case ignored: "ſ" and "K" read as "s" and "k"
        r"[^\S\n]*\S[^\n]*\n",  # any line
        r"(?:[^\S\n]*\n)+Minutes\n",  # the word may be on a later line
        r"[^\S\n]*(?:Minutes|To)\n",  # one of the words too short to tell
        r"[^\S\n]*(?:Minutes)?\n",
        r"(?:Minutes|Agenda|Decision|Item|Report|Notes|Action)\n",  # too many to test
    ],
)
def test_a_terminal_that_needs_no_telling_word_gets_no_test(pattern: str) -> None:
    assert _words(pattern) is None


def test_the_grammar_s_expensive_terminals_get_their_tests() -> None:
    compiled = grammar.parser()
    words = {t.name: required_words(t) for t in compiled.terminals}
    assert words["RESOLVED_INLINE"] == frozenset({"RESOLVED", "Resolved", "resolved"})
    assert words["MINUTES_HEADING"] == frozenset({"Minutes:"})
    assert words["TEXT"] is None


def test_a_text_with_a_line_out_of_place_is_parsed_by_lark_with_its_recovery() -> None:
    text = "Title\n\nMinutes:\n\nText.\n\nACTION: Clerk\nMore text.\n"
    compiled = grammar.parser()
    assert _fast(compiled, text) is None
    skipped: list[str] = []

    def skip_line(error: UnexpectedInput) -> bool:
        assert isinstance(error, UnexpectedToken)
        skipped.append(str(error.token))
        return True

    tree = grammar.parse(text, on_error=skip_line)
    assert skipped == ["More text.\n"]
    assert tree == compiled.parse(text, on_error=lambda error: True)
    assert "More text." not in tree.pretty()


@pytest.mark.parametrize("union_after", [1, 10**9], ids=["unions", "one-by-one"])
def test_terminals_matched_one_by_one_read_as_their_union_does(
    monkeypatch: pytest.MonkeyPatch, union_after: int
) -> None:
    """A set of terminals is matched one by one until it has been wanted often, then as
    one union: both read every line alike (an alternation takes its first alternative
    that matches)."""
    monkeypatch.setattr(line_lexer, "_UNION_AFTER", union_after)
    fresh = lark.Lark(grammar.grammar_text(), parser="lalr", lexer=LineLexer)
    for path in TEXT_FILES:
        text = source_text(path.read_bytes(), path.name)
        try:
            expected = _placed(REFERENCE[()].parse(text))
        except UnexpectedInput:
            continue
        assert _placed(fresh.parse(text)) == expected
    scanners = fresh.parser.lexer.by_accepts.values()
    assert scanners
    if union_after == 1:
        assert all(s.narrowed and not s.singly for s in scanners)
    else:
        assert all(s.singly and not s.narrowed for s in scanners)


def _all_inputs() -> list[Path]:
    corpus = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    return [*SEED_FILES, *sorted(p for p in FIXTURES.rglob("*") if p.is_file()), *corpus]


def test_the_model_is_built_alike_by_the_fast_loop_and_from_lark_s_tree(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The parse stage builds its model as the parser reduces each rule (no tree); a
    text the fast loop cannot take goes through lark's tree and the same builder. Both
    give the same items and findings, on every seed, fixture (meeting files, where each
    item's lines move down the file, and other readers' files among them) and corpus
    file; and the fast loop is the one taken wherever lark reports no error."""
    taken: list[bool] = []
    loop = LineLexer.parse

    def counted(self: LineLexer, *args: Any, **options: Any) -> Any:
        result = loop(self, *args, **options)
        taken.append(result is not None)
        return result

    inputs = _all_inputs()
    assert len(inputs) >= 60
    for path in inputs:
        data = path.read_bytes()
        with monkeypatch.context() as patched:
            patched.setattr(LineLexer, "parse", counted)
            fast = validate_bytes(data, path.name)
        with monkeypatch.context() as patched:
            patched.setattr(LineLexer, "parse", lambda self, *args, **options: None)
            slow = validate_bytes(data, path.name)
        assert fast.parsed == slow.parsed, path.name
        assert fast.diagnostics == slow.diagnostics, path.name
    assert sum(taken) > 0.9 * len(taken)


def test_the_terminals_words_are_kept_in_the_user_cache_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("MINUTEKIT_NO_CACHE", raising=False)
    terminals = list(grammar.parser().terminals)
    computed = {t.name: required_words(t) for t in terminals}
    assert line_lexer.grammar_words(terminals, 0) == computed
    (kept,) = (tmp_path / "minutekit").glob("line-words-*.json")

    def not_again(*args: Any) -> None:
        raise AssertionError("the words were read from the patterns again")

    monkeypatch.setattr(line_lexer, "required_words", not_again)
    assert line_lexer.grammar_words(terminals, 0) == computed  # read back, the same
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("MINUTEKIT_NO_CACHE", raising=False)
    every = {t.name: None for t in terminals}
    # A word list kept as a string would be read as its letters.
    as_string = json.dumps({**every, "RESOLVED_HEADING": "Resolved"})
    for broken in ("{not json", '{"TEXT": null}', '["a list"]', '{"TEXT": 5}', as_string):
        kept.write_text(broken, encoding="utf-8")
        assert line_lexer.grammar_words(terminals, 0) == computed  # ignored, read again
    # Other patterns (another grammar, a profile's) are kept apart.
    assert line_lexer.grammar_words(terminals[:3], 0) == {
        t.name: computed[t.name] for t in terminals[:3]
    }
    assert len(list((tmp_path / "minutekit").glob("line-words-*.json"))) == 2


_INLINED_GRAMMAR = r"""
start: _pair+ last
_pair: A B | C
last: D
A: /a\n/
B: /b\n/
C: /c\n/
D: /d\n/
BLANK: /\n+/
%ignore BLANK
"""


class _Kept(lark.Transformer[lark.Token, Any]):
    def start(self, children: list[Any]) -> list[Any]:
        return ["start", *children]

    def last(self, children: list[Any]) -> str:
        return f"last {children[0].strip()}"


class _OwnPair(_Kept):
    """A builder with a method for the inlined rule: lark calls it as it reduces."""

    def _pair(self, children: list[Any]) -> lark.Tree[Any]:
        return lark.Tree("_pair", [f"pair of {len(children)}"])


@pytest.mark.parametrize("builder", [None, _Kept(), _OwnPair()], ids=["tree", "kept", "own"])
def test_inlined_rules_read_as_lark_reads_them(builder: lark.Transformer[Any, Any] | None) -> None:
    """An inlined rule's children go to the rule above it without the tree lark would
    make and open at once; a builder's own method for such a rule is still called. The
    fast loop gives what lark's parser gives with the same callbacks."""
    text = "a\nb\n\nc\na\nb\nd\n"
    compiled = lark.Lark(_INLINED_GRAMMAR, parser="lalr", lexer=LineLexer)
    frontend = compiled.parser
    table = frontend.parser.parser.parse_table
    if builder is None:
        callbacks = frontend.parser.parser.callbacks
        expected: Any = compiled.parse(text)
    else:
        callbacks = compiled._parse_tree_builder.create_callback(builder)  # type: ignore[no-untyped-call]
        expected = lark.Lark(
            _INLINED_GRAMMAR, parser="lalr", lexer=LineLexer, transformer=builder
        ).parse(text)
    fast = frontend.lexer.parse(text, table, callbacks)
    assert fast == expected
    if isinstance(builder, _OwnPair):
        assert fast == ["start", "pair of 2", "pair of 1", "pair of 2", "last d"]
    else:
        shown = ["a\n", "b\n", "c\n", "a\n", "b\n"]
        assert list(fast)[-6:-1] == shown if builder else fast.children[:5] == shown
