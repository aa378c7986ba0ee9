"""JSON: the item's JSON form, valid against ``schemas/agenda-item.schema.json``.

A whole-meeting file gives its preface and all its items, valid against
``schemas/meeting.schema.json``.

Exactly what ``minutekit parse`` prints and what the schema check reads: pretty-printed
UTF-8 with two-space indents, keys in the model's order, and a final newline.
"""

from __future__ import annotations

import json

from minutekit.convert import ConvertOptions
from minutekit.model import AgendaItem, MeetingFile

FORMAT = "json"
SUFFIX = ".json"
MEDIA_TYPE = "application/json"


def convert(item: AgendaItem, options: ConvertOptions) -> bytes:
    return (json.dumps(item.to_jsonable(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def convert_meeting(meeting: MeetingFile, options: ConvertOptions) -> bytes:
    """A whole-meeting file: its preface and items (``schemas/meeting.schema.json``)."""
    return (json.dumps(meeting.to_jsonable(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
