"""The public Python API: minutekit.validate / parse / convert, as a program calls them."""

from __future__ import annotations

import ast
import datetime
import importlib
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import minutekit
from helpers import FIXTURES, ROOT, SEED_FILES, seed_name
from minutekit.cli import main

VALID = SEED_FILES[0]  # 000: valid under the seeds' profile
INVALID = SEED_FILES[2]  # 002: no title
MEETING = FIXTURES / "meeting_minutes.txt"
DAY = datetime.date(2023, 11, 14)


def _cli_lines(*args: str) -> list[str]:
    result = CliRunner().invoke(main, ["validate", "--format", "text", *args])
    return [line for line in result.stdout.splitlines() if ": " in line and "MK" in line]


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_validate_a_path_reports_what_the_command_line_reports(seed: Path) -> None:
    result = minutekit.validate(seed, name=seed_name(seed))
    assert [d.to_text() for d in result.diagnostics] == _cli_lines(seed_name(seed))


def test_bytes_text_and_path_are_the_same_file() -> None:
    data = INVALID.read_bytes()
    by_path = minutekit.validate(INVALID, name="item.txt")
    by_bytes = minutekit.validate(data, name="item.txt")
    by_text = minutekit.validate(data.decode("utf-8"), name="item.txt")
    assert by_path.diagnostics == by_bytes.diagnostics == by_text.diagnostics
    assert [d.code for d in by_path.diagnostics] == ["MK101", "MK102"]
    assert minutekit.validate(data).name == "<bytes>"
    assert minutekit.validate("Title\n").name == "<text>"
    assert minutekit.validate(INVALID).name == str(INVALID)


def test_a_result_says_whether_it_holds_an_item_or_a_meeting() -> None:
    one = minutekit.validate(VALID)
    assert one.kind == "item" and one.items == (one.item,) and one.meeting is None
    meeting = minutekit.validate(MEETING)
    assert meeting.kind == "meeting" and len(meeting.items) == 3
    assert meeting.meeting is not None and meeting.items == meeting.meeting.items
    with pytest.raises(ValueError, match=r"holds a meeting of 3 items: use \.items or \.meeting"):
        meeting.item  # noqa: B018


@pytest.mark.parametrize("path", [VALID, INVALID, MEETING], ids=lambda p: p.name[:7])
def test_results_are_picklable(path: Path) -> None:
    result = minutekit.validate(path)
    again = pickle.loads(pickle.dumps(result))
    assert again == result and again.kind == result.kind and again.valid == result.valid
    parsed = minutekit.parse(path)
    assert pickle.loads(pickle.dumps(parsed)) == parsed


def test_parse_gives_what_minutekit_parse_prints() -> None:
    import json

    printed = CliRunner().invoke(main, ["parse", str(MEETING)]).stdout
    assert minutekit.parse(MEETING).to_jsonable() == json.loads(printed)


def test_profile_select_and_ignore_choose_the_rules() -> None:
    data = INVALID.read_bytes()
    assert [d.code for d in minutekit.validate(data, profile="moderngov").diagnostics] == []
    assert minutekit.validate(data, ignore=["missing-title"]).valid
    only = minutekit.validate(SEED_FILES[4], select="MK104")
    assert {d.code for d in only.diagnostics} == {"MK104"}
    with pytest.raises(ValueError, match="no rule 'MK999'"):
        minutekit.validate(data, select=["MK999"])
    with pytest.raises(minutekit.ConfigError, match="found 'nonesuch'"):
        minutekit.validate(data, profile="nonesuch")


def test_a_configuration_file_applies(tmp_path: Path) -> None:
    config = tmp_path / ".minutekit.toml"
    config.write_text('ignore = ["MK101"]\n')
    data = INVALID.read_bytes()
    assert minutekit.validate(data, config=config).valid
    # A path's nearest configuration applies, as on the command line; bytes get none.
    copy = tmp_path / "item.txt"
    copy.write_bytes(data)
    assert minutekit.validate(copy).valid
    assert not minutekit.validate(data).valid


def test_convert_gives_the_bytes_the_command_line_writes(tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": str(int(datetime.datetime(2023, 11, 14).timestamp()))}
    written = CliRunner(env=env).invoke(main, ["convert", str(VALID), "--to", "akn"]).stdout_bytes
    result = minutekit.validate(VALID)
    assert minutekit.convert(result, to="akn", generated=DAY) == written


def test_convert_refuses_errors_unless_forced() -> None:
    result = minutekit.validate(INVALID)
    with pytest.raises(minutekit.ConversionError, match="has 1 error"):
        minutekit.convert(result, to="json", generated=DAY)
    assert minutekit.convert(result, to="json", generated=DAY, force=True).startswith(b"{")
    with pytest.raises(ValueError, match="'docx' is not a format"):
        minutekit.convert(result, to="docx", force=True)


def test_a_meeting_converts_to_one_document_and_to_tables() -> None:
    meeting = minutekit.parse(MEETING)
    xml = minutekit.convert(meeting, to="akn", generated=DAY)
    assert xml.count(b"<debateSection") >= 3
    tables = minutekit.convert_tables([meeting, minutekit.parse(VALID)], generated=DAY)
    items = tables["items.csv"].decode("utf-8").splitlines()
    assert [row.split(",")[0] for row in items[1:]] == [
        "meeting_minutes-1",
        "meeting_minutes-2",
        "meeting_minutes-3",
        VALID.stem,
    ]
    with pytest.raises(ValueError, match=r"use minutekit\.convert_tables"):
        minutekit.convert(meeting, to="csv")


def test_every_public_name_is_importable_and_listed_once() -> None:
    assert len(set(minutekit.__all__)) == len(minutekit.__all__)
    for name in minutekit.__all__:
        assert getattr(minutekit, name) is not None
    homes = importlib.import_module("minutekit")._HOMES
    assert set(minutekit.__all__) == {"__version__", *homes}


def _readme_dask_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    [example] = [block for block in blocks if "dask.bag" in block]
    ast.parse(example)
    return str(example)


def test_the_readme_dask_example_validates_an_archive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "minutes" / "2019"
    folder.mkdir(parents=True)
    for seed in SEED_FILES:
        shutil.copy(seed, folder / seed.name)
    shutil.copy(MEETING, tmp_path / "minutes" / MEETING.name)
    ran = subprocess.run(
        [sys.executable, "-c", _readme_dask_example()],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    monkeypatch.chdir(tmp_path)
    checked = CliRunner().invoke(main, ["validate", "minutes"], catch_exceptions=False)
    failing = sorted(
        {line.split(":")[0] for line in checked.stdout.splitlines() if ": error" in line}
    )
    assert failing  # the archive has invalid files, so the comparison means something
    assert ran.stdout.strip() == repr(failing)
