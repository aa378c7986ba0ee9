"""JSON: the item's JSON form, valid against ``schemas/agenda-item.schema.json``.

A whole-meeting file gives its preface and all its items, valid against
``schemas/meeting.schema.json``.

Exactly what ``minutekit parse`` prints: the JSON form the schema check reads, with a
``$schema`` key first naming the schema it follows (an item's or a meeting's), so the two
can be told apart; pretty-printed UTF-8 with two-space indents, keys in the model's
order, and a final newline.
"""

from __future__ import annotations

from minutekit import schema
from minutekit.convert import ConvertOptions
from minutekit.model import AgendaItem, MeetingFile

FORMAT = "json"
SUFFIX = ".json"
MEDIA_TYPE = "application/json"


def document_text(whole: AgendaItem | MeetingFile) -> str:
    """The JSON document of an item or of a whole-meeting file, named by its schema."""
    return schema.document_text(whole.to_jsonable(), meeting=isinstance(whole, MeetingFile))


def convert(item: AgendaItem, options: ConvertOptions) -> bytes:
    return document_text(item).encode("utf-8")


def convert_meeting(meeting: MeetingFile, options: ConvertOptions) -> bytes:
    """A whole-meeting file: its preface and items (``schemas/meeting.schema.json``)."""
    return document_text(meeting).encode("utf-8")
