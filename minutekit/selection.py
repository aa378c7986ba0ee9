"""Selection: which rules run on a file, at what severity, with which profile's words.

Plain data, built by the configuration (:mod:`minutekit.config`) and the command line,
handed to :func:`minutekit.validate.validate_bytes` and to the rules that read the
profile. It names rules by code or name and imports none: a rule is anything with the
identity of :class:`RuleIdentity`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import attrs

from minutekit.diagnostics import Severity

__all__ = ["RuleIdentity", "Selection"]


class RuleIdentity(Protocol):
    """What a selection needs to know of a rule."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def default(self) -> bool: ...


@attrs.frozen
class Selection:
    """Which rules run (codes or names; empty ``select`` means all) and at what severity."""

    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    severities: tuple[tuple[str, Severity], ...] = ()
    #: Rules that are off by default (MK108) turned on, by a profile or the configuration.
    enable: frozenset[str] = frozenset()
    #: The profile's own heading spellings, (part, heading) pairs, read by the parser.
    headings: tuple[tuple[str, str], ...] = ()
    #: The profile's owner vocabulary (MK109).
    owners: tuple[str, ...] = ()

    def includes(self, rule: RuleIdentity) -> bool:
        keys = {rule.code, rule.name}
        if self.select and not keys & self.select:
            return False
        if not self.select and not rule.default and not keys & self.enable:
            return False
        return not keys & self.ignore

    def severity_of(self, rule: RuleIdentity) -> Severity:
        for key, severity in self.severities:
            if key in (rule.code, rule.name):
                return severity
        return rule.severity

    @classmethod
    def of(
        cls,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        severities: Iterable[tuple[str, Severity]] = (),
        enable: Iterable[str] = (),
        headings: Iterable[tuple[str, str]] = (),
        owners: Iterable[str] = (),
    ) -> Selection:
        def norm(keys: Iterable[str]) -> frozenset[str]:
            return frozenset(k.upper() if k.upper().startswith("MK") else k.lower() for k in keys)

        return cls(
            norm(select),
            norm(ignore),
            tuple(severities),
            norm(enable),
            tuple(headings),
            tuple(owners),
        )
