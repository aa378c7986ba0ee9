"""Report formats: one run's diagnostics for people and for machines.

Takes a :class:`Run` (the files checked, their diagnostics, what the baseline hid) and
renders it as:

- ``text``: one line per diagnostic, ``path:line:col: severity CODE name: message``,
  then a summary; coloured only when asked (see :func:`use_colour`);
- ``json``: the versioned report of :func:`minutekit.diagnostics.format_json`;
- ``sarif``: SARIF 2.1.0 with the rule catalogue (id, name, help), ``partialFingerprints``
  from the content fingerprint, for code scanning services;
- ``github``: GitHub Actions workflow commands, ``::error file=…,line=…,col=…::…``,
  capped as GitHub shows them (:data:`GITHUB_CAP` per level) with a notice of how many
  were left out, after the full text report so that nothing is hidden from the log;
- ``junit``: JUnit XML, one test case per file, a failure per file that fails (errors;
  warnings too under ``--strict``);
- ``markdown``: a CI job summary: counts per rule, then the findings (capped);
- ``html``: a self-contained page for people (see :mod:`minutekit.html_report`).

A file that could not be read or checked is never shown as clean: every format shows
it as a failure with its reason (text and markdown a line, JSON ``not_checked``, SARIF
a ``toolExecutionNotifications`` entry and ``executionSuccessful: false``, GitHub an
``::error``, JUnit an ``<error>``). Under ``--strict`` (:attr:`Run.strict`) the files
with warnings are failing in every summary, and JUnit counts them as failures.

Every format is a pure function of the run: same run, same bytes.
"""

from __future__ import annotations

import functools
import json
import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from types import ModuleType
from typing import Any, Protocol, TextIO

import attrs

from minutekit import __version__, registry
from minutekit.diagnostics import (
    Diagnostic,
    Severity,
    failing_files,
    format_json,
    format_text,
    summary_line,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "FORMATS",
    "GITHUB_CAP",
    "MARKDOWN_CAP",
    "Run",
    "available",
    "render",
    "statistics",
    "use_colour",
]

#: GitHub shows at most ten annotations of each level per step.
GITHUB_CAP = 10
#: The markdown summary lists this many findings, then counts the rest.
MARKDOWN_CAP = 50
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


@attrs.frozen
class Run:
    """What one ``minutekit validate`` run found."""

    files: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    #: How many findings the baseline accepted (not in ``diagnostics``).
    baselined: int = 0
    #: Whether to print the summary line under the text report (not under pre-commit).
    summary: bool = True
    #: The files of ``files`` that could not be read or checked, each with the reason.
    not_checked: tuple[tuple[str, str], ...] = ()
    #: ``--strict``: warnings fail a file too.
    strict: bool = False
    #: A file's lines as the run read them (its encoding, input format, standard input),
    #: for a report that shows the text; None: read from the path with the defaults.
    read_lines: Callable[[str], Sequence[str] | None] | None = attrs.field(default=None, eq=False)

    @property
    def unchecked(self) -> int:
        return len(self.not_checked)

    @property
    def failing_severity(self) -> Severity:
        return Severity.WARNING if self.strict else Severity.ERROR

    def failing(self) -> list[str]:
        """The files that fail: a finding at the failing severity, or not checked."""
        return sorted(
            {
                *failing_files(self.diagnostics, self.failing_severity),
                *(path for path, _ in self.not_checked),
            }
        )


def use_colour(choice: str, stream: TextIO, environ: Mapping[str, str] = os.environ) -> bool:
    """``--color auto|always|never``; auto honours NO_COLOR, FORCE_COLOR and the TTY."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def _summary(run: Run) -> str:
    checked = len(run.files) - run.unchecked
    files = "file" if run.unchecked == 1 else "files"
    if checked == 0 and run.unchecked:
        return f"Nothing was checked: {run.unchecked} {files} could not be checked."
    line = summary_line(run.diagnostics, checked, run.failing_severity)
    if run.baselined:
        line += f" {run.baselined} more accepted by the baseline."
    if run.unchecked:
        line += f" {run.unchecked} {files} could not be checked, so the run fails."
    return line


def _not_checked_lines(run: Run) -> str:
    return "".join(f"{path}: not checked: {reason}\n" for path, reason in run.not_checked)


def text(run: Run, colour: bool = False) -> str:
    if not colour:
        out = _not_checked_lines(run) + format_text(run.diagnostics)
    else:
        import click

        out = "".join(
            f"{click.style(d.path, bold=True)}:{d.location}: "
            f"{click.style(str(d.severity), fg=_COLOURS[d.severity], bold=True)} "
            f"{click.style(d.code, bold=True)} {d.name}: {d.message}\n"
            for d in run.diagnostics
        )
        out = _not_checked_lines(run) + out
    return out + (_summary(run) + "\n" if run.summary else "")


def json_report(run: Run, colour: bool = False) -> str:
    return format_json(run.diagnostics, run.files, run.not_checked, run.failing_severity)


def _occurrences(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """Each diagnostic's fingerprint, numbered among identical ones in the same file."""
    seen: Counter[tuple[str, str]] = Counter()
    keys = []
    for d in diagnostics:
        seen[(d.path, d.fingerprint)] += 1
        keys.append(f"{d.fingerprint}:{seen[(d.path, d.fingerprint)]}")
    return keys


def _rule_descriptor(code: str) -> dict[str, Any]:
    from minutekit import rule_docs, rules

    rule = rules.by_code()[code]
    summary, _, rest = rule.doc.strip().partition("\n")
    address = rule_docs.url(rule)
    link = {"helpUri": address} if address else {}
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary.strip()},
        "fullDescription": {"text": rest.strip().split("\n\n")[0].removeprefix("Why: ")},
        "help": {"text": rule.help, "markdown": rule_docs.markdown(rule)},
        **link,
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        "properties": {"tags": [rule.kind], **({"fix": rule.fix} if rule.fix else {})},
    }


def _fixes(d: Diagnostic) -> dict[str, Any]:
    """SARIF ``fixes`` for a finding whose rule attached its repair."""
    if not d.edits:
        return {}
    from minutekit import rules

    rule = rules.by_code().get(d.code)
    kind = rule.fix if rule is not None and rule.fix else "safe"
    command = "minutekit fix" + (" --unsafe-fixes" if kind == "unsafe" else "")
    return {
        "fixes": [
            {
                "description": {"text": f"{kind} fix ({command})"},
                "artifactChanges": [
                    {
                        "artifactLocation": _artifact(d.path),
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "startLine": e.line,
                                    "startColumn": e.column,
                                    "endLine": e.line,
                                    "endColumn": e.end_column,
                                },
                                "insertedContent": {"text": e.replacement},
                            }
                            for e in d.edits
                        ],
                    }
                ],
            }
        ]
    }


def sarif(run: Run, colour: bool = False) -> str:
    from minutekit import rules

    codes = [r.code for r in rules.catalogue()]
    index = {code: i for i, code in enumerate(codes)}
    results = [
        {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact(d.path),
                        "region": {"startLine": d.line, "startColumn": d.column},
                    },
                    **_place_property(d),
                }
            ],
            "partialFingerprints": {"minutekitFingerprint/v1": key},
            **_fixes(d),
        }
        for d, key in zip(run.diagnostics, _occurrences(run.diagnostics), strict=True)
    ]
    report = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "minutekit",
                        "version": __version__,
                        "informationUri": homepage(),
                        "rules": [_rule_descriptor(code) for code in codes],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": not run.not_checked,
                        "toolExecutionNotifications": [
                            {
                                "level": "error",
                                "message": {"text": f"not checked: {reason}"},
                                "locations": [
                                    {"physicalLocation": {"artifactLocation": _artifact(path)}}
                                ],
                                "descriptor": {"id": "not-checked"},
                            }
                            for path, reason in run.not_checked
                        ],
                    }
                ],
                "artifacts": [{"location": _artifact(f)} for f in run.files],
                "results": results,
            }
        ],
    }
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _place_property(d: Diagnostic) -> dict[str, Any]:
    """The original's place (a Word paragraph, a PDF page's line), beside the region of
    the text read, which is what SARIF's lines and columns count."""
    if d.place is None:
        return {}
    return {"properties": {"place": {**d.place.to_jsonable(), "text": str(d.place)}}}


#: Where the project lives when the installed metadata names no home page.
HOMEPAGE = "https://github.com/minutekit/minutekit"


def homepage() -> str:
    """The project's home page, from its metadata (``[project.urls]`` in pyproject.toml)."""
    from minutekit.rule_docs import project_urls

    urls = project_urls()
    return urls.get("homepage") or urls.get("repository") or HOMEPAGE


#: SARIF's name for the folder the run's relative paths start from.
SRCROOT = "%SRCROOT%"


def _artifact(path: str) -> dict[str, str]:
    """A SARIF artifactLocation: relative paths against %SRCROOT%, escaped per RFC 3986
    (``item:2.txt`` is a path, not a URI scheme); an absolute path as a file: URI."""
    from urllib.parse import quote

    posix = path.replace(os.sep, "/")
    if os.path.isabs(path):
        return {"uri": "file://" + quote(posix, safe="/")}
    posix = posix.removeprefix("./")
    return {"uri": quote(posix, safe="/"), "uriBaseId": SRCROOT}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(run: Run, colour: bool = False) -> str:
    lines = [text(run)]
    # Files not checked come first, so that the cap never hides them.
    lines += [
        f"::error file={_escape_property(path)},title=minutekit not checked"
        f"::{_escape_data(reason)}\n"
        for path, reason in run.not_checked
    ]
    shown: Counter[str] = Counter({"error": len(run.not_checked)})
    left_out = 0
    for d in run.diagnostics:
        # Under --strict a warning fails the run: it is annotated as the error it is.
        level = "error" if d.severity >= run.failing_severity else _GITHUB_LEVEL[d.severity]
        if shown[level] >= GITHUB_CAP:
            left_out += 1
            continue
        shown[level] += 1
        lines.append(
            f"::{level} file={_escape_property(d.path)},line={d.line},"
            f"col={d.column},title={_escape_property(f'{d.code} {d.name}')}"
            f"::{_escape_data(d.message)}\n"
        )
    if left_out:
        lines.append(
            f"::notice title=minutekit::{left_out} more finding"
            f"{'s' if left_out != 1 else ''} not shown as annotations (GitHub shows"
            f" {GITHUB_CAP} of each level): see the log above or the SARIF report\n"
        )
    return "".join(lines)


def junit(run: Run, colour: bool = False) -> str:
    from lxml import etree

    by_file: dict[str, list[Diagnostic]] = {f: [] for f in run.files}
    for d in run.diagnostics:
        by_file.setdefault(d.path, []).append(d)
    not_checked = dict(run.not_checked)
    failing = set(failing_files(run.diagnostics, run.failing_severity)) - set(not_checked)
    suite = etree.Element(
        "testsuite",
        name="minutekit",
        tests=str(len(by_file)),
        failures=str(len(failing)),
        errors=str(len(not_checked)),
        skipped="0",
    )
    strict = " (--strict: warnings fail)" if run.strict else ""
    for path, found in by_file.items():
        case = etree.SubElement(suite, "testcase", classname="minutekit.validate", name=path)
        if path in not_checked:
            error = etree.SubElement(
                case, "error", message=f"not checked: {not_checked[path]}", type="not-checked"
            )
            error.text = not_checked[path]
            continue
        fails = [d for d in found if d.severity >= run.failing_severity]
        if fails:
            failure = etree.SubElement(
                case, "failure", message=_counted(fails) + strict, type="minutekit"
            )
            failure.text = format_text(fails)
        others = [d for d in found if d.severity < run.failing_severity]
        if others:
            etree.SubElement(case, "system-out").text = format_text(others)
    suites = etree.Element("testsuites", name="minutekit", tests=suite.get("tests", "0"))
    suites.set("failures", suite.get("failures", "0"))
    suites.set("errors", suite.get("errors", "0"))
    suites.append(suite)
    return etree.tostring(suites, encoding="unicode", pretty_print=True)


def _counted(found: Sequence[Diagnostic]) -> str:
    counts = Counter(d.severity for d in found)
    return " and ".join(
        f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[s]
    )


def markdown(run: Run, colour: bool = False) -> str:
    """A summary for a CI job page: the files not checked, counts per rule, then the
    findings themselves (the first :data:`MARKDOWN_CAP`, and how many more)."""
    out = ["## minutekit", "", _summary(run), ""]
    if run.not_checked:
        out += ["### Not checked", ""]
        out += [f"- {_code(path)}: {_md(reason)}" for path, reason in run.not_checked]
        out.append("")
    failing = run.failing()
    if failing:
        strict = " (warnings fail under --strict)" if run.strict else ""
        out += [f"**Failing{strict}:** {len(failing)} of {len(run.files)} files.", ""]
    counts = statistics(run.diagnostics)
    if counts:
        out += ["| code | rule | severity | findings |", "|---|---|---|---:|"]
        out += [
            f"| {code} | {name} | {severity} | {count} |" for code, name, severity, count in counts
        ]
        out += ["", "### Findings", ""]
        out += [
            f"- {_code(f'{d.path}:{d.line}:{d.column}')} {d.severity} {d.code} {d.name}:"
            f" {_md(d.message)}"
            for d in run.diagnostics[:MARKDOWN_CAP]
        ]
        rest = len(run.diagnostics) - MARKDOWN_CAP
        if rest > 0:
            out.append(
                f"- … and {rest} more finding{'s' if rest != 1 else ''}"
                " (see the job's log or the SARIF report)"
            )
        out.append("")
    return "\n".join(out) + "\n"


def _code(value: str) -> str:
    """``value`` as a markdown code span, shown as written on one line: a code span takes
    no escapes, so it is fenced with more backticks than it holds in a row (and padded
    with a space, which the renderer strips, where it starts or ends with one)."""
    text = value.replace("\r", " ").replace("\n", " ")
    longest = run = 0
    for character in text:
        run = run + 1 if character == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if text[:1] == "`" or text[-1:] == "`" or text[:1] == text[-1:] == " " else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md(value: str) -> str:
    """Text that a markdown renderer shows as written, on one line."""
    return " ".join(value.split()).replace("|", "\\|").replace("`", "'").replace("<", "&lt;")


def statistics(diagnostics: Sequence[Diagnostic]) -> list[tuple[str, str, str, int]]:
    """(code, name, severity, count) per rule, most frequent first."""
    counts = Counter((d.code, d.name, str(d.severity)) for d in diagnostics)
    return sorted(
        ((code, name, severity, n) for (code, name, severity), n in counts.items()),
        key=lambda row: (-row[3], row[0]),
    )


def statistics_text(diagnostics: Sequence[Diagnostic]) -> str:
    rows = statistics(diagnostics)
    if not rows:
        return ""
    width = max(len(name) for _, name, _, _ in rows)
    return "".join(
        f"{count:>6}  {code}  {name:<{width}}  {severity}\n" for code, name, severity, count in rows
    )


def _html(run: Run, colour: bool = False) -> str:
    from minutekit.html_report import html

    return html(run)


#: The built-in report formats, by name.
FORMATS: dict[str, Callable[[Run, bool], str]] = {
    "text": text,
    "json": json_report,
    "sarif": sarif,
    "github": github,
    "junit": junit,
    "markdown": markdown,
    "html": _html,
}


#: Other packages add report formats through this entry point group, each entry naming
#: a module with ``NAME`` and ``render(run, colour) -> str``.
ENTRY_POINT_GROUP = "minutekit.reports"


class ReportModule(Protocol):
    """A report format from another package."""

    __name__: str
    NAME: str

    def render(self, run: Run, colour: bool = False) -> str: ...


def _plugin(module: ModuleType) -> ReportModule:
    if not hasattr(module, "NAME") or not hasattr(module, "render"):
        raise TypeError(f"report module {module.__name__} needs NAME and render(run, colour)")
    plugin: ReportModule = module
    if plugin.NAME in FORMATS:
        raise ValueError(
            f"report format {plugin.NAME!r} is defined twice (built in, and {module.__name__})"
        )
    return plugin


@functools.cache
def available() -> dict[str, Callable[[Run, bool], str]]:
    """Every report format: the built-in ones, then those of installed plugins."""
    found = registry.modules(None, ENTRY_POINT_GROUP)
    plugins = registry.discover("report format", found, _plugin, lambda p: (p.NAME,))
    return {**FORMATS, **{name: plugin.render for name, plugin in plugins.items()}}


def render(name: str, run: Run, colour: bool = False) -> str:
    return available()[name](run, colour)
