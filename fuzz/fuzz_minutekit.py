"""Coverage-guided fuzzing of the whole pipeline with atheris (libFuzzer for Python).

Each input is one file's bytes. It is checked (``minutekit.validate``) and, unless refused
as binary or empty, converted to Akoma Ntoso, JSON and CSV with ``--force``
semantics. The harness fails, and libFuzzer saves the input as ``crash-*``, when:

- anything raises other than the one documented refusal (``ConversionError`` for a
  character XML forbids, which MK303 has already reported as an error);
- a diagnostic points outside the file;
- the AKN output is not valid against the strict OASIS schema or loses a word;
- the JSON form breaks the schema's shape.

Run (after ``pip install -e '.[test]' atheris``), with the seeds as a starting corpus:

    mkdir -p fuzz/corpus && cp seeds/*.txt fuzz/corpus/
    python fuzz/fuzz_minutekit.py fuzz/corpus -dict=fuzz/minutekit.dict -runs=1000000 -max_len=4096

``fuzz/minutekit.dict`` gives libFuzzer the words minutes are made of and the letters
that stand for ASCII ones (İ, ı, ſ, the Kelvin sign, ligatures, full-width forms).
``-runs`` counts inputs; add ``-jobs=N -workers=N`` to use several cores.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import sys

import atheris

with atheris.instrument_imports(include=["minutekit"]):
    from lxml import etree

    import minutekit
    from minutekit import schema

GENERATED = datetime.date(2024, 1, 1)
BULLETS = "·•"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _words(text: str) -> list[str]:
    stripped = (w.lstrip(BULLETS) for w in text.split())
    return [w for w in stripped if w]


def _akn_text(root: etree._Element) -> str:
    parts: list[str] = []
    blocks = {"p", "heading", "num", "li", "item", "blockList", "ul"}

    def walk(element: etree._Element) -> None:
        name = etree.QName(element).localname
        if name == "meta":
            parts.append(element.tail or "")
            return
        block = name in blocks
        parts.append((" " if block else "") + (element.text or ""))
        for child in element:
            walk(child)
        parts.append((" " if block else "") + (element.tail or ""))

    for child in root:
        walk(child)
    return "".join(parts)


def test_one_input(data: bytes) -> None:
    result = minutekit.validate(data, name="fuzz.txt")
    refused = any(d.code in ("MK004", "MK005") for d in result.diagnostics)
    whole = result.meeting or result.item  # a whole-meeting file: all of its items
    lines = whole.source.lines
    if refused:
        lines = tuple(_LINE_BREAK.split(data.decode("utf-8", errors="replace")))
    for d in result.diagnostics:
        width = len(lines[d.line - 1]) if 1 <= d.line <= len(lines) else 0
        if not (1 <= d.line <= max(1, len(lines) + 1) and 1 <= d.column <= width + 1):
            raise AssertionError(f"diagnostic outside the file: {d}")
    if refused:
        return
    shape = [e for item in result.items for e in schema.shape_errors(item.to_jsonable())]
    if result.meeting is not None:
        shape += schema.meeting_shape_errors(result.meeting.to_jsonable())
    if shape:
        raise AssertionError(f"JSON shape: {shape}")
    parsed = result.parsed  # converted whatever was found (as --force does)
    minutekit.convert(parsed, to="json", generated=GENERATED, item_id="fuzz")
    tables = minutekit.convert_tables([parsed], to="csv", generated=GENERATED)
    for content in tables.values():
        list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))
    try:
        # The AKN writer checks the strict schema itself.
        xml = minutekit.convert(parsed, to="akn", generated=GENERATED, item_id="fuzz")
    except minutekit.ConversionError:
        if any(d.code == "MK303" for d in result.diagnostics):
            return  # the forbidden character was reported as an error first
        raise
    text = _akn_text(etree.fromstring(xml))
    if _words(text) != _words("\n".join(whole.source.lines)):
        raise AssertionError("a word was lost or moved in the Akoma Ntoso output")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
