"""Diagnostics: severities, findings, located diagnostics, exit codes and report formats.

A check yields :class:`Finding` objects (where and what); the runner stamps them with the
rule's code, name and severity and the file's path to make a :class:`Diagnostic`. The
text format is one line per diagnostic, ``path:line:col: severity CODE name: message``,
with 1-based lines and columns, as linters print them. ``line`` and ``column`` are those
of the text read; a file read by a reader other than plain text also has the original's
:class:`~minutekit.positions.Place`, which the text format prints (``draft.docx:¶12:5``).
"""

from __future__ import annotations

import enum
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from minutekit.positions import Place, Position

__all__ = [
    "EXIT_CLEAN",
    "EXIT_FINDINGS",
    "EXIT_INTERRUPTED",
    "EXIT_USAGE",
    "JSON_REPORT_VERSION",
    "Diagnostic",
    "Edit",
    "Finding",
    "Severity",
    "failing_files",
    "format_json",
    "format_text",
    "summary_line",
]

#: No finding at or above the failing severity.
EXIT_CLEAN = 0
#: At least one finding at or above the failing severity.
EXIT_FINDINGS = 1
#: A usage error, an unreadable path or a bad configuration.
EXIT_USAGE = 2
#: Stopped by Ctrl-C (SIGINT), as a shell reports a process it ended so (128 + 2).
EXIT_INTERRUPTED = 130

#: Version of the shape of ``--format json``; bumped when the shape changes.
JSON_REPORT_VERSION = 1


class Severity(enum.IntEnum):
    """How much a finding matters; an error makes the item invalid."""

    INFO = 10
    WARNING = 20
    ERROR = 30

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.upper()]
        except KeyError:
            choices = ", ".join(str(s) for s in cls)
            raise ValueError(f"unknown severity {text!r} (expected one of: {choices})") from None


@attrs.frozen
class Edit:
    """A change within one line that repairs a finding: the characters from ``column``
    up to (not including) ``end_column`` become ``replacement`` (1-based columns, in the
    line as read, without its line ending)."""

    line: int
    column: int
    end_column: int
    replacement: str


@attrs.frozen
class Finding:
    """What a check yields: where, and what was found against what was expected.

    ``code`` is set only by stages that report under several codes (the source and
    grammar stages); a rule's findings get the rule's code from the runner. A rule that
    declares a fix (``FIX``) attaches the ``edits`` that repair the finding.
    """

    position: Position
    message: str
    code: str | None = None
    edits: tuple[Edit, ...] = ()


@attrs.frozen(order=False)
class Diagnostic:
    """A finding stamped with its file, rule and severity."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    name: str
    message: str
    #: What the finding is about, independent of where: a hash of the code and the
    #: offending line's text (white space collapsed), so that a baseline or a code
    #: scanning service recognises the same finding after lines above it move.
    fingerprint: str = ""
    #: The edits that repair the finding, when its rule declares a fix (see ``fix``).
    edits: tuple[Edit, ...] = ()
    #: Where ``line`` and ``column`` (of the text read) stand in the original file, when
    #: that is not the same line and column: a Word paragraph, a line of a PDF page, an
    #: HTML source line. None for plain text.
    place: Place | None = None

    @property
    def location(self) -> str:
        """``line:column`` as a person finds it in the original (``12:5``, ``¶12:5``,
        ``p3:14:1``)."""
        return str(self.place) if self.place is not None else f"{self.line}:{self.column}"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def to_text(self) -> str:
        return (
            f"{self.path}:{self.location}: {self.severity} {self.code} {self.name}: {self.message}"
        )

    def to_jsonable(self) -> dict[str, Any]:
        jsonable: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "code": self.code,
            "name": self.name,
            "message": self.message,
        }
        if self.place is not None:
            jsonable["place"] = self.place.to_jsonable()
        return jsonable


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def summary_line(
    diagnostics: Sequence[Diagnostic], files: int, failing: Severity = Severity.ERROR
) -> str:
    """ "Found 2 errors and 3 warnings in 5 files (2 invalid)." or "No problems found in
    5 files."; with ``failing`` below error (``--strict``), the files that fail are
    counted as "failing under --strict"."""
    counts = Counter(d.severity for d in diagnostics)
    if not diagnostics:
        return f"No problems found in {_plural(files, 'file')}."
    parts = [
        _plural(counts[s], str(s))
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[s]
    ]
    found = " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)
    fails = len(failing_files(diagnostics, failing))
    state = "invalid" if failing >= Severity.ERROR else "failing under --strict"
    return f"Found {found} in {_plural(files, 'file')} ({fails} {state})."


def failing_files(diagnostics: Iterable[Diagnostic], failing: Severity) -> list[str]:
    """The files with a finding at or above ``failing``, sorted."""
    return sorted({d.path for d in diagnostics if d.severity >= failing})


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    return "".join(d.to_text() + "\n" for d in diagnostics)


def format_json(
    diagnostics: Sequence[Diagnostic],
    files: Sequence[str],
    not_checked: Sequence[tuple[str, str]] = (),
    failing: Severity = Severity.ERROR,
) -> str:
    """The versioned machine-readable report.

    ``not_checked`` are the files that could not be read or checked, with the reason
    (never counted as clean); ``failing`` is the severity that fails a file (warning
    under ``--strict``), and ``failing`` in the summary counts the files that fail,
    those not checked among them.
    """
    counts = Counter(str(d.severity) for d in diagnostics)
    invalid = failing_files(diagnostics, Severity.ERROR)
    fails = {*failing_files(diagnostics, failing), *(path for path, _ in not_checked)}
    report = {
        "version": JSON_REPORT_VERSION,
        "tool": "minutekit",
        "files": list(files),
        "strict": failing < Severity.ERROR,
        "summary": {
            "files": len(files),
            "checked": len(files) - len(not_checked),
            "not_checked": len(not_checked),
            "invalid": len(invalid),
            "failing": len(fails),
            "errors": counts["error"],
            "warnings": counts["warning"],
            "infos": counts["info"],
        },
        "not_checked": [{"path": path, "reason": reason} for path, reason in not_checked],
        "failing": sorted(fails),
        "diagnostics": [d.to_jsonable() for d in diagnostics],
    }
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
