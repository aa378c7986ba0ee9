"""The HTML report: escaped, self-contained, every finding at its line, and (in a real
headless Chromium driven by Playwright) filters that work and no serious or critical
accessibility violation found by axe-core.

The browser tests need the system Chromium (``/usr/bin/chromium``, from Debian's
packages) and axe-core's ``axe.min.js`` (from the npm registry; its path in
``MINUTEKIT_AXE_JS``). Without them they are skipped with the reason, unless
``MINUTEKIT_REQUIRE_BROWSER=1`` (set by CI), which turns the skip into a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from helpers import ROOT
from minutekit.cli import main

CHROMIUM = os.environ.get("MINUTEKIT_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
#: What the page says instead of a file's text it cannot read again.
_UNAVAILABLE_TEXT = "could not be read again"
HOSTILE = [
    "<script>document.title = 'owned'</script>",
    '"><img src=x onerror="document.title = \'owned\'">',
]


def _validate(*args: str) -> Any:
    return CliRunner().invoke(main, ["validate", *args], catch_exceptions=False)


def _report(tmp_path: Path, *paths: str, name: str = "report.html") -> tuple[Path, dict[str, Any]]:
    """Validate ``paths`` once, writing the HTML and the JSON report of the same run."""
    html = tmp_path / name
    result = _validate(*paths, "--format", "json", "--report", f"html:{html}", "--color", "never")
    assert result.exit_code in (0, 1, 2), result.output
    return html, json.loads(result.stdout)


@pytest.fixture
def seeds_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, Any]]:
    monkeypatch.chdir(ROOT)
    return _report(tmp_path, "seeds")


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.txt"
    path.write_text("Agenda item\n\n" + "\n\n".join(HOSTILE) + "\n\nThe ?report.\n", "utf-8")
    return path


# ------------------------------------------------------------------ without a browser


def test_text_from_minutes_and_messages_is_escaped(tmp_path: Path, hostile_file: Path) -> None:
    html, report = _report(tmp_path, str(hostile_file))
    page = html.read_text("utf-8")
    assert report["diagnostics"], "the file has findings, so its lines are on the page"
    for line in HOSTILE:
        assert line not in page
    assert "&lt;script&gt;document.title = &#39;owned&#39;&lt;/script&gt;" in page
    assert "&#34;&gt;&lt;img src=x onerror=&#34;document.title" in page


def test_the_page_is_self_contained(seeds_report: tuple[Path, dict[str, Any]]) -> None:
    page = seeds_report[0].read_text("utf-8")
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert not re.search(r"<(script|img|iframe)[^>]+src=", page)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')


def test_every_finding_is_on_the_page_once(seeds_report: tuple[Path, dict[str, Any]]) -> None:
    page = seeds_report[0].read_text("utf-8")
    found = re.findall(
        r'<li class="finding sev-(\w+)" id="finding-\d+" data-severity="\w+" data-rule="(MK\d+)"',
        page,
    )
    expected = [(d["severity"], d["code"]) for d in seeds_report[1]["diagnostics"]]
    assert sorted(found) == sorted(expected)


def test_a_file_not_checked_shows_as_failing_with_why(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Agenda item\n\nA TITLE\n" + "The report was noted.\n" * 100, "utf-8")
    html = tmp_path / "report.html"
    result = _validate(str(big), "--max-size", "1kB", "--report", f"html:{html}")
    assert result.exit_code == 2
    page = html.read_text("utf-8")
    assert '<td class="count" id="files-not-checked">1</td>' in page
    assert '<td class="count" id="files-checked">0</td>' in page
    assert "Not checked: &#39;" in page and "over the limit of 1.0 kB" in page
    assert "Passing" not in page


def test_the_report_embeds_the_page_of_each_rule_found(
    seeds_report: tuple[Path, dict[str, Any]],
) -> None:
    page = seeds_report[0].read_text("utf-8")
    for code in {d["code"] for d in seeds_report[1]["diagnostics"]}:
        assert f'<article class="rule" id="rule-{code.lower()}"' in page
    assert "Passing example</h4>" in page and "Why it matters</h4>" in page


def test_same_run_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    first, _ = _report(tmp_path, "seeds", name="a.html")
    second, _ = _report(tmp_path, "seeds", name="b.html")
    assert first.read_bytes() == second.read_bytes()


# ------------------------------------------------------------------ in a real browser


def _unavailable(reason: str) -> None:
    if os.environ.get("MINUTEKIT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"MINUTEKIT_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install playwright)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 1400})
    # Nothing may be fetched from the network: any request but the file itself fails.
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    opened = context.new_page()
    yield opened
    context.close()
    assert all(url.startswith("file://") for url in requests), requests


def _visible(page: Any) -> int:
    return int(page.locator(".finding:visible").count())


def test_in_the_browser_the_findings_shown_are_the_json_reports(
    page: Any, seeds_report: tuple[Path, dict[str, Any]]
) -> None:
    html, report = seeds_report
    page.goto(html.as_uri())
    assert _visible(page) == len(report["diagnostics"]) > 0
    assert (
        page.locator("#shown").inner_text()
        == f"Showing {_visible(page)} of {_visible(page)} findings."
    )
    # A file with no findings is collapsed; a file with findings is open.
    clean = {f for f in report["files"]} - {d["path"] for d in report["diagnostics"]}
    assert clean
    for name in clean:
        section = page.locator(
            "section.file", has=page.get_by_role("heading", name=name, exact=True)
        )
        assert section.locator("details").get_attribute("open") is None
        assert not section.locator(".source").is_visible()


def test_in_the_browser_the_filters_hide_and_show_the_right_findings(
    page: Any, seeds_report: tuple[Path, dict[str, Any]]
) -> None:
    html, report = seeds_report
    diagnostics = report["diagnostics"]
    page.goto(html.as_uri())
    page.get_by_label("warning", exact=False).uncheck()
    assert _visible(page) == sum(d["severity"] != "warning" for d in diagnostics)
    shown = page.locator(".finding:visible")
    assert all(
        shown.nth(i).get_attribute("data-severity") != "warning" for i in range(shown.count())
    )
    page.get_by_label("warning", exact=False).check()
    rule = diagnostics[-1]["code"]
    page.get_by_label("Rule", exact=True).select_option(rule)
    assert _visible(page) == sum(d["code"] == rule for d in diagnostics)
    assert page.locator("#shown").inner_text().startswith(f"Showing {_visible(page)} of ")
    page.get_by_label("Rule", exact=True).select_option("")
    assert _visible(page) == len(diagnostics)


def test_in_the_browser_hostile_text_stays_text(
    page: Any, tmp_path: Path, hostile_file: Path
) -> None:
    html, _ = _report(tmp_path, str(hostile_file))
    page.goto(html.as_uri())
    assert page.title().startswith("minutekit report")
    texts = page.locator(".tx").all_inner_texts()
    for line in HOSTILE:
        assert line in texts
    assert page.locator("main img").count() == 0


def test_in_the_browser_the_keyboard_reaches_the_report(
    page: Any, seeds_report: tuple[Path, dict[str, Any]]
) -> None:
    page.goto(seeds_report[0].as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the report"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    assert page.locator("html").get_attribute("lang") == "en"


def test_axe_finds_no_serious_or_critical_violation(
    page: Any, seeds_report: tuple[Path, dict[str, Any]]
) -> None:
    axe = os.environ.get("MINUTEKIT_AXE_JS")
    if not axe or not Path(axe).is_file():
        _unavailable(
            "MINUTEKIT_AXE_JS does not name axe-core's axe.min.js (npm install axe-core@4)"
        )
    page.goto(seeds_report[0].as_uri())
    page.add_script_tag(path=axe)
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags
    )
    assert result["passes"], "axe checked something"
    serious = [
        (v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    shots = Path(os.environ.get("MINUTEKIT_SCREENSHOT_DIR", seeds_report[0].parent))
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "html-report.png"))
    # And the first finding at its line, in the text as written.
    page.evaluate("document.querySelector('.finding').scrollIntoView({block: 'center'})")
    page.screenshot(path=str(shots / "html-report-finding.png"))
    for shot in ("html-report.png", "html-report-finding.png"):
        assert (shots / shot).stat().st_size > 10_000


def test_the_text_shown_is_read_as_the_run_read_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    # A Windows-1252 file, checked with --encoding: its dash is byte 0x96.
    (tmp_path / "item.txt").write_bytes(
        "Budget \u2013 2024\n\nMinutes:\n\nThe report was noted.\n".encode("cp1252")
    )
    result = _validate(
        "--encoding", "cp1252", "--report", "html:encoded.html", "--no-cache", "item.txt"
    )
    assert result.exit_code == 1, result.output
    page = (tmp_path / "encoded.html").read_text(encoding="utf-8")
    assert "Budget \u2013 2024" in page
    assert "\ufffd" not in page and _UNAVAILABLE_TEXT not in page

    # Standard input named as a file that holds other text: the page shows stdin's.
    (tmp_path / "named.txt").write_text("Something else entirely\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["validate", "--stdin-filename", "named.txt", "--report", "html:stdin.html", "-"],
        input="Planning\n\nMinutes:\n\nThe application was refused.\n",
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output
    page = (tmp_path / "stdin.html").read_text(encoding="utf-8")
    assert "The application was refused." in page
    assert "Something else entirely" not in page
