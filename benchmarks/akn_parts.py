"""Time each part of ``convert --to akn`` on every *.txt in a folder, in this one process.

What converting an archive to Akoma Ntoso costs, part by part, with the clock started
after the import, as for ``library.py``:

- ``compile``: compiling the strict OASIS schema (once per process);
- ``validate``: ``minutekit.validate`` on each file (reading it, every rule);
- ``build``: the document's elements from the model;
- ``check``: the format's guarantees on each document (indented, checked against the
  strict schema, serialised), of which ``xsd`` is the schema check alone (timed on the
  same documents again);
- ``write``: each output written whole into an empty folder, as ``-o`` does.

Prints one line of JSON: ``{"files": N, "compile": S, "validate": S, "build": S,
"check": S, "xsd": S, "write": S}`` (seconds).

    python benchmarks/akn_parts.py /tmp/archive
"""

from __future__ import annotations

import datetime
import json
import sys
import tempfile
import time
from pathlib import Path

import minutekit
from minutekit.convert import ConvertOptions, item_id_for, write_atomic
from minutekit.converters import akoma_ntoso
from minutekit.converters.akoma_ntoso import check

GENERATED = datetime.date(2024, 1, 1)


def main() -> None:
    paths = sorted(Path(sys.argv[1]).glob("*.txt"))
    minutekit.validate(paths[0])  # the grammar built, the rules discovered
    times: dict[str, float] = {"files": len(paths)}

    start = time.perf_counter()
    schema = check.strict_schema()
    times["compile"] = time.perf_counter() - start

    start = time.perf_counter()
    results = [minutekit.validate(path) for path in paths]
    times["validate"] = time.perf_counter() - start

    items = [result.item for result in results]
    options = [ConvertOptions(generated=GENERATED, item_id=item_id_for(item)) for item in items]
    start = time.perf_counter()
    documents = [akoma_ntoso.document(item, o) for item, o in zip(items, options, strict=True)]
    times["build"] = time.perf_counter() - start

    start = time.perf_counter()
    outputs = [check.checked(document) for document in documents]
    times["check"] = time.perf_counter() - start

    start = time.perf_counter()
    if not all(schema.validate(document) for document in documents):
        sys.exit("an output is not valid against the strict schema")
    times["xsd"] = time.perf_counter() - start

    with tempfile.TemporaryDirectory(prefix="minutekit-akn-parts-") as folder:
        start = time.perf_counter()
        for path, output in zip(paths, outputs, strict=True):
            write_atomic(Path(folder) / f"{path.stem}.akn.xml", output)
        times["write"] = time.perf_counter() - start
    print(json.dumps(times))


if __name__ == "__main__":
    main()
