"""Source stage: bytes → :class:`SourceText`.

Takes the raw bytes of one file. Guarantees: the text is decoded as strict UTF-8 (a
leading byte-order mark is dropped); bytes that are not UTF-8 are replaced by U+FFFD and
reported as MK001 with the byte offset, line and column of the first of them; line
endings (LF, CRLF, lone CR) end lines; a non-breaking space becomes a plain space, so
a line of only non-breaking spaces is blank. Never adds, removes or joins a line: line
*n* of :attr:`SourceText.lines` is line *n* of the file, and columns are unchanged.
"""

from __future__ import annotations

import hashlib
import re

import attrs

from minutekit.diagnostics import Finding
from minutekit.model import Position, text_end

__all__ = ["SourceText", "read_source"]

_BOM = "\ufeff"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

INVALID_ENCODING = "MK001"


@attrs.frozen
class SourceText:
    """The decoded text of one file, ready for the grammar."""

    name: str
    sha256: str
    #: The lines of the file without their line endings.
    lines: tuple[str, ...]
    #: Problems met while decoding (MK001), already located.
    findings: tuple[Finding, ...]

    @property
    def text(self) -> str:
        """The lines joined, each ending in "\\n" (what the grammar reads)."""
        return "".join(line + "\n" for line in self.lines)

    @property
    def end(self) -> Position:
        """The position just after the last line of text."""
        return text_end(self.lines)


def _position_of(data: bytes, offset: int) -> Position:
    before = data[:offset].decode("utf-8", errors="replace")
    lines = _LINE_BREAK.split(before)
    return Position(len(lines), len(lines[-1]) + 1)


def read_source(data: bytes, name: str) -> SourceText:
    """Decode ``data`` (the bytes of the file called ``name``)."""
    findings: list[Finding] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = data[error.start : error.end]
        findings.append(
            Finding(
                position=_position_of(data, error.start),
                message=(
                    f"byte {error.start} (0x{bad.hex()}) is not valid UTF-8: "
                    "save the file as UTF-8; undecodable bytes are shown as '\ufffd'"
                ),
                code=INVALID_ENCODING,
            )
        )
        text = data.decode("utf-8", errors="replace")
    if text.startswith(_BOM):
        text = text[1:]
    lines = _LINE_BREAK.split(text.replace("\u00a0", " "))
    if lines and lines[-1] == "":
        lines.pop()
    return SourceText(
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        lines=tuple(lines),
        findings=tuple(findings),
    )
