"""Coverage-guided fuzzing of the whole pipeline with atheris (libFuzzer for Python).

Each input is one file's bytes. It is checked (``validate_bytes``) and, unless refused
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

    from minutekit import formats, schema
    from minutekit.convert import ConversionError, ConvertOptions
    from minutekit.validate import validate_bytes

OPTIONS = ConvertOptions(generated=datetime.date(2024, 1, 1), item_id="fuzz")
AKN = formats.get("akn")
CSV = formats.get("csv")
JSON = formats.get("json")
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
    result = validate_bytes(data, "fuzz.txt")
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
    shape = schema.shape_errors(result.item.to_jsonable())
    if result.meeting is not None:
        shape += schema.meeting_shape_errors(result.meeting.to_jsonable())
    if shape:
        raise AssertionError(f"JSON shape: {shape}")
    items = result.meeting.items if result.meeting else (result.item,)
    for item in items:
        JSON.convert(item, OPTIONS)
        for content in CSV.convert_batch([(item, "fuzz")], OPTIONS).values():
            list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))
    try:
        # Both check the strict schema themselves.
        if result.meeting is not None:
            xml = AKN.convert_meeting(result.meeting, OPTIONS)
        else:
            xml = AKN.convert(result.item, OPTIONS)
    except ConversionError:
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
