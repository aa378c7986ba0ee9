"""Whole-meeting files: does checking one grow with its items, and only with them?

Builds meeting files of 160, 400 and 1,600 agenda items (``--items``): a meeting's
heading, then the archive files of ``generate.py`` one after another, each opening
with its ``Agenda item`` header as a meeting page prints them (about 6 kB an item, so
1,600 items are about 10 MB, under the default size limit). Then runs ``python -m
minutekit validate`` (this Python's) on each as a user would, ``--repeat`` times, and
prints the median wall time and the peak resident memory of the whole process, the
time per item, and each size's time as a multiple of the smallest's.

Linear growth is a ratio near the ratio of the item counts (10 for 1,600 against 160);
a file checked item by item against the whole file grows with the square of it.

    python benchmarks/meeting_scaling.py [--items 160 400 1600] [--repeat 3] [--workdir DIR]

Wall times include start-up; this measures and never fails a build.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

HEADING = "Minutes of the Licensing Committee held on 3 March 2022\n\n"


def meeting_file(items: int, out: Path) -> Path:
    """A meeting file of ``items`` agenda items (distinct texts) at ``out``."""
    parts = [HEADING]
    with tempfile.TemporaryDirectory() as folder:
        for path in generate(items, Path(folder)):
            parts.append(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n")
    out.write_text("".join(parts), encoding="utf-8")
    return out


def _run(path: Path) -> tuple[float, int]:
    """Wall seconds and peak resident kilobytes of ``minutekit validate path``."""
    command = [sys.executable, "-m", "minutekit", "validate", "--max-size", "100MB", str(path)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"minutekit failed on {path} (status {status})")
    return elapsed, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--items", type=int, nargs="+", default=[160, 400, 1600])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        workdir = args.workdir or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        files = [meeting_file(n, workdir / f"meeting_{n}.txt") for n in args.items]
        print(
            f"{'items':>6} {'MB':>6} {'seconds':>8} {'ms/item':>8} {'× smallest':>10}"
            f" {'peak MB':>8}"
        )
        smallest = None
        for items, path in zip(args.items, files, strict=True):
            runs = [_run(path) for _ in range(args.repeat)]
            seconds = statistics.median(t for t, _ in runs)
            peak = max(kb for _, kb in runs) / 1024
            smallest = smallest or seconds
            size = path.stat().st_size / 1e6
            print(
                f"{items:>6} {size:>6.1f} {seconds:>8.2f} {seconds / items * 1000:>8.1f}"
                f" {seconds / smallest:>10.1f} {peak:>8.0f}"
            )


if __name__ == "__main__":
    main()
