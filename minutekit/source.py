"""Source stage: bytes → :class:`SourceText`.

Takes the raw bytes of one file, and the encoding if the caller knows it. Guarantees:

- without an encoding, the text is decoded as strict UTF-8 (a leading byte-order mark
  is dropped); a UTF-16 byte-order mark decodes the file as UTF-16, reported (MK003);
  bytes that are not UTF-8 are replaced by U+FFFD and reported as MK001 with the byte
  offset, line and column of the first of them, and a hint when the file reads as
  Windows-1252, the encoding Word exports in; never a silent guess;
- with an encoding (``--encoding cp1252``), the file is decoded with it, and bytes it
  cannot decode are MK001 as above;
- a NUL byte makes the file binary (MK004) and a file with no text is empty (MK005):
  both are *refused* (:attr:`SourceText.refused`), with no lines, so no other check
  piles findings on a file that is not minutes at all;
- line endings (LF, CRLF, lone CR) end lines; a non-breaking space becomes a plain
  space, so a line of only non-breaking spaces is blank.

Never adds, removes or joins a line: line *n* of :attr:`SourceText.lines` is line *n*
of the file, and columns are unchanged.
"""

from __future__ import annotations

import codecs
import hashlib
import re

import attrs

from minutekit.diagnostics import Finding
from minutekit.model import Position, text_end

__all__ = ["SourceText", "read_source"]

_BOM = "\ufeff"
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

INVALID_ENCODING = "MK001"
UTF16 = "MK003"
BINARY = "MK004"
EMPTY = "MK005"
#: A document a reader could not read (another format, damaged, hostile, no text layer).
UNREADABLE = "MK006"
#: Findings after which the file is not parsed at all.
REFUSING = frozenset({BINARY, EMPTY, UNREADABLE})


@attrs.frozen
class SourceText:
    """The decoded text of one file, ready for the grammar."""

    name: str
    sha256: str
    #: The lines of the file without their line endings.
    lines: tuple[str, ...]
    #: Problems met while decoding (MK001, MK003-MK005), already located.
    findings: tuple[Finding, ...]

    @property
    def refused(self) -> bool:
        """Not text at all (binary or empty): there is nothing to parse or check."""
        return any(f.code in REFUSING for f in self.findings)

    @property
    def text(self) -> str:
        """The lines joined, each ending in "\\n" (what the grammar reads)."""
        return "".join(line + "\n" for line in self.lines)

    @property
    def end(self) -> Position:
        """The position just after the last line of text."""
        return text_end(self.lines)


def _position_of(data: bytes, offset: int, encoding: str = "utf-8") -> Position:
    before = data[:offset].decode(encoding, errors="replace").removeprefix(_BOM)
    lines = _LINE_BREAK.split(before)
    return Position(len(lines), len(lines[-1]) + 1)


def _decode(data: bytes, encoding: str, findings: list[Finding]) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        bad = data[error.start : error.end]
        hint = ""
        if encoding == "utf-8" and _reads_as_cp1252(data):
            hint = " (it reads as Windows-1252, Word's encoding: use --encoding cp1252)"
        findings.append(
            Finding(
                position=_position_of(data, error.start, encoding),
                message=(
                    f"byte {error.start} (0x{bad.hex()}) is not valid {encoding.upper()}"
                    f"{hint}: save the file as UTF-8; undecodable bytes are shown as '\ufffd'"
                ),
                code=INVALID_ENCODING,
            )
        )
        return data.decode(encoding, errors="replace")


def _reads_as_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def read_source(data: bytes, name: str, encoding: str | None = None) -> SourceText:
    """Decode ``data`` (the bytes of the file called ``name``), in ``encoding`` if given."""
    findings: list[Finding] = []
    if encoding is None and data.startswith(_UTF16_BOMS):
        text = _decode(data, "utf-16", findings)
        findings.append(
            Finding(
                Position(1, 1),
                "the file is UTF-16 (it starts with a UTF-16 byte-order mark); it was read as"
                " such, but save it as UTF-8",
                code=UTF16,
            )
        )
    elif b"\x00" in data:
        offset = data.index(b"\x00")
        return _refused(
            data,
            name,
            Finding(
                _position_of(data, offset),
                f"not a text file: byte {offset} is NUL (0x00); nothing in it was checked",
                code=BINARY,
            ),
        )
    else:
        text = _decode(data, encoding or "utf-8", findings)
    if text.startswith(_BOM):
        text = text[1:]
    if not text.strip():
        return _refused(
            data,
            name,
            Finding(
                Position(1, 1),
                "the file is empty" if not text else "the file has only white space",
                code=EMPTY,
            ),
        )
    lines = _LINE_BREAK.split(text.replace("\u00a0", " "))
    if lines and lines[-1] == "":
        lines.pop()
    return SourceText(
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        lines=tuple(lines),
        findings=tuple(findings),
    )


def _refused(data: bytes, name: str, finding: Finding) -> SourceText:
    return SourceText(name, hashlib.sha256(data).hexdigest(), (), (finding,))
