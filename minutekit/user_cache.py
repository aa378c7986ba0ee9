"""The user's cache folder for what minutekit compiles once and reuses (the grammar's
tables, the schema requirements' code): ``$XDG_CACHE_HOME/minutekit`` or
``~/.cache/minutekit``; ``MINUTEKIT_NO_CACHE=1`` turns it off.

Never the shared temporary folder: what is cached is loaded as code, and only the user
should be able to write it. A folder that cannot be made or written gives None, and the
caller compiles in memory instead.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["folder"]


def folder() -> Path | None:
    """The cache folder (made if missing), or None when there is nowhere safe."""
    if os.environ.get("MINUTEKIT_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    path = Path(base, "minutekit")
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(path, os.W_OK):
        return None
    return path
