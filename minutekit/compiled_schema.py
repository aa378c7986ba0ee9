"""The schema's requirements as compiled code: what :func:`minutekit.schema.check` runs.

Walking the requirements with ``jsonschema`` for every file cost a twelfth of the
validation time, and importing ``jsonschema`` a third of a one-file run's start-up. So
each requirement is compiled once to plain Python by ``fastjsonschema``, from the same
schema, and the code is kept in the user's cache folder (see :mod:`minutekit.user_cache`),
keyed by the requirements' own text: a run loads it without importing either library.
``jsonschema`` stays the reference: :func:`minutekit.schema.check_reference` evaluates the
same requirements with it, and the test suite asserts that both give the same failures
for every seed, fixture, corpus item and generated item.

A requirement is cut into probes, each answering yes or no for one place, so that every
failure keeps the place the reference reports it at (see
:func:`minutekit.schema.failure_path`): a node's own keywords fail at the node, and
``items`` is checked element by element, failing at the element. Only keywords that both
libraries evaluate alike, and whose failures ``jsonschema`` reports at the node that has
them, may appear (:data:`KEYWORDS`; anything else is refused when compiling).
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from minutekit import user_cache

__all__ = ["KEYWORDS", "Invalid", "Probe", "UnsupportedKeyword", "probes", "unsupported"]

#: Keywords a node may have that say nothing about the instance.
ANNOTATIONS = frozenset({"description", "title", "$comment", "x-minutekit-rule"})
#: Keywords both libraries evaluate alike, each failing at the node that has it
#: (``anyOf``, ``oneOf`` and ``not`` report one failure there, whatever their branches).
ASSERTIONS = frozenset(
    {
        "type",
        "required",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "enum",
        "const",
        "minimum",
        "maximum",
        "anyOf",
        "oneOf",
        "not",
    }
)
#: Where a probe descends: ``properties`` to the key, ``items`` to each element.
DESCENDING = frozenset({"properties", "items"})
KEYWORDS = ANNOTATIONS | ASSERTIONS | DESCENDING
_BRANCHING = ("anyOf", "oneOf")
#: Bumped whenever the way probes are cut or stored changes.
_FORMAT = "1"


class Invalid(ValueError):
    """Raised by a probe's code when the instance fails it (fastjsonschema's exception
    names are bound to this, so the code runs without importing fastjsonschema)."""

    def __init__(self, message: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(message)


class UnsupportedKeyword(ValueError):
    """The schema's requirements use a keyword outside :data:`KEYWORDS`."""


def unsupported(node: Any, where: str = "") -> list[str]:
    """Every keyword in ``node`` (a requirement) outside :data:`KEYWORDS`, with its place."""
    if not isinstance(node, dict):
        return [] if isinstance(node, bool) else [f"{where or '(root)'}: not a schema"]
    found = [f"{where}/{key}" for key in node if key not in KEYWORDS]
    for key, sub in node.get("properties", {}).items():
        found += unsupported(sub, f"{where}/properties/{key}")
    if "items" in node:
        found += unsupported(node["items"], f"{where}/items")
    if "not" in node:
        found += unsupported(node["not"], f"{where}/not")
    for keyword in _BRANCHING:
        for i, branch in enumerate(node.get(keyword, ())):
            found += unsupported(branch, f"{where}/{keyword}/{i}")
    return found


Check = Callable[[Any], Any]


class Probe:
    """One place a requirement is checked: the value at ``path`` (keys from the root),
    or each element of it when ``each``; ``check`` raises :class:`Invalid` on failure."""

    __slots__ = ("check", "code", "each", "path")

    def __init__(self, code: str, path: tuple[str, ...], each: bool, check: Check) -> None:
        self.code = code
        self.path = path
        self.each = each
        self.check = check


def _cut(code: str, node: Any, path: tuple[str, ...]) -> Iterable[dict[str, Any]]:
    """The probes of the requirement node at ``path``, as data (schema not yet compiled)."""
    if isinstance(node, bool):
        if not node:
            yield {"code": code, "path": list(path), "each": False, "schema": False}
        return
    own = {k: v for k, v in node.items() if k in ASSERTIONS}
    if own:
        yield {"code": code, "path": list(path), "each": False, "schema": own}
    if "items" in node:
        yield {"code": code, "path": list(path), "each": True, "schema": node["items"]}
    for key, sub in node.get("properties", {}).items():
        yield from _cut(code, sub, (*path, key))


def _generate(requirements: Sequence[dict[str, Any]], rule_key: str) -> list[dict[str, Any]]:
    """Each probe with fastjsonschema's code for it (imports fastjsonschema)."""
    import fastjsonschema

    problems = [p for requirement in requirements for p in unsupported(requirement)]
    if problems:
        raise UnsupportedKeyword(", ".join(problems))
    cut = []
    for requirement in requirements:
        for probe in _cut(requirement[rule_key], requirement, ()):
            probe["source"] = fastjsonschema.compile_to_code(probe.pop("schema"))
            cut.append(probe)
    return cut


_IMPORT = re.compile(r"^from fastjsonschema import (.*)$", re.MULTILINE)
_DECIMAL = "from decimal import Decimal\n"


def _load(cut: Sequence[dict[str, Any]]) -> tuple[Probe, ...]:
    loaded = []
    for probe in cut:
        source = probe["source"]
        names = {n.strip(): Invalid for m in _IMPORT.findall(source) for n in m.split(",")}
        namespace: dict[str, Any] = dict(names)
        code = _IMPORT.sub("", source)
        if _DECIMAL in code and code.count("Decimal") == 1:
            # Written at the top of every module generated; importing decimal costs a
            # one-file run 2.5 ms, and code that never names Decimal does not need it.
            code = code.replace(_DECIMAL, "")
        exec(compile(code, "<minutekit requirement>", "exec"), namespace)
        loaded.append(
            Probe(probe["code"], tuple(probe["path"]), probe["each"], namespace["validate"])
        )
    return tuple(loaded)


def _generator_stamp() -> str:
    """Which fastjsonschema would generate the code (found without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("fastjsonschema")
    origin = spec.origin if spec is not None else None
    try:
        return str(os.stat(origin).st_mtime_ns) if origin else "absent"
    except OSError:
        return "absent"


@functools.cache
def probes(requirements_text: str, rule_key: str) -> tuple[Probe, ...]:
    """The compiled probes of the requirements (a JSON list of ``allOf`` entries, as
    text), from the cache when it holds them, else generated (and cached)."""
    path = user_cache.file_for(
        "requirements", _FORMAT, rule_key, _generator_stamp(), requirements_text
    )
    if path is not None:
        try:
            return _load(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError, SyntaxError):
            pass  # absent, or unreadable: generate it again
    cut = _generate(json.loads(requirements_text), rule_key)
    if path is not None:
        user_cache.write(path, json.dumps(cut))
    return _load(cut)
