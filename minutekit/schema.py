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

What is published (``minutekit schema``) keeps the two apart: :func:`shape_schema` is
what every JSON document minutekit writes satisfies, valid or not; :func:`profile_schema`
adds the requirements that a profile makes errors, so that an item ``convert`` judged
valid under that profile satisfies it. :func:`meeting_schema` bundles the item schema
into the whole-meeting schema, so a stock validator needs no registry to resolve it.
"""

from __future__ import annotations

import copy
import functools
import json
import pkgutil
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from minutekit import compiled_schema

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

from minutekit.diagnostics import Severity

__all__ = [
    "ITEM_ID",
    "MEETING_ID",
    "SCHEMA_FILE",
    "RequirementFailure",
    "check",
    "check_reference",
    "document_text",
    "failure_path",
    "meeting_schema",
    "profile_schema",
    "requirement_codes",
    "schema",
    "schema_text",
    "shape_errors",
    "shape_schema",
    "tagged",
]

SCHEMA_FILE = "agenda-item.schema.json"
#: The ``$id`` of the item schema and of the meeting schema; a converted JSON document
#: names the one it follows in its ``$schema`` key (see :func:`tagged`).
ITEM_ID = "urn:minutekit:schema:agenda-item:1"
MEETING_ID = "urn:minutekit:schema:meeting:1"
_RULE_KEY = "x-minutekit-rule"
_SHAPE_NOTE = (
    " This is the shape alone: every JSON document minutekit writes satisfies it, valid or"
    " not. 'minutekit schema --profile NAME' adds the requirements that profile makes errors."
)


@attrs.frozen
class RequirementFailure:
    """Requirement ``code`` failed at ``path`` (keys and indexes into the JSON form)."""

    code: str
    path: tuple[str | int, ...]


def _package_text(name: str) -> str:
    """The schema file ``name`` shipped in ``minutekit.schemas`` (read by the package's
    loader: ``importlib.resources`` would cost a one-file run 10 ms of imports)."""
    data = pkgutil.get_data("minutekit.schemas", name)
    assert data is not None, "minutekit.schemas is a regular package"
    return data.decode("utf-8")


def schema_text() -> str:
    return _package_text(SCHEMA_FILE)


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
    return _package_text(MEETING_SCHEMA_FILE)


def meeting_shape_errors(instance: dict[str, Any]) -> list[str]:
    """Where a whole-meeting file's JSON breaks ``meeting.schema.json`` (its items
    checked for shape: their requirements are what validation reports)."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in _shape_validators()[1].iter_errors(instance)
    ]


def shape_schema() -> dict[str, Any]:
    """The item schema without requirements: what every item's JSON form satisfies."""
    shape = {key: value for key, value in schema().items() if key != "allOf"}
    shape["description"] = schema()["description"] + _SHAPE_NOTE
    return copy.deepcopy(shape)


def profile_schema(
    name: str, enabled: Iterable[str], severities: Mapping[str, Severity]
) -> dict[str, Any]:
    """The shape and the requirements of profile ``name`` that fail an item (error level).

    ``enabled`` are the rule codes the profile turns on and ``severities`` each rule's
    severity (its default, or the configuration's); a warning-level requirement does not
    make an item invalid, so it is not in the schema an item judged valid must satisfy.
    """
    wanted = set(enabled)
    full = shape_schema()
    full["$id"] = f"{ITEM_ID}:profile:{name}"
    full["title"] = f"{schema()['title']}, profile {name}"
    full["description"] = schema()["description"] + (
        f" This is the shape and the requirements that the profile '{name}' makes errors:"
        " an item that 'minutekit convert --profile' judges valid satisfies it."
    )
    requirements = [
        copy.deepcopy(entry)
        for entry in schema()["allOf"]
        if entry[_RULE_KEY] in wanted and severities[entry[_RULE_KEY]] >= Severity.ERROR
    ]
    if requirements:  # an empty allOf is not a valid schema
        full["allOf"] = requirements
    return full


def meeting_schema(item: dict[str, Any] | None = None) -> dict[str, Any]:
    """The whole-meeting schema with the item schema (shape unless given) bundled in.

    The item schema goes into ``$defs`` (its own ``$defs`` beside it) and every reference
    to it becomes a local one, so that a validator with no registry resolves them all.
    """
    item = shape_schema() if item is None else item
    meeting: dict[str, Any] = json.loads(meeting_schema_text())

    def local(node: Any) -> Any:
        if isinstance(node, dict):
            out = {key: local(value) for key, value in node.items()}
            ref = out.get("$ref")
            if isinstance(ref, str) and ref.startswith(ITEM_ID):
                fragment = ref.removeprefix(ITEM_ID).removeprefix("#")
                if fragment.startswith("/$defs/"):  # the item's $defs sit beside it
                    out["$ref"] = f"#{fragment}"
                else:  # the item itself, or a place inside it
                    out["$ref"] = f"#/$defs/agenda-item{fragment}"
            return out
        if isinstance(node, list):
            return [local(value) for value in node]
        return node

    bundled: dict[str, Any] = local(meeting)
    body = {k: v for k, v in item.items() if k not in ("$schema", "$id", "$defs")}
    bundled["$defs"] = {**copy.deepcopy(item.get("$defs", {})), "agenda-item": body}
    return bundled


def tagged(document: dict[str, Any], meeting: bool = False) -> dict[str, Any]:
    """A JSON form that names its schema first (``$schema``), so an item and a meeting
    file can be told apart."""
    return {"$schema": MEETING_ID if meeting else ITEM_ID, **document}


def document_text(document: dict[str, Any], meeting: bool = False) -> str:
    """A JSON form as ``parse`` prints it and ``convert --to json`` writes it."""
    return dumps(tagged(document, meeting))


def dumps(document: dict[str, Any]) -> str:
    """Pretty-printed UTF-8 JSON with a final newline (schemas and documents alike)."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@functools.cache
def _shape_validators() -> tuple[Draft202012Validator, Draft202012Validator]:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(shape_schema()), Draft202012Validator(meeting_schema())


def shape_errors(instance: dict[str, Any]) -> list[str]:
    """Where ``instance`` breaks the schema's shape, requirements aside (a bug if any)."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in _shape_validators()[0].iter_errors(instance)
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
