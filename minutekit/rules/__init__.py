"""The rule catalogue: one module per rule in this package, discovered, never listed.

A rule module has a docstring (a summary line, then ``Why:``, ``Passing example::`` and
``Failing example::`` sections), the constants ``CODE``, ``NAME`` and ``SEVERITY``, and
one of:

- ``check(item)``: yields :class:`~minutekit.diagnostics.Finding` objects for an item;
- ``locate(item, path)``: for a requirement of the JSON Schema (its ``allOf`` entry
  carries the same code), returns the finding for a failure at ``path``: where the part
  was expected and what was found;
- ``STAGE``: the code is reported by the source or grammar stage, and the module holds
  its documentation.

A rule may also declare ``FIX = "safe"`` (its findings carry the edits that repair them
and need no judgement: ``minutekit fix`` applies them) or ``FIX = "unsafe"`` (a repair
that changes what the text says in a way someone should look at: applied only with
``--unsafe-fixes``).

The runner stamps code, name and severity on what a rule yields. Duplicated codes or
names are refused at discovery.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import ModuleType
from typing import Protocol

import attrs

from minutekit import registry
from minutekit.diagnostics import Finding, Severity
from minutekit.model import AgendaItem, Heading, Position, Span
from minutekit.selection import Selection
from minutekit.text import numbered_lines, own_text

__all__ = [
    "ENTRY_POINT_GROUP",
    "FIXES",
    "KINDS",
    "PART_ORDER",
    "Rule",
    "RuleModule",
    "by_code",
    "catalogue",
    "expected_position",
    "find",
    "lines_matching",
    "part_headings",
    "part_spans",
]

#: Other packages add rules through this entry point group, each entry naming a module.
ENTRY_POINT_GROUP = "minutekit.rules"

#: What a rule may declare as ``FIX``.
FIXES = ("safe", "unsafe")
_CODE = re.compile(r"^MK\d{3}$")
#: A paragraph of a rule's documentation meant for developers, left out of its help.
_DEVELOPER_NOTE = "This is a requirement of "
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
#: What each kind of rule is, in words.
KINDS = {
    "rule": "a check on the parsed item",
    "schema": "a requirement of the JSON Schema",
    "source": "reported while decoding the file",
    "grammar": "reported by the grammar",
}

#: A rule's check: findings in an item (the selection: the profile's words, for a rule
#: that reads them).
Check = Callable[[AgendaItem, Selection], Iterable[Finding]]
#: A schema requirement's locator: the finding for a failure at a path of the JSON form.
Locate = Callable[[AgendaItem, Sequence[str | int]], Finding]


class RuleModule(Protocol):
    """What every rule module has (see the module docstring for the rest).

    Beside these, exactly one of ``check(item)`` (``check(item, selection)`` with
    ``PROFILE = True``), ``locate(item, path)`` or ``STAGE``; optionally ``DEFAULT``,
    ``PROFILE`` and ``LINES`` (see :class:`Rule`).
    """

    __name__: str
    __doc__: str | None
    CODE: str
    NAME: str
    SEVERITY: Severity


@attrs.frozen
class Rule:
    """A rule's identity, documentation and how it is run."""

    code: str
    name: str
    severity: Severity
    doc: str
    #: "rule" (a check on the model), "schema" (a schema requirement) or the stage
    #: ("source", "grammar") that reports the code.
    kind: str
    #: Whether the rule runs unless a profile or the configuration turns it on
    #: (``DEFAULT = False`` in the module: off by default).
    default: bool = True
    #: Whether its check reads the profile (``PROFILE = True``: ``check(item, selection)``).
    profile: bool = False
    #: Whether it reads only the lines as written (``LINES = True``), so that it checks
    #: a meeting's own lines (its preface) too.
    lines: bool = False
    #: "safe", "unsafe" or None: how the rule's findings can be repaired (``FIX``; see
    #: :mod:`minutekit.fix`).
    fix: str | None = None
    checker: Check | None = attrs.field(default=None, repr=False, eq=False)
    locator: Locate | None = attrs.field(default=None, repr=False, eq=False)
    #: The module the rule was read from (its documentation's home).
    module: ModuleType | None = attrs.field(default=None, repr=False, eq=False)

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0]

    @property
    def documentation(self) -> str:
        """The docstring for the people who keep the minutes: what the rule asks and why,
        its examples (no notes meant for developers)."""
        paragraphs = self.doc.strip().split("\n\n")
        return "\n\n".join(p for p in paragraphs if not p.startswith(_DEVELOPER_NOTE))

    @property
    def help(self) -> str:
        """:attr:`documentation` and how to relax the rule."""
        return f"{self.documentation}\n\n{self.relaxing}"

    @property
    def relaxing(self) -> str:
        """How to relax the rule: another profile, --ignore, a lower severity."""
        from minutekit.profiles import BUILT_IN, PARTS

        code = self.code
        ways = []
        part = next((p for p, c in PARTS.items() if c == code), None)
        requiring = [p.name for p in BUILT_IN.values() if part in p.require]
        others = [f"'--profile {p.name}'" for p in BUILT_IN.values() if part not in p.require]
        if requiring:
            ways.append(
                f"the profile {' and '.join(requiring)} requires it: choose another"
                f" ({' or '.join(others) or 'one of your own'}) or define your own"
            )
        if not self.default:
            ways.append("it runs only when a profile or '--select' turns it on")
        ways.append(
            f"leave it out with '--ignore {code}' (or ignore = [\"{code}\"] in the configuration)"
        )
        lower = "info" if self.severity <= Severity.WARNING else "warning"
        ways.append(f'or lower it with [tool.minutekit.severity] {code} = "{lower}"')
        return "How to relax it: " + "; ".join(ways) + "."

    def check(self, item: AgendaItem, selection: Selection) -> Iterable[Finding]:
        """Run the rule's check on ``item``."""
        assert self.checker is not None, f"{self.code} is not a check"
        return self.checker(item, selection)

    def locate(self, item: AgendaItem, path: Sequence[str | int]) -> Finding:
        assert self.locator is not None, f"{self.code} is not a schema requirement"
        return self.locator(item, path)

    def to_jsonable(self) -> dict[str, str | None]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "kind": self.kind,
            "fix": self.fix,
            "summary": self.summary,
        }


def _flag(module: ModuleType, name: str, default: bool) -> bool:
    value = getattr(module, name, default)
    if not isinstance(value, bool):
        raise TypeError(f"rule module {module.__name__}: {name} must be True or False")
    return value


def _rule_from(module: ModuleType) -> Rule:
    where = module.__name__
    for constant in ("CODE", "NAME", "SEVERITY"):
        if not hasattr(module, constant):
            raise TypeError(f"rule module {where} has no {constant}")
    if sum(hasattr(module, a) for a in ("check", "locate", "STAGE")) != 1:
        raise TypeError(f"rule module {where} needs exactly one of check, locate or STAGE")
    identity: RuleModule = module
    if not _CODE.match(identity.CODE) or not _NAME.match(identity.NAME):
        raise ValueError(
            f"rule module {where}: bad code {identity.CODE!r} or name {identity.NAME!r}"
        )
    profile = _flag(module, "PROFILE", False)
    checker: Check | None = None
    if hasattr(module, "check"):
        check = module.check
        checker = check if profile else lambda item, selection: check(item)
    kind = "rule" if checker else "schema" if hasattr(module, "locate") else str(module.STAGE)
    if kind not in KINDS:
        raise ValueError(f"rule module {where}: STAGE must be 'source' or 'grammar'")
    fix = getattr(module, "FIX", None)
    if fix not in (None, *FIXES):
        raise ValueError(f"rule module {where}: FIX must be one of {FIXES}, not {fix!r}")
    return Rule(
        code=identity.CODE,
        name=identity.NAME,
        severity=identity.SEVERITY,
        doc=inspect.cleandoc(identity.__doc__ or ""),
        kind=kind,
        default=_flag(module, "DEFAULT", True),
        profile=profile,
        lines=_flag(module, "LINES", False),
        fix=fix,
        checker=checker,
        locator=getattr(module, "locate", None),
        module=module,
    )


@functools.cache
def catalogue() -> tuple[Rule, ...]:
    """Every rule (this package's and those of installed plugins), ordered by code."""
    found = registry.modules(__name__, ENTRY_POINT_GROUP)
    rules = registry.discover("rule", found, _rule_from, lambda rule: (rule.code, rule.name))
    return tuple(sorted(rules.values(), key=lambda r: r.code))


def by_code() -> dict[str, Rule]:
    return {rule.code: rule for rule in catalogue()}


def find(code_or_name: str) -> Rule | None:
    """The rule with this code ("MK103", any case) or name ("missing-resolved")."""
    wanted = code_or_name.strip()
    for rule in catalogue():
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            return rule
    return None


# ------------------------------------------------------------------ locating


#: The parts of an item in the order the house style puts them.
PART_ORDER = (
    "title",
    "summary",
    "recommended",
    "scrutiny",
    "contact",
    "minutes",
    "decision",
    "resolved",
    "actions",
    "closing_scrutiny",
    "supporting_documents",
)


def part_spans(item: AgendaItem) -> list[tuple[str, Span]]:
    """The parts present in ``item``, named as in :data:`PART_ORDER`."""
    parts: list[tuple[str, Span | None]] = [
        ("title", item.title.span if item.title else None),
        ("summary", item.summary[0].span.to(item.summary[-1].span) if item.summary else None),
        ("recommended", item.recommended.span if item.recommended else None),
        ("contact", item.contact.span if item.contact else None),
        ("minutes", item.minutes.span if item.minutes else None),
        ("decision", item.decision.span if item.decision else None),
        ("resolved", item.resolved.span if item.resolved else None),
        (
            "supporting_documents",
            item.supporting_documents.span if item.supporting_documents else None,
        ),
    ]
    parts += [("actions", a.span) for a in item.actions]
    parts += [
        ("scrutiny" if s.part == "agenda" else "closing_scrutiny", s.span)
        for s in item.scrutiny
        if s.part in ("agenda", "closing")
    ]
    return [(name, span) for name, span in parts if span is not None]


def part_headings(item: AgendaItem) -> Iterator[tuple[str, Heading]]:
    """(part, heading) for each headed block of ``item``, the parts named as a profile's
    ``headings`` name them (recommended, minutes, decision, resolved)."""
    if item.recommended is not None:
        yield "recommended", item.recommended.heading
    if item.minutes is not None and item.minutes.heading is not None:
        yield "minutes", item.minutes.heading
    if item.decision is not None:
        yield "decision", item.decision.heading
        if item.decision.resolved is not None:
            yield "resolved", item.decision.resolved.heading
    if item.resolved is not None:
        yield "resolved", item.resolved.heading


_PART_NAMES = {
    "title": "the title",
    "summary": "the summary",
    "recommended": "the Recommended block",
    "contact": "the contact line",
    "scrutiny": "the Overview and Scrutiny line",
    "minutes": "the minutes",
    "decision": "the decision",
    "resolved": "the Resolved block",
    "actions": "the ACTION line",
    "closing_scrutiny": "the closing Overview and Scrutiny line",
    "supporting_documents": "'Supporting documents:'",
}


def lines_matching(item: AgendaItem, pattern: re.Pattern[str]) -> Iterator[tuple[int, str]]:
    """(number, line) for the lines of ``item`` where ``pattern`` occurs, in order.

    The whole text is searched once first: most files have no line a text-quality rule
    looks for, and one search in C is many times cheaper than a Python loop over lines.
    """
    if not pattern.search(own_text(item.source.lines)):
        return
    for number, line in numbered_lines(item.source.lines):
        if pattern.search(line):
            yield number, line


def expected_position(item: AgendaItem, part: str) -> tuple[Position, str]:
    """Where the missing ``part`` should have stood in this item, in the house order
    (:data:`PART_ORDER`): before the first part present that follows it; when none
    does, just after the last part present that precedes it.

    Returns that position and a phrase for the message ("before the minutes", "after
    the Resolved block"); "at the end of the text" only when the item has no part at all.
    """
    index = PART_ORDER.index(part)
    spans = part_spans(item)
    later = [(span.start, name) for name, span in spans if name in PART_ORDER[index + 1 :]]
    if later:
        position, name = min(later)
        return position, f"before {_PART_NAMES[name]}"
    earlier = [
        (Position(span.end_line, span.end_column), name)
        for name, span in spans
        if name in PART_ORDER[:index]
    ]
    if earlier:
        position, name = max(earlier)
        return position, f"after {_PART_NAMES[name]}"
    return item.end, "at the end of the text"
