"""Registries: rules, output formats, readers and report formats are found one way."""

from __future__ import annotations

import shutil
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from helpers import SEED_FILES, run_minutekit
from minutekit import formats, readers, registry, reports, rules


def _module(name: str, **constants: object) -> types.ModuleType:
    module = types.ModuleType(name)
    for key, value in constants.items():
        setattr(module, key, value)
    return module


def test_a_name_claimed_twice_is_refused_naming_both_modules() -> None:
    found = [_module("one", NAME="a"), _module("two", NAME="b"), _module("three", NAME="a")]
    with pytest.raises(ValueError, match=r"reader 'a' is defined twice \(one and three\)"):
        registry.discover("reader", found, lambda m: m, lambda m: (m.NAME,))


def test_every_key_of_an_entry_must_be_unique() -> None:
    # A rule is known by its code and its name: a second rule with another code but the
    # same name is refused as well.
    found = [_module("first", CODE="MK900", NAME="x"), _module("second", CODE="MK901", NAME="x")]
    with pytest.raises(ValueError, match="rule 'x' is defined twice"):
        registry.discover("rule", found, lambda m: m, lambda m: (m.CODE, m.NAME))
    kept = registry.discover("rule", found[:1], lambda m: m, lambda m: (m.CODE, m.NAME))
    assert list(kept) == ["MK900"]


def test_private_modules_are_skipped_and_the_order_is_by_name() -> None:
    names = [m.__name__ for m in registry.modules("minutekit.converters", None)]
    assert names == sorted(names)
    assert "minutekit.converters._speakers" not in names
    assert "minutekit.converters.akoma_ntoso" in names


_RULE = '''"""Plugin rule.

Why: a test.
"""
from minutekit.diagnostics import Severity
CODE = "{code}"
NAME = "{name}"
SEVERITY = Severity.INFO
def check(item):
    return []
'''
_READER = (
    '"""Plugin reader."""\nNAME = "{name}"\nSUFFIXES = (".plug",)\nMEDIA_TYPE = "x/plug"\n'
    "def sniff(data):\n    return False\n"
    "def read(data, name, encoding=None):\n    raise NotImplementedError\n"
)
_FORMAT = (
    '"""Plugin format."""\nFORMAT = "{name}"\nSUFFIX = ".plug"\nMEDIA_TYPE = "x/plug"\n'
    "def convert(item, options):\n    return b''\n"
)
_REPORT = (
    '"""Plugin report."""\nNAME = "{name}"\ndef render(run, colour=False):\n    return "plug"\n'
)

#: group, the module's text, a new name, a name already taken, and the registry.
REGISTRIES: dict[str, tuple[str, str, str, str, Callable[[], Any]]] = {
    "rules": (
        rules.ENTRY_POINT_GROUP,
        _RULE,
        "MK990 plugin-rule",
        "MK101 missing-title",
        lambda: {r.code: r for r in rules.catalogue()},
    ),
    "readers": (readers.ENTRY_POINT_GROUP, _READER, "plug", "txt", readers.catalogue),
    "formats": (formats.ENTRY_POINT_GROUP, _FORMAT, "plug", "json", formats.available),
    "reports": (reports.ENTRY_POINT_GROUP, _REPORT, "plug", "sarif", reports.available),
}


def _text(template: str, key: str) -> str:
    code, _, name = key.partition(" ")
    return template.format(code=code, name=name or code)


@pytest.mark.parametrize("kind", REGISTRIES)
def test_a_plugin_joins_through_its_entry_point_group(
    kind: str, plugin: Callable[..., None]
) -> None:
    group, template, new, _, found = REGISTRIES[kind]
    plugin(group, _text(template, new))
    assert new.split(" ")[0] in found()


@pytest.mark.parametrize("kind", REGISTRIES)
def test_a_plugin_that_takes_a_name_already_taken_is_refused(
    kind: str, plugin: Callable[..., None]
) -> None:
    group, template, _, taken, found = REGISTRIES[kind]
    plugin(group, _text(template, taken))
    with pytest.raises(ValueError, match="is defined twice"):
        found()


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "--no-cache", "item.txt"],
        ["validate", "--no-cache", "--jobs", "2", "many"],  # met in the worker processes
        ["convert", "--to", "akn", "--force", "-o", "out", "item.txt"],
        ["rules"],
    ],
)
def test_a_plugin_clash_ends_any_command_in_one_error_line(
    command: list[str], plugin: Callable[..., None], tmp_path: Path
) -> None:
    group, template, _, taken, _ = REGISTRIES["rules"]
    plugin(group, _text(template, taken))
    shutil.copy(SEED_FILES[0], tmp_path / "item.txt")
    (tmp_path / "many").mkdir()
    for number in range(20):
        shutil.copy(SEED_FILES[0], tmp_path / "many" / f"{number}.txt")
    environment = {
        "PYTHONPATH": str(tmp_path),  # where the plugin and its dist-info are
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    done = run_minutekit(tmp_path, *command, env=environment)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1].startswith(
        "minutekit: error: the installed plugins cannot be used: rule 'MK101' is defined"
        " twice (minutekit.rules.missing_title and plugin_"
    )
    assert done.stderr.rstrip().endswith("; uninstall one of the two")
    assert "Traceback" not in done.stderr
    assert "internal error" not in done.stderr
    assert not (tmp_path / "out").exists()  # nothing written
