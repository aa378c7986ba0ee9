"""Helpers shared by the tests: where the seeds and fixtures are, and small checks.

Tests import ``minutekit`` as installed (``pip install -e '.[test]'`` or tox); the
``tests`` folder is not a package, so the source tree is never put on ``sys.path``.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from minutekit.validate import ValidationResult, validate_bytes

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def seeds_in_minutes(folder: Path) -> Path:
    """``folder`` with the seeds copied into ``minutes/`` (an invalid one among them:
    exit 1 when all is shown)."""
    (folder / "minutes").mkdir()
    for seed in SEED_FILES:
        shutil.copy(seed, folder / "minutes" / seed.name)
    return folder


def run_minutekit(
    cwd: Path,
    *args: str,
    env: Mapping[str, str] = {},
    without: Iterable[str] = (),
    timeout: float | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m minutekit ARGS`` in a real process in ``cwd`` (what a user sees, a
    traceback included), with this process's environment, ``env`` added and the names
    ``without`` taken out; killed after ``timeout`` seconds (TimeoutExpired)."""
    environment = {k: v for k, v in os.environ.items() if k not in set(without)}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "minutekit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=timeout,
    )


#: The group a test's file is shared with; another run is given only ``_NO_GROUP``.
_NO_GROUP = 65534


@functools.cache
def as_group_prefix() -> tuple[str, ...] | None:
    """A command prefix that runs a process as root without root's power to read any
    file (``CAP_DAC_OVERRIDE``, ``CAP_DAC_READ_SEARCH``), so that, as for anyone, its
    groups decide what it may read; None where that cannot be done (not root, no
    ``setpriv``). Add ``--regid``/``--clear-groups`` for another group
    (:func:`in_no_group`)."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        return None
    drop = "-dac_override,-dac_read_search"
    prefix = (setpriv, f"--bounding-set={drop}", f"--inh-caps={drop}")
    probe = subprocess.run([*prefix, "--regid", str(_NO_GROUP), "--clear-groups", "true"])
    return prefix if probe.returncode == 0 else None


def in_no_group(prefix: tuple[str, ...]) -> tuple[str, ...]:
    """``prefix`` (:func:`as_group_prefix`) for a process in no group but ``nogroup``."""
    return (*prefix, "--regid", str(_NO_GROUP), "--clear-groups")


def readable_by_its_group_only(path: Path) -> None:
    """Make ``path`` readable by root's group (0) only: a process of :func:`as_group_prefix`
    may read it, one of :func:`in_no_group` may not."""
    os.chown(path, _NO_GROUP, 0)  # owned by another user: its group's bits apply to root
    os.chmod(path, 0o040)


def check_text(text: str, name: str = "fixture.txt") -> ValidationResult:
    """Validate ``text`` as if it were the file ``name``."""
    return validate_bytes(text.encode("utf-8"), name)


def codes(result: ValidationResult) -> list[str]:
    return [d.code for d in result.diagnostics]


def seed_name(path: Path) -> str:
    return f"seeds/{path.name}"


# ------------------------------------------------------------------ Akoma Ntoso

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# Elements that end a word: text inside inline elements (role, person, docType) runs on.
BLOCK_ELEMENTS = {"p", "heading", "num", "li", "item", "blockList", "ul"}
BULLETS = set("·•")


def words(text: str) -> list[str]:
    """Whitespace-separated words, without the bullet glyphs that open them.

    A bullet is a list marker that Akoma Ntoso writes as ``ul``/``li``, so "· Text" and
    "·Text" both read as the word "Text" (the same on both sides of a comparison).
    """
    stripped = (w.lstrip("".join(BULLETS)) for w in text.split())
    return [w for w in stripped if w]


def akn_body_text(root) -> str:  # type: ignore[no-untyped-def]
    """The text of an AKN document outside ``meta``, with breaks at block boundaries."""
    from lxml import etree

    parts: list[str] = []

    def walk(element) -> None:  # type: ignore[no-untyped-def]
        name = etree.QName(element).localname
        if name == "meta":
            parts.append(element.tail or "")
            return
        block = name in BLOCK_ELEMENTS
        parts.append(" " if block else "")
        parts.append(element.text or "")
        for child in element:
            walk(child)
        parts.append(" " if block else "")
        parts.append(element.tail or "")

    for child in root:
        walk(child)
    return "".join(parts)


def elements(node: Any, path: str, namespaces: dict[str, str]) -> list[Any]:
    """The elements an XPath selects (typed: lxml's stubs type every XPath result)."""
    from lxml import etree

    found = node.xpath(path, namespaces=namespaces)
    assert isinstance(found, list)
    assert all(isinstance(e, etree._Element) for e in found), "the path selects elements only"
    return found


def text_of(element: Any) -> str:
    """All the text inside ``element``."""
    return "".join(str(part) for part in element.itertext())
