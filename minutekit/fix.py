"""Fixing: the repairs that need no judgement, applied to the text of a plain-text file.

Takes a file's bytes and the rules that apply to it. A rule that declares ``FIX`` (see
:mod:`minutekit.rules`) attaches to each finding the edits that repair it; this module
applies them: the ``safe`` ones always, the ``unsafe`` ones only when asked. A file that
is not UTF-8 but reads as Windows-1252 in full, and holds no UTF-8 character, is
re-encoded as UTF-8 (MK001's fix).

Guarantees: only the characters an edit names change (and, for a Windows-1252 file, the
encoding); every line keeps its own line ending, a byte-order mark stays, a no-break
space stays a no-break space; edits never overlap; fixing is repeated until nothing more
is fixable, so fixing a fixed file changes nothing; a file with nothing to fix comes back
as the same bytes. Never writes a file: :func:`replace` does that, whole or not at all.
Files that are not plain text (Word, HTML, PDF) are never rewritten: they are reported
with what would be fixed.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from minutekit import rules, source
from minutekit.convert import write_whole
from minutekit.diagnostics import Diagnostic, Edit
from minutekit.selection import Selection
from minutekit.validate import validate_bytes

if TYPE_CHECKING:
    from minutekit.batch import Task

__all__ = [
    "FixResult",
    "Outcome",
    "describe",
    "diff",
    "fix_bytes",
    "fix_tasks",
    "fixable",
    "replace",
    "summary",
]

#: How many times the fixes are applied before giving up on reaching a fixed point
#: (a renumbering and a repair on the same line can need two).
MAX_ROUNDS = 5
#: The line breaks minutekit.source reads, kept (captured) when a text is split.
_LINE_BREAK = re.compile(f"({source.LINE_BREAK.pattern})")


@attrs.frozen
class FixResult:
    """What fixing one file did (or, for a file not rewritten, would do)."""

    original: bytes
    fixed: bytes
    #: The findings repaired, as they were reported before their repair.
    applied: tuple[Diagnostic, ...]
    #: Findings whose repair is unsafe and was not asked for.
    unsafe_left: tuple[Diagnostic, ...] = ()
    #: The media type of the file; only ``text/plain`` is ever rewritten.
    media_type: str = "text/plain"

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    @property
    def rewritable(self) -> bool:
        return self.media_type == "text/plain"


def fixable(diagnostic: Diagnostic, unsafe: bool) -> bool:
    """Whether ``diagnostic`` is repaired by its rule's edits at this level of fix."""
    rule = rules.by_code().get(diagnostic.code)
    if rule is None or rule.fix is None or not diagnostic.edits:
        return False
    return rule.fix == "safe" or unsafe


def _split(text: str) -> tuple[list[str], list[str]]:
    """The lines of ``text`` and, beside each, its own line ending ("" for the last)."""
    parts = _LINE_BREAK.split(text)
    return parts[0::2], [*parts[1::2], ""]


def _apply(lines: list[str], edits: Sequence[Edit]) -> list[str]:
    """``lines`` with ``edits`` (non-overlapping) applied, right to left on each line."""
    out = list(lines)
    for edit in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        line = out[edit.line - 1]
        out[edit.line - 1] = (
            line[: edit.column - 1] + edit.replacement + line[edit.end_column - 1 :]
        )
    return out


def _chosen(
    diagnostics: Sequence[Diagnostic], unsafe: bool, lines: Sequence[str]
) -> list[tuple[Diagnostic, tuple[Edit, ...]]]:
    """The fixable findings whose edits are in range and overlap no earlier finding's."""
    taken: list[Edit] = []
    chosen = []
    for diagnostic in diagnostics:
        if not fixable(diagnostic, unsafe):
            continue
        edits = diagnostic.edits
        if not all(
            1 <= e.line <= len(lines)
            and 1 <= e.column <= e.end_column <= len(lines[e.line - 1]) + 1
            for e in edits
        ):
            continue
        if any(_overlap(e, t) for e in edits for t in taken):
            continue
        taken.extend(edits)
        chosen.append((diagnostic, edits))
    return chosen


def _overlap(a: Edit, b: Edit) -> bool:
    if a.line != b.line:
        return False
    if a.column == a.end_column or b.column == b.end_column:  # an insertion
        return a.column == b.column
    return a.column < b.end_column and b.column < a.end_column


def _decoded(data: bytes) -> tuple[str, bool] | None:
    """The text of ``data`` and whether it was re-read as Windows-1252; None if neither.

    A file that is not UTF-8 but holds UTF-8 characters (beside a stray byte) is not
    re-read: its UTF-8 words would become mojibake, and which encoding the stray bytes
    belong to needs a person.
    """
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    if any(c > "\x7f" and c != "\ufffd" for c in data.decode("utf-8", errors="replace")):
        return None
    try:
        return data.decode("cp1252"), True
    except UnicodeDecodeError:
        return None


def fix_bytes(
    data: bytes,
    path: str,
    selection: Selection | None = None,
    unsafe: bool = False,
    input_format: str | None = None,
) -> FixResult:
    """Repair what the selected rules can repair in ``data``, the bytes of ``path``, read
    by the reader ``input_format`` names (default: the one its content calls for)."""
    selection = selection or Selection()
    first = validate_bytes(data, path, selection, input_format=input_format)
    if first.media_type != "text/plain":
        would = tuple(d for d in first.diagnostics if fixable(d, unsafe))
        return FixResult(data, data, would, media_type=first.media_type)
    if data.startswith(source.UTF16_BOMS) or b"\x00" in data:
        return FixResult(data, data, ())
    decoded = _decoded(data)
    if decoded is None:
        return FixResult(data, data, ())
    text, reencoded = decoded
    applied: list[Diagnostic] = []
    if reencoded:
        # MK001's fix is the re-encoding itself, done here rather than as an edit.
        wrong = [d for d in first.diagnostics if d.code == source.INVALID_ENCODING]
        if not wrong:  # MK001 not selected: the file is left as it is
            return FixResult(data, data, ())
        applied += wrong
    bom = text.startswith(source.BOM)
    lines, endings = _split(text.removeprefix(source.BOM))
    unsafe_left: tuple[Diagnostic, ...] = ()
    for _ in range(MAX_ROUNDS):
        current = _encode(lines, endings, bom)
        checked = validate_bytes(current, path, selection, input_format=input_format)
        diagnostics = checked.diagnostics
        unsafe_left = tuple(d for d in diagnostics if fixable(d, True) and not fixable(d, unsafe))
        chosen = _chosen(diagnostics, unsafe, lines)
        if not chosen:
            break
        applied += [d for d, _ in chosen]
        lines = _apply(lines, [e for _, edits in chosen for e in edits])
    fixed = _encode(lines, endings, bom) if applied else data
    return FixResult(data, fixed, tuple(applied), unsafe_left)


def _encode(lines: Sequence[str], endings: Sequence[str], bom: bool) -> bytes:
    text = "".join(line + ending for line, ending in zip(lines, endings, strict=True))
    return ((source.BOM if bom else "") + text).encode("utf-8")


def replace(path: Path, data: bytes) -> None:
    """Write ``data`` over the file ``path`` whole or not at all, keeping its mode; a
    symbolic link stays a link, and the file it points to is the one written."""
    path = Path(os.path.realpath(path))
    write_whole(path, data, path.stat().st_mode & 0o7777)


def diff(result: FixResult, name: str) -> str:
    """A unified diff of ``result``, from the file as read to the file as fixed."""
    import difflib

    before = _decoded(result.original)
    after = _decoded(result.fixed)
    if before is None or after is None:
        return ""
    return "".join(
        difflib.unified_diff(
            _with_endings(before[0]),
            _with_endings(after[0]),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
        )
    )


def _with_endings(text: str) -> list[str]:
    lines, endings = _split(text)
    return [line + ending for line, ending in zip(lines, endings, strict=True) if line + ending]


def summary(verb: str, problems: int, files: int) -> str:
    """ "Fixed 3 problems in 1 file."."""
    return (
        f"{verb} {problems} problem{'s' if problems != 1 else ''}"
        f" in {files} file{'s' if files != 1 else ''}."
    )


def describe(found: Sequence[Diagnostic]) -> str:
    """ "MK302 mojibake ×2, MK303 control-character": what ``found`` holds, per rule."""
    counts = Counter((d.code, d.name) for d in found)
    return ", ".join(
        f"{code} {name}" + (f" ×{n}" if n > 1 else "") for (code, name), n in sorted(counts.items())
    )


@attrs.frozen
class Outcome:
    """What fixing one input gave: a result, or why the file could not be read."""

    name: str
    path: str | None
    result: FixResult | None = None
    error: str | None = None


def fix_tasks(
    tasks: Sequence[Task], unsafe: bool, max_size: int, input_format: str | None = None
) -> Iterator[Outcome]:
    """Each task's fix, in order; a file that cannot be read is reported, not raised."""
    from minutekit.batch import read

    for task in tasks:
        data = read(task, max_size)
        if isinstance(data, str):
            yield Outcome(task.name, task.path, error=data)
            continue
        try:
            result = fix_bytes(data, task.name, task.selection, unsafe, input_format)
        except Exception as error:  # a bug in minutekit must not stop the others
            yield Outcome(
                task.name, task.path, error=f"internal error while fixing '{task.name}': {error!r}"
            )
            continue
        yield Outcome(task.name, task.path, result)
