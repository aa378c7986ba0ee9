"""Rule documentation that travels: one docstring, three formats, one URL from pyproject."""

from __future__ import annotations

import json
import textwrap
import tomllib

import attrs
import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from helpers import ROOT, SEEDS, text_of
from minutekit import rule_docs, rules
from minutekit.cli import main

CATALOGUE = rules.catalogue()
DOCUMENTATION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["urls"][
    "Documentation"
]


def _invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_the_documentation_url_is_pyprojects() -> None:
    # The installed metadata is built from pyproject.toml: a fork's URL follows it.
    assert rule_docs.documentation_url() == DOCUMENTATION
    rule = rules.by_code()["MK103"]
    assert rule_docs.url(rule) == f"{DOCUMENTATION.rstrip('/')}/rules/mk103.html"


@pytest.mark.parametrize("rule", CATALOGUE, ids=lambda r: r.code)
def test_markdown_page_has_every_section(rule: rules.Rule) -> None:
    page = _invoke("rule", rule.code, "--format", "markdown").stdout
    assert page.startswith(f"# {rule.code} {rule.name}\n\n{rule.summary}\n")
    for heading in ("## Why it matters", "## Passing example", "## Failing example"):
        assert f"\n{heading}\n" in page
    assert ("## Fix" in page) == (rule.fix is not None)
    assert page.rstrip().endswith(f"<{rule_docs.url(rule)}>")


@pytest.mark.parametrize("rule", CATALOGUE, ids=lambda r: r.code)
def test_html_page_is_a_whole_escaped_document(rule: rules.Rule) -> None:
    page = _invoke("rule", rule.code, "--format", "html").stdout
    tree = lxml_html.fromstring(page)
    assert tree.get("lang") == "en"
    assert tree.findtext(".//h1") == f"{rule.code} {rule.name}"
    examples = tree.findall(".//pre")
    assert [text_of(e) for e in examples] == [
        _example(rule.doc, "Passing"),
        _example(rule.doc, "Failing"),
    ]
    assert tree.find(".//script") is None


def _example(doc: str, which: str) -> str:
    """The indented block under "<which> example::" in ``doc``, dedented, read here."""
    block = doc.split(f"{which} example::\n", 1)[1]
    lines: list[str] = []
    for line in block.split("\n")[1:]:  # the blank line after "::" first
        if line and not line.startswith(" "):
            break
        lines.append(line)
    return textwrap.dedent("\n".join(lines)).strip("\n").rstrip()


def test_examples_are_shown_as_written() -> None:
    # Prose sections start with a capital; an example is the clerk's text, letter for letter.
    rule = rules.by_code()["MK303"]
    doc = rule.doc.replace(
        "    The Committee noted the report.",
        "      resolved – the Committee\n    noted the report.",
    )
    page = rule_docs.page(attrs.evolve(rule, doc=doc))
    assert page.passing == "  resolved – the Committee\nnoted the report."
    assert _example(doc, "Passing") == page.passing


def test_text_page_points_at_the_rules_page() -> None:
    out = _invoke("rule", "MK201").stdout
    assert out.startswith("MK201 numbering-sequence (warning; a check on the parsed item; fix safe")
    assert out.endswith(f"More: {DOCUMENTATION.rstrip('/')}/rules/mk201.html\n")


def test_sarif_help_uri_is_the_rules_page() -> None:
    result = _invoke("validate", str(SEEDS), "--format", "sarif")
    driver = json.loads(result.stdout)["runs"][0]["tool"]["driver"]
    assert {r["id"]: r["helpUri"] for r in driver["rules"]} == {
        r.code: f"{DOCUMENTATION.rstrip('/')}/rules/{r.code.lower()}.html" for r in CATALOGUE
    }
