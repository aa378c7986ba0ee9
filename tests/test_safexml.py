"""XML is only ever parsed without entity expansion, DTDs or network access."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import ROOT, text_of
from minutekit import safexml

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>"""


def test_entities_are_not_expanded() -> None:
    root = safexml.fromstring(BILLION_LAUGHS)
    assert "lollol" not in text_of(root)  # the reference stays unexpanded


def test_external_entities_do_not_read_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    document = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]><d>&x;</d>'
    ).encode()
    assert "TOP SECRET" not in text_of(safexml.fromstring(document))


def test_no_other_xml_parsing_in_the_code() -> None:
    unsafe = re.compile(r"etree\.(?:parse|fromstring|XML|HTML|iterparse)\(")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("minutekit", "converters")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.name != "safexml.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if unsafe.search(line)
    ]
    assert offenders == []
