"""Report formats against their real schemas and parsers, from real runs on the seeds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from jsonschema import validators
from lxml import etree

from helpers import ROOT, SEEDS
from minutekit import reports, rules
from minutekit.cli import main
from minutekit.diagnostics import Diagnostic, Severity

# Shipped with the tests (see tests/data/README.md), so a clean clone runs the check.
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
FORMATS = ("text", "json", "sarif", "github", "junit", "markdown")


def _run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), env=env or {}, catch_exceptions=False)


def _report(tmp_path: Path, name: str) -> str:
    target = tmp_path / f"report.{name}"
    result = _run("validate", str(SEEDS), "--report", f"{name}:{target}")
    assert result.exit_code == 1  # the seeds have errors; the report is written anyway
    return target.read_text(encoding="utf-8")


def _sarif_errors(document: Any) -> list[str]:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = validators.validator_for(schema)(schema)
    return sorted(e.message for e in validator.iter_errors(document))


def test_sarif_is_valid_against_the_sarif_2_1_0_schema(tmp_path: Path) -> None:
    document = json.loads(_report(tmp_path, "sarif"))
    assert _sarif_errors(document) == []
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


# ------------------------------------------------- files not checked, --strict


def _reports(tmp_path: Path, *args: str) -> tuple[Result, dict[str, str]]:
    """One validate run writing every format; (the run's result, each report's text)."""
    targets = {name: tmp_path / f"report.{name}" for name in FORMATS}
    options = [f"--report={name}:{path}" for name, path in targets.items()]
    result = _run("validate", *options, *args)
    return result, {name: path.read_text(encoding="utf-8") for name, path in targets.items()}


def test_a_file_not_checked_is_a_failure_with_its_reason_in_every_format(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.txt")
    clean = str(sorted(SEEDS.glob("000_*.txt"))[0])
    reason = f"cannot read '{missing}': No such file or directory"
    result, out = _reports(tmp_path, clean, missing)
    assert result.exit_code == 2

    assert f"{missing}: not checked: {reason}\n" in out["text"]
    assert out["text"].endswith(
        "No problems found in 1 file. 1 file could not be checked, so the run fails.\n"
    )

    report = json.loads(out["json"])
    assert report["not_checked"] == [{"path": missing, "reason": reason}]
    assert report["failing"] == [missing]
    assert report["summary"]["not_checked"] == 1 and report["summary"]["checked"] == 1

    sarif = json.loads(out["sarif"])
    assert _sarif_errors(sarif) == []
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["message"]["text"] == f"not checked: {reason}"

    assert f"::error file={missing},title=minutekit not checked::{reason}" in out["github"]

    suite = etree.fromstring(out["junit"].encode("utf-8")).find("testsuite")
    assert suite is not None and suite.get("errors") == "1" and suite.get("tests") == "2"
    case = next(c for c in suite.findall("testcase") if c.get("name") == missing)
    error = case.find("error")
    assert error is not None and error.get("message") == f"not checked: {reason}"

    assert f"- `{missing}`: {reason}" in out["markdown"]
    assert "No problems found in 1 file. 1 file could not be checked" in out["markdown"]


def test_a_run_that_checked_nothing_does_not_say_no_problems(tmp_path: Path) -> None:
    result = _run("validate", str(tmp_path / "nowhere.txt"))
    assert result.exit_code == 2
    assert result.stdout.endswith("Nothing was checked: 1 file could not be checked.\n")
    assert "No problems found" not in result.stdout


def test_strict_failures_show_as_failing_in_every_format(tmp_path: Path) -> None:
    warned = str(sorted(SEEDS.glob("003_*.txt"))[0])  # one warning, no error
    result, out = _reports(tmp_path, "--strict", warned)
    assert result.exit_code == 1
    assert out["text"].endswith("Found 1 warning in 1 file (1 failing under --strict).\n")
    report = json.loads(out["json"])
    assert report["strict"] is True and report["failing"] == [warned]
    assert report["summary"]["failing"] == 1 and report["summary"]["invalid"] == 0
    suite = etree.fromstring(out["junit"].encode("utf-8")).find("testsuite")
    assert suite is not None and suite.get("failures") == "1"
    failure = suite.find("testcase/failure")
    assert failure is not None and failure.get("message") == "1 warning (--strict: warnings fail)"
    assert "**Failing (warnings fail under --strict):** 1 of 1 files." in out["markdown"]
    assert "::error file=" in out["github"] and "::warning" not in out["github"]

    _, relaxed = _reports(tmp_path, warned)  # the same run without --strict passes
    assert json.loads(relaxed["json"])["failing"] == []
    suite = etree.fromstring(relaxed["junit"].encode("utf-8")).find("testsuite")
    assert suite is not None and suite.get("failures") == "0"


# ------------------------------------------------------------------ SARIF details


def test_sarif_locations_are_relative_escaped_and_documented(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tomllib

    seed = sorted(SEEDS.glob("004_*.txt"))[0]
    (tmp_path / "item:2 x.txt").write_bytes(seed.read_bytes())
    out = tmp_path / "r.sarif"
    monkeypatch.chdir(tmp_path)
    result = _run("validate", "item:2 x.txt", f"--report=sarif:{out}")
    assert result.exit_code == 1
    document = json.loads(out.read_text(encoding="utf-8"))
    assert _sarif_errors(document) == []
    run = document["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "item%3A2%20x.txt", "uriBaseId": "%SRCROOT%"}
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    driver = run["tool"]["driver"]
    assert driver["informationUri"] == urls["Homepage"]
    pages = urls["Documentation"].rstrip("/")
    for rule in driver["rules"]:
        assert rule["helpUri"] == f"{pages}/rules/{rule['id'].lower()}.html"
        for text in (rule["help"]["text"], rule["help"]["markdown"]):
            assert "this module" not in text and "schemas/" not in text
            assert f"--ignore {rule['id']}" in text


def test_rule_help_for_clerks_says_how_to_relax_it_and_nothing_for_developers() -> None:
    result = _run("rule", "MK103")
    assert "this module" not in result.stdout and "schemas/" not in result.stdout
    assert (
        "How to relax it: the profile seeds requires it: choose another ('--profile"
        " moderngov') or define your own; leave it out with '--ignore MK103'"
    ) in result.stdout


# ------------------------------------------------------------------ markdown


def test_markdown_lists_the_findings_capped_with_a_count_of_the_rest() -> None:
    found = tuple(_diagnostic(n, path="x.txt") for n in range(1, reports.MARKDOWN_CAP + 4))
    page = reports.render("markdown", reports.Run(("x.txt",), found))
    listed = [line for line in page.splitlines() if line.startswith("- `x.txt:")]
    assert len(listed) == reports.MARKDOWN_CAP
    assert listed[0] == "- `x.txt:1:2` error MK103 missing-resolved: line 1: 50% done next"
    assert "- … and 3 more findings (see the job's log or the SARIF report)" in page
    assert "above" not in page
