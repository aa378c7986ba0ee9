"""The Akoma Ntoso writer is a package of small modules with one job each, and is still
discovered as the ``akn`` format."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT
from minutekit import formats
from minutekit.converters import akoma_ntoso

PACKAGE = ROOT / "converters" / "akoma_ntoso"


def test_the_package_is_discovered_as_the_akn_format() -> None:
    converter = formats.get("akn")
    assert converter.module is akoma_ntoso
    assert (converter.suffix, converter.media_type) == (".akn.xml", "application/akn+xml")
    assert converter.description.startswith("Akoma Ntoso 3.0 XML")


def _private_uses(path: Path) -> list[str]:
    """``x._name`` where ``x`` is not ``self`` (lxml's ``etree._Element`` type aside), and
    private names imported from a sibling module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "etree"))
        ):
            found.append(f"{path.name}:{node.lineno} .{node.attr}")
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            found += [f"{path.name}:{node.lineno} {a.name}" for a in node.names if a.name[0] == "_"]
    return found


def test_no_private_name_is_used_outside_its_class_or_module() -> None:
    modules = sorted(PACKAGE.glob("*.py"))
    assert {m.name for m in modules} >= {
        "__init__.py",
        "body.py",
        "check.py",
        "inline.py",
        "meta.py",
        "references.py",
    }
    assert [use for path in modules for use in _private_uses(path)] == []


def test_the_scan_sees_a_private_method_called_from_outside(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f(body):\n    return body._references_and_dates('x')\n")
    assert _private_uses(sample) == ["sample.py:2 ._references_and_dates"]
