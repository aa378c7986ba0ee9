"""Build an archive of N minute files from the seeds, each one different.

Every file keeps the layout of the seed it comes from (so it validates the same way),
but its first paragraph ends with its number and some words of its paragraphs are swapped for
other words of the seeds, chosen by a seeded random generator. No two files have the
same bytes, so no cache (ours, the operating system's, a peer's) can serve one file's
work for another; the same ``--seed`` always gives the same archive.

    python benchmarks/generate.py 1000 /tmp/archive
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_WORD = re.compile(r"\b[a-z]{4,}\b")
#: Lines at least this long are paragraphs, never headings, so words may change.
_PARAGRAPH = 60


def generate(count: int, out: Path, seed: int = 20261123) -> list[Path]:
    """Write ``count`` files into ``out`` and return their paths, in order."""
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    vocabulary = sorted({w for text in seeds for w in _WORD.findall(text)})
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        lines = seeds[number % len(seeds)].split("\n")
        first = next(
            i
            for i, line in enumerate(lines)
            if len(line) >= _PARAGRAPH and line.rstrip().endswith(".")
        )
        lines[first] = f"{lines[first].rstrip()} Reference {number + 1}."
        for i, line in enumerate(lines):
            if len(line) >= _PARAGRAPH:
                lines[i] = _WORD.sub(
                    lambda m: rng.choice(vocabulary) if rng.random() < 0.2 else m[0], line
                )
        path = out / f"{number:06d}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args()
    paths = generate(args.count, args.out, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} files, {size / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
