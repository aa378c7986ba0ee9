"""Schema stage: an item's JSON form checked against ``agenda-item.schema.json``.

Takes the JSON form of an :class:`~minutekit.model.AgendaItem`. Guarantees: each
failure is attributed to exactly one requirement, named by the rule code in the
``x-minutekit-rule`` of its ``allOf`` entry, together with the JSON path it failed at,
once per (code, path). Requirements can be left out (``codes``): the schema stays the
single source of truth for what each one demands. Never locates or phrases a failure:
the rule module of that code does (see :mod:`minutekit.rules`).

The shape part of the schema (``properties``, types, ``additionalProperties``) is what
the model produces by construction; walking it for every file cost four fifths of the
validation time, so at run time only the requirements are evaluated (by their compiled
code, see :mod:`minutekit.compiled_schema`; :func:`check_reference` is jsonschema's
verdict, which the tests hold it to), and
:func:`shape_errors` checks the shape wherever the model is tested (every seed, fixture
and generated item in the test suite, and every JSON the converter writes there).
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterable
from importlib import resources
from typing import TYPE_CHECKING, Any

import attrs

from minutekit import compiled_schema

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

__all__ = [
    "SCHEMA_FILE",
    "RequirementFailure",
    "check",
    "check_reference",
    "failure_path",
    "requirement_codes",
    "schema",
    "schema_text",
    "shape_errors",
]

SCHEMA_FILE = "agenda-item.schema.json"
_RULE_KEY = "x-minutekit-rule"


@attrs.frozen
class RequirementFailure:
    """Requirement ``code`` failed at ``path`` (keys and indexes into the JSON form)."""

    code: str
    path: tuple[str | int, ...]


def schema_text() -> str:
    return resources.files("minutekit.schemas").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


@functools.cache
def schema() -> dict[str, Any]:
    return json.loads(schema_text())  # type: ignore[no-any-return]


def requirement_codes() -> tuple[str, ...]:
    """The rule codes of the schema's requirements, in schema order."""
    return tuple(entry[_RULE_KEY] for entry in schema()["allOf"])


@functools.cache
def _validator(codes: frozenset[str]) -> tuple[Draft202012Validator, list[dict[str, Any]]]:
    """A validator for the requirements ``codes`` alone (no shape), and those."""
    from jsonschema import Draft202012Validator

    full = schema()
    requirements = [copy.deepcopy(e) for e in full["allOf"] if e[_RULE_KEY] in codes]
    return Draft202012Validator({"$schema": full["$schema"], "allOf": requirements}), requirements


MEETING_SCHEMA_FILE = "meeting.schema.json"


def meeting_schema_text() -> str:
    files = resources.files("minutekit.schemas")
    return files.joinpath(MEETING_SCHEMA_FILE).read_text(encoding="utf-8")


def meeting_shape_errors(instance: dict[str, Any]) -> list[str]:
    """Where a whole-meeting file's JSON breaks ``meeting.schema.json`` (its items
    checked for shape: their requirements are what validation reports)."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    item_shape = dict(schema(), allOf=[])
    registry: Registry[Any] = Registry().with_resource(
        item_shape["$id"], Resource.from_contents(item_shape)
    )
    validator = Draft202012Validator(json.loads(meeting_schema_text()), registry=registry)
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in validator.iter_errors(instance)
    ]


def shape_errors(instance: dict[str, Any]) -> list[str]:
    """Where ``instance`` breaks the schema's shape, requirements aside (a bug if any)."""
    from jsonschema import Draft202012Validator

    shape = dict(schema(), allOf=[])
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in Draft202012Validator(shape).iter_errors(instance)
    ]


def check(instance: dict[str, Any], codes: Iterable[str] | None = None) -> list[RequirementFailure]:
    """The failed requirements of ``instance``, in schema order then path order.

    Runs the requirements' compiled code (see :mod:`minutekit.compiled_schema`); the
    failures are those :func:`check_reference` finds with ``jsonschema``.
    """
    wanted = frozenset(requirement_codes() if codes is None else codes)
    failures: dict[RequirementFailure, None] = {}
    for probe in _probes():
        if probe.code not in wanted:
            continue
        value: Any = instance
        for key in probe.path:
            if not isinstance(value, dict) or key not in value:
                break
            value = value[key]
        else:
            if not probe.each:
                try:
                    probe.check(value)
                except compiled_schema.Invalid:
                    failures[RequirementFailure(probe.code, probe.path[:1])] = None
            elif isinstance(value, list):
                for i, element in enumerate(value):
                    try:
                        probe.check(element)
                    except compiled_schema.Invalid:
                        failures[RequirementFailure(probe.code, (*probe.path, i))] = None
    return _ordered(failures)


@functools.cache
def _probes() -> tuple[compiled_schema.Probe, ...]:
    text = json.dumps(schema()["allOf"], sort_keys=True, ensure_ascii=False)
    return compiled_schema.probes(text, _RULE_KEY)


def check_reference(
    instance: dict[str, Any], codes: Iterable[str] | None = None
) -> list[RequirementFailure]:
    """What :func:`check` finds, found by ``jsonschema`` (the reference implementation)."""
    wanted = frozenset(requirement_codes() if codes is None else codes)
    validator, requirements = _validator(wanted)
    failures: dict[RequirementFailure, None] = {}
    for error in validator.iter_errors(instance):
        code = requirements[error.schema_path[1]][_RULE_KEY]
        failures[RequirementFailure(code, failure_path(error.absolute_path))] = None
    return _ordered(failures)


def _ordered(failures: Iterable[RequirementFailure]) -> list[RequirementFailure]:
    order = {code: i for i, code in enumerate(requirement_codes())}
    return sorted(failures, key=lambda f: (order[f.code], [str(p) for p in f.path]))


def failure_path(path: Iterable[Any]) -> tuple[str | int, ...]:
    """Where a failure is reported: inside an object that is present (resolved.items)
    at the object; inside a list entry (actions[0].owners) at the entry."""
    parts = tuple(path)
    for i, part in enumerate(parts):
        if isinstance(part, int):
            return parts[: i + 1]
    return parts[:1]
