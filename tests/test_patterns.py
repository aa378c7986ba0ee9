"""One definition of each pattern: ``minutekit/patterns.py``, which the grammar reads too.

The scans below read the package's source: every regular expression compiled or applied
outside ``patterns.py`` must be in :data:`LOCAL` with the reason it lives where it does,
and no two patterns (the grammar's terminals, the patterns module's sources, the local
ones) may be the same once white-space spellings are made alike.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from helpers import ROOT, check_text
from minutekit import grammar, patterns
from minutekit.parse import parse
from minutekit.source import read_source
from minutekit.split import item_starts

PACKAGE_DIRS = (ROOT / "minutekit", ROOT / "converters")
_RE_FUNCTIONS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "split"}

#: Regular expressions that stay in their module, by "path:enclosing name", and why.
LOCAL: dict[str, str] = {
    "minutekit/batch.py:_SIZE": "the --max-size option's syntax",
    "minutekit/cli.py:_profile_name": "a profile name given to init",
    "minutekit/fix.py:_LINE_BREAK": "line breaks kept as written when fixing",
    "minutekit/html_report.py:_anchor": "anchors of the HTML report",
    "minutekit/init.py:_comment": "comments in the written configuration",
    "minutekit/init.py:_TABLE": "TOML table headers in an existing configuration",
    "minutekit/rule_docs.py:_SECTION": "the sections of a rule's docstring",
    "minutekit/readers/html_page.py:_MARKUP": "the HTML reader's own syntax",
    "minutekit/readers/html_page.py:_ENTITY_DECLARATION": "the HTML reader's own syntax",
    "minutekit/readers/html_page.py:_CHARSET": "the HTML reader's own syntax",
    "minutekit/readers/html_page.py:_WHITE": "HTML white space",
    "minutekit/readers/html_page.py:_RESIDUE": "link residue an HTML page leaves in a line",
    "minutekit/readers/pdf.py:_WHITE": "the PDF reader's line joining",
    "minutekit/readers/pdf.py:_HYPHENATED": "the PDF reader's line joining",
    "minutekit/readers/word.py:_HEX": "Word's symbol characters",
    "minutekit/readers/word.py:Numbering": "Word's list number formats",
    "minutekit/config.py:_pattern": "exclude globs of the configuration",
    "minutekit/grammar/__init__.py:_pattern": "the grammar's own terminals, compiled for reads_as",
    "minutekit/source.py:LINE_BREAK": "line breaks when decoding",
    "minutekit/parse.py:_cell_starts": "a flattened item's own paragraph numbers (built per item number)",
    "minutekit/parse.py:_run_on_items": "the next marker of a run-on list (built per number)",
    "minutekit/convert.py:_ID_UNSAFE": "characters an output file name cannot hold",
    "minutekit/convert.py:_ITEM_ID": "what --item-id may be (a file name, a FRBR URI's end)",
    "minutekit/convert.py:_LOCALITY": "the --locality option's syntax",
    "minutekit/rules/__init__.py:_CODE": "rule codes (MK123)",
    "minutekit/rules/__init__.py:_NAME": "rule names (kebab-case)",
    "minutekit/rules/lost_character.py:_LOST": "MK301's own cue",
    "minutekit/rules/lost_character.py:_QUESTION_MARK": "MK301's own cue",
    "minutekit/rules/mojibake.py:_CANDIDATE": "MK302's own cue",
    "minutekit/dates.py:_DATE": "the dates finder",
    "minutekit/votes.py:_LABEL_COUNT": "the votes finder",
    "minutekit/votes.py:_COUNT_LABEL": "the votes finder",
    "minutekit/votes.py:_BRACKETED_FOR": "the votes finder",
    "minutekit/votes.py:_TABLE_ROW": "the votes finder",
    "minutekit/votes.py:_MOTION_STATUS": "the votes finder",
    "minutekit/votes.py:_DIGIT": "the votes finder",
    "minutekit/votes.py:_CUE": "the votes finder",
    "minutekit/votes.py:_SIDE_AFTER": "the votes finder",
    "minutekit/votes.py:_SIDE_BEFORE": "the votes finder",
    "minutekit/votes.py:_ROW_START": "the votes finder",
    "minutekit/formalities.py:_DECLARED": "the declarations finder",
    "minutekit/formalities.py:_LISTED": "the declarations finder",
    "minutekit/formalities.py:_EXCLUSION": "the exempt-business finder",
    "minutekit/formalities.py:_SCHEDULE_12A": "the exempt-business finder",
    "minutekit/parse.py:_REMARK": "an ACTION line's bracketed remark, inside the line",
    "minutekit/parse.py:_OWNER_SEPARATOR": "an ACTION line's owners, inside the line",
    "minutekit/parse.py:_NAME_SEPARATOR": "a contact line's names, inside the line",
    "minutekit/split.py:_TITLE_LIKE": "the splitter's look at the line after a number",
    "minutekit/grammar/__init__.py:_PLACEHOLDER": "the grammar's {{NAME}} placeholders",
    "minutekit/grammar/__init__.py:_lark_source": "writing a pattern into a /…/ literal",
    "minutekit/grammar/line_lexer.py:_compiled": "the grammar's own terminals, as lark joins them",
    "minutekit/compiled_schema.py:_IMPORT": "an import line of the schema code fastjsonschema writes",
    # Interpretation that only Akoma Ntoso writes (see converters/akoma_ntoso/speakers.py).
    "converters/akoma_ntoso/speakers.py:_POST": "speaker turns (Akoma Ntoso only)",
    "converters/akoma_ntoso/speakers.py:_REPRESENTATIVE": "speaker turns (Akoma Ntoso only)",
    "converters/akoma_ntoso/speakers.py:_COUNCILLOR": "speaker turns (Akoma Ntoso only)",
    "converters/akoma_ntoso/speakers.py:_MEMBERS": "speaker turns (Akoma Ntoso only)",
    "converters/akoma_ntoso/speakers.py:_OFFICERS": "speaker turns (Akoma Ntoso only)",
    "converters/akoma_ntoso/speakers.py:_SUBMITS": "speaker turns (Akoma Ntoso only)",
    "converters/akoma_ntoso/speakers.py:_PRONOUN": "speaker turns (Akoma Ntoso only)",
    # Akoma Ntoso's own identifiers: eIds and TLC labels made of words.
    "converters/akoma_ntoso/references.py:_words": "TLC labels made of a name's words",
    "converters/akoma_ntoso/body.py:Body": "an item's eId from its number",
}

#: What the converters may read from ``patterns``: text no grammar rule classifies.
CONVERTER_PATTERNS = {"DOCUMENT_REFERENCE_RE", "XML_FORBIDDEN_RE"}


def _modules() -> list[Path]:
    return sorted(p for d in PACKAGE_DIRS for p in d.rglob("*.py"))


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _regex_sites(path: Path) -> list[tuple[str, ast.Call]]:
    """The ``re.<function>(…)`` calls in ``path``, each with its enclosing name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    sites: list[tuple[str, ast.Call]] = []

    def visit(node: ast.AST, name: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = name
            if isinstance(child, (ast.FunctionDef, ast.ClassDef)) and not name:
                inner = child.name
            elif isinstance(child, ast.Assign) and not name:
                targets = [t.id for t in child.targets if isinstance(t, ast.Name)]
                inner = targets[0] if targets else name
            if (
                isinstance(child, ast.Call)
                and isinstance(child.func, ast.Attribute)
                and isinstance(child.func.value, ast.Name)
                and child.func.value.id == "re"
                and child.func.attr in _RE_FUNCTIONS
            ):
                sites.append((inner, child))
            visit(child, inner)

    visit(tree, "")
    return sites


def _literal(call: ast.Call) -> str | None:
    """The pattern of ``call`` when it is written out (constant parts of an f-string too)."""
    if not call.args:
        return None
    first = call.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    if isinstance(first, ast.JoinedStr):
        return "".join(
            v.value
            for v in first.values
            if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    return None


def _normalised(pattern: str) -> str:
    """``pattern`` with line anchors and the ways of writing white space made alike."""
    text = pattern.replace("[^\\S\\n]", "\\s").replace("\\/", "/")
    text = re.sub(r"^(?:\^|\\s\*)+|(?:\$|\\s\*|\\n)+$", "", text)
    return text


def _grammar_terminals() -> dict[str, str]:
    """The grammar file's terminals as written (placeholders not yet filled)."""
    text = (ROOT / "minutekit" / "grammar" / grammar.GRAMMAR_FILE).read_text(encoding="utf-8")
    found = re.findall(r"^([A-Z_]+)(?:\.\d+)?: /(.*)/[a-z]*$", text, re.M)
    return dict(found)


def test_every_regular_expression_outside_patterns_is_listed_with_its_reason() -> None:
    seen: set[str] = set()
    unlisted = []
    for path in _modules():
        if path.name == "patterns.py":
            continue
        for name, call in _regex_sites(path):
            key = f"{_relative(path)}:{name}"
            seen.add(key)
            if key not in LOCAL:
                unlisted.append(f"{key} (line {call.lineno})")
    assert unlisted == [], "define these in minutekit/patterns.py, or list them in LOCAL"
    assert sorted(set(LOCAL) - seen) == [], "LOCAL names patterns that no longer exist"


def test_no_pattern_is_defined_twice() -> None:
    where: dict[str, list[str]] = {}
    for name, source in patterns.SOURCES.items():
        where.setdefault(_normalised(source), []).append(f"patterns.{name}")
    for name, body in _grammar_terminals().items():
        where.setdefault(_normalised(body), []).append(f"grammar {name}")
    for path in _modules():
        if path.name == "patterns.py":
            continue
        for name, call in _regex_sites(path):
            literal = _literal(call)
            if literal and len(_normalised(literal)) > 1:
                where.setdefault(_normalised(literal), []).append(f"{_relative(path)}:{name}")
    twice = {pattern: places for pattern, places in where.items() if len(places) > 1}
    assert twice == {}


def test_the_scan_finds_a_pattern_written_twice(tmp_path: Path) -> None:
    # The check above is only as good as its scan: a copy of a grammar pattern is seen.
    copy = tmp_path / "copy.py"
    copy.write_text("import re\n_AGAIN = re.compile(r'" + patterns.CONTACT + "')\n")
    ((name, call),) = _regex_sites(copy)
    assert name == "_AGAIN"
    literal = _literal(call)
    assert literal is not None and _normalised(literal) == _normalised(patterns.CONTACT)


def test_the_grammar_reads_each_shared_pattern_from_the_patterns_module() -> None:
    raw = _grammar_terminals()
    used = {m for body in raw.values() for m in re.findall(r"\{\{([A-Z_]+)\}\}", body)}
    assert used == set(patterns.SOURCES)
    compiled = {t.name: re.compile(t.pattern.to_regexp()) for t in grammar.parser().terminals}
    assert "list_value" in compiled["LIST_ITEM"].groupindex
    assert "contact_names" in compiled["CONTACT"].groupindex
    assert "resolved_text" in compiled["RESOLVED_INLINE"].groupindex


def test_converters_use_no_pattern_of_what_the_grammar_classified() -> None:
    used = set()
    for path in (ROOT / "converters").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        used |= {
            node.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "patterns"
        }
    assert used <= CONVERTER_PATTERNS


@pytest.mark.parametrize("header", ["Agenda item", "AGENDA ITEM", "Agenda Item"])
def test_the_agenda_header_is_one_pattern_for_the_grammar_and_the_splitter(header: str) -> None:
    item = f"{header}\n\nA TITLE\n\nMinutes:\n\nNoted.\n"
    parsed, findings = parse(read_source(item.encode(), "t.txt"))
    assert findings == []
    assert [(h.text, h.kind) for h in parsed.preface] == [(header, "agenda_header")]
    assert parsed.title is not None and parsed.title.text == "A TITLE"
    meeting = (item + "\n") * 2
    assert item_starts(meeting.splitlines()) == [0, len(item.splitlines()) + 1]


def test_a_meeting_file_headed_in_capitals_is_split_into_its_items() -> None:
    one = "AGENDA ITEM\n\nA TITLE\n\nMinutes:\n\nThe Committee noted the report.\n\n"
    result = check_text(one * 2)
    assert result.meeting is not None and len(result.meeting.items) == 2


@pytest.mark.parametrize("roman", ["i", "iv", "ix", "xiv", "xl", "xcix", "cd", "mcmxc"])
def test_roman_numerals_read_back_as_written(roman: str) -> None:
    assert patterns.to_roman(patterns.from_roman(roman)) == roman


def test_converters_look_for_no_words_in_the_text() -> None:
    # Before the model kept them, the Akoma Ntoso writer tested '"eeting: " in text' and
    # '"nterest" in text' to find the stated meeting and declarations again. Who speaks
    # is the one reading of the text that stays in a converter (speakers.py).
    cues = []
    for path in sorted((ROOT / "converters").rglob("*.py")):
        if path.name == "speakers.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Compare)
                and isinstance(node.left, ast.Constant)
                and isinstance(node.left.value, str)
                and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops)
            ):
                cues.append(f"{_relative(path)}:{node.lineno} {node.left.value!r}")
    assert cues == []


def test_every_compiled_pattern_compiles() -> None:
    """The compiled forms are made when first used, so a bad one would fail only in the
    run that first needs it: here every one is made."""
    patterns.compile_all()
    names = [name for name in patterns.__all__ if name.endswith("_RE")]
    assert len(names) >= 30
    for name in names:  # each one's methods are a compiled pattern's, of its own source
        compiled = getattr(patterns, name)
        assert isinstance(compiled.search.__self__, re.Pattern)
        assert compiled.search.__self__.pattern == vars(compiled)["_source"]
    with pytest.raises(re.error):  # a bad pattern fails when first used
        patterns._lazy("(unclosed").search  # noqa: B018
