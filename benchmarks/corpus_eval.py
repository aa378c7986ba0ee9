"""How well minutekit reads a labelled corpus of real minutes: matches per field.

For every ``NNN_name.txt`` with a ``NNN_name.json`` label beside it, the file is parsed
and compared with the label, field by field, as the corpus README defines a match:

- ``title``: the parsed title equals the label's (white space collapsed; a trailing
  ``pdf icon PDF 98 KB`` / ``PDF 98 KB`` link residue and a leading item number such as
  ``77 ``, ``14. `` or ``395/02 5 `` are ignored on both sides; ``null`` when none);
- ``recommendations`` / ``resolutions``: the number of top-level items of the block
  (1 for a block with text but no numbered items, 0 when there is no block); the
  Resolved block under a ``Decision:`` part counts when the item has no other;
- ``has_minutes_label``: whether a ``Minutes:`` heading was found;
- ``action_owners``: the owners of the ACTION lines, in order;
- ``contact``: the contact line as written.

A file read as several items (a whole meeting, or an issue's history at several
meetings) is compared by its first title, and by the totals of its items' blocks.

Items whose label says ``truncated`` are parsed too (they must not crash, hang or be
slow) but are left out of the percentages. Prints a table per batch (the case number
before the name decides: ``--batch 200`` puts 0–199 in the first, 200 and up in the
second) and overall, then every mismatch (expected against found).

``--profile moderngov`` also checks the items as that profile would, and counts the
error-level findings on items whose label shows an outcome, and MK108 (no outcome)
on items whose label shows one and on those whose label shows none.

``--save FILE`` writes what each case matched; ``--compare FILE`` prints, per case,
the fields gained and lost since that file was saved, so that a change is checked for
what it does to every other case. Reports only: the exit status is 0 unless the
folder has no labelled files.

    python benchmarks/corpus_eval.py ../shared/corpus/cases --save before.json
    python benchmarks/corpus_eval.py ../shared/corpus/cases --compare before.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import minutekit
from minutekit.diagnostics import Severity
from minutekit.model import AgendaItem, NumberedBlock
from minutekit.profiles import BUILT_IN

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
_CASE_NUMBER = re.compile(r"^(\d+)")


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


def _outcome(item: AgendaItem) -> NumberedBlock | None:
    """The item's Resolved block; or, when it has none of its own, the one under its
    "Decision:" part (printed before minutes that do not repeat it, or are cut off)."""
    if item.resolved is not None or item.decision is None:
        return item.resolved
    return item.decision.resolved


def found(items: Sequence[AgendaItem]) -> dict[str, Any]:
    first = items[0]
    return {
        "title": normalise_title(first.title.text if first.title else None),
        "recommendations": sum(_count(item.recommended) for item in items),
        "has_minutes_label": any(
            item.minutes is not None and item.minutes.heading is not None for item in items
        ),
        "resolutions": sum(_count(_outcome(item)) for item in items),
        "action_owners": [
            owner for item in items for action in item.actions for owner in action.owners
        ],
        "contact": next((item.contact.text for item in items if item.contact), None),
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


def shows_outcome(label: dict[str, Any]) -> bool:
    """Whether the label shows an outcome in any form (Resolved, other words, headless)."""
    return bool(
        label.get("has_resolved")
        or label.get("outcome_heading")
        or label.get("unlabelled_outcome_items")
    )


def _table(title: str, matched: dict[str, int], whole: int, counted: int) -> None:
    print(f"\n{title}: {counted} items not truncated")
    print(f"{'field':<20}{'match':>7}{'of':>5}{'%':>7}")
    for field in FIELDS:
        share = 100 * matched[field] / counted if counted else 0.0
        print(f"{field:<20}{matched[field]:>7}{counted:>5}{share:>7.1f}")
    share = 100 * whole / counted if counted else 0.0
    print(f"{'all fields':<20}{whole:>7}{counted:>5}{share:>7.1f}")


def _compare(saved: dict[str, list[str]], now: dict[str, list[str]]) -> None:
    print("\nchanges since the saved run (+ now matches, - no longer matches):")
    changed = 0
    for case in sorted(set(saved) | set(now)):
        before, after = set(saved.get(case, [])), set(now.get(case, []))
        gained, lost = sorted(after - before), sorted(before - after)
        if gained or lost:
            changed += 1
            marks = [f"+{f}" for f in gained] + [f"-{f}" for f in lost]
            print(f"{case}: {' '.join(marks)}")
    if not changed:
        print("none")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--quiet", action="store_true", help="only the tables")
    parser.add_argument("--batch", type=int, default=200, help="first case of the second batch")
    parser.add_argument("--profile", choices=sorted(BUILT_IN), help="count findings as this")
    parser.add_argument("--save", type=Path, help="write each case's matched fields here")
    parser.add_argument("--compare", type=Path, help="per-case changes since a --save file")
    args = parser.parse_args()
    cases = sorted(p for p in args.folder.glob("*.txt") if p.with_suffix(".json").exists())
    if not cases:
        print(f"no labelled *.txt files in {args.folder}", file=sys.stderr)
        return 2
    batches = {"first batch": (0, args.batch), "second batch": (args.batch, 10**9)}
    matched = {name: dict.fromkeys(FIELDS, 0) for name in (*batches, "both batches")}
    whole = dict.fromkeys(matched, 0)
    counted = dict.fromkeys(matched, 0)
    per_case: dict[str, list[str]] = {}
    mismatches: list[str] = []
    errors_on_outcome: list[str] = []
    mk108: dict[bool, list[str]] = {True: [], False: []}
    slowest = (0.0, "")
    # What is loaded once per process (the grammar, the schema, the rules) is not timed.
    minutekit.validate(cases[0], name=cases[0].name)
    for case in cases:
        label = json.loads(case.with_suffix(".json").read_text(encoding="utf-8"))
        start = time.perf_counter()
        result = minutekit.validate(case, name=case.name)
        seconds = time.perf_counter() - start
        slowest = max(slowest, (seconds, case.name))
        if args.profile is not None:
            outcome = shows_outcome(label)
            diagnostics = minutekit.validate(case, name=case.name, profile=args.profile).diagnostics
            if any(d.code == "MK108" for d in diagnostics):
                mk108[outcome].append(case.name)
            if outcome:
                errors_on_outcome += [
                    f"{case.name}:{d.line}: {d.code} {d.message}"
                    for d in diagnostics
                    if d.severity >= Severity.ERROR
                ]
        if label.get("truncated"):
            continue
        want, got = expected(label), found(result.items)
        right = [f for f in FIELDS if want[f] == got[f]]
        per_case[case.name] = right
        number_match = _CASE_NUMBER.match(case.name)
        number = int(number_match[1]) if number_match else 0
        names = [n for n, (low, high) in batches.items() if low <= number < high]
        for name in [*names, "both batches"]:
            counted[name] += 1
            whole[name] += len(right) == len(FIELDS)
            for field in right:
                matched[name][field] += 1
        mismatches += [
            f"{case.name}: {f}: expected {want[f]!r}, found {got[f]!r}"
            for f in FIELDS
            if f not in right
        ]

    print(f"corpus: {len(cases)} labelled items, {counted['both batches']} not truncated")
    for name in matched:
        _table(name, matched[name], whole[name], counted[name])
    print(
        f"\nslowest item: {slowest[1]} ({slowest[0] * 1000:.0f} ms); no crash in {len(cases)} items"
    )
    if args.profile is not None:
        print(
            f"--profile {args.profile}: {len(errors_on_outcome)} error-level findings on items"
            f" whose label shows an outcome; MK108 on {len(mk108[True])} items with an"
            f" outcome, {len(mk108[False])} without"
        )
        print("\n".join(errors_on_outcome))
        if mk108[True]:
            print(f"MK108 where the label shows an outcome: {', '.join(mk108[True])}")
    if mismatches and not args.quiet:
        print("\nmismatches:")
        print("\n".join(mismatches))
    if args.compare is not None:
        _compare(json.loads(args.compare.read_text(encoding="utf-8")), per_case)
    if args.save is not None:
        args.save.write_text(json.dumps(per_case, indent=1, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
