"""The benchmark's archive generator: distinct files that check like their seeds.

Only the generator is tested here; the benchmark itself measures and never fails.
"""

from __future__ import annotations

import sys
from pathlib import Path

import minutekit
from helpers import ROOT, SEED_FILES

sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate


def _codes(data: bytes) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in minutekit.validate(data, name="x.txt").diagnostics]


def test_generated_files_differ_and_check_like_their_seed(tmp_path: Path) -> None:
    paths = generate(12, tmp_path)
    contents = [p.read_bytes() for p in paths]
    assert len(set(contents)) == 12
    for number, data in enumerate(contents):
        seed = SEED_FILES[number % len(SEED_FILES)].read_bytes()
        assert data != seed
        assert abs(len(data) - len(seed)) < len(seed) // 5  # seed-sized
        assert _codes(data) == _codes(seed)


def test_the_same_seed_gives_the_same_archive(tmp_path: Path) -> None:
    first = [p.read_bytes() for p in generate(5, tmp_path / "a")]
    again = [p.read_bytes() for p in generate(5, tmp_path / "b")]
    other = [p.read_bytes() for p in generate(5, tmp_path / "c", seed=1)]
    assert first == again != other
