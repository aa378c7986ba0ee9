"""How well minutekit reads a labelled corpus of real minutes: matches per field.

For every ``NNN_name.txt`` with a ``NNN_name.json`` label beside it, the file is parsed
and compared with the label, field by field, as the corpus README defines a match:

- ``title``: the parsed title equals the label's (white space collapsed; a trailing
  ``pdf icon PDF 98 KB`` / ``PDF 98 KB`` link residue and a leading item number such as
  ``77 ``, ``14. `` or ``395/02 5 `` are ignored on both sides; ``null`` when none);
- ``recommendations`` / ``resolutions``: the number of top-level items of the block
  (1 for a block with text but no numbered items, 0 when there is no block);
- ``has_minutes_label``: whether a ``Minutes:`` heading was found;
- ``action_owners``: the owners of the ACTION lines, in order;
- ``contact``: the contact line as written.

Items whose label says ``truncated`` are parsed too (they must not crash or hang) but
are left out of the percentages. Prints a table per field and overall, then every
mismatch (expected against found). Reports only: the exit status is 0 unless the
folder has no labelled files.

    python benchmarks/corpus_eval.py ../shared/corpus/cases
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

import minutekit
from minutekit.model import AgendaItem, NumberedBlock

FIELDS = (
    "title",
    "recommendations",
    "has_minutes_label",
    "resolutions",
    "action_owners",
    "contact",
)
_RESIDUE = re.compile(r"\s*(?:pdf icon\s+)?PDF\s+[\d.,]+\s*[KM]B\s*$", re.IGNORECASE)
_ITEM_NUMBER = re.compile(r"^(?:\d+/\d+\s+)?(?:[A-Z]?/?\d+[a-z]?\.?)\s+(?=\S)")


def normalise_title(title: str | None) -> str | None:
    if title is None:
        return None
    text = " ".join(title.split())
    text = _RESIDUE.sub("", text)
    text = _ITEM_NUMBER.sub("", text)
    return text or None


def _count(block: NumberedBlock | None) -> int:
    if block is None:
        return 0
    return len(block.items) or (1 if block.paragraphs else 0)


def found(item: AgendaItem) -> dict[str, Any]:
    return {
        "title": normalise_title(item.title.text if item.title else None),
        "recommendations": _count(item.recommended),
        "has_minutes_label": item.minutes is not None and item.minutes.heading is not None,
        "resolutions": _count(item.resolved),
        "action_owners": [owner for action in item.actions for owner in action.owners],
        "contact": item.contact.text if item.contact else None,
    }


def expected(label: dict[str, Any]) -> dict[str, Any]:
    contact = label.get("contact")
    return {
        "title": normalise_title(label.get("title")),
        "recommendations": label.get("recommendations", 0),
        "has_minutes_label": bool(label.get("has_minutes_label")),
        "resolutions": label.get("resolutions", 0),
        "action_owners": list(label.get("action_owners") or []),
        "contact": " ".join(contact.split()) if contact else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--quiet", action="store_true", help="only the table")
    args = parser.parse_args()
    cases = sorted(p for p in args.folder.glob("*.txt") if p.with_suffix(".json").exists())
    if not cases:
        print(f"no labelled *.txt files in {args.folder}", file=sys.stderr)
        return 2
    matched = dict.fromkeys(FIELDS, 0)
    whole = 0
    counted = 0
    mismatches: list[str] = []
    slowest = (0.0, "")
    for case in cases:
        label = json.loads(case.with_suffix(".json").read_text(encoding="utf-8"))
        start = time.perf_counter()
        result = minutekit.validate(case, name=case.name)
        seconds = time.perf_counter() - start
        slowest = max(slowest, (seconds, case.name))
        if label.get("truncated"):
            continue
        counted += 1
        # A label describes one item; a case read as a meeting is compared by its first.
        want, got = expected(label), found(result.items[0])
        wrong = [f for f in FIELDS if want[f] != got[f]]
        for field in FIELDS:
            matched[field] += field not in wrong
        whole += not wrong
        mismatches += [f"{case.name}: {f}: expected {want[f]!r}, found {got[f]!r}" for f in wrong]

    print(f"corpus: {len(cases)} labelled items, {counted} not truncated (the percentages)")
    print(f"{'field':<20}{'match':>7}{'of':>5}{'%':>7}")
    for field in FIELDS:
        print(f"{field:<20}{matched[field]:>7}{counted:>5}{100 * matched[field] / counted:>7.1f}")
    print(f"{'all fields':<20}{whole:>7}{counted:>5}{100 * whole / counted:>7.1f}")
    print(
        f"slowest item: {slowest[1]} ({slowest[0] * 1000:.0f} ms); no crash in {len(cases)} items"
    )
    if mismatches and not args.quiet:
        print("\nmismatches:")
        print("\n".join(mismatches))
    return 0


if __name__ == "__main__":
    sys.exit(main())
