"""The user's cache folder for what minutekit compiles once and reuses (the grammar's
tables, the schema requirements' code): ``$XDG_CACHE_HOME/minutekit`` or
``~/.cache/minutekit``; ``MINUTEKIT_NO_CACHE=1`` turns it off.

Never the shared temporary folder: what is cached is loaded as code, and only the user
should be able to write it. A folder that cannot be made or written gives None, and the
caller compiles in memory instead.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

__all__ = ["file_for", "folder", "write"]


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


def file_for(kind: str, *material: str) -> Path | None:
    """The cache file for ``kind`` made from ``material`` (everything it depends on):
    ``<folder>/<kind>-<digest of the material>.json``; None when there is no folder."""
    import hashlib

    base = folder()
    if base is None:
        return None
    joined = "\0".join(material).encode("utf-8", "surrogatepass")
    return base / f"{kind}-{hashlib.sha256(joined).hexdigest()[:24]}.json"


def write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` in the cache whole or not at all (a concurrent run may
    race us, and a reader must never see half a file); one that cannot be written is
    skipped."""
    import tempfile  # only when something is written: a run that reads is spared it

    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if not isinstance(error, OSError):
            raise
