"""JSON: the item's JSON form, valid against ``schemas/agenda-item.schema.json``.

Exactly what ``minutekit parse`` prints and what the schema check reads: pretty-printed
UTF-8 with two-space indents, keys in the model's order, and a final newline.
"""

from __future__ import annotations

import json

from minutekit.convert import ConvertOptions
from minutekit.model import AgendaItem

FORMAT = "json"
SUFFIX = ".json"
MEDIA_TYPE = "application/json"


def convert(item: AgendaItem, options: ConvertOptions) -> bytes:
    return (json.dumps(item.to_jsonable(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
