"""Hostile documents through the real command line: each one line, no traceback, and the
good files beside them still checked and converted.

One run of ``minutekit validate`` and one of ``convert --to json`` over a folder's worth
of bad documents (a zip bomb, a .docx that is not a zip, HTML with a billion-laughs or
an external entity, a 50 MB page, a PDF with a broken cross-reference table, a scanned
PDF, a .doc) beside the same seed as .docx, .html and .pdf.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import renderings

from helpers import SEED_FILES

SEED = SEED_FILES[0].read_text(encoding="utf-8")


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("word/document.xml", b"<w:document>" + b" " * (80 * 1024 * 1024))
    return out.getvalue()


def _scanned() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    scan = canvas.Canvas(out)
    scan.rect(72, 72, 400, 600, fill=1)
    scan.showPage()
    scan.save()
    return out.getvalue()


HOSTILE = {
    "bomb.docx": (_zip_bomb, "its part word/document.xml expands beyond 64 MB (a zip bomb?)"),
    "notzip.docx": (lambda: b"Minutes\n", "it is not a zip package"),
    "laughs.html": (
        lambda: (
            b'<!DOCTYPE html [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;">]><html><body>&b;</body></html>'
        ),
        "declares entities",
    ),
    "external.html": (
        lambda: (
            b'<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body>&x;</body></html>'
        ),
        "declares entities",
    ),
    "huge.html": (
        lambda: (
            b"<html><body>" + b"<p>Minutes of the meeting.</p>\n" * 1_800_000 + b"</body></html>"
        ),
        "more than the 20 MB minutekit reads",
    ),
    "xref.pdf": (
        lambda: re.sub(rb"xref\n0 (\d+)", rb"xref\n9 \1", renderings.pdf("Agenda item\n")),
        "no page was found (its cross-reference table is broken?)",
    ),
    "scan.pdf": (_scanned, "no text layer (scanned?)"),
    "old.doc": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
        "save it as .docx or plain text",
    ),
}
GOOD = {
    "good_docx.docx": renderings.word(SEED),
    "good_html.html": renderings.moderngov_item(SEED),
    "good_pdf.pdf": renderings.pdf(SEED),
}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "minutekit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
        check=False,
    )


def test_hostile_documents_get_one_line_each_and_the_good_ones_are_still_read(
    tmp_path: Path,
) -> None:
    for name, (make, _) in HOSTILE.items():
        (tmp_path / name).write_bytes(make())
    for name, data in GOOD.items():
        (tmp_path / name).write_bytes(data)
    names = [*HOSTILE, *GOOD]

    # --max-size lets the 50 MB page reach its reader, which refuses it itself.
    checked = _run("validate", "-j", "1", "--max-size", "100MB", *names, cwd=tmp_path)
    output = checked.stdout + checked.stderr
    assert "Traceback" not in output
    assert checked.returncode == 1
    for name, (_, said) in HOSTILE.items():
        lines = [line for line in output.splitlines() if line.startswith(f"{name}:")]
        assert len(lines) == 1, (name, lines)
        assert " error MK006 unreadable-document: " in lines[0] and said in lines[0]
    assert not any(line.startswith("good_") for line in output.splitlines()), output

    out = tmp_path / "out"
    converted = _run(
        "convert", "--to", "json", "--max-size", "100MB", "-o", str(out), *names, cwd=tmp_path
    )
    assert "Traceback" not in converted.stdout + converted.stderr
    assert converted.returncode == 1
    # One JSON file for each good document, named by its id (the reader's suffix dropped),
    # none for the hostile ones.
    assert sorted(p.name for p in out.iterdir()) == [
        "good_docx.json",
        "good_html.json",
        "good_pdf.json",
    ]
    titles = {json.loads(p.read_text(encoding="utf-8"))["title"] for p in out.iterdir()}
    assert titles == {"PROTECTING CHILDREN AND VULNERABLE ADULTS AT RISK OF EXPLOITATION"}
