"""Rule documentation that travels: a rule's page as text, Markdown or HTML, and its URL.

Takes a rule of the catalogue; its docstring (summary, ``Why:``, optional ``Fix``, a
passing and a failing example, as :mod:`minutekit.rules` requires) is the only source.
Guarantees: every format says the same things in the same order; the HTML page is
escaped by the template engine and holds no script; the URL is derived from the
``Documentation`` URL of the installed package's metadata (``[project.urls]`` in
``pyproject.toml``), so a fork that changes it points every report at its own pages.
Never invents a URL: without one, there is none.
"""

from __future__ import annotations

import functools
import re
import textwrap
from importlib import metadata

import attrs

from minutekit.rules import KINDS, Rule

__all__ = ["RulePage", "documentation_url", "html", "markdown", "page", "text", "url"]

_FIX_WORDS = {
    "safe": "safe: 'minutekit fix' repairs it",
    "unsafe": "unsafe: 'minutekit fix --unsafe-fixes' repairs it",
}
_EXAMPLES = ("passing", "failing")
_SECTION = re.compile(r"^(Why:|Fix \((?:safe|unsafe)\):|Passing example::|Failing example::)")


@functools.cache
def documentation_url() -> str | None:
    """The project's documentation URL from the installed package's metadata."""
    try:
        urls = metadata.metadata("minutekit").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, address = str(entry).partition(",")
        if label.strip().lower() == "documentation" and address.strip():
            return address.strip()
    return None


def url(rule: Rule) -> str | None:
    """The address of ``rule``'s page: ``<documentation>/rules/<code>.html``."""
    base = documentation_url()
    if base is None:
        return None
    return f"{base.rstrip('/')}/rules/{rule.code.lower()}.html"


@attrs.frozen
class RulePage:
    """A rule's documentation in parts, for the templates."""

    code: str
    name: str
    severity: str
    kind: str
    fix: str | None
    summary: str
    why: str
    fix_text: str
    passing: str
    failing: str
    url: str | None

    @property
    def anchor(self) -> str:
        return f"rule-{self.code.lower()}"


def _sections(doc: str) -> dict[str, str]:
    parts: dict[str, list[str]] = {"summary": []}
    current = "summary"
    for line in doc.splitlines():
        match = _SECTION.match(line)
        if match:
            current = match[1].split()[0].rstrip(":").lower()
            line = line[match.end() :]
        parts.setdefault(current, []).append(line)
    return {
        key: _example("\n".join(lines)) if key in _EXAMPLES else _prose("\n".join(lines))
        for key, lines in parts.items()
    }


def _prose(text: str) -> str:
    """A prose section, starting with a capital ("Why: control characters…")."""
    text = text.strip()
    return text[:1].upper() + text[1:]


def _example(text: str) -> str:
    """An example block as the docstring shows it, only its indentation taken off."""
    return textwrap.dedent(text).strip("\n").rstrip()


def page(rule: Rule) -> RulePage:
    sections = _sections(rule.doc)
    return RulePage(
        code=rule.code,
        name=rule.name,
        severity=str(rule.severity),
        kind=KINDS[rule.kind],
        fix=rule.fix,
        summary=" ".join(sections["summary"].split()),
        why=" ".join(sections.get("why", "").split()),
        fix_text=" ".join(sections.get("fix", "").split()),
        passing=sections.get("passing", ""),
        failing=sections.get("failing", ""),
        url=url(rule),
    )


def _heading(rule: Rule) -> str:
    fix = f"; fix {_FIX_WORDS[rule.fix]}" if rule.fix else ""
    return f"{rule.code} {rule.name} ({rule.severity}; {KINDS[rule.kind]}{fix})"


def text(rule: Rule) -> str:
    """The page for a terminal: heading line, the docstring, and the URL if there is one."""
    address = url(rule)
    more = f"\n\nMore: {address}" if address else ""
    return f"{_heading(rule)}\n\n{rule.doc}{more}\n"


def markdown(rule: Rule) -> str:
    """The page as Markdown (GitHub-flavoured), e.g. for a documentation site."""
    p = page(rule)
    out = [f"# {p.code} {p.name}", "", p.summary, ""]
    out += [f"- Severity: {p.severity}", f"- Kind: {p.kind}"]
    out += [f"- Fix: {_FIX_WORDS[p.fix]}" if p.fix else "- Fix: none (a person decides)"]
    out += ["", "## Why it matters", "", p.why, ""]
    if p.fix_text:
        out += ["## Fix", "", p.fix_text, ""]
    out += ["## Passing example", "", "```text", p.passing, "```", ""]
    out += ["## Failing example", "", "```text", p.failing, "```", ""]
    if p.url:
        out += [f"Online: <{p.url}>", ""]
    return "\n".join(out)


def html(rule: Rule) -> str:
    """The page as a whole, self-contained HTML document."""
    from minutekit.html_report import environment

    return environment().get_template("rule.html.j2").render(rule=page(rule))
