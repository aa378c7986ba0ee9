"""Report formats against their real schemas and parsers, from real runs on the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import validators
from lxml import etree

from helpers import ROOT, SEEDS
from minutekit import reports, rules
from minutekit.cli import main
from minutekit.diagnostics import Diagnostic, Severity

SARIF_SCHEMA = ROOT.parent / "shared" / "external" / "sarif-schema-2.1.0.json"


def _run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), env=env or {}, catch_exceptions=False)


def _report(tmp_path: Path, name: str) -> str:
    target = tmp_path / f"report.{name}"
    result = _run("validate", str(SEEDS), "--report", f"{name}:{target}")
    assert result.exit_code == 1  # the seeds have errors; the report is written anyway
    return target.read_text(encoding="utf-8")


@pytest.mark.skipif(not SARIF_SCHEMA.exists(), reason="the SARIF schema lives in ../shared")
def test_sarif_is_valid_against_the_sarif_2_1_0_schema(tmp_path: Path) -> None:
    document = json.loads(_report(tmp_path, "sarif"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = validators.validator_for(schema)(schema)
    assert sorted(e.message for e in validator.iter_errors(document)) == []
    run = document["runs"][0]
    driver_rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in driver_rules] == [r.code for r in rules.catalogue()]
    assert all(r["help"]["text"] and r["shortDescription"]["text"] for r in driver_rules)
    results = run["results"]
    assert len(results) == 7
    for result in results:
        assert driver_rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["partialFingerprints"]["minutekitFingerprint/v1"]
    missing = [r for r in results if r["ruleId"] == "MK103"]
    region = missing[0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (63, 1)


def test_sarif_fingerprints_do_not_depend_on_line_numbers(tmp_path: Path) -> None:
    seed = sorted(SEEDS.glob("004_*.txt"))[0]
    moved = tmp_path / seed.name
    moved.write_bytes(b"\n\n\n" + seed.read_bytes())  # every line three lower
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / seed.name).write_bytes(seed.read_bytes())

    def fingerprints(path: Path) -> list[tuple[str, str]]:
        out = tmp_path / "r.sarif"
        _run("validate", str(path), "--report", f"sarif:{out}")
        results = json.loads(out.read_text())["runs"][0]["results"]
        return [(r["ruleId"], r["partialFingerprints"]["minutekitFingerprint/v1"]) for r in results]

    assert fingerprints(moved) == fingerprints(tmp_path / "a" / seed.name)


def test_junit_parses_with_one_case_per_file_and_failures_for_errors(tmp_path: Path) -> None:
    root = etree.fromstring(_report(tmp_path, "junit").encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == 5 and suite.get("tests") == "5" and suite.get("failures") == "2"
    failed = {Path(c.get("name", "")).name[:3] for c in cases if c.find("failure") is not None}
    assert failed == {"002", "004"}
    failure = next(
        c for c in cases if c.get("name", "").endswith(".txt") and "004" in c.get("name", "")
    ).find("failure")
    assert failure is not None and failure.get("message") == "2 errors"
    assert "MK103 missing-resolved" in (failure.text or "")


def _diagnostic(n: int, severity: Severity = Severity.ERROR, path: str = "a,b:c.txt") -> Diagnostic:
    return Diagnostic(
        path, n, 2, severity, "MK103", "missing-resolved", f"line {n}: 50% done\nnext"
    )


def test_github_annotations_exact_lines_escaped() -> None:
    run = reports.Run(("a,b:c.txt",), (_diagnostic(3),))
    lines = reports.render("github", run).splitlines()
    assert lines == [
        "a,b:c.txt:3:2: error MK103 missing-resolved: line 3: 50% done",
        "next",
        "Found 1 error in 1 file (1 invalid).",
        "::error file=a%2Cb%3Ac.txt,line=3,col=2,title=MK103 missing-resolved"
        "::line 3: 50%25 done%0Anext",
    ]


def test_github_annotations_are_capped_with_a_notice_of_the_rest() -> None:
    found = tuple(_diagnostic(n) for n in range(1, 14)) + tuple(
        _diagnostic(n, Severity.WARNING) for n in range(20, 23)
    )
    lines = reports.render("github", reports.Run(("x.txt",), found)).splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert sum(a.startswith("::error ") for a in annotations) == 10
    assert sum(a.startswith("::warning ") for a in annotations) == 3
    assert annotations[-1] == (
        "::notice title=minutekit::3 more findings not shown as annotations (GitHub shows 10"
        " of each level): see the log above or the SARIF report"
    )
    assert sum("error MK103" in line for line in lines) == 13  # all of them in the log


def test_github_format_is_chosen_under_github_actions() -> None:
    seed = str(sorted(SEEDS.glob("004_*.txt"))[0])
    result = _run("validate", seed, env={"GITHUB_ACTIONS": "true"})
    assert "::error file=" in result.output
    assert "::error" not in _run("validate", seed).output


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ((), {}, False),  # not a terminal
        (("--color", "always"), {}, True),
        (("--color", "always"), {"NO_COLOR": "1"}, True),  # an explicit choice wins
        ((), {"FORCE_COLOR": "1"}, True),
        ((), {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (("--color", "never"), {"FORCE_COLOR": "1"}, False),
    ],
)
def test_colour(args: tuple[str, ...], env: dict[str, str], coloured: bool) -> None:
    seed = str(sorted(SEEDS.glob("004_*.txt"))[0])
    result = CliRunner().invoke(main, ["validate", *args, seed], env=env, color=True)
    assert ("\x1b[" in result.output) is coloured


def test_statistics_counts_per_rule() -> None:
    result = _run("validate", "--statistics", str(SEEDS))
    tail = result.output.splitlines()[-7:]
    assert tail[0].split() == ["1", "MK101", "missing-title", "error"]
    assert sorted(line.split()[1] for line in tail) == [
        "MK101",
        "MK102",
        "MK103",
        "MK104",
        "MK106",
        "MK107",
        "MK301",
    ]


def test_quiet_under_pre_commit() -> None:
    seed = str(sorted(SEEDS.glob("000_*.txt"))[0])
    assert _run("validate", seed, env={"PRE_COMMIT": "1"}).output == ""
    assert _run("validate", seed).output == "No problems found in 1 file.\n"


def test_markdown_summary_has_a_row_per_rule(tmp_path: Path) -> None:
    text = _report(tmp_path, "markdown")
    assert "Found 3 errors and 4 warnings in 5 files (2 invalid)." in text
    assert "| MK103 | missing-resolved | error | 1 |" in text


def test_a_report_that_cannot_be_written_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    result = _run("validate", str(SEEDS), "--report", f"json:{tmp_path / 'file' / 'r.json'}")
    assert result.exit_code == 2
    assert "cannot write the json report" in result.output


def test_bad_report_option() -> None:
    result = CliRunner().invoke(main, ["validate", "--report", "xml:out.xml", str(SEEDS)])
    assert result.exit_code == 2 and "is not FORMAT:PATH" in result.output
