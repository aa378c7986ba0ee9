"""Throughput inside one process, after import: minutekit, bluebell-akn and the floor.

Run by ``run.py``; prints one line of JSON with the seconds each took over every *.txt
in a folder (the files' reading included, import and warm-up not):

- ``validate``: :func:`minutekit.validate.validate_bytes` on each file;
- ``floor``: what any line-based reader of minutes must do at least: read the bytes,
  decode them, split the lines, find where items start (``split.item_starts``) and
  match each non-blank line once with the grammar's terminals (one expression, the
  union lark's lexer would build of them all);
- ``bluebell`` (when installed): bluebell-akn's ``parse_to_xml(text, "debateReport")``.

    python benchmarks/inprocess.py /tmp/archive
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path


def main() -> None:
    from minutekit import grammar, split
    from minutekit.grammar.line_lexer import LineLexer
    from minutekit.validate import validate_bytes

    paths = sorted(Path(sys.argv[1]).glob("*.txt"))
    seconds: dict[str, float] = {}

    validate_bytes(paths[0].read_bytes(), str(paths[0]))
    start = time.perf_counter()
    for path in paths:
        validate_bytes(path.read_bytes(), str(path))
    seconds["validate"] = time.perf_counter() - start

    lexer = grammar.parser().parser.lexer
    assert isinstance(lexer, LineLexer)
    match = lexer.root.match
    start = time.perf_counter()
    for path in paths:
        lines = path.read_bytes().decode("utf-8").splitlines()
        split.item_starts(lines)
        for line in lines:
            if line.strip():
                match(line + "\n", 0)
    seconds["floor"] = time.perf_counter() - start

    if importlib.util.find_spec("bluebell") is not None:
        from bluebell.parser import AkomaNtosoParser
        from cobalt import FrbrUri

        parser = AkomaNtosoParser(FrbrUri.parse("/akn/gb/debateReport/2019-01-01/minutes"))
        parser.parse_to_xml("Warm-up.", "debateReport")
        start = time.perf_counter()
        for path in paths:
            parser.parse_to_xml(path.read_text(encoding="utf-8"), "debateReport")
        seconds["bluebell"] = time.perf_counter() - start

    print(json.dumps({"files": len(paths), "seconds": seconds}))


if __name__ == "__main__":
    main()
