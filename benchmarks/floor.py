"""Time the floor on every *.txt in a folder, in this one process: the least any
line-based reader of minutes does.

Read the bytes, decode them, split the lines, find where items start
(``split.item_starts``) and match each non-blank line once with the grammar's terminals
(one expression: the union lark's lexer would build of them all, as the parse stage's
lexer holds it). The clock starts after the import and includes reading the files, as
for ``library.py`` and the peer. Prints one line of JSON: ``{"files": N, "seconds": S}``.

    python benchmarks/floor.py /tmp/archive
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from minutekit import grammar, split
from minutekit.grammar.line_lexer import LineLexer


def main() -> None:
    paths = sorted(Path(sys.argv[1]).glob("*.txt"))
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
    seconds = time.perf_counter() - start
    print(json.dumps({"files": len(paths), "seconds": seconds}))


if __name__ == "__main__":
    main()
