"""Plain text: the reader of last resort (see :mod:`minutekit.source` for decoding).

Line *n* of the text is line *n* of the file, so its location map is the identity.
"""

from __future__ import annotations

from minutekit.readers import Reading, SameLines

NAME = "txt"
SUFFIXES = (".txt",)
MEDIA_TYPE = "text/plain"


def sniff(data: bytes) -> bool:
    """Any bytes may be text: this reader is chosen when no other claims the file."""
    return True


def read(data: bytes, name: str, encoding: str | None = None) -> Reading:
    from minutekit.source import read_source  # not for a folder walk, which reads SUFFIXES

    return Reading(read_source(data, name, encoding), SameLines(), MEDIA_TYPE)
