"""Baselines: accept the findings an archive already has, fail only on new ones.

A baseline file records findings by file, rule and content fingerprint (the rule code
and the text of the offending line, see :func:`minutekit.validate.fingerprint`), never
by line number, so that adding or removing lines above a known finding does not make it
new. A file with the same finding several times is recorded with a count; a fourth
copy of a finding baselined three times is new.

The file is JSON, sorted, one finding per entry, so that a change to it reviews as a
diff::

    {"version": 1, "tool": "minutekit", "findings": [
      {"path": "minutes/2019-03.txt", "code": "MK104", "fingerprint": "…", "count": 1,
       "message": "…"}]}
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from minutekit.diagnostics import Diagnostic

__all__ = ["BaselineError", "apply", "dumps", "load"]

VERSION = 1

Key = tuple[str, str, str]


class BaselineError(Exception):
    """A baseline file that cannot be read; the message says why."""


def _key(d: Diagnostic) -> Key:
    return (d.path.replace("\\", "/"), d.code, d.fingerprint)


def load(path: Path) -> Counter[Key]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BaselineError(f"{path}: cannot read: {error.strerror or error}") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: not a minutekit baseline (not JSON: {error})") from None
    except RecursionError:
        from minutekit.config import NESTED_TOO_DEEPLY

        raise BaselineError(
            f"{path}: not a minutekit baseline (not JSON: {NESTED_TOO_DEEPLY})"
        ) from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise BaselineError(f"{path}: not a minutekit baseline of version {VERSION}")
    counts: Counter[Key] = Counter()
    try:
        for entry in document["findings"]:
            counts[(entry["path"], entry["code"], entry["fingerprint"])] += int(entry["count"])
    except (KeyError, TypeError, ValueError):
        raise BaselineError(f"{path}: a finding lacks path, code, fingerprint or count") from None
    return counts


def apply(
    diagnostics: Sequence[Diagnostic], accepted: Counter[Key]
) -> tuple[list[Diagnostic], int]:
    """The diagnostics the baseline does not accept, and how many it accepted."""
    left = Counter(accepted)
    kept = []
    for d in diagnostics:
        key = _key(d)
        if left[key] > 0:
            left[key] -= 1
        else:
            kept.append(d)
    return kept, len(diagnostics) - len(kept)


def dumps(diagnostics: Sequence[Diagnostic]) -> str:
    counts = Counter(_key(d) for d in diagnostics)
    messages: dict[Key, str] = {}
    for d in diagnostics:
        messages.setdefault(_key(d), d.message)
    findings = [
        {"path": p, "code": c, "fingerprint": f, "count": n, "message": messages[(p, c, f)]}
        for (p, c, f), n in sorted(counts.items())
    ]
    document = {"version": VERSION, "tool": "minutekit", "findings": findings}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
