"""Schema stage: an item's JSON form checked against ``agenda-item.schema.json``.

Takes the JSON form of an :class:`~minutekit.model.AgendaItem`. Guarantees: each
failure is attributed to exactly one requirement, named by the rule code in the
``x-minutekit-rule`` of its ``allOf`` entry, together with the JSON path it failed at,
once per (code, path). Requirements can be left out (``codes``): the schema stays the
single source of truth for what each one demands. Never locates or phrases a failure:
the rule module of that code does (see :mod:`minutekit.rules`).

A failure outside the requirements means the model and the schema disagree; that is a
bug in minutekit, raised as :class:`SchemaMismatch`.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterable
from importlib import resources
from typing import Any

import attrs
from jsonschema import Draft202012Validator

__all__ = [
    "SCHEMA_FILE",
    "RequirementFailure",
    "SchemaMismatch",
    "check",
    "requirement_codes",
    "schema",
    "schema_text",
]

SCHEMA_FILE = "agenda-item.schema.json"
_RULE_KEY = "x-minutekit-rule"


class SchemaMismatch(RuntimeError):
    """The item's JSON form breaks the schema's shape (a bug, not a finding)."""


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
    """A validator for the schema with only the requirements ``codes``, and those."""
    selected = copy.deepcopy(schema())
    selected["allOf"] = [entry for entry in selected["allOf"] if entry[_RULE_KEY] in codes]
    return Draft202012Validator(selected), selected["allOf"]


def check(instance: dict[str, Any], codes: Iterable[str] | None = None) -> list[RequirementFailure]:
    """The failed requirements of ``instance``, in schema order then path order."""
    wanted = frozenset(requirement_codes() if codes is None else codes)
    validator, requirements = _validator(wanted)
    failures: dict[RequirementFailure, None] = {}
    for error in validator.iter_errors(instance):
        schema_path = list(error.schema_path)
        if len(schema_path) < 2 or schema_path[0] != "allOf":
            raise SchemaMismatch(
                f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
            )
        code = requirements[schema_path[1]][_RULE_KEY]
        failures[RequirementFailure(code, _requirement_path(error.absolute_path))] = None
    order = {code: i for i, code in enumerate(requirement_codes())}
    return sorted(failures, key=lambda f: (order[f.code], [str(p) for p in f.path]))


def _requirement_path(path: Iterable[Any]) -> tuple[str | int, ...]:
    # A failure inside an object that is present (resolved.items) is reported at the
    # object; inside a list entry (actions[0].owners) at the entry.
    parts = tuple(path)
    for i, part in enumerate(parts):
        if isinstance(part, int):
            return parts[: i + 1]
    return parts[:1]
