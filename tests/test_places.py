"""Input formats through the whole run: --input-format, folder walks, and diagnostics
that print the original's place through a reader's location map.

The reader here is a plugin written for the test (installed through the readers' entry
point group), so that these tests depend on no other reader: a ".para" file's first
paragraph is a marker, and line n of the text read is its paragraph n + 1.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import validators

from helpers import ROOT, SEED_FILES
from minutekit import readers
from minutekit.cli import main

PARAGRAPHS = '''"""Paragraphs: a test format whose first paragraph is the marker PARA."""
from minutekit.model import Place
from minutekit.readers import LineTable, Reading
from minutekit.source import read_source

NAME = "para"
SUFFIXES = (".para",)
MEDIA_TYPE = "application/x-paragraphs"


def sniff(data):
    return data.startswith(b"PARA\\n")


def read(data, name, encoding=None):
    source = read_source(data.removeprefix(b"PARA\\n"), name, encoding)
    starts = tuple(Place(n + 1, 1, unit="paragraph") for n in range(1, len(source.lines) + 1))
    return Reading(source, LineTable(starts), MEDIA_TYPE)
'''

SARIF_SCHEMA = ROOT.parent / "shared" / "external" / "sarif-schema-2.1.0.json"

#: No title: MK101 on line 1 of the text read, paragraph 2 of the original.
UNTITLED = b"PARA\nMinutes:\n\nThe report was noted.\n"


@pytest.fixture
def archive(tmp_path: Path, plugin: Callable[..., None], monkeypatch: pytest.MonkeyPatch) -> Path:
    plugin(readers.ENTRY_POINT_GROUP, PARAGRAPHS)
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "draft.para").write_bytes(UNTITLED)
    (folder / "seed.txt").write_bytes(SEED_FILES[2].read_bytes())  # 002: no title either
    monkeypatch.chdir(tmp_path)
    return folder


def _validate(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["validate", "--select", "MK101", *args])
    return result.exit_code, result.stdout, result.stderr


def test_diagnostics_print_the_original_place(archive: Path) -> None:
    code, out, _ = _validate("minutes")
    assert code == 1
    assert out.splitlines()[:2] == [
        "minutes/draft.para:¶2:1: error MK101 missing-title: no title: expected the item's title line"
        " before the minutes",
        "minutes/seed.txt:6:1: error MK101 missing-title: no title: expected the item's title line"
        " before the summary",
    ]


def test_json_and_sarif_carry_the_place_beside_the_text_position(archive: Path) -> None:
    _, out, _ = _validate("minutes", "--format", "json")
    draft, seed = json.loads(out)["diagnostics"]
    assert (draft["line"], draft["column"]) == (1, 1)  # of the text read
    assert draft["place"] == {"unit": "paragraph", "line": 2, "column": 1}
    assert "place" not in seed  # plain text: the text is the file
    _, out, _ = _validate("minutes", "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    location = results[0]["locations"][0]
    assert location["physicalLocation"]["region"] == {"startLine": 1, "startColumn": 1}
    assert location["properties"]["place"]["text"] == "¶2:1"
    assert "properties" not in results[1]["locations"][0]
    if SARIF_SCHEMA.exists():  # the real SARIF 2.1.0 schema (see test_reports.py)
        schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
        validators.validator_for(schema)(schema).validate(json.loads(out))


def test_the_html_report_gives_the_place_in_the_original(archive: Path) -> None:
    _, out, _ = _validate("minutes", "--format", "html")
    assert "line 1, column 1 (¶2:1 in the original)" in out
    assert "line 6, column 1</span>" in out  # the plain-text file: its line is its place


def test_input_format_reads_every_file_as_that_format(archive: Path) -> None:
    # As plain text, the marker is the file's first line: a title, so no MK101 there.
    code, out, _ = _validate("minutes/draft.para", "--input-format", "txt")
    assert code == 0 and "¶" not in out
    code, _, err = _validate("minutes/draft.para", "--input-format", "nonesuch")
    assert code == 2
    assert "'nonesuch' is not an input format (choose from " in err
    choices = err.split("(choose from ")[1].split(")")[0].split(", ")
    assert "para" in choices and choices[-1] == "txt"  # plain text, the last resort, last


def test_folder_walks_take_the_suffixes_of_every_reader(archive: Path, tmp_path: Path) -> None:
    _, out, _ = _validate("minutes", "--format", "json")
    assert json.loads(out)["files"] == ["minutes/draft.para", "minutes/seed.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    _, _, err = _validate("empty")
    warning = next(line for line in err.splitlines() if "files under 'empty'" in line)
    assert "'*.para'" in warning and "'*.txt'" in warning


def test_convert_names_the_output_after_the_input_less_its_suffix(archive: Path) -> None:
    result = CliRunner().invoke(
        main, ["convert", "minutes", "--to", "json", "--force", "-o", "out"]
    )
    assert result.exit_code == 1, result.output  # both inputs have errors (forced)
    assert sorted(p.name for p in Path("out").iterdir()) == ["draft.json", "seed.json"]


def test_word_and_pdf_findings_print_their_paragraph_and_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from renderings import pdf, word

    text = SEED_FILES[4].read_text(encoding="utf-8")  # 004: no Resolved block
    (tmp_path / "draft.docx").write_bytes(word(text))
    (tmp_path / "printed.pdf").write_bytes(pdf(text))
    monkeypatch.chdir(tmp_path)
    code, out, _ = _validate("draft.docx", "printed.pdf", "--select", "MK103")
    assert code == 1
    # The Resolved block was expected at line 63 of the text read: paragraph 63 of the
    # Word document (one paragraph per line), printed line 4 of the PDF's third page.
    assert [line.split(": ")[0] for line in out.splitlines()[:2]] == [
        "draft.docx:¶63:1",
        "printed.pdf:p3:4:1",
    ]
