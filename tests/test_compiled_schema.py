"""The requirements' compiled code against the reference, jsonschema.

:func:`minutekit.schema.check` runs code that fastjsonschema generated from the schema;
:func:`minutekit.schema.check_reference` evaluates the same requirements with
jsonschema. Both must give the same failures (rule code and path) for every seed,
fixture, corpus item and generated item, for all the requirements and for a profile's
subset of them; and the schema may use only keywords both libraries evaluate alike.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import minutes

from helpers import FIXTURES, ROOT, SEED_FILES
from minutekit import compiled_schema, schema
from minutekit.validate import validate_bytes

CORPUS = ROOT.parent / "shared" / "corpus" / "cases"
FIXTURE_FILES = sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix != ".md")


def items_of(data: bytes, name: str) -> Iterator[dict[str, Any]]:
    """The JSON form of every item the file holds (each item of a meeting's minutes)."""
    result = validate_bytes(data, name)
    if result.meeting is not None:
        for item in result.meeting.items:
            yield item.to_jsonable()
    else:
        yield result.item.to_jsonable()


SUBSETS = [
    None,
    ("MK101", "MK104"),
    ("MK105",),
    ("MK102", "MK103", "MK106", "MK107"),
]


def assert_same_verdicts(instance: dict[str, Any]) -> None:
    for codes in SUBSETS:
        assert schema.check(instance, codes) == schema.check_reference(instance, codes)


def test_every_seed_and_fixture_gets_the_reference_verdicts() -> None:
    files = [*SEED_FILES, *FIXTURE_FILES]
    assert len(SEED_FILES) >= 5 and len(FIXTURE_FILES) >= 20
    failing = 0
    for path in files:
        for instance in items_of(path.read_bytes(), path.name):
            assert_same_verdicts(instance)
            failing += bool(schema.check_reference(instance))
    assert failing > 0, "some inputs fail a requirement, so both paths are compared"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the development corpus is not beside the project")
def test_every_corpus_item_gets_the_reference_verdicts() -> None:
    files = sorted(CORPUS.glob("*.txt"))
    assert files
    for path in files:
        for instance in items_of(path.read_bytes(), path.name):
            assert_same_verdicts(instance)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(minutes())
def test_generated_minutes_get_the_reference_verdicts(data: bytes) -> None:
    for instance in items_of(data, "generated.txt"):
        assert_same_verdicts(instance)


# Instances that break the requirements in every way the JSON form can (missing parts,
# empty lists, wrong types), to reach what real minutes seldom do.
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=6,
)
owners = st.one_of(st.lists(st.text(max_size=2), max_size=2), json_value)
action = st.one_of(st.fixed_dictionaries({}, optional={"owners": owners}), json_value)
part = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "heading": st.one_of(st.text(max_size=2), json_value),
            "items": st.one_of(st.lists(json_value, max_size=2), json_value),
            "paragraphs": st.one_of(st.lists(json_value, max_size=2), json_value),
        },
    ),
    json_value,
)
instances = st.fixed_dictionaries(
    {},
    optional={
        "title": st.one_of(st.text(max_size=2), json_value),
        "minutes": part,
        "resolved": part,
        "recommended": part,
        "contact": part,
        "actions": st.one_of(st.lists(action, max_size=4), json_value),
    },
)


@settings(max_examples=400, deadline=None)
@given(instances)
def test_generated_json_forms_get_the_reference_verdicts(instance: dict[str, Any]) -> None:
    assert_same_verdicts(instance)


def test_the_requirements_use_only_keywords_both_libraries_evaluate_alike() -> None:
    for requirement in schema.schema()["allOf"]:
        assert compiled_schema.unsupported(requirement) == [], requirement["x-minutekit-rule"]


def test_a_keyword_outside_the_subset_is_refused_not_compiled() -> None:
    requirement = {
        "x-minutekit-rule": "MK999",
        "properties": {"title": {"pattern": "^A"}, "actions": {"items": {"allOf": []}}},
    }
    assert compiled_schema.unsupported(requirement) == [
        "/properties/title/pattern",
        "/properties/actions/items/allOf",
    ]
    with pytest.raises(compiled_schema.UnsupportedKeyword, match="pattern"):
        compiled_schema.probes(json.dumps([requirement]), "x-minutekit-rule")


def _run(code: str, cache: Path, **env: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache), **env},
    ).stdout


CHECK_ONE = (
    "import sys; from minutekit.validate import validate_bytes; "
    "r = validate_bytes(b'Title\\n\\nMinutes:\\n\\nText.\\n', 'a.txt'); "
    "print(sorted(d.code for d in r.diagnostics)); "
    "print('jsonschema' in sys.modules, 'fastjsonschema' in sys.modules)"
)


def test_a_run_with_the_code_cached_imports_neither_library(tmp_path: Path) -> None:
    first = _run(CHECK_ONE, tmp_path)
    assert list((tmp_path / "minutekit").glob("requirements-*.json"))
    second = _run(CHECK_ONE, tmp_path)
    assert second.splitlines()[0] == first.splitlines()[0]
    assert "MK104" in second.splitlines()[0]
    assert second.splitlines()[1] == "False False"


def test_a_corrupt_cache_is_generated_again_and_no_cache_writes_nothing(tmp_path: Path) -> None:
    _run(CHECK_ONE, tmp_path)
    [cached] = (tmp_path / "minutekit").glob("requirements-*.json")
    expected = _run(CHECK_ONE, tmp_path / "fresh").splitlines()[0]
    cached.write_text('[{"code": "MK101", "source": "def validate(:"}]')
    assert _run(CHECK_ONE, tmp_path).splitlines()[0] == expected
    assert json.loads(cached.read_text())[0]["source"].startswith("VERSION")
    none = tmp_path / "none"
    assert _run(CHECK_ONE, none, MINUTEKIT_NO_CACHE="1").splitlines()[0] == expected
    assert not (none / "minutekit").exists() or not list((none / "minutekit").iterdir())
