"""Helpers shared by the tests: where the seeds and fixtures are, and small checks.

Tests import ``minutekit`` as installed (``pip install -e '.[test]'`` or tox); the
``tests`` folder is not a package, so the source tree is never put on ``sys.path``.
"""

from __future__ import annotations

from pathlib import Path

from minutekit.validate import ValidationResult, validate_bytes

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def check_text(text: str, name: str = "fixture.txt") -> ValidationResult:
    """Validate ``text`` as if it were the file ``name``."""
    return validate_bytes(text.encode("utf-8"), name)


def codes(result: ValidationResult) -> list[str]:
    return [d.code for d in result.diagnostics]


def seed_name(path: Path) -> str:
    return f"seeds/{path.name}"
