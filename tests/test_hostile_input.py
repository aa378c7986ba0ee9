"""Hostile input: every case gets one clear line, the right exit code, no traceback,
no partial output, and the good file beside it is still checked and converted.

Each case builds its bad input next to a copy of a valid seed, then runs the real
command line (a subprocess, as a clerk or a CI job would) for ``validate`` and for
``convert --to akn -o``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from lxml import etree

from helpers import SEED_FILES

GOOD = SEED_FILES[0].read_bytes()  # valid: exit 0 on its own
GOOD_TEXT = GOOD.decode("utf-8")


@attrs.frozen
class Case:
    id: str
    #: Makes the bad input under the folder given; returns the argument to pass.
    make: Callable[[Path], str]
    #: Exit status of ``validate`` with the good file beside it.
    status: int
    #: A piece of what ``validate`` prints about it (stdout and stderr together).
    message: str
    options: tuple[str, ...] = ()
    #: Whether ``convert`` writes an output for the bad input.
    converted: bool = False
    #: How many files the summary counts (the bad input and the good file).
    files: int = 2
    #: Whether the good file is given too.
    with_good: bool = True
    #: How many of them could not be read or checked (the summary says so apart).
    unchecked: int = 0
    #: Not text at all: refused, so not converted even with --force.
    refused: bool = False


def _write(name: str, data: bytes) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        (folder / name).write_bytes(data)
        return str(folder / name)

    return make


def _large(folder: Path) -> str:
    path = folder / "huge.txt"
    with path.open("wb") as out:
        line = b"The Committee noted the report and the figures it set out in detail.\n"
        for _ in range(50_000_000 // len(line) + 1):
            out.write(line)
    return str(path)


def _symlink_loop(folder: Path) -> str:
    tree = folder / "tree"
    tree.mkdir()
    (tree / "good.txt").write_bytes(GOOD)
    (tree / "again").symlink_to(tree, target_is_directory=True)  # a cycle, if followed
    (tree / "loop.txt").symlink_to(tree / "loop.txt")  # ELOOP when read
    return str(tree)


def _not_a_directory(folder: Path) -> str:
    (folder / "plain.txt").write_bytes(GOOD)
    return str(folder / "plain.txt" / "child.txt")


def _bad_name(folder: Path) -> str:
    name = os.fsdecode(b"caf\xe9.txt")
    (folder / name).write_bytes(GOOD)
    return str(folder / name)


def _empty_folder(folder: Path) -> str:
    (folder / "empty").mkdir()
    return str(folder / "empty")


CASES = [
    Case("utf8-bom", _write("bom.txt", b"\xef\xbb\xbf" + GOOD), 0, "No problems", converted=True),
    Case(
        "utf16-bom",
        _write("utf16.txt", GOOD_TEXT.encode("utf-16")),
        0,
        "warning MK003 utf16-file",
        converted=True,
    ),
    Case(
        "cp1252",
        _write("word.txt", GOOD_TEXT.encode("cp1252", errors="replace")),
        1,
        "word.txt:7:74: error MK001 invalid-encoding: the byte at byte offset 170 (value 0x93) is"
        " not valid UTF-8 (it reads as Windows-1252, Word's encoding: use --encoding cp1252)",
    ),
    Case(
        # --encoding applies to every input, so the UTF-8 file is left out of this run.
        "cp1252-with-encoding",
        _write("word.txt", GOOD_TEXT.encode("cp1252", errors="replace")),
        0,
        "No problems found in 1 file.",
        options=("--encoding", "cp1252"),
        converted=True,
        files=1,
        with_good=False,
    ),
    Case(
        "mojibake",
        _write("moji.txt", GOOD_TEXT.replace("’", "â€™").encode()),
        0,
        "warning MK302 mojibake: 'â€™' looks like '’' garbled by a wrong encoding",
        converted=True,
    ),
    Case(
        "crlf",
        _write("crlf.txt", GOOD.replace(b"\n", b"\r\n")),
        0,
        "No problems",
        converted=True,
    ),
    Case("lone-cr", _write("cr.txt", GOOD.replace(b"\n", b"\r")), 0, "No problems", converted=True),
    Case(
        "nul-bytes",
        _write("nul.txt", GOOD[:100] + b"\x00" + GOOD[100:]),
        1,
        "nul.txt:7:4: error MK004 binary-file: not a text file: the byte at byte offset 100 is"
        " NUL (0x00); nothing in it was checked",
        refused=True,
    ),
    Case(
        "utf16-without-bom",
        _write("utf16le.txt", GOOD_TEXT.encode("utf-16-le")),
        1,
        "utf16le.txt:1:2: error MK004 binary-file: not a text file: the byte at byte offset 1 is"
        " NUL (0x00); it looks like UTF-16 (little-endian) without a byte-order mark: save it as"
        " UTF-8, or check it with --encoding utf-16-le; nothing in it was checked",
        refused=True,
    ),
    Case(
        "utf16-without-bom-named",
        _write("utf16le.txt", GOOD_TEXT.encode("utf-16-le")),
        0,
        "No problems found in 1 file.",
        options=("--encoding", "utf-16-le"),
        converted=True,
        files=1,
        with_good=False,
    ),
    Case(
        # A Word 97-2003 file (its OLE signature) saved as .txt: known by its content.
        "binary",
        _write("report.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4),
        1,
        "report.txt:1:1: error MK006 unreadable-document: an old binary Office file"
        " (Word 97-2003 .doc): minutekit reads .docx; save it as .docx or plain text",
        refused=True,
    ),
    Case(
        "empty",
        _write("empty.txt", b""),
        1,
        "empty.txt:1:1: error MK005 empty-file: the file is empty",
        refused=True,
    ),
    Case(
        "white-space-only",
        _write("blank.txt", b"  \n\t\n\xc2\xa0\r\n"),
        1,
        "error MK005 empty-file: the file has only white space",
        refused=True,
    ),
    Case(
        "control-character",
        _write("bell.txt", GOOD.replace(b"Board", b"Bo\x07ard", 1)),
        1,
        "error MK303 control-character: the control character U+0007",
    ),
    Case(
        "over-max-size",
        _large,
        2,
        "minutekit: error: '{dir}/huge.txt' is 50.0 MB, over the limit of 20.0 MB: not read"
        " (raise it with --max-size)",
        unchecked=1,
    ),
    Case(
        "small-max-size",
        _write("big.txt", GOOD * 2),
        2,
        "big.txt' is 12.3 kB, over the limit of 7.0 kB: not read (raise it with --max-size)",
        options=("--max-size", "7kB"),
        unchecked=1,
    ),
    Case(
        "long-line",
        _write("long.txt", b"TITLE\n\nMinutes:\n\n" + b"word " * 400_000 + b"\n"),
        1,
        "error MK103 missing-resolved",
        converted=False,
    ),
    Case(
        "repeated-headings",
        _write(
            "headings.txt",
            b"TITLE\n\nMinutes:\n\nThe Committee met.\n\n" + b"Resolved \xe2\x80\x93\n\n" * 5000,
        ),
        1,
        "headings.txt:10005:11: error MK104 missing-action: no 'ACTION:' line: expected"
        " 'ACTION: <post responsible>' after the Resolved block",
    ),
    Case(
        "missing",
        lambda folder: str(folder / "nowhere.txt"),
        2,
        "minutekit: error: cannot read '{dir}/nowhere.txt': No such file or directory",
        unchecked=1,
    ),
    Case(
        "not-a-directory",
        _not_a_directory,
        2,
        "cannot read '{dir}/plain.txt/child.txt': Not a directory",
        unchecked=1,
    ),
    Case(
        "symlink-loop",
        _symlink_loop,
        2,
        "cannot read '{dir}/tree/loop.txt': Too many levels of symbolic links",
        files=3,
        unchecked=1,
        converted=True,  # tree/good.txt, as 'tree-good' beside 'good' (ids from the path)
    ),
    Case("empty-folder", _empty_folder, 2, "minutekit: error: no file to check under", files=1),
    Case("undecodable-name", _bad_name, 0, "No problems found in 2 files", converted=True),
]


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "minutekit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=300,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
        check=False,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_bytes(GOOD)
    return tmp_path / "in"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_validate(case: Case, folder: Path) -> None:
    bad = case.make(folder)
    good = [str(folder / "good.txt")] if case.with_good else []
    result = _run("validate", *case.options, bad, *good, cwd=folder)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert case.message.format(dir=folder) in output
    assert result.returncode == case.status, output
    # The good file was checked too: the summary counts it, and the unreadable apart.
    checked = case.files - case.unchecked
    assert f"in {checked} file{'s' if checked > 1 else ''}" in result.stdout
    if case.unchecked:
        assert f"{case.unchecked} file could not be checked" in result.stdout


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_convert_writes_whole_files_or_none(case: Case, folder: Path) -> None:
    bad = case.make(folder)
    out = folder.parent / "out"
    good = [str(folder / "good.txt")] if case.with_good else []
    result = _run("convert", "--to", "akn", "-o", str(out), *case.options, bad, *good, cwd=folder)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == case.status, result.stderr
    written = sorted(p.name for p in out.iterdir())
    assert not [name for name in written if name.startswith(".") or name.endswith(".tmp")]
    assert ("good.akn.xml" in written) is case.with_good
    assert (len(written) == case.with_good + 1) is case.converted, written
    for name in written:
        etree.parse(str(out / name))  # each file is whole


@pytest.mark.parametrize("case", [c for c in CASES if c.refused], ids=lambda c: c.id)
def test_convert_force_never_writes_a_refused_file(case: Case, folder: Path) -> None:
    bad = case.make(folder)
    out = folder.parent / "out"
    result = _run("convert", "--to", "akn", "--force", "-o", str(out), bad, cwd=folder)
    assert result.returncode == 1, result.stderr
    assert case.message.format(dir=folder) in result.stderr
    assert "Converted 0 files to akn" in result.stderr
    assert "1 empty or unreadable (see its error), not converted." in result.stderr
    assert not out.exists() or not list(out.iterdir())


def test_a_windows_1252_file_gets_no_findings_from_the_replaced_bytes(folder: Path) -> None:
    """The curly quotes and dashes of the seed are single bytes in Windows-1252: shown as
    U+FFFD they once also made MK201 ("starts at '(2)'") and MK107 (no contact line)."""
    (folder / "word.txt").write_bytes(GOOD_TEXT.encode("cp1252"))
    result = _run("validate", "word.txt", cwd=folder)
    assert result.stdout.splitlines() == [
        "word.txt:7:74: error MK001 invalid-encoding: the byte at byte offset 170 (value 0x93) is"
        " not valid UTF-8 (it reads as Windows-1252, Word's encoding: use --encoding cp1252):"
        " save the file as UTF-8; undecodable bytes are shown as '\ufffd', and nothing they"
        " stand for is checked",
        "Found 1 error in 1 file (1 invalid).",
    ]


def test_findings_of_the_text_itself_stay_beside_the_encoding_error(folder: Path) -> None:
    """Only the findings the replacement made go: a real one (no ACTION line) stays."""
    text = GOOD_TEXT.replace("ACTION:", "Noted:")
    (folder / "word.txt").write_bytes(text.encode("cp1252"))
    result = _run("validate", "word.txt", cwd=folder)
    codes = [line.split()[2] for line in result.stdout.splitlines() if " MK" in line]
    assert codes == ["MK001", "MK104"], result.stdout
