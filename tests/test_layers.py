"""The house's layers: imports point down only (see README, "How it works")."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers import ROOT

PACKAGE = ROOT / "minutekit"


def _imports(path: Path) -> set[str]:
    """Every minutekit module ``path`` imports (at the top or inside a function)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("minutekit")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("minutekit"):
            module = node.module or ""
            found |= {module} | {f"{module}.{a.name}" for a in node.names}
    return found


MODULES = {
    ".".join(("minutekit", *p.relative_to(PACKAGE).with_suffix("").parts)): p
    for p in PACKAGE.rglob("*.py")
}


@pytest.mark.parametrize(
    ("module", "never"),
    [
        ("minutekit.runs", {"minutekit.cli", "minutekit.api"}),
        ("minutekit.api", {"minutekit.cli", "minutekit.runs"}),
        ("minutekit.selection", {"minutekit.rules"}),
        ("minutekit.validate", {"minutekit.cli", "minutekit.runs", "minutekit.api"}),
    ],
)
def test_a_layer_never_reaches_up(module: str, never: set[str]) -> None:
    reached = {
        i for i in _imports(MODULES[module]) for n in never if i == n or i.startswith(n + ".")
    }
    assert reached == set()


def test_nothing_imports_the_command_line_but_its_entry_point() -> None:
    importers = sorted(
        name
        for name, path in MODULES.items()
        if any(i == "minutekit.cli" or i.startswith("minutekit.cli.") for i in _imports(path))
    )
    # The command (and ``python -m minutekit``, through it) replays a recorded run
    # before it loads the command line.
    assert importers == ["minutekit.replay"]
