"""Converters: each seed × each format against its snapshot and against the real standard."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from lxml import etree

from helpers import (
    AKN_NS,
    FIXTURES,
    SEED_FILES,
    akn_body_text,
    check_text,
    elements,
    seed_name,
    text_of,
    words,
)
from minutekit import formats as converters
from minutekit.convert import ConversionError, ConvertOptions, item_id_for, write_atomic
from minutekit.model import AgendaItem, MeetingFile
from minutekit.schema import schema
from minutekit.validate import validate_bytes

GENERATED = datetime.date(2026, 11, 23)
SEED_IDS = [p.name[:3] for p in SEED_FILES]


def _item(path: Path) -> AgendaItem:
    return validate_bytes(path.read_bytes(), seed_name(path)).item


def _options(item: AgendaItem, **changes: object) -> ConvertOptions:
    return ConvertOptions(generated=GENERATED, item_id=item_id_for(item), **changes)  # type: ignore[arg-type]


def _akn(path: Path, **changes: object) -> bytes:
    item = _item(path)
    return converters.get("akn").convert(item, _options(item, **changes))


def test_the_three_formats_are_discovered() -> None:
    found = converters.available()
    assert list(found) == ["akn", "csv", "json"]
    assert [(c.suffix, c.media_type, c.batch) for c in found.values()] == [
        (".akn.xml", "application/akn+xml", False),
        (".csv", "text/csv", True),
        (".json", "application/json", False),
    ]


def test_a_plugin_format_comes_from_the_entry_point_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An installed distribution as importlib.metadata finds it: a module and a
    # dist-info folder whose entry_points.txt names it in the minutekit.converters group.
    (tmp_path / "minutekit_yaml_plugin.py").write_text(
        '"""YAML, from a plugin."""\n'
        'FORMAT = "yaml"\nSUFFIX = ".yaml"\nMEDIA_TYPE = "application/yaml"\n\n'
        "def convert(item, options):\n"
        '    return f"title: {item.title.text}\\n".encode()\n',
        encoding="utf-8",
    )
    info = tmp_path / "minutekit_yaml_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: minutekit-yaml-plugin\nVersion: 0.1\n"
    )
    (info / "entry_points.txt").write_text("[minutekit.converters]\nyaml = minutekit_yaml_plugin\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    converters.available.cache_clear()
    try:
        plugin = converters.get("yaml")
        item = _item(SEED_FILES[0])
        assert plugin.description == "YAML, from a plugin."
        assert plugin.convert(item, _options(item)) == (
            b"title: PROTECTING CHILDREN AND VULNERABLE ADULTS AT RISK OF EXPLOITATION\n"
        )
    finally:
        converters.available.cache_clear()


# ---------------------------------------------------------------- snapshots


#: Every discovered format, and those that write one document per input.
FORMATS = list(converters.available())
DOCUMENT_FORMATS = [name for name, c in converters.available().items() if not c.batch]
BATCH_FORMATS = [name for name, c in converters.available().items() if c.batch]


def _outputs(name: str, items: list[tuple[AgendaItem, str]]) -> dict[str, bytes]:
    """What format ``name`` writes for ``items``: its one document ("" for the name),
    or each of a batch format's files (by name, without the suffix)."""
    converter = converters.get(name)
    if not converter.batch:
        [(item, item_id)] = items
        return {"": converter.convert(item, ConvertOptions(GENERATED, item_id=item_id))}
    files = converter.convert_batch(items, ConvertOptions(generated=GENERATED))
    return {
        file.removesuffix(converter.suffix): data
        for file, data in files.items()
        if file.endswith(converter.suffix)  # the data package: test_datapackage_snapshot
    }


def _assert_snapshots(outputs: dict[str, bytes], snapshot: Any) -> None:
    assert outputs
    for part, data in sorted(outputs.items()):
        assert data == (snapshot(name=part) if part else snapshot)


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("path", SEED_FILES, ids=SEED_IDS)
def test_seed_snapshot(path: Path, name: str, output_snapshot: Any) -> None:
    item = _item(path)
    _assert_snapshots(_outputs(name, [(item, item_id_for(item))]), output_snapshot(name))


#: Fixtures of the layouts of other councils whose new model fields every converter
#: writes: a decision part, votes, declarations, exempt business, a stated meeting.
LAYOUT_FIXTURES = [
    "decision_before_minutes",
    "decision_page_contact_after_resolved",
    "lead_in_outcome",
    "voting_record",
    "declarations_of_interest",
    "exempt_item",
]


@pytest.mark.parametrize("name", DOCUMENT_FORMATS)
@pytest.mark.parametrize("fixture", LAYOUT_FIXTURES)
def test_layout_snapshot(fixture: str, name: str, output_snapshot: Any) -> None:
    item = _item(FIXTURES / f"{fixture}.txt")
    _assert_snapshots(_outputs(name, [(item, item_id_for(item))]), output_snapshot(name))


@pytest.mark.parametrize("name", BATCH_FORMATS)
def test_layout_tables_snapshot(name: str, output_snapshot: Any) -> None:
    items = [(_item(FIXTURES / f"{n}.txt"), n) for n in LAYOUT_FIXTURES]
    _assert_snapshots(_outputs(name, items), output_snapshot(name))


def _meeting() -> MeetingFile:
    meeting = validate_bytes(
        (FIXTURES / "meeting_minutes.txt").read_bytes(), "meeting_minutes.txt"
    ).meeting
    assert meeting is not None
    return meeting


@pytest.mark.parametrize("name", DOCUMENT_FORMATS)
def test_meeting_snapshot(name: str, output_snapshot: Any) -> None:
    meeting = _meeting()
    options = _options(meeting.items[0])
    assert converters.get(name).convert_meeting(meeting, options) == output_snapshot(name)


def test_meeting_csv_snapshot(output_snapshot: Any) -> None:
    records = converters.get("csv").meeting_records(_meeting(), "meeting")
    rows = [",".join(row) for row in records["items"]]
    assert ("\n".join(rows) + "\n").encode() == output_snapshot("csv")


def test_datapackage_snapshot(output_snapshot: Any) -> None:
    items = [(_item(p), item_id_for(_item(p))) for p in SEED_FILES]
    files = converters.get("csv").convert_batch(items, ConvertOptions(generated=GENERATED))
    assert files["datapackage.json"] == output_snapshot("json")


# ---------------------------------------------------------------- Akoma Ntoso


@pytest.mark.parametrize("path", SEED_FILES, ids=SEED_IDS)
def test_akn_is_valid_against_the_strict_schema(path: Path, strict_xsd: etree.XMLSchema) -> None:
    document = etree.fromstring(_akn(path))
    assert strict_xsd.validate(document), strict_xsd.error_log


@pytest.mark.parametrize("path", SEED_FILES, ids=SEED_IDS)
def test_akn_has_every_word_of_the_source_in_order_and_nothing_else(path: Path) -> None:
    document = etree.fromstring(_akn(path))
    assert words(akn_body_text(document)) == words(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", SEED_FILES, ids=SEED_IDS)
def test_akn_eids_are_unique_and_every_reference_resolves(path: Path) -> None:
    document = etree.fromstring(_akn(path))
    eids = [e.get("eId") for e in document.iter() if e.get("eId")]
    assert len(eids) == len(set(eids))
    tlcs = {e.get("eId") for e in document.iter() if etree.QName(e).localname.startswith("TLC")}
    for element in document.iter():
        for attribute in ("refersTo", "by", "as", "to", "source", "href"):
            value = element.get(attribute) or ""
            if value.startswith("#"):
                assert value[1:] in tlcs, f"{etree.QName(element).localname}@{attribute}={value}"


@pytest.mark.parametrize("path", SEED_FILES, ids=SEED_IDS)
def test_akn_every_block_and_container_has_an_eid(path: Path) -> None:
    document = etree.fromstring(_akn(path))
    needs = {"debateSection", "p", "blockList", "item", "ul", "li", "resolutions", "papers"}
    missing = [
        etree.QName(e).localname
        for e in document.iter(f"{{{AKN_NS}}}*")
        if etree.QName(e).localname in needs and not e.get("eId")
    ]
    assert missing == []


def test_akn_eids_follow_the_naming_convention() -> None:
    document = etree.fromstring(_akn(SEED_FILES[0]))
    eids = [e.get("eId") for e in document.iter() if e.get("eId")]
    assert "dbsect_1__dbsect_1__dbsect_1__list_1__item_5" in eids
    assert "dbsect_1__dbsect_2__resolutions_1__list_1__item_3__p_1" in eids
    assert "dbsect_1__papers_1" in eids and "preface__p_2" in eids


def test_akn_owners_become_roles_and_contact_names_persons() -> None:
    ns = {"a": AKN_NS}
    document = etree.fromstring(_akn(SEED_FILES[3]))
    [action] = elements(document, "//a:p[@class='action']", ns)
    assert [r.text for r in elements(action, "a:role", ns)] == [
        "Strategic Director Children’s Services",
        "City Solicitor",
    ]
    assert text_of(action) == (
        "ACTION: Strategic Director Children’s Services / City Solicitor (referral to Area Committees)"
    )
    two = etree.fromstring(_akn(SEED_FILES[2]))
    [contact] = elements(two, "//a:p[@class='contact']", ns)
    assert [p.get("refersTo") for p in contact] == ["#darrenMinton", "#janiceHawkes"]
    assert text_of(contact) == "(Darren Minton/Janice Hawkes – 01274 434361)"


def test_akn_without_title_has_no_heading_or_alias() -> None:
    document = etree.fromstring(_akn(SEED_FILES[2]))
    ns = {"a": AKN_NS}
    assert document.xpath("//a:FRBRalias", namespaces=ns) == []
    assert document.xpath("//a:debateSection[@name='agendaItem']/a:heading", namespaces=ns) == []


def test_akn_frbr_uris_with_meeting_date_and_locality() -> None:
    xml = _akn(SEED_FILES[0], meeting_date=datetime.date(2019, 3, 14), locality="brd")
    document = etree.fromstring(xml)
    ns = {"a": AKN_NS}
    values = document.xpath(
        "//a:FRBRWork/a:FRBRthis/@value | //a:FRBRManifestation/a:FRBRuri/@value", namespaces=ns
    )
    assert values == [
        "/akn/gb-brd/debateReport/minutes/2019-03-14/000_1a265f0351298919/!main",
        "/akn/gb-brd/debateReport/minutes/2019-03-14/000_1a265f0351298919/eng.xml",
    ]
    assert document.xpath("//a:FRBRcountry/@value", namespaces=ns) == ["gb-brd"]
    unknown = document.xpath("//mk:unknown/@field", namespaces={"mk": "urn:minutekit:akn:1"})
    assert unknown == ["authoringBody", "documentHref"]
    assert (
        b'mk:status="unknown"'
        not in xml.split(b"<FRBRManifestation>")[0].split(b"<FRBRWork>")[1].split(b"FRBRauthor")[0]
    )


def test_akn_without_meeting_date_uses_the_flagged_null_date() -> None:
    document = etree.fromstring(_akn(SEED_FILES[4]))
    ns = {"a": AKN_NS, "mk": "urn:minutekit:akn:1"}
    [work_date] = elements(document, "//a:FRBRWork/a:FRBRdate", ns)
    assert (work_date.get("date"), work_date.get("{urn:minutekit:akn:1}status")) == (
        "0001-01-01",
        "unknown",
    )
    assert document.xpath("//mk:unknown/@field", namespaces=ns) == [
        "meetingDate",
        "authoringBody",
        "locality",
    ]
    assert document.xpath("//a:FRBRManifestation/a:FRBRdate/@date", namespaces=ns) == ["2026-11-23"]


def test_akn_marks_document_references_and_dates_as_the_design_does() -> None:
    document = etree.fromstring(_akn(SEED_FILES[0]))
    inline = [
        (etree.QName(e).localname, e.get("date") or e.get("status"), e.text)
        for e in document.iter(f"{{{AKN_NS}}}ref", f"{{{AKN_NS}}}date")
    ]
    assert inline == [
        ("ref", "unknown", "Document “P”"),
        ("date", "2018-10-10", "10th October 2018"),
        ("ref", "unknown", "Document “P”"),
        ("ref", "unknown", "Document P"),
        ("date", "2018-10-10", "10 October 2018"),
    ]
    refs = document.xpath(
        "//mk:unknown[@field='documentHref']/@ref", namespaces={"mk": "urn:minutekit:akn:1"}
    )
    assert refs == ["Document P"]


def test_akn_document_reference_must_start_a_word() -> None:
    item = check_text("Minutes:\n\nSee SupportingDocument A and Document B.\n").item
    document = etree.fromstring(converters.get("akn").convert(item, _options(item)))
    assert document.xpath("//a:ref/text()", namespaces={"a": AKN_NS}) == ["Document B"]


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        ("Met on 1st March 2019 and 22 april 2020.", ["2019-03-01", "2020-04-22"]),
        ("Set up in October 2013.", []),
        ("Due on 31st February 2019.", []),
        ("Codes A10 March 2019 and 2019 10 May 2019.", ["2019-05-10"]),
        ("Minute 123 March 2019 and 05 June 2021 (item 7).", ["2021-06-05"]),
        ("Met 3rd\u00a0May 2019; ref x_4 May 2019.", ["2019-05-03"]),
    ],
)
def test_akn_dates(sentence: str, dates: list[str], strict_xsd: etree.XMLSchema) -> None:
    item = check_text(f"Minutes:\n\n{sentence}\n").item
    document = etree.fromstring(converters.get("akn").convert(item, _options(item)))
    assert document.xpath("//a:date/@date", namespaces={"a": AKN_NS}) == dates
    assert strict_xsd.validate(document)
    assert words(akn_body_text(document)) == ["Minutes:", *words(sentence)]


def test_akn_keeps_unplaced_lines_of_a_forced_item(strict_xsd: etree.XMLSchema) -> None:
    text = "Agenda item\n\nA TITLE\n\nMinutes:\n\nText.\n\nACTION: Chief Executive\n\nRecommended –\n\nSupporting documents:\n\nreport.pdf\n"
    item = check_text(text).item
    document = etree.fromstring(converters.get("akn").convert(item, _options(item)))
    assert strict_xsd.validate(document), strict_xsd.error_log
    assert words(akn_body_text(document)) == words(text)


# ---------------------------------------------------------------- JSON


@pytest.mark.parametrize("path", SEED_FILES, ids=SEED_IDS)
def test_json_output_validates_against_the_schema(path: Path) -> None:
    result = validate_bytes(path.read_bytes(), seed_name(path))
    document = json.loads(converters.get("json").convert(result.item, _options(result.item)))
    errors = list(Draft202012Validator(schema()).iter_errors(document))
    assert (errors == []) is result.valid
    shape_only = dict(schema(), allOf=[])
    assert list(Draft202012Validator(shape_only).iter_errors(document)) == []


# ---------------------------------------------------------------- CSV


def test_csv_package_is_valid_for_frictionless(tmp_path: Path) -> None:
    from frictionless import Package

    paths = [
        *SEED_FILES,
        *(
            FIXTURES / f"{name}.txt"
            for name in ("voting_record", "declarations_of_interest", "exempt_item")
        ),
    ]
    items = [(_item(p), item_id_for(_item(p))) for p in paths]
    for name, content in (
        converters.get("csv").convert_batch(items, ConvertOptions(generated=GENERATED)).items()
    ):
        (tmp_path / name).write_bytes(content)
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    # items, recommendations, resolutions, actions, votes, declarations
    assert [task.stats["rows"] for task in report.tasks] == [8, 12, 10, 5, 1, 2]


def test_csv_neutralises_formulas_and_round_trips() -> None:
    text = 'Agenda item\n\n=HYPERLINK("x")\n\nResolved –\n\n(1)  -1 That it be so.\n(2)  @SUM(A1) noted.\n\nACTION: +Chief Executive\n'
    item = check_text(text).item
    files = converters.get("csv").convert_batch([(item, "t")], ConvertOptions(generated=GENERATED))
    items = list(csv.DictReader(io.StringIO(files["items.csv"].decode("utf-8"), newline="")))
    resolutions = list(
        csv.DictReader(io.StringIO(files["resolutions.csv"].decode("utf-8"), newline=""))
    )
    actions = list(csv.DictReader(io.StringIO(files["actions.csv"].decode("utf-8"), newline="")))
    assert items[0]["title"] == '\'=HYPERLINK("x")'
    assert [r["text"] for r in resolutions] == ["'-1 That it be so.", "'@SUM(A1) noted."]
    assert actions[0]["owner"] == "'+Chief Executive"
    assert "leading apostrophe" in json.loads(files["datapackage.json"])["description"]


def test_csv_action_without_owner_keeps_a_row() -> None:
    item = check_text("Resolved –\n\n(1)  That.\n\nACTION:\n").item
    files = converters.get("csv").convert_batch([(item, "t")], ConvertOptions(generated=GENERATED))
    rows = list(csv.DictReader(io.StringIO(files["actions.csv"].decode("utf-8"), newline="")))
    assert [(r["owner_position"], r["owner"]) for r in rows] == [("0", "")]


# ---------------------------------------------------------------- writing


def test_write_atomic_leaves_nothing_behind_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_write_atomic_refuses_to_write_over_an_input(tmp_path: Path) -> None:
    source = tmp_path / "item.txt"
    source.write_bytes(b"Agenda item\n")
    with pytest.raises(ConversionError, match="one of the inputs"):
        write_atomic(source, b"x", [source])
    assert source.read_bytes() == b"Agenda item\n"


def test_write_atomic_gives_the_mode_of_a_plain_open(tmp_path: Path) -> None:
    mask = os.umask(0o027)
    try:
        write_atomic(tmp_path / "out.xml", b"x")
        (tmp_path / "plain.xml").write_bytes(b"x")
    finally:
        os.umask(mask)
    mode = (tmp_path / "out.xml").stat().st_mode & 0o777
    assert mode == (tmp_path / "plain.xml").stat().st_mode & 0o777 == 0o640


def test_write_atomic_leaves_a_file_that_holds_the_output_as_it_is(tmp_path: Path) -> None:
    """Writing what a file already holds, with the mode a write would give it, leaves
    the file untouched (same inode, same time); any difference is written."""
    target = tmp_path / "out.xml"
    write_atomic(target, b"<a/>")
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    before = target.stat()
    write_atomic(target, b"<a/>")
    after = target.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, 1_000_000_000)
    assert target.read_bytes() == b"<a/>"

    for changed in (b"<b/>", b"<a/>\n"):  # other bytes, or more of them
        write_atomic(target, changed)
        assert target.read_bytes() == changed
        assert target.stat().st_mtime_ns != 1_000_000_000
        os.utime(target, ns=(1_000_000_000, 1_000_000_000))

    # The same bytes under another mode: written, with the mode a write gives.
    same = target.read_bytes()
    target.chmod(0o600)
    mask = os.umask(0o022)
    try:
        write_atomic(target, same)
    finally:
        os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o644
    assert target.read_bytes() == same


def test_write_atomic_replaces_a_link_that_holds_the_output(tmp_path: Path) -> None:
    """A link at the output's place is replaced by the file, even when what it points
    to holds the same bytes (as before: an output is a file of its own)."""
    elsewhere = tmp_path / "elsewhere.xml"
    write_atomic(elsewhere, b"<a/>")
    target = tmp_path / "out.xml"
    target.symlink_to(elsewhere)
    write_atomic(target, b"<a/>")
    assert not target.is_symlink()
    assert target.read_bytes() == elsewhere.read_bytes() == b"<a/>"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_write_atomic_leaves_a_named_pipe_without_waiting_on_it(tmp_path: Path) -> None:
    """What is at the output's place is read only if it is a file: a named pipe is not
    opened to wait for a writer, nor replaced by a file (its reader would wait for ever):
    the write fails, saying why."""
    target = tmp_path / "out.xml"
    os.mkfifo(target)
    with pytest.raises(OSError, match=r"a named pipe is there, not a file \(left as it is\)"):
        write_atomic(target, b"<a/>")
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.xml"]  # no temporary file left


def test_csv_streamed_tables_are_the_bytes_of_convert_batch(tmp_path: Path) -> None:
    from minutekit.convert import InputFiles

    converter = converters.get("csv")
    items = [(_item(p), item_id_for(_item(p))) for p in SEED_FILES]
    options = ConvertOptions(generated=GENERATED)
    writer = converter.open_batch(tmp_path, options, InputFiles.of([]))
    for item, item_id in items:
        writer.add(converter.records(item, item_id))
    assert not list(tmp_path.glob("*.csv"))  # nothing in place before commit
    writer.commit()
    streamed = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert streamed == dict(converter.convert_batch(items, options))


def test_csv_abort_leaves_nothing(tmp_path: Path) -> None:
    from minutekit.convert import InputFiles

    converter = converters.get("csv")
    writer = converter.open_batch(tmp_path, ConvertOptions(generated=GENERATED), InputFiles.of([]))
    writer.add(converter.records(_item(SEED_FILES[0]), "x"))
    writer.abort()
    assert list(tmp_path.iterdir()) == []


def test_a_stated_meeting_reaches_json_csv_and_akn(strict_xsd: etree.XMLSchema) -> None:
    path = FIXTURES / "issue_history_meeting.txt"
    item = validate_bytes(path.read_bytes(), path.name).item
    assert item.to_jsonable()["meeting"] == {
        "date": "2020-09-16",
        "committee": "Environment Committee",
        "item": "9.",
        "span": {"line": 5, "column": 1, "end_line": 5, "end_column": 54},
    }
    tables = converters.get("csv").convert_batch([(item, "x")], ConvertOptions(generated=GENERATED))
    [row] = csv.DictReader(io.StringIO(tables["items.csv"].decode(), newline=""))
    assert (row["meeting_date"], row["committee"]) == ("2020-09-16", "Environment Committee")
    document = etree.fromstring(converters.get("akn").convert(item, _options(item)))
    assert strict_xsd.validate(document), strict_xsd.error_log
    assert words(akn_body_text(document)) == words(path.read_text())
    ns = {"a": AKN_NS}
    assert document.xpath("//a:FRBRWork/a:FRBRdate/@date", namespaces=ns) == ["2020-09-16"]
    assert document.xpath("//a:organization/text()", namespaces=ns) == ["Environment Committee"]
    assert document.xpath("//a:p[a:organization]/a:date/@date", namespaces=ns) == ["2020-09-16"]
    assert document.xpath("//a:TLCOrganization/@showAs", namespaces=ns) == [
        "minutekit",
        "Environment Committee",
    ]


def test_a_meeting_line_with_an_impossible_date_keeps_the_committee() -> None:
    item = check_text("TITLE\n\nMeeting: 31/02/2020 - Cabinet\n\nMinutes:\n\nText.\n").item
    assert item.meeting is not None
    assert (item.meeting.date, item.meeting.committee, item.meeting.item) == (None, "Cabinet", None)


def test_a_decision_over_the_outcome_after_the_minutes_keeps_every_word_in_order(
    strict_xsd: etree.XMLSchema,
) -> None:
    # Found by the fuzzer: an unplaced line inside the Resolved block under a decision
    # was written twice, once out of order, when the block became the item's outcome.
    text = (
        "Overview and Scrutiny Area: Health\n\nThe Chair introduced the item.\n\n"
        "Decision:\n\nResolved-\n\nThat it be noted.\n\nResolved –\n\n(1) That it be so.\n"
    )
    result = check_text(text)
    assert result.item.decision is not None and result.item.resolved is not None
    assert result.item.decision.span.end_line == 5  # only its heading: the block is the item's
    root = etree.fromstring(converters.get("akn").convert(result.item, _options(result.item)))
    assert strict_xsd.validate(root), strict_xsd.error_log
    assert words(akn_body_text(root)) == words(text)
