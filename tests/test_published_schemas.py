"""Every JSON document minutekit writes validates against the schema the README names.

A stock validator is used (jsonschema with no registry, as check-jsonschema and the
jsonschema CLI run it): ``minutekit schema`` (the shape) for every document, valid or
forced; ``minutekit schema --profile NAME`` for what ``convert --profile NAME`` judged
valid; ``--meeting`` for whole-meeting files, told apart by their ``$schema`` key.
The labelled corpus beside the project is used when it is there.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import renderings
from click.testing import CliRunner
from jsonschema.validators import validator_for
from lxml import etree

from helpers import FIXTURES, ROOT, SEED_FILES
from minutekit.cli import main

ITEM_ID = "urn:minutekit:schema:agenda-item:1"
MEETING_ID = "urn:minutekit:schema:meeting:1"
CORPUS = ROOT.parent / "shared" / "corpus" / "cases"
PROFILES = ("seeds", "moderngov")


def _printed(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["schema", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _errors(schema: dict[str, Any], document: Any) -> list[str]:
    cls = validator_for(schema)
    cls.check_schema(schema)  # the schema itself is valid for its metaschema
    validator = cls(schema)  # stock: no registry, no custom resolver
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
        for e in validator.iter_errors(document)
    ]


def _converted(inputs: list[Path], folder: Path, *options: str) -> list[Path]:
    result = CliRunner().invoke(
        main,
        ["convert", "--to", "json", "-o", str(folder), "--jobs", "2", *options]
        + [str(p) for p in inputs],
        catch_exceptions=False,
    )
    assert result.exit_code in (0, 1), result.stderr
    return sorted(folder.glob("*.json"))


def _check(outputs: list[Path], item: dict[str, Any], meeting: dict[str, Any]) -> list[str]:
    failures = []
    for path in outputs:
        document = json.loads(path.read_text(encoding="utf-8"))
        kind = document.get("$schema")
        schema = {ITEM_ID: item, MEETING_ID: meeting}.get(kind)
        if schema is None:
            failures.append(f"{path.name}: $schema is {kind!r}")
            continue
        failures += [f"{path.name}: {e}" for e in _errors(schema, document)]
    return failures


def _inputs(corpus: bool) -> list[Path]:
    files = [*SEED_FILES, *sorted(FIXTURES.glob("*.txt"))]
    if corpus:
        files += sorted(CORPUS.glob("*.txt"))
    return files


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("corpus", [False, True], ids=["project", "corpus"])
def test_every_json_output_validates_against_the_published_schemas(
    tmp_path: Path, profile: str, corpus: bool
) -> None:
    if corpus and not CORPUS.is_dir():
        pytest.skip("the labelled corpus is not beside the project")
    inputs = _inputs(corpus)
    shape, meeting_shape = _printed(), _printed("--meeting")
    required = _printed("--profile", profile)
    meeting_required = _printed("--profile", profile, "--meeting")

    forced = _converted(inputs, tmp_path / "forced", "--profile", profile, "--force")
    assert len(forced) == len(inputs)
    assert _check(forced, shape, meeting_shape) == []

    valid = _converted(inputs, tmp_path / "valid", "--profile", profile)
    assert valid, "no input was valid: the test would prove nothing"
    assert _check(valid, required, meeting_required) == []
    assert _check(valid, shape, meeting_shape) == []


def test_the_profile_schema_holds_the_error_level_requirements_only() -> None:
    codes = [e["x-minutekit-rule"] for e in _printed("--profile", "seeds")["allOf"]]
    assert codes == ["MK101", "MK103", "MK104", "MK105"]  # MK102, MK106, MK107 warn
    assert "allOf" not in _printed()
    assert "allOf" not in _printed("--profile", "moderngov")  # its outcome rule warns


def test_an_item_that_breaks_a_requirement_fails_the_profile_schema_only(tmp_path: Path) -> None:
    seed = SEED_FILES[2]  # no title: MK101, an error in the seeds' profile
    folder = _converted([seed], tmp_path, "--force")
    document = json.loads(folder[0].read_text(encoding="utf-8"))
    assert _errors(_printed(), document) == []
    assert _errors(_printed("--profile", "seeds"), document) != []


def test_the_meeting_schema_resolves_without_a_registry(tmp_path: Path) -> None:
    meeting = _printed("--meeting")
    refs = [
        value for value in json.dumps(meeting).split('"$ref": ')[1:] if not value.startswith('"#')
    ]
    assert refs == []  # every reference is local
    folder = _converted([FIXTURES / "meeting_minutes.txt"], tmp_path, "--force")
    document = json.loads(folder[0].read_text(encoding="utf-8"))
    assert document["$schema"] == meeting["$id"] == "urn:minutekit:schema:meeting:1"
    assert _errors(meeting, document) == []
    broken = dict(document, items=[dict(document["items"][0], title=7)])
    assert any("title" in e for e in _errors(meeting, broken))


def test_an_unknown_profile_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["schema", "--profile", "nope"])
    assert result.exit_code == 2
    assert "--profile: expected one of moderngov, seeds, found 'nope'" in result.stderr


def test_the_readme_names_the_schemas() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`minutekit schema --profile NAME`" in readme
    assert "`minutekit schema --meeting`" in readme


WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_the_source_block_names_the_originals_media_type(tmp_path: Path) -> None:
    seed = SEED_FILES[0]
    text = seed.read_text(encoding="utf-8")
    docx = tmp_path / "draft.docx"
    docx.write_bytes(renderings.word(text))
    page = tmp_path / "meeting.html"
    items = []
    for path in SEED_FILES[:2]:  # each seed's title, then the rest of its text
        lines = path.read_text(encoding="utf-8").splitlines()
        title = next(line for line in lines[3:] if line.strip() and line.strip() != "\u00a0")
        items.append((title.strip(), "\n".join(lines[lines.index(title) + 1 :])))
    page.write_bytes(renderings.moderngov_meeting(items))
    outputs = _converted([docx, page, seed], tmp_path / "json", "--force")
    documents = {}
    for path in outputs:
        document = json.loads(path.read_text(encoding="utf-8"))
        documents[Path(document["source"]["name"]).name] = document
    assert sorted(documents) == sorted(["draft.docx", "meeting.html", seed.name])

    word = documents["draft.docx"]
    assert word["source"]["media_type"] == WORD
    assert _errors(_printed(), word) == []
    meeting = documents["meeting.html"]
    assert meeting["source"]["media_type"] == "text/html"
    assert [item["source"]["media_type"] for item in meeting["items"]] == ["text/html"] * 2
    assert _errors(_printed("--meeting"), meeting) == []
    assert documents[seed.name]["source"]["media_type"] == "text/plain"

    wrong = dict(word, source=dict(word["source"], media_type="a Word file"))
    assert any("media_type" in e for e in _errors(_printed(), wrong))


def test_akoma_ntoso_names_the_originals_media_type(tmp_path: Path) -> None:
    docx = tmp_path / "draft.docx"
    docx.write_bytes(renderings.word(SEED_FILES[0].read_text(encoding="utf-8")))
    result = CliRunner().invoke(
        main,
        ["convert", "--to", "akn", "-o", str(tmp_path), "--force", str(docx)],
        catch_exceptions=False,
    )
    assert result.exit_code in (0, 1), result.stderr
    [written] = sorted(tmp_path.glob("*.xml"))
    tree = etree.parse(str(written))
    [source] = tree.findall(".//{urn:minutekit:akn:1}source")
    assert source.get("mediaType") == WORD
    assert source.get("file") == "draft.docx"
