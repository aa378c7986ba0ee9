"""minutekit's speed, measured: throughput, memory, cold start, parallel speed-up, peer.

Builds an archive of seed-sized files (``generate.py``), then runs the installed
``minutekit`` command on it as a user would, each figure the median of ``--repeat``
runs:

- files/s and MB/s for ``validate`` and ``convert --to akn|json|csv`` (``--force``, so
  every file is converted; akn includes the strict XSD check), on 1 process and on
  every core (``--jobs``), with the speed-up; and the machine's own limit for that
  speed-up: as many independent processes as cores, each validating its share of the
  files, paired with ``--jobs``;
- peak memory (the largest resident set of the command and its workers) at two
  archive sizes, to show it does not grow with the number of files;
- start-up, next to ``python -c pass`` in alternating pairs, as the median of the
  pair-by-pair ratios with their range: one changed file (``validate --no-cache
  one.txt``), one unchanged file with the result cache warm, and a re-run of the
  unchanged archive with the cache warm (both replayed: see ``minutekit/replay.py``),
  and the archive with one file saved again before each run (not replayed: the result
  cache answers);
- the Python API (``library.py``): ``minutekit.validate`` and ``minutekit.convert`` on
  the same files in one process, after import, as a program calling the library pays;
- ``convert --to akn`` part by part (``akn_parts.py``), in one process after import:
  the schema compiled, validate, building the documents, checking them, writing them;
- the floor (``floor.py``), in one process after import: read, decode, split, find the
  items and match each line once with the grammar's terminals; the API's validate as a
  fraction of it;
- the peer, bluebell-akn (if installed: ``pip install '.[bench]'``), like for like:
  ``validate --jobs 1`` and ``convert --to akn --jobs 1`` against bluebell's
  ``parse_to_xml`` on the same files in one process, whole processes in alternating
  pairs (median of the pair ratios of ``--pairs``, at least 5, with their range); and
  both in one process after import, with the ratio convert would reach if building
  the documents took no time (what bounds it: the rules, the schema check and the
  writes, which bluebell does not do); the all-cores figures only beside them.

    python benchmarks/run.py [--files 1000] [--repeat 5] [--workdir DIR]

Wall times include start-up, so they are what a user waits for; they are not unit tests
and never fail a build. Every ``validate`` and ``convert`` here but the warm rows runs
with ``--no-cache``: a repeated run would otherwise read its results from the result cache.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

HERE = Path(__file__).resolve().parent
MINUTEKIT = [sys.executable, "-m", "minutekit"]
#: Where the commands run: not the project's folder, whose source ``minutekit/`` would
#: shadow the installed package for ``python -m minutekit``.
RUN_IN: list[Path] = []


def timed(command: Sequence[str], keep_outputs: bool = False) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in MB (the process and its reaped children), exit status.

    A command that writes into a folder (``-o``) writes into an empty one, so every
    output is written each run: convert leaves an output that already holds what it
    would write as it is, which a folder holding the last run's outputs would measure
    instead (``keep_outputs``: that case).
    """
    if "-o" in command and not keep_outputs:
        shutil.rmtree(command[list(command).index("-o") + 1], ignore_errors=True)
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=RUN_IN[0] if RUN_IN else None,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss // 1024, process.returncode


def median_run(command: Sequence[str], repeat: int) -> tuple[float, int]:
    runs = [timed(command) for _ in range(repeat)]
    for _, _, status in runs:
        if status not in (0, 1):
            again = subprocess.run(
                command, capture_output=True, text=True, cwd=RUN_IN[0] if RUN_IN else None
            )
            reason = (again.stderr.strip().splitlines() or ["(no message)"])[-1]
            sys.exit(
                f"benchmark command failed with exit status {status}: {' '.join(command)}\n"
                f"  its last error line: {reason}"
            )
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def in_one_process(script: str, archive: Path, repeat: int) -> list[dict[str, float]]:
    """The figures ``benchmarks/<script>`` prints (one JSON line) for ``archive``, each run."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, str(HERE / script), str(archive)],
            capture_output=True,
            text=True,
            check=True,
            cwd=RUN_IN[0] if RUN_IN else None,
        )
        runs.append(json.loads(out.stdout))
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="archive size (default 1000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--cold-runs", type=int, default=21, help="pairs for each start-up figure")
    parser.add_argument("--pairs", type=int, default=5, help="pairs against the peer (>= 5)")
    parser.add_argument(
        "--workdir",
        type=Path,
        help="where the archive and outputs go (default: the system's temporary folder;"
        " creating files there can be much slower than on the disk you convert on)",
    )
    args = parser.parse_args()
    jobs = cores()
    print(
        f"# minutekit benchmark: {platform.python_implementation()} {platform.python_version()}, "
        f"{jobs} cores, {args.files} files, median of {args.repeat} runs"
    )

    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="minutekit-bench-", dir=args.workdir) as work:
        RUN_IN[:] = [Path(work)]
        root = Path(work)
        archive = root / "archive"
        paths = generate(args.files, archive)
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        print(
            f"archive: {len(paths)} files, {megabytes:.2f} MB "
            f"({megabytes * 1e3 / len(paths):.1f} kB per file)\n"
        )

        results: dict[str, float] = {}
        print(f"{'command':<26}{'jobs':>5}{'seconds':>9}{'files/s':>9}{'MB/s':>7}{'peak MB':>9}")
        commands = {
            "validate": ["validate", "--no-cache", str(archive)],
            **{
                f"convert --to {to}": [
                    "convert",
                    "--to",
                    to,
                    "--force",
                    "--no-cache",
                    "-o",
                    str(root / to),
                    str(archive),
                ]
                for to in ("akn", "json", "csv")
            },
        }
        for label, command in commands.items():
            for n in sorted({1, jobs}):
                seconds, peak = median_run([*MINUTEKIT, *command, "--jobs", str(n)], args.repeat)
                results[f"{label}/{n}"] = len(paths) / seconds
                print(
                    f"{label:<26}{n:>5}{seconds:>9.2f}{len(paths) / seconds:>9.0f}"
                    f"{megabytes / seconds:>7.2f}{peak:>9}"
                )
        if jobs > 1:
            print()
            for label in commands:
                print(
                    f"speed-up of {label} on {jobs} processes: "
                    f"{results[f'{label}/{jobs}'] / results[f'{label}/1']:.2f}x"
                )
            # The machine's own limit: the same files split between independent
            # processes that share nothing (no pool, no hand-over, no ordering).
            parts = split_between(paths, jobs, root / "parts")
            alone = [
                [*MINUTEKIT, "validate", "--no-cache", "--jobs", "1", str(part)] for part in parts
            ]
            pairs = alternate(
                lambda: timed([*MINUTEKIT, *commands["validate"], "--jobs", str(jobs)])[0],
                lambda: together(alone),
                args.pairs,
            )
            whole = len(paths) / results["validate/1"]
            print(
                f"validate on {jobs} independent processes, each on 1/{jobs} of the files"
                f" (the machine's limit), {args.pairs} pairs:"
            )
            print(row(f"validate --jobs {jobs} / {jobs} independent processes", pairs))
            independent = whole / statistics.median(p[1] for p in pairs)
            print(
                f"  speed-up of {jobs} independent processes over the --jobs 1 median above:"
                f" {independent:.2f}x"
            )
        # Again into a folder that holds the outputs of the run before.
        command = [*MINUTEKIT, *commands["convert --to akn"], "--jobs", "1"]
        timed(command)
        seconds = [timed(command, keep_outputs=True)[0] for _ in range(args.repeat)]
        print(
            f"convert --to akn, 1 process, into a folder holding its outputs (each left as it"
            f" is): {statistics.median(seconds):.2f} s"
        )
        akn = results[f"convert --to akn/{jobs}"]
        print(
            f"convert --to akn takes {results[f'validate/{jobs}'] / akn:.2f}x the time of validate"
        )

        # Memory against archive size: a fifth of the archive, then all of it, one process.
        print()
        small = root / "small"
        small.mkdir()
        for p in paths[: max(1, len(paths) // 5)]:
            (small / p.name).symlink_to(p)
        for label, folder in (("a fifth", small), ("all", archive)):
            count = len(list(folder.iterdir()))
            _, peak = median_run(
                [*MINUTEKIT, "validate", "--no-cache", "--jobs", "1", str(folder)], 1
            )
            _, peak_akn = median_run(
                [
                    *MINUTEKIT,
                    "convert",
                    "--to",
                    "akn",
                    "--force",
                    "--no-cache",
                    "--jobs",
                    "1",
                    "-o",
                    str(root / f"mem-{count}"),
                    str(folder),
                ],
                1,
            )
            print(
                f"peak memory, {label} ({count} files), one process: validate {peak} MB, "
                f"convert --to akn {peak_akn} MB"
            )

        # Start-up next to the bare interpreter, in alternating pairs: a changed file, and
        # an unchanged file and archive with the result cache warm (paired() runs each
        # command once first, which fills the cache).
        one = str(paths[0])
        bare = [sys.executable, "-c", "pass"]
        print(f"\nstart-up ({args.cold_runs} pairs):")
        touched = paths[len(paths) // 2]
        for label, command, before in (
            ("one changed file (--no-cache)", ["validate", "--no-cache", one], None),
            ("one unchanged file, cache warm (replayed)", ["validate", one], None),
            ("the unchanged archive, cache warm (replayed)", ["validate", str(archive)], None),
            # Saved again before each run: the replay's stamp no longer holds, and the
            # result cache answers for every file (the touched one is read and hashed).
            (
                "the archive with one file saved again, cache warm (not replayed)",
                ["validate", str(archive)],
                lambda: os.utime(touched),
            ),
        ):
            print(
                row(
                    f"minutekit validate, {label} / python -c pass",
                    paired([*MINUTEKIT, *command], bare, args.cold_runs, before or (lambda: None)),
                )
            )

        # The Python API in one process, after import: what a program calling it pays.
        api = in_one_process("library.py", archive, args.repeat)
        library = len(paths) / statistics.median(run["validate"] for run in api)
        api_akn = len(paths) / statistics.median(run["akn"] for run in api)
        print(
            f"\nminutekit.validate (Python API, one process, after import): {library:.0f} files/s;"
            f" minutekit.convert to akn: {api_akn:.0f} files/s"
        )
        parts = in_one_process("akn_parts.py", archive, args.repeat)
        part = {key: statistics.median(run[key] for run in parts) for key in parts[0]}
        print(
            "convert --to akn in one process, after import, by part (seconds for the archive):"
            f" compiling the strict schema {part['compile']:.2f}; validate {part['validate']:.2f};"
            f" building the documents {part['build']:.2f}; checking them {part['check']:.2f}"
            f" (of which the schema check {part['xsd']:.2f}); writing them {part['write']:.2f}"
        )
        floors = in_one_process("floor.py", archive, args.repeat)
        floor = len(paths) / statistics.median(run["seconds"] for run in floors)
        print(
            f"the floor (read, decode, split, one match of the grammar's terminals per line):"
            f" {floor:.0f} files/s; minutekit.validate is {library / floor:.2f} of it"
        )

        # The peer, like for like: one process each, whole processes, alternating pairs.
        print()
        if importlib.util.find_spec("bluebell") is None:
            print("bluebell-akn is not installed (pip install '.[bench]'): no peer figures")
            return
        peer_command = [sys.executable, str(HERE / "peer_bluebell.py"), str(archive)]
        print(f"against bluebell-akn 3.1.1 in one process, whole processes ({args.pairs} pairs):")
        for label, command in (
            ("validate --jobs 1", commands["validate"]),
            ("convert --to akn --jobs 1", commands["convert --to akn"]),
        ):
            pairs = paired([*MINUTEKIT, *command, "--jobs", "1"], peer_command, args.pairs)
            print(row(f"bluebell / minutekit {label}", pairs, inverse=True))
        runs = in_one_process("peer_bluebell.py", archive, args.repeat)
        peer = len(paths) / statistics.median(run["seconds"] for run in runs)
        print(f"bluebell-akn 3.1.1 (parse_to_xml, one process, after import): {peer:.0f} files/s")
        # What convert --to akn must do beside building the document, and bluebell
        # does not: every rule, the schema compiled and every output checked, written.
        fixed = part["validate"] + part["compile"] + part["check"] + part["write"]
        print(
            "bluebell / minutekit convert --to akn, both one process after import:"
            f" {len(paths) / peer / (fixed + part['build']):.2f}x;"
            f" if building the documents took no time: {len(paths) / peer / fixed:.2f}x"
        )
        print(
            f"minutekit.validate / bluebell, both one process after import: {library / peer:.1f}x"
        )
        every = results[f"validate/{jobs}"] / peer
        print(
            f"(all {jobs} cores: minutekit validate / bluebell {every:.1f}x,"
            f" convert --to akn / bluebell {akn / peer:.1f}x: not the headline ratio)"
        )


def paired(
    a: Sequence[str],
    b: Sequence[str],
    pairs: int,
    before_a: Callable[[], object] = lambda: None,
) -> list[tuple[float, float]]:
    """Wall seconds of ``a`` and ``b`` run in turn (A B A B …), after one warm-up each;
    ``before_a`` is called before each run of ``a``, outside the time taken."""

    def a_run() -> float:
        before_a()
        return timed(a)[0]

    return alternate(a_run, lambda: timed(b)[0], pairs)


def alternate(
    a: Callable[[], float], b: Callable[[], float], pairs: int
) -> list[tuple[float, float]]:
    """The seconds ``a`` and ``b`` report, run in turn (A B A B …), after one warm-up each."""
    a(), b()
    return [(a(), b()) for _ in range(pairs)]


def together(commands: Sequence[Sequence[str]]) -> float:
    """Wall seconds from starting every command at once to the end of the last."""
    start = time.perf_counter()
    processes = [
        subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=RUN_IN[0] if RUN_IN else None,
        )
        for command in commands
    ]
    statuses = [process.wait() for process in processes]
    seconds = time.perf_counter() - start
    if any(status not in (0, 1) for status in statuses):
        sys.exit(f"benchmark command failed (exit statuses {statuses}): {commands[0]}")
    return seconds


def split_between(paths: Sequence[Path], count: int, folder: Path) -> list[Path]:
    """``count`` folders under ``folder`` sharing ``paths`` out in turn (links to them),
    so that each holds the same mix of the seeds' layouts."""
    parts = [folder / str(number) for number in range(count)]
    for part in parts:
        part.mkdir(parents=True)
    for number, path in enumerate(paths):
        (parts[number % count] / path.name).symlink_to(path)
    return parts


def row(label: str, pairs: list[tuple[float, float]], inverse: bool = False) -> str:
    """Median seconds of each side, and the median of the pair-by-pair ratios with its
    range (A/B, or B/A when ``inverse``: how many times faster A is)."""
    ratios = sorted((b / a) if inverse else (a / b) for a, b in pairs)
    a = statistics.median(p[0] for p in pairs)
    b = statistics.median(p[1] for p in pairs)
    return (
        f"  {label}: {statistics.median(ratios):.2f}x "
        f"(range {ratios[0]:.2f}-{ratios[-1]:.2f}; medians {a:.3f} s and {b:.3f} s)"
    )


if __name__ == "__main__":
    main()
