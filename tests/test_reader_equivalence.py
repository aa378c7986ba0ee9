"""The property that matters: a seed as .txt, .docx, .html and .pdf gives the same findings.

Each seed is written by real writers (python-docx with Word's list numbering, ModernGov's
markup and plain HTML, reportlab with a running header and page numbers; one file saved
by LibreOffice) and checked through ``validate_bytes``: the same codes, each located on
the same part of the text (the same paragraph, wherever it stands in the original), the
same JSON apart from the ``source`` block and the spans, and Akoma Ntoso that holds every
word the reader read.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import renderings
from lxml import etree

from helpers import FIXTURES, SEED_FILES, akn_body_text, words
from minutekit import formats as converters
from minutekit.convert import ConvertOptions, item_id_for
from minutekit.validate import ValidationResult, validate_bytes

SEED_IDS = [p.name[:3] for p in SEED_FILES]

WRITERS: dict[str, tuple[str, Callable[[str], bytes]]] = {
    "docx": ("draft.docx", renderings.word),
    "moderngov": ("page.html", renderings.moderngov_item),
    "html": ("page.html", renderings.plain_html),
    "pdf": ("minutes.pdf", renderings.pdf),
}
#: How each reader prints a place: a Word paragraph, an HTML source line, a PDF page line.
PLACE_PREFIX = {"docx": "¶", "moderngov": "", "html": "", "pdf": "p"}


@functools.cache
def _rendered(form: str, path: Path) -> bytes:
    return WRITERS[form][1](path.read_text(encoding="utf-8"))


@functools.cache
def _checked(form: str, path: Path) -> ValidationResult:
    return validate_bytes(_rendered(form, path), WRITERS[form][0])


def _without_places(value: Any) -> Any:
    """The JSON form without what says where things stand (spans, lines, the source)."""
    if isinstance(value, dict):
        return {
            k: _without_places(v)
            for k, v in value.items()
            if k not in ("source", "line") and not k.endswith("span")
        }
    if isinstance(value, list):
        return [_without_places(v) for v in value]
    return value


def _located(result: ValidationResult) -> list[tuple[str, str]]:
    """Each finding's code and the words of the line of text it is on."""
    lines = validate_lines(result)
    return [(d.code, " ".join(lines[d.line - 1].split())) for d in result.diagnostics]


def validate_lines(result: ValidationResult) -> tuple[str, ...]:
    source = result.meeting.source if result.meeting else result.item.source
    assert source is not None
    return tuple(source.lines)


@pytest.mark.parametrize("form", WRITERS)
@pytest.mark.parametrize("path", SEED_FILES, ids=SEED_IDS)
def test_each_form_of_a_seed_gives_the_texts_findings(form: str, path: Path) -> None:
    text = validate_bytes(path.read_bytes(), "minutes.txt")
    other = _checked(form, path)
    assert [d.code for d in other.diagnostics] == [d.code for d in text.diagnostics]
    assert _located(other) == _located(text)
    for diagnostic in other.diagnostics:
        place = str(other.locations.place(diagnostic.line, diagnostic.column))
        assert place.startswith(PLACE_PREFIX[form]) and place[len(PLACE_PREFIX[form])].isdigit()


@pytest.mark.parametrize("form", WRITERS)
@pytest.mark.parametrize("path", SEED_FILES, ids=SEED_IDS)
def test_each_form_of_a_seed_gives_the_texts_json(form: str, path: Path) -> None:
    text = validate_bytes(path.read_bytes(), "minutes.txt")
    other = _checked(form, path)
    assert _without_places(other.item.to_jsonable()) == _without_places(text.item.to_jsonable())
    assert (
        other.media_type
        == {
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "moderngov": "text/html",
            "html": "text/html",
            "pdf": "application/pdf",
        }[form]
    )


def test_a_seed_saved_by_libreoffice_reads_as_the_text() -> None:
    text = validate_bytes(SEED_FILES[0].read_bytes(), "minutes.txt")
    saved = FIXTURES / "documents" / "seed_000_libreoffice.docx"
    other = validate_bytes(saved.read_bytes(), saved.name)
    assert other.media_type.endswith("wordprocessingml.document")
    assert _without_places(other.item.to_jsonable()) == _without_places(text.item.to_jsonable())
    assert [r.num for r in other.item.recommended.items] == ["(1)", "(2)", "(3)", "(4)", "(5)"]  # type: ignore[union-attr]


def test_a_printed_item_crosses_a_page_break_and_stays_whole() -> None:
    # Seed 000 runs over four printed pages; a paragraph of its minutes starts on page 2
    # and ends on page 3, and still reads as one line (the JSON test above proves that it
    # is joined where the text has it whole).
    result = _checked("pdf", SEED_FILES[0])
    table = result.locations
    crossing = [
        n
        for n in range(1, len(validate_lines(result)) + 1)
        if len({table.place(n, c).page for c in (1, len(validate_lines(result)[n - 1]))}) == 2
    ]
    assert crossing, "no paragraph of the printed seed crosses a page break"
    assert renderings.PDF_HEADER not in "\n".join(validate_lines(result))
    assert not any(line.startswith("Page ") for line in validate_lines(result))


@pytest.mark.parametrize("form", WRITERS)
@pytest.mark.parametrize("path", SEED_FILES[:2], ids=SEED_IDS[:2])
def test_akoma_ntoso_holds_every_word_the_reader_read(form: str, path: Path) -> None:
    result = _checked(form, path)
    options = ConvertOptions(
        generated=datetime.date(2026, 11, 23), item_id=item_id_for(result.item)
    )
    document = etree.fromstring(converters.get("akn").convert(result.item, options))
    assert words(akn_body_text(document)) == words("\n".join(validate_lines(result)))
    assert words(akn_body_text(document)) == words(path.read_text(encoding="utf-8"))
