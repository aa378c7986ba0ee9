"""minutekit fix: each rule's repair, what a file keeps, --diff and --check, idempotence,
and that every word survives."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
import renderings
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import validators

from helpers import ROOT, SEED_FILES, words
from minutekit import rules
from minutekit.cli import main
from minutekit.fix import fix_bytes, fixable
from minutekit.selection import Selection
from minutekit.validate import validate_bytes

SARIF_SCHEMA = ROOT.parent / "shared" / "external" / "sarif-schema-2.1.0.json"

GARBLED = "Minutes:\n\nThe Childrenâ€™s Services budget of Â£5,000 was\x07 noted.\n"
CLEAN = "Minutes:\n\nThe Children’s Services budget of £5,000 was noted.\n"


def _resolved(*markers: str) -> str:
    items = "\n\n".join(f"{m}  That item {i} be agreed." for i, m in enumerate(markers, 1))
    return f"Minutes:\n\nNoted.\n\nResolved –\n\n{items}\n"


def _fix(text: str, unsafe: bool = False, selection: Selection | None = None) -> str:
    return fix_bytes(text.encode("utf-8"), "x.txt", selection, unsafe).fixed.decode("utf-8")


def _codes(text: str, selection: Selection | None = None) -> list[str]:
    return [
        d.code for d in validate_bytes(text.encode(), "x.txt", selection or Selection()).diagnostics
    ]


def _invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# ------------------------------------------------------------------ each fix


def test_mojibake_and_control_characters_are_repaired() -> None:
    assert {"MK302", "MK303"} <= set(_codes(GARBLED))
    result = fix_bytes(GARBLED.encode(), "x.txt")
    assert result.fixed.decode() == CLEAN
    assert sorted(d.code for d in result.applied) == ["MK302", "MK302", "MK303"]
    assert not {"MK302", "MK303"} & set(_codes(CLEAN))


def test_mojibake_ftfy_cannot_confirm_is_reported_but_left() -> None:
    # 'Ã©' reads as 'é' (so it is reported); ftfy agrees and it is repaired. A lone
    # lead byte with no continuation is not mojibake at all and is never touched.
    assert _fix("Minutes:\n\nThe cafÃ© and the Ã.\n") == "Minutes:\n\nThe café and the Ã.\n"


@pytest.mark.parametrize(
    ("markers", "fixed"),
    [
        (["(1)", "(3)", "(4)"], ["(1)", "(2)", "(3)"]),
        (["(2)", "(3)"], ["(1)", "(2)"]),
        (["(i)", "(ii)", "(iv)"], ["(i)", "(ii)", "(iii)"]),
        (["(1)", "(1)"], ["(1)", "(2)"]),
        # A second list of the same style is its own list: nothing to fix.
        (["(1)", "(2)", "(3)", "(1)", "(2)"], ["(1)", "(2)", "(3)", "(1)", "(2)"]),
    ],
)
def test_renumbering_where_only_the_numbers_are_off(markers: list[str], fixed: list[str]) -> None:
    assert _fix(_resolved(*markers)) == _resolved(*fixed)
    assert "MK201" not in _codes(_fix(_resolved(*markers)))


def test_an_item_pasted_twice_is_left_for_a_person() -> None:
    text = "Minutes:\n\nNoted.\n\nResolved –\n\n(1)  That A.\n\n(1)  That A.\n"
    assert "MK201" in _codes(text)
    assert _fix(text) == text


def test_a_windows_1252_file_is_re_encoded_as_utf8() -> None:
    data = CLEAN.replace("\x07", "").encode("cp1252")
    assert "MK001" in [d.code for d in validate_bytes(data, "x.txt").diagnostics]
    result = fix_bytes(data, "x.txt")
    assert result.fixed == CLEAN.encode("utf-8")
    assert [d.code for d in result.applied] == ["MK001"]


def test_bytes_that_are_neither_utf8_nor_windows_1252_are_left_alone() -> None:
    data = b"Minutes:\n\nThe \x81 report.\n"  # 0x81 is undefined in Windows-1252
    assert fix_bytes(data, "x.txt").fixed == data


@pytest.mark.parametrize("select", [None, Selection.of(select=["MK001"])], ids=["all", "MK001"])
def test_a_utf8_file_with_one_stray_byte_is_not_taken_for_windows_1252(
    select: Selection | None,
) -> None:
    # Read as Windows-1252 in full, its UTF-8 words would turn to mojibake ("Childrenâ€™s"):
    # which encoding the stray byte belongs to is for a person to decide.
    data = CLEAN.replace("\x07", "").encode("utf-8") + b"One stray \xe9 byte.\n"
    assert "MK001" in [d.code for d in validate_bytes(data, "x.txt").diagnostics]
    result = fix_bytes(data, "x.txt", select)
    assert result.fixed == data
    assert result.applied == ()


HOUSE = Selection.of(headings=[("resolved", "RESOLVED:")])


def test_heading_spelling_is_fixed_only_with_unsafe_fixes() -> None:
    text = _resolved("(1)")
    assert "MK306" in _codes(text, HOUSE)
    safe = fix_bytes(text.encode(), "x.txt", HOUSE)
    assert safe.fixed == text.encode() and [d.code for d in safe.unsafe_left] == ["MK306"]
    assert _fix(text, unsafe=True, selection=HOUSE) == text.replace("Resolved –", "RESOLVED:")
    assert "MK306" not in _codes(_fix(text, unsafe=True, selection=HOUSE), HOUSE)


def test_a_rule_not_selected_is_not_fixed() -> None:
    only = Selection.of(ignore=["MK303"])
    assert _fix(GARBLED, selection=only) == CLEAN.replace("was noted", "was\x07 noted")


# ------------------------------------------------------------------ what a file keeps


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_line_endings_bom_and_no_break_spaces_are_kept(ending: str) -> None:
    lines = ["Minutes:", "", "The\u00a0Childrenâ€™s\u00a0report.", "", "\u00a0", "Noted.\x07"]
    text = "\ufeff" + ending.join(lines) + ending
    fixed = fix_bytes(text.encode("utf-8"), "x.txt").fixed
    expected = text.replace("â€™", "’").replace("\x07", "")
    assert fixed == expected.encode("utf-8")


def test_mixed_line_endings_and_no_final_newline_are_kept() -> None:
    text = "Minutes:\r\n\nThe Childrenâ€™s report.\r\n\rNoted."
    assert _fix(text) == "Minutes:\r\n\nThe Children’s report.\r\n\rNoted."


def test_a_file_with_nothing_to_fix_comes_back_as_the_same_bytes() -> None:
    for seed in SEED_FILES:
        data = seed.read_bytes()
        result = fix_bytes(data, seed.name)
        assert result.fixed == data and not result.applied


# ------------------------------------------------------------------ never loses a word


def _not_itself_mojibake(word: str) -> bool:
    """A clean word whose Windows-1252 bytes are UTF-8 ('é££' is how '飣' reads garbled)
    is mojibake in its own right: the rule is right to flag it, so no clean text has one."""
    try:
        return word.encode("cp1252").decode("utf-8") == word
    except UnicodeError:
        return True


_WORD = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABC£’–é0123456789", min_size=1, max_size=8
).filter(_not_itself_mojibake)
_ARTEFACT = st.sampled_from(["\x07", "\x1b", "\x08", "\x1f"])
_LINE = st.lists(_WORD, min_size=1, max_size=6).map(" ".join)


def _garble(text: str) -> str:
    """``text`` as it reads when its UTF-8 bytes are taken for Windows-1252."""
    return text.encode("utf-8").decode("cp1252")


@st.composite
def _damaged(draw: st.DrawFn) -> tuple[str, str]:
    """(a damaged text, the clean text it should be fixed to)."""
    clean_lines, damaged_lines = ["Minutes:", ""], ["Minutes:", ""]
    for line in draw(st.lists(_LINE, min_size=1, max_size=6)):
        damage = draw(st.sampled_from(["none", "mojibake", "control"]))
        clean_lines += [line, ""]
        if damage == "mojibake":
            words_ = line.split(" ")
            i = draw(st.integers(0, len(words_) - 1))
            words_[i] = _garble(words_[i])
            damaged_lines += [" ".join(words_), ""]
        elif damage == "control":
            at = draw(st.integers(0, len(line)))
            damaged_lines += [line[:at] + draw(_ARTEFACT) + line[at:], ""]
        else:
            damaged_lines += [line, ""]
    return "\n".join(damaged_lines) + "\n", "\n".join(clean_lines) + "\n"


@settings(max_examples=60, deadline=None)
@given(_damaged())
def test_fixing_restores_the_text_and_is_idempotent(case: tuple[str, str]) -> None:
    damaged, clean = case
    once = _fix(damaged)
    assert once == clean
    assert _fix(once) == once
    left = validate_bytes(once.encode(), "x.txt").diagnostics
    assert not [d for d in left if fixable(d, unsafe=True)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 6), min_size=1, max_size=6))
def test_renumbering_is_idempotent_and_keeps_every_word(numbers: list[int]) -> None:
    text = _resolved(*[f"({n})" for n in numbers])
    once = _fix(text)
    assert _fix(once) == once
    strip = [w for w in words(text) if not (w.startswith("(") and w.endswith(")"))]
    assert [w for w in words(once) if not (w.startswith("(") and w.endswith(")"))] == strip


def test_only_the_fixed_spans_differ() -> None:
    import difflib

    before = GARBLED + "\n" + _resolved("(1)", "(3)").removeprefix("Minutes:\n\n")
    after = _fix(before)
    changed = [
        (before[i1:i2], after[j1:j2])
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
            None, before, after, autojunk=False
        ).get_opcodes()
        if op != "equal"
    ]
    assert sorted(changed) == sorted([("â€™", "’"), ("Â", ""), ("\x07", ""), ("3", "2")])


# ------------------------------------------------------------------ the command


def test_fix_command_writes_the_file_and_validation_then_finds_none_of_it(tmp_path: Path) -> None:
    path = tmp_path / "minute.txt"
    path.write_bytes(GARBLED.encode())
    path.chmod(0o640)
    result = _invoke("fix", str(path))
    assert result.exit_code == 0
    assert "fixed MK302 mojibake ×2, MK303 control-character" in result.stderr
    assert "Fixed 3 problems in 1 file." in result.stderr
    assert path.read_bytes() == CLEAN.encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["minute.txt"]  # no temporary left
    checked = _invoke("validate", str(path), "--format", "json")
    assert not {"MK302", "MK303"} & {d["code"] for d in json.loads(checked.stdout)["diagnostics"]}


def test_a_linked_file_is_fixed_where_it_is_and_the_link_stays(tmp_path: Path) -> None:
    real = tmp_path / "archive" / "minute.txt"
    real.parent.mkdir()
    real.write_bytes(GARBLED.encode())
    link = tmp_path / "minute.txt"
    link.symlink_to(real)
    assert _invoke("fix", str(link)).exit_code == 0
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text("utf-8") == CLEAN
    assert sorted(p.name for p in real.parent.iterdir()) == ["minute.txt"]


def test_diff_prints_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "minute.txt"
    path.write_bytes(GARBLED.encode())
    result = _invoke("fix", str(path), "--diff")
    assert result.exit_code == 1
    assert f"--- a/{path}\n+++ b/{path}\n" in result.stdout
    assert "-The Childrenâ€™s Services" in result.stdout
    assert "+The Children’s Services budget of £5,000 was noted." in result.stdout
    assert path.read_bytes() == GARBLED.encode()


def test_check_exits_1_when_something_would_change_and_0_when_not(tmp_path: Path) -> None:
    path = tmp_path / "minute.txt"
    path.write_bytes(GARBLED.encode())
    result = _invoke("fix", str(path), "--check")
    assert result.exit_code == 1 and "Would fix 3 problems in 1 file." in result.stderr
    assert path.read_bytes() == GARBLED.encode()
    path.write_bytes(CLEAN.encode())
    assert _invoke("fix", str(path), "--check").exit_code == 0


def test_unsafe_fixes_are_offered_not_applied(tmp_path: Path) -> None:
    (tmp_path / ".minutekit.toml").write_text(
        'profile = "house"\n[profiles.house]\nrequire = ["resolved"]\n'
        '[profiles.house.headings]\nresolved = ["RESOLVED:"]\n',
        "utf-8",
    )
    path = tmp_path / "minute.txt"
    path.write_text(_resolved("(1)"), "utf-8")
    result = _invoke("fix", str(path))
    assert "Fixed 0 problems in 0 files. 1 more with --unsafe-fixes." in result.stderr
    assert _invoke("fix", str(path), "--unsafe-fixes").exit_code == 0
    assert "RESOLVED:" in path.read_text("utf-8")


def test_validate_fix_repairs_then_reports_what_is_left(tmp_path: Path) -> None:
    path = tmp_path / "minute.txt"
    path.write_bytes(GARBLED.encode())
    result = _invoke("validate", str(path), "--fix", "--format", "json")
    assert "Fixed 3 problems in 1 file." in result.stderr
    codes = {d["code"] for d in json.loads(result.stdout)["diagnostics"]}
    assert codes and not {"MK302", "MK303"} & codes
    assert path.read_bytes() == CLEAN.encode()


def test_a_file_that_cannot_be_written_is_reported_and_left_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "minute.txt"
    path.write_bytes(GARBLED.encode())

    def full_disk(source: str, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("minutekit.fix.os.replace", full_disk)
    result = _invoke("fix", str(path))
    assert result.exit_code == 2
    assert f"cannot write '{path}': No space left on device" in result.stderr
    assert path.read_bytes() == GARBLED.encode()
    assert [p.name for p in tmp_path.iterdir()] == ["minute.txt"]  # the temporary is gone


def test_stdin_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["fix", "-"])
    assert result.exit_code == 2 and "give paths, not '-'" in result.output


# ------------------------------------------------------------------ declared by the rules


def test_rules_declare_their_fix_and_the_rules_command_shows_it() -> None:
    declared = {r.code: r.fix for r in rules.catalogue() if r.fix}
    assert declared == {
        "MK001": "safe",
        "MK201": "safe",
        "MK302": "safe",
        "MK303": "safe",
        "MK306": "unsafe",
    }
    listing = _invoke("rules").stdout
    assert "MK302  mojibake" in listing and "  safe    " in listing and "  unsafe  " in listing
    entries = json.loads(_invoke("rules", "--format", "json").stdout)
    assert {e["code"]: e["fix"] for e in entries if e["fix"]} == declared


@pytest.mark.skipif(not SARIF_SCHEMA.exists(), reason="the SARIF schema lives in ../shared")
def test_sarif_results_carry_their_fixes(tmp_path: Path) -> None:
    path = tmp_path / "minute.txt"
    path.write_bytes(GARBLED.encode())
    document = json.loads(_invoke("validate", str(path), "--format", "sarif").stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert list(validators.validator_for(schema)(schema).iter_errors(document)) == []
    results = document["runs"][0]["results"]
    control = next(r for r in results if r["ruleId"] == "MK303")
    [change] = control["fixes"][0]["artifactChanges"]
    [replacement] = change["replacements"]
    column = GARBLED.splitlines()[2].index("\x07") + 1
    assert replacement == {
        "deletedRegion": {
            "startLine": 3,
            "startColumn": column,
            "endLine": 3,
            "endColumn": column + 1,
        },
        "insertedContent": {"text": ""},
    }
    assert all("fixes" not in r for r in results if r["ruleId"] not in ("MK302", "MK303"))


def test_the_input_format_given_is_the_one_fix_reads_with(tmp_path: Path) -> None:
    # Told the file is HTML, fix reads it as HTML: not plain text, so not rewritten.
    text = tmp_path / "minute.txt"
    text.write_bytes(GARBLED.encode())
    told = _invoke("fix", str(text), "--input-format", "html")
    assert told.exit_code == 0, told.output
    assert f"{text}: would fix MK302 mojibake ×2" in told.stderr
    assert "not rewritten (only plain-text files are)" in told.stderr
    assert text.read_bytes() == GARBLED.encode()
    _invoke("validate", "--fix", str(text), "--input-format", "html")
    assert text.read_bytes() == GARBLED.encode()
    # Told an HTML page is text, fix repairs its text as written.
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>The Childrenâ€™s budget.</p></body></html>\n", "utf-8")
    assert _invoke("fix", str(page), "--input-format", "txt").exit_code == 0
    assert page.read_text("utf-8") == "<html><body><p>The Children’s budget.</p></body></html>\n"


def test_a_file_that_is_not_plain_text_is_reported_never_rewritten(tmp_path: Path) -> None:
    garbled = GARBLED.replace("\x07", "")  # a Word document holds no control characters
    document = renderings.word(garbled)
    path = tmp_path / "minute.docx"
    path.write_bytes(document)
    result = fix_bytes(document, str(path))
    assert result.media_type.endswith("wordprocessingml.document")
    assert not result.rewritable and not result.changed
    assert sorted(d.code for d in result.applied) == ["MK302", "MK302"]
    for flags in ((), ("--check",), ("--diff",)):
        out = _invoke("fix", str(path), *flags)
        assert out.exit_code == 0, out.output
        assert (
            f"{path}: would fix MK302 mojibake ×2; not rewritten (only plain-text files are)"
            in out.stderr
        )
        assert out.stdout == ""
        assert path.read_bytes() == document
    checked = _invoke("validate", str(path), "--fix")
    assert "Fixed 0 problems in 0 files." in checked.stderr
    assert path.read_bytes() == document
