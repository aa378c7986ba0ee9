"""How fast each reader reads: files/s on the seeds rendered as .docx, HTML and PDF, beside
plain text.

The five seeds are written as each form by the writers the tests use (python-docx with
Word's list numbering, ModernGov's markup, reportlab with a running header and page
numbers; ``pip install '.[test]'``), then, in this one process, each rendering is

- read: the reader alone (bytes → lines and location map);
- checked: ``validate_bytes`` (reader, grammar, rules), as ``minutekit validate`` does
  for each file;

``--repeat`` times over all five seeds, and the median files/s is printed per form.

    python benchmarks/readers.py [--repeat 20]

These are in-process figures (no interpreter start-up); they are not unit tests and
never fail a build.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import renderings  # noqa: E402

from minutekit import readers  # noqa: E402
from minutekit.validate import validate_bytes  # noqa: E402

FORMS: dict[str, tuple[str, Callable[[str], bytes]]] = {
    "txt": ("minutes.txt", str.encode),
    "docx": ("draft.docx", renderings.word),
    "html (ModernGov)": ("page.html", renderings.moderngov_item),
    "html (plain)": ("page.html", renderings.plain_html),
    "pdf": ("minutes.pdf", renderings.pdf),
}


def _rate(
    files: list[tuple[str, bytes]], work: Callable[[bytes, str], object], repeat: int
) -> float:
    """Median files/s of ``work`` over all ``files``, ``repeat`` times."""
    rates = []
    for _ in range(repeat):
        start = time.perf_counter()
        for name, data in files:
            work(data, name)
        rates.append(len(files) / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    repeat = parser.parse_args().repeat
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    print(f"{'form':<18} {'KB/file':>8} {'read files/s':>13} {'validate files/s':>17}")
    for form, (name, write) in FORMS.items():
        files = [(name, write(seed.read_text(encoding="utf-8"))) for seed in seeds]
        reader = readers.for_input(files[0][1], name)
        read = _rate(files, reader.read, repeat)
        checked = _rate(files, lambda data, n: validate_bytes(data, n), repeat)
        size = statistics.mean(len(data) for _, data in files) / 1024
        print(f"{form:<18} {size:>8.1f} {read:>13.1f} {checked:>17.1f}")


if __name__ == "__main__":
    main()
