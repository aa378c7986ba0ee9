"""Time the Python API on every *.txt in a folder, in this one process.

What a program calling minutekit as a library pays per file, without the command line's
start-up: ``minutekit.validate(path)`` for each file, then ``minutekit.convert(result,
to="akn", force=True)``. The clock starts after the import and one warm-up file (the
grammar built, the rules discovered), as for the peer (``peer_bluebell.py``), and
includes reading the files. Prints one line of JSON:
``{"files": N, "bytes": B, "validate": S, "akn": S}`` (seconds).

    python benchmarks/library.py /tmp/archive
"""

from __future__ import annotations

import datetime
import json
import sys
import time
from pathlib import Path

import minutekit

GENERATED = datetime.date(2024, 1, 1)


def main() -> None:
    paths = sorted(Path(sys.argv[1]).glob("*.txt"))
    minutekit.convert(minutekit.validate(paths[0]), to="akn", force=True, generated=GENERATED)
    start = time.perf_counter()
    results = [minutekit.validate(path) for path in paths]
    validated = time.perf_counter()
    for result in results:
        minutekit.convert(result, to="akn", force=True, generated=GENERATED)
    converted = time.perf_counter()
    size = sum(path.stat().st_size for path in paths)
    print(
        json.dumps(
            {
                "files": len(paths),
                "bytes": size,
                "validate": validated - start,
                "akn": converted - validated,
            }
        )
    )


if __name__ == "__main__":
    main()
