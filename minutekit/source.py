"""Source stage: bytes → :class:`SourceText`.

Takes the raw bytes of one file, and the encoding if the caller knows it. Guarantees:

- without an encoding, the text is decoded as strict UTF-8 (a leading byte-order mark
  is dropped); a UTF-16 byte-order mark decodes the file as UTF-16, reported (MK003);
  bytes that are not UTF-8 are replaced by U+FFFD and reported as MK001 with the byte
  offset, value, line and column of the first of them, and a hint when the file reads
  as Windows-1252, the encoding Word exports in; never a silent guess. Such a file also
  keeps its lines as they read with each such byte taken as Windows-1252
  (:attr:`SourceText.undecoded_as_cp1252`), so that validation can tell the findings
  the replacement made from those of the text;
- with an encoding (``--encoding cp1252``), the file is decoded with it, and bytes it
  cannot decode are MK001 as above;
- a PDF, a Word or OpenDocument file, an RTF document or a ZIP archive (told by their
  first bytes) that reaches the plain-text reader (read as text when asked, or a format
  no reader takes) is refused by name (MK006, "this is a PDF, not plain text"); a file
  with a NUL byte is not text (MK004, with a hint when it looks like UTF-16 without a
  byte-order mark), and a file with no text is empty (MK005): all are
  *refused* (:attr:`SourceText.refused`), with no lines, so no other check piles
  findings on a file that is not minutes at all;
- line endings (LF, CRLF, lone CR) end lines; a non-breaking space becomes a plain
  space, so a line of only non-breaking spaces is blank.

Never adds, removes or joins a line: line *n* of :attr:`SourceText.lines` is line *n*
of the file, and columns are unchanged.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Sequence

import attrs

from minutekit.diagnostics import Finding
from minutekit.model import Position, text_end

__all__ = ["BOM", "LINE_BREAK", "UTF16_BOMS", "SourceText", "read_source"]

#: A byte-order mark, as it starts a decoded text.
BOM = "\ufeff"
#: The byte-order marks that start a UTF-16 file.
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
#: What ends a line: LF, CRLF or a lone CR (and nothing else).
LINE_BREAK = re.compile(r"\r\n|\r|\n")

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
    #: The lines of the file without their line endings (for one item of a meeting
    #: file, an :class:`~minutekit.text.ItemLines` view: the lines before it blank).
    lines: Sequence[str]
    #: Problems met while decoding (MK001, MK003-MK005), already located.
    findings: tuple[Finding, ...]
    #: With MK001 only: the lines as they read with each undecodable byte taken as
    #: Windows-1252 (where it has no character there, as Latin-1). Never shown or
    #: converted: what the text says apart from the replaced bytes.
    undecoded_as_cp1252: tuple[str, ...] | None = None

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
    before = data[:offset].decode(encoding, errors="replace").removeprefix(BOM)
    lines = LINE_BREAK.split(before)
    return Position(len(lines), len(lines[-1]) + 1)


def _as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """A decoding error handler: the undecodable bytes read as Windows-1252 would."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors=_AS_LATIN1), error.end


def _as_latin1(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


_AS_CP1252 = "minutekit-as-cp1252"
_AS_LATIN1 = "minutekit-as-latin1"
codecs.register_error(_AS_CP1252, _as_cp1252)
codecs.register_error(_AS_LATIN1, _as_latin1)


def _values(bad: bytes) -> str:
    if len(bad) == 1:
        return f"value 0x{bad.hex()}"
    return "values " + " ".join(f"0x{byte:02x}" for byte in bad)


def _decode(data: bytes, encoding: str, findings: list[Finding]) -> tuple[str, str | None]:
    """The text, and (when some bytes could not be decoded) the text as it reads with
    those bytes taken as Windows-1252."""
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as error:
        bad = data[error.start : error.end]
        hint = ""
        if encoding == "utf-8" and _reads_as_cp1252(data):
            hint = " (it reads as Windows-1252, Word's encoding: use --encoding cp1252)"
        findings.append(
            Finding(
                position=_position_of(data, error.start, encoding),
                message=(
                    f"the byte at byte offset {error.start} ({_values(bad)}) is not valid"
                    f" {encoding.upper()}{hint}: save the file as UTF-8; undecodable bytes"
                    " are shown as '\ufffd', and nothing they stand for is checked"
                ),
                code=INVALID_ENCODING,
            )
        )
        return data.decode(encoding, errors="replace"), data.decode(encoding, errors=_AS_CP1252)


#: Formats that are not plain text, by their first bytes: what the message calls them.
_NOT_TEXT = (
    (b"%PDF-", "a PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word document (.doc) or another Office file"),
    (b"{\\rtf", "a Rich Text Format document (.rtf)"),
)
_ZIP = b"PK\x03\x04"


def _format_of(data: bytes) -> str | None:
    """What a file that is not plain text is, from its first bytes; None for text."""
    head = data.lstrip()[:8]
    for magic, what in _NOT_TEXT:
        if head.startswith(magic):
            return what
    if data.startswith(_ZIP):
        if b"word/" in data:
            return "a Word document (.docx)"
        if b"application/vnd.oasis.opendocument.text" in data[:200]:
            return "an OpenDocument text (.odt)"
        return "a ZIP archive"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """ "little-endian" or "big-endian" when ``data`` reads as UTF-16 text without its
    byte-order mark (every other byte NUL, the rest text), else None."""
    if len(data) < 4 or len(data) % 2:
        return None
    for order, nuls, codec in (
        ("little-endian", data[1::2], "utf-16-le"),
        ("big-endian", data[0::2], "utf-16-be"),
    ):
        if nuls.count(0) >= 0.9 * len(nuls):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if all(c.isprintable() or c.isspace() for c in text):
                return order
    return None


def _reads_as_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def read_source(data: bytes, name: str, encoding: str | None = None) -> SourceText:
    """Decode ``data`` (the bytes of the file called ``name``), in ``encoding`` if given."""
    findings: list[Finding] = []
    undecoded: str | None = None
    what = _format_of(data)
    if what is not None:
        return _refused(
            data,
            name,
            Finding(
                Position(1, 1),
                f"this is {what}, not plain text: save it as plain text (UTF-8);"
                " nothing in it was checked",
                code=UNREADABLE,
            ),
        )
    if encoding is None and data.startswith(UTF16_BOMS):
        text, undecoded = _decode(data, "utf-16", findings)
        findings.append(
            Finding(
                Position(1, 1),
                "the file is UTF-16 (it starts with a UTF-16 byte-order mark); it was read as"
                " such, but save it as UTF-8",
                code=UTF16,
            )
        )
    elif b"\x00" in data and not (encoding and _wide(encoding)):
        offset = data.index(b"\x00")
        order = _utf16_without_bom(data) if encoding is None else None
        hint = (
            f"; it looks like UTF-16 ({order}) without a byte-order mark: save it as UTF-8,"
            f" or check it with --encoding utf-16-{order[0]}e"
            if order
            else ""
        )
        return _refused(
            data,
            name,
            Finding(
                _position_of(data, offset),
                f"not a text file: the byte at byte offset {offset} is NUL (0x00){hint};"
                " nothing in it was checked",
                code=BINARY,
            ),
        )
    else:
        text, undecoded = _decode(data, encoding or "utf-8", findings)
    if text.startswith(BOM):
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
    return SourceText(
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        lines=_lines(text),
        findings=tuple(findings),
        undecoded_as_cp1252=None if undecoded is None else _lines(undecoded.removeprefix(BOM)),
    )


def _lines(text: str) -> tuple[str, ...]:
    text = text.replace("\u00a0", " ")
    # Without a carriage return the breaks are the line feeds: a split in C, many times
    # faster than the pattern's.
    lines = text.split("\n") if "\r" not in text else LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return tuple(lines)


def _wide(encoding: str) -> bool:
    """Whether text in ``encoding`` holds NUL bytes as a matter of course (UTF-16, UTF-32)."""
    try:
        return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        return False


def _refused(data: bytes, name: str, finding: Finding) -> SourceText:
    return SourceText(name, hashlib.sha256(data).hexdigest(), (), (finding,))
