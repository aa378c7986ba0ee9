"""The command line through click's runner: exit codes, stdin, formats, bad paths."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import SEED_FILES, SEEDS
from minutekit.cli import main
from minutekit.schema import schema, shape_schema

VALID_SEED = str(SEED_FILES[0])


def _location(line: str) -> tuple[str, int, int]:
    path, row, column = line.split(":")[:3]
    return path, int(row), int(column)


@pytest.fixture
def run():  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def invoke(*args: str, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(main, list(args), input=stdin, catch_exceptions=False)

    return invoke


def test_valid_file_exits_0(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", VALID_SEED)
    assert result.exit_code == 0
    assert result.stdout == "No problems found in 1 file.\n"


def test_seeds_folder_exits_1_with_errors_only_for_002_and_004(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", str(SEEDS))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    errors = [line for line in lines if ": error " in line]
    assert {Path(line.split(":")[0]).name[:3] for line in errors} == {"002", "004"}
    assert lines[-1] == "Found 3 errors and 4 warnings in 5 files (2 invalid)."
    body = lines[:-1]
    assert body == sorted(body, key=_location)


def test_line_format(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", str(SEED_FILES[4]))
    assert (
        f"{SEED_FILES[4]}:63:1: error MK103 missing-resolved: minutes recorded but no 'Resolved' block"
        in result.stdout
    )


def test_warnings_alone_exit_0(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", str(SEED_FILES[3]))
    assert result.exit_code == 0
    assert "warning MK301 lost-character" in result.stdout


def test_stdin_with_a_filename(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", "-", "--stdin-filename", "item.txt", stdin=SEED_FILES[4].read_bytes())
    assert result.exit_code == 1
    assert result.stdout.startswith("item.txt:7:1: warning MK106")


def test_stdin_default_name(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", "-", stdin=SEED_FILES[0].read_bytes())
    assert result.exit_code == 0


def test_missing_path_exits_2_and_the_others_are_still_checked(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", "no/such/file.txt", str(SEED_FILES[4]))
    assert result.exit_code == 2
    assert (
        "minutekit: error: cannot read 'no/such/file.txt': No such file or directory"
        in result.stderr
    )
    assert "MK103" in result.stdout


def test_invalid_utf8_is_reported_and_exits_1(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "cp1252.txt"
    bad.write_bytes(SEED_FILES[0].read_bytes().replace("’".encode(), b"\x92"))
    result = run("validate", str(bad))
    assert result.exit_code == 1
    assert (
        ":7:213: error MK001 invalid-encoding: the byte at byte offset 314 (value 0x92) is not"
        " valid UTF-8" in result.stdout
    )


def test_json_format(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", "--format", "json", str(SEEDS))
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["version"] == 1
    assert report["summary"] == {
        "files": 5,
        "checked": 5,
        "not_checked": 0,
        "invalid": 2,
        "failing": 2,
        "errors": 3,
        "warnings": 4,
        "infos": 0,
    }
    first = report["diagnostics"][0]
    assert set(first) == {"path", "line", "column", "severity", "code", "name", "message"}


def test_select_and_ignore(run) -> None:  # type: ignore[no-untyped-def]
    only = run("validate", "--select", "MK103", str(SEEDS))
    assert [line.split()[2] for line in only.stdout.splitlines()[:-1]] == ["MK103"]
    ignored = run("validate", "--ignore", "missing-resolved,MK104,MK101", str(SEEDS))
    assert ignored.exit_code == 0
    assert "MK103" not in ignored.stdout


def test_unknown_rule_is_a_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, ["validate", "--select", "MK999", VALID_SEED])
    assert result.exit_code == 2
    assert "no rule 'MK999'" in result.stderr


def test_no_paths_is_a_usage_error() -> None:
    assert CliRunner().invoke(main, ["validate"]).exit_code == 2


def test_rules_lists_the_catalogue(run) -> None:  # type: ignore[no-untyped-def]
    result = run("rules")
    assert result.exit_code == 0
    assert "MK103  missing-resolved" in result.stdout
    assert len(result.stdout.splitlines()) == len(
        json.loads(run("rules", "--format", "json").stdout)
    )


def test_rule_explains_one(run) -> None:  # type: ignore[no-untyped-def]
    by_code = run("rule", "MK103")
    assert by_code.exit_code == 0
    assert by_code.stdout.startswith(
        "MK103 missing-resolved (error; a requirement of the JSON Schema)"
    )
    assert "Failing example::" in by_code.stdout
    assert run("rule", "missing-resolved").stdout == by_code.stdout
    assert CliRunner().invoke(main, ["rule", "MK999"]).exit_code == 2


def test_schema_prints_the_shape(run) -> None:  # type: ignore[no-untyped-def]
    printed = json.loads(run("schema").stdout)
    assert printed == shape_schema()
    assert printed["properties"] == schema()["properties"] and "allOf" not in printed


def test_parse_prints_the_json_form_even_of_an_invalid_item(run) -> None:  # type: ignore[no-untyped-def]
    result = run("parse", str(SEED_FILES[2]))
    assert result.exit_code == 0
    item = json.loads(result.stdout)
    assert item["title"] is None
    assert item["contact"]["names"] == ["Darren Minton", "Janice Hawkes"]


def test_empty_directory_is_an_error(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", str(tmp_path))
    assert result.exit_code == 2  # a typo in CI must not pass
    # Every reader's suffix is looked for (plain text among them).
    assert f"no file to check under '{tmp_path}'" in result.stderr and "'*.txt'" in result.stderr


# ---------------------------------------------------------------- convert


def _convert(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(
        main, ["convert", *args], env=env or {"SOURCE_DATE_EPOCH": "1795000000"}
    )


def test_convert_writes_valid_seeds_and_reports_invalid_ones(tmp_path: Path) -> None:
    result = _convert(str(SEEDS), "--to", "akn", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "000_1a265f0351298919.akn.xml",
        "001_4e186e70c30e6533.akn.xml",
        "003_38d1d67441366f77.akn.xml",
    ]
    assert "error MK103 missing-resolved" in result.stderr
    assert (
        result.stderr.splitlines()[-1]
        == f"Converted 3 files to akn in '{tmp_path}', 2 invalid not converted (use --force)."
    )
    assert result.stdout == ""


def test_convert_again_leaves_the_outputs_that_are_up_to_date(tmp_path: Path) -> None:
    """A second run over the same inputs finds each output already holding what it would
    write: it leaves it as it is (its time kept) and says so; a changed one is written."""
    first = _convert(str(SEEDS), "--to", "akn", "-o", str(tmp_path))
    assert first.exit_code == 1
    outputs = sorted(tmp_path.iterdir())
    for path in outputs:
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    outputs[0].write_bytes(b"<old/>")
    os.utime(outputs[0], ns=(1_000_000_000, 1_000_000_000))
    again = _convert(str(SEEDS), "--to", "akn", "-o", str(tmp_path))
    assert again.exit_code == 1
    assert again.stderr.splitlines()[-1] == (
        f"Converted 3 files to akn in '{tmp_path}' (2 already up to date, left as they"
        " were), 2 invalid not converted (use --force)."
    )
    times = [p.stat().st_mtime_ns for p in outputs]
    assert times[0] != 1_000_000_000 and times[1:] == [1_000_000_000] * 2
    assert outputs[0].read_bytes().startswith(b"<?xml")


def test_convert_force_writes_all_five(tmp_path: Path) -> None:
    result = _convert(str(SEEDS), "--to", "akn", "-o", str(tmp_path), "--force")
    assert result.exit_code == 1
    assert len(list(tmp_path.glob("*.akn.xml"))) == 5


def test_convert_one_file_to_stdout() -> None:
    result = _convert(VALID_SEED, "--to", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"].startswith("PROTECTING CHILDREN")


def test_convert_is_reproducible_with_source_date_epoch(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        assert _convert(str(SEEDS), "--to", "akn", "-o", str(out), "--force").exit_code == 1
        assert _convert(str(SEEDS), "--to", "csv", "-o", str(out / "csv"), "--force").exit_code == 1
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert len(files) == 12  # 5 AKN files, 6 CSV tables and the data package
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert b'<FRBRdate date="2026-11-18" name="generation"/>' in (first / files[0]).read_bytes()


def test_convert_csv_writes_a_package(tmp_path: Path) -> None:
    result = _convert(str(SEEDS), "--to", "csv", "-o", str(tmp_path), "--force")
    assert result.exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "actions.csv",
        "datapackage.json",
        "declarations.csv",
        "items.csv",
        "recommendations.csv",
        "resolutions.csv",
        "votes.csv",
    ]


def test_convert_options_reach_the_akn() -> None:
    result = _convert(
        VALID_SEED,
        "--to",
        "akn",
        "--meeting-date",
        "2019-03-14",
        "--locality",
        "GB-BRD",
        "--item-id",
        "item-7",
    )
    assert result.exit_code == 0
    assert (
        '<FRBRthis value="/akn/gb-brd/debateReport/minutes/2019-03-14/item-7/!main"/>'
        in result.stdout
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "csv"], "csv writes several tables: give a folder with -o"),
        (
            ["--to", "akn", str(SEED_FILES[1])],
            "several inputs give several outputs: give a folder with -o",
        ),
        (["--to", "pdf"], "'pdf' is not a format (choose from akn, csv, json)"),
        (
            ["--to", "akn", "--meeting-date", "14/03/2019"],
            "'14/03/2019' is not a date in the form YYYY-MM-DD",
        ),
        (
            ["--to", "akn", "--locality", "Bradford"],
            "'Bradford' is not an ISO 3166-2:GB subdivision code",
        ),
    ],
)
def test_convert_usage_errors(args: list[str], message: str) -> None:
    result = _convert(VALID_SEED, *args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())


def test_convert_bad_source_date_epoch_is_a_usage_error() -> None:
    result = _convert(VALID_SEED, "--to", "json", env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH='yesterday' is not a number of seconds" in result.stderr


def test_convert_never_writes_over_an_input(tmp_path: Path) -> None:
    source = tmp_path / "item.json"
    source.write_bytes(SEED_FILES[0].read_bytes())
    result = _convert(str(source), "--to", "json", "-o", str(tmp_path), "--item-id", "item")
    assert result.exit_code == 2
    assert "refusing to write" in result.stderr and "one of the inputs" in result.stderr
    assert source.read_bytes() == SEED_FILES[0].read_bytes()


def test_convert_same_item_id_twice_is_refused(tmp_path: Path) -> None:
    # 'a-b/x.txt' and 'a/b-x.txt' both give the id 'a-b-x'.
    (tmp_path / "a-b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "a-b" / "x.txt").write_bytes(SEED_FILES[0].read_bytes())
    (tmp_path / "a" / "b-x.txt").write_bytes(SEED_FILES[0].read_bytes())
    out = tmp_path / "out"
    result = _convert(str(tmp_path / "a-b"), str(tmp_path / "a"), "--to", "json", "-o", str(out))
    assert result.exit_code == 2
    assert "has the same item id 'a-b-x'" in result.stderr
    assert [p.name for p in out.iterdir()] == ["a-b-x.json"]


def test_convert_stdin_uses_a_hash_for_the_item_id() -> None:
    result = CliRunner().invoke(
        main, ["convert", "-", "--to", "akn"], input=SEED_FILES[0].read_bytes()
    )
    assert result.exit_code == 0
    assert "/akn/gb/debateReport/minutes/0001-01-01/02376db89f1c960f/!main" in result.stdout


def test_convert_refuses_xml_forbidden_characters_with_a_located_message(tmp_path: Path) -> None:
    source = tmp_path / "control.txt"
    source.write_bytes(
        b"Agenda item\n\nA TITLE\n\nMinutes:\n\nText with a \x01 control character.\n"
    )
    out = tmp_path / "out"
    result = _convert(str(source), "--to", "akn", "-o", str(out), "--force")
    assert result.exit_code == 2
    assert (
        "line 7, column 13: the control character U+0001 cannot be written in XML 1.0"
        in result.stderr
    )
    assert "Traceback" not in result.stderr + result.stdout
    assert not out.exists() or list(out.iterdir()) == []


def test_parse_takes_one_file_not_a_folder() -> None:
    result = CliRunner().invoke(main, ["parse", str(SEEDS)])
    assert result.exit_code == 2
    assert "is a folder: parse takes one file" in result.stderr


def test_parse_of_a_missing_file_exits_2() -> None:
    result = CliRunner().invoke(main, ["parse", "no/such.txt"])
    assert result.exit_code == 2
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--encoding", "klingon", "'klingon' is not an encoding Python knows"),
        ("--max-size", "lots", "'lots' is not a size such as 50MB"),
        ("--jobs", "-1", "-1 is not in the range x>=0"),
    ],
)
def test_bad_reading_options_are_usage_errors(run, option: str, value: str, message: str) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, ["validate", option, value, VALID_SEED])
    assert result.exit_code == 2
    assert message in result.output


def test_max_size_units(run) -> None:  # type: ignore[no-untyped-def]
    size = SEED_FILES[0].stat().st_size
    assert run("validate", "--max-size", f"{size}", VALID_SEED).exit_code == 0
    assert run("validate", "--max-size", f"{size - 1}", VALID_SEED).exit_code == 2
    assert run("validate", "--max-size", "1MB", VALID_SEED).exit_code == 0
    assert run("validate", "--max-size", "0.006MB", VALID_SEED).exit_code == 2


@pytest.mark.parametrize("command", [["validate"], ["convert", "--to", "json"]])
def test_ctrl_c_ends_a_run_with_aborted_and_130(
    command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C is said as click says it, with the status a shell gives an interrupted
    command: never 1, which says that errors were found."""
    from minutekit import batch

    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "check", interrupted)
    result = CliRunner().invoke(main, [*command, "--no-cache", VALID_SEED])
    assert (result.exit_code, result.output) == (130, "\nAborted!\n")
