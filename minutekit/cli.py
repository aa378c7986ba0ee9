"""Command line: ``minutekit validate | parse | rules | rule | schema``.

Every input gets either diagnostics or a one-line error on stderr; a bad file never
stops the others. Exit codes are those of :mod:`minutekit.diagnostics`: 0 clean,
1 an error-level finding, 2 a usage error or a path that could not be read.
"""

from __future__ import annotations

import codecs
import datetime
import functools
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import attrs
import click

from minutekit import __version__
from minutekit.diagnostics import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE

if TYPE_CHECKING:
    from minutekit.batch import Outcome, Task
    from minutekit.config import Settings
    from minutekit.validate import Selection

__all__ = ["main"]

STDIN = "-"
SUFFIX = ".txt"


def _shown(path: str) -> str:
    """``path`` as it can be printed: bytes that are not UTF-8 become \\xNN escapes."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


class _Inputs:
    """Resolves PATH arguments to batch tasks, reporting what cannot be read."""

    def __init__(self, stdin_filename: str | None) -> None:
        self.stdin_filename = stdin_filename
        self.failed = False

    def fail(self, message: str) -> None:
        click.echo(f"minutekit: error: {message}", err=True)
        self.failed = True

    def _files_under(self, directory: Path) -> Iterator[Path]:
        found: list[Path] = []
        for root, dirs, files in os.walk(
            directory,
            onerror=lambda e: self.fail(f"cannot read '{_shown(e.filename)}': {e.strerror or e}"),
        ):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(Path(root, f) for f in files if f.endswith(SUFFIX))
        yield from sorted(found)

    def tasks(self, paths: Sequence[str], max_size: int) -> list[Task]:
        """One task per file (folders walked, '-' read now), in the order given."""
        from minutekit.batch import Task

        tasks: list[Task] = []
        for path in paths:
            if path == STDIN:
                data = sys.stdin.buffer.read(max_size + 1)  # bounded: the limit applies
                tasks.append(Task(_shown(self.stdin_filename or "<stdin>"), data=data))
            elif Path(path).is_dir():
                files = [Task(_shown(str(f)), path=str(f)) for f in self._files_under(Path(path))]
                if not files:
                    click.echo(
                        f"minutekit: warning: no '*{SUFFIX}' files under '{_shown(path)}'", err=True
                    )
                tasks.extend(files)
            else:
                tasks.append(Task(_shown(path), path=path))
        return tasks

    def outcomes(
        self, work: Callable[[Task], Outcome], tasks: list[Task], jobs: int
    ) -> Iterator[Outcome]:
        """Each task's outcome in order; unreadable inputs and bugs reported as they come."""
        from minutekit.batch import WorkerDied, run

        progress = _Progress(len(tasks))
        try:
            for outcome in run(work, tasks, jobs):
                if outcome.error is not None:
                    progress.clear()
                    self.fail(outcome.error)
                progress.step()
                yield outcome
        except WorkerDied as error:
            self.fail(f"a worker process died ({error}); files after it were not processed")
        finally:
            progress.clear()


class _Progress:
    """'checked 1200/5000 files' on stderr for long runs: on a terminal, never under pre-commit."""

    SHOWN_FROM = 200

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.shown = False
        self.active = (
            total >= self.SHOWN_FROM and sys.stderr.isatty() and not os.environ.get("PRE_COMMIT")
        )

    def step(self) -> None:
        self.done += 1
        if self.active and (self.done % 50 == 0 or self.done == self.total):
            sys.stderr.write(f"\rchecked {self.done}/{self.total} files")
            sys.stderr.flush()
            self.shown = True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self.shown = False


_STDIN_FILENAME = click.option(
    "--stdin-filename", metavar="NAME", help="The name to report for '-' (standard input)."
)


def _jobs(ctx: click.Context, param: click.Parameter, value: int | None) -> int:
    from minutekit.batch import default_jobs

    return default_jobs() if value is None or value == 0 else value


_CONFIG = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use this configuration for every file (default: the nearest pyproject.toml"
    " with [tool.minutekit], or .minutekit.toml, above each file).",
)
_PROFILE = click.option(
    "--profile",
    metavar="NAME",
    help="The house style: seeds (default), moderngov, or one defined in the configuration"
    " (see 'minutekit profiles').",
)
_SIZE = re.compile(r"^\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>[kMG]?B?)\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 10**3, "kb": 10**3, "m": 10**6, "mb": 10**6, "g": 10**9, "gb": 10**9}


def _max_size(ctx: click.Context, param: click.Parameter, value: str | None) -> int:
    from minutekit.batch import DEFAULT_MAX_SIZE

    if value is None:
        return DEFAULT_MAX_SIZE
    match = _SIZE.match(value)
    if not match:
        raise click.BadParameter(f"{value!r} is not a size such as 50MB, 500kB or 20000000")
    return int(float(match["number"]) * _UNITS[match["unit"].lower()])


def _encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise click.BadParameter(f"{value!r} is not an encoding Python knows") from None


def _reading_options(command: Callable[..., None]) -> Callable[..., None]:
    command = click.option(
        "--max-size",
        callback=_max_size,
        metavar="SIZE",
        help="Refuse files larger than this (default 20MB).",
    )(command)
    return click.option(
        "--encoding",
        callback=_encoding,
        metavar="NAME",
        help="Read the files in this encoding (e.g. cp1252) instead of UTF-8.",
    )(command)


_JOBS = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    callback=_jobs,
    metavar="N",
    help="Processes to check files on (default, or 0: all cores). Output is the same for any N.",
)


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _check_rule_keys(keys: Sequence[str], option: str) -> None:
    from minutekit import rules

    for key in keys:
        if rules.find(key) is None:
            raise click.BadParameter(f"no rule {key!r} (see 'minutekit rules')", param_hint=option)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="minutekit")
def main() -> None:
    """Validate and convert the minutes of UK council meetings."""


_UNSAFE_FIXES = click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="Also apply the fixes that change what the text says (heading spellings).",
)
_REPORT_FORMATS = ["text", "json", "sarif", "github", "junit", "markdown", "html"]


def _report_option(
    ctx: click.Context, param: click.Parameter, values: Sequence[str]
) -> list[tuple[str, Path]]:
    reports = []
    for value in values:
        name, colon, path = value.partition(":")
        if not colon or not path or name not in _REPORT_FORMATS:
            raise click.BadParameter(
                f"{value!r} is not FORMAT:PATH with FORMAT one of {', '.join(_REPORT_FORMATS)}"
            )
        reports.append((name, Path(path)))
    return reports


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(_REPORT_FORMATS),
    help="What to print: text (default), json, sarif, github (default when"
    " GITHUB_ACTIONS=true), junit, markdown or html (a page to open in a browser).",
)
@click.option(
    "--report",
    "reports",
    multiple=True,
    callback=_report_option,
    metavar="FORMAT:PATH",
    help="Also write a report to PATH (repeatable), e.g. --report sarif:minutekit.sarif.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Run only these rules (codes or names, comma-separated); replaces the configuration's.",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="RULES",
    help="Do not run these rules (codes or names, comma-separated); adds to the configuration's.",
)
@_CONFIG
@_PROFILE
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even with findings (2 still means a usage error)."
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Accept the findings recorded in this file; report and fail only on new ones"
    " (default: the configuration's 'baseline', found from the current folder).",
)
@click.option(
    "--update-baseline",
    is_flag=True,
    help="Write every current finding to the --baseline file, and exit 0.",
)
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule.")
@click.option(
    "--color",
    "--colour",
    "colour",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text output (auto: on a terminal, unless NO_COLOR; FORCE_COLOR forces).",
)
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print the configuration that applies to the first PATH, and exit.",
)
@click.option(
    "--fix",
    "apply_fixes",
    is_flag=True,
    help="First repair what needs no judgement (as 'minutekit fix'), then check.",
)
@_UNSAFE_FIXES
@_STDIN_FILENAME
@_JOBS
@_reading_options
def validate(
    paths: Sequence[str],
    output_format: str | None,
    reports: list[tuple[str, Path]],
    select: Sequence[str],
    ignore: Sequence[str],
    config_file: Path | None,
    profile: str | None,
    strict: bool,
    exit_zero: bool,
    baseline: Path | None,
    update_baseline: bool,
    statistics: bool,
    colour: str,
    show_settings: bool,
    apply_fixes: bool,
    unsafe_fixes: bool,
    stdin_filename: str | None,
    jobs: int,
    encoding: str | None,
    max_size: int,
) -> None:
    """Check minute files (PATH: a file, a directory of *.txt files, or - for stdin).

    Prints one line per problem, 'path:line:col: severity CODE name: message', then a
    summary. Exit status: 0 no errors (with --strict: no warnings either), 1 findings
    that fail, 2 a usage or configuration error or an unreadable path.
    """
    from minutekit import baseline as baselines
    from minutekit import batch
    from minutekit import reports as formats
    from minutekit.convert import write_atomic
    from minutekit.diagnostics import Diagnostic, Severity

    rules_for = _RulesFor(config_file, profile, select, ignore, stdin_filename)
    if show_settings:
        first = next((p for p in paths if p != STDIN), stdin_filename)
        settings = rules_for.settings(first)
        click.echo(json.dumps(settings.to_jsonable(), ensure_ascii=False, indent=2))
        sys.exit(EXIT_CLEAN)

    if baseline is None:
        baseline = rules_for.settings(None).baseline_path
    if update_baseline and baseline is None:
        raise click.UsageError(
            "--update-baseline needs --baseline FILE (or 'baseline' in the configuration)"
        )

    inputs = _Inputs(stdin_filename)
    tasks = rules_for.tasks(inputs.tasks(paths, max_size))
    if apply_fixes or unsafe_fixes:
        _fix_before_checking(inputs, tasks, unsafe_fixes, max_size)
    files = tuple(task.name for task in tasks)
    diagnostics: list[Diagnostic] = []
    reading = batch.Reading(encoding, max_size)
    work = functools.partial(batch.check, reading=reading)
    unchecked: list[tuple[str, str]] = []
    for outcome in inputs.outcomes(work, tasks, jobs):
        if outcome.error is None:
            diagnostics.extend(outcome.diagnostics)
        else:
            unchecked.append((outcome.name, outcome.error))
    diagnostics.sort(key=lambda d: d.sort_key())

    if update_baseline:
        assert baseline is not None
        try:
            write_atomic(baseline, baselines.dumps(diagnostics).encode("utf-8"))
        except OSError as error:
            inputs.fail(f"cannot write the baseline '{baseline}': {error.strerror or error}")
            sys.exit(EXIT_USAGE)
        click.echo(
            f"Wrote {len(diagnostics)} finding(s) of {len(files)} file(s) to '{baseline}'.",
            err=True,
        )
        sys.exit(EXIT_USAGE if inputs.failed else EXIT_CLEAN)
    hidden = 0
    if baseline is not None:
        try:
            accepted = baselines.load(baseline)
        except baselines.BaselineError as error:
            click.echo(f"minutekit: error: {error}", err=True)
            sys.exit(EXIT_USAGE)
        diagnostics, hidden = baselines.apply(diagnostics, accepted)

    quiet = bool(os.environ.get("PRE_COMMIT"))
    run = formats.Run(
        files,
        tuple(diagnostics),
        hidden,
        summary=not quiet,
        unchecked=len(unchecked),
        not_checked=tuple(unchecked),
    )
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    click.echo(
        formats.render(output_format, run, formats.use_colour(colour, sys.stdout)),
        nl=False,
        color=True,
    )
    if statistics:
        click.echo(formats.statistics_text(diagnostics), nl=False)
    for name, path in reports:
        try:
            write_atomic(path, formats.render(name, run).encode("utf-8"))
        except OSError as error:
            inputs.fail(f"cannot write the {name} report '{path}': {error.strerror or error}")
    if inputs.failed:
        sys.exit(EXIT_USAGE)
    failing = Severity.WARNING if strict else Severity.ERROR
    if exit_zero or not any(d.severity >= failing for d in diagnostics):
        sys.exit(EXIT_CLEAN)
    sys.exit(EXIT_FINDINGS)


def _fix_before_checking(
    inputs: _Inputs, tasks: Sequence[Task], unsafe: bool, max_size: int
) -> None:
    """validate --fix: rewrite the plain-text files that have something to fix."""
    from minutekit import fix

    fixed = files = 0
    for outcome in fix.fix_tasks([t for t in tasks if t.path is not None], unsafe, max_size):
        result = outcome.result
        if result is None or not result.changed or not result.rewritable:
            continue  # unreadable files are reported by the check that follows
        assert outcome.path is not None
        try:
            fix.replace(Path(outcome.path), result.fixed)
        except OSError as error:
            inputs.fail(f"cannot write '{outcome.name}': {error.strerror or error}")
            continue
        fixed += len(result.applied)
        files += 1
    click.echo(fix.summary("Fixed", fixed, files), err=True)


class _RulesFor:
    """Which rules run on each input: its configuration, the profile, and the options.

    The nearest configuration above each file applies (or ``--config`` for all); the
    profile (``--profile``, else the configuration's) decides which schema requirements
    are checked; ``--select`` replaces the configuration's selection and ``--ignore``
    adds to it. A bad configuration or profile ends the run with exit 2.
    """

    def __init__(
        self,
        config_file: Path | None,
        profile: str | None,
        select: Sequence[str],
        ignore: Sequence[str],
        stdin_filename: str | None,
    ) -> None:
        from minutekit import config

        self.selected, self.ignored = _split(select), _split(ignore)
        _check_rule_keys(self.selected, "--select")
        _check_rule_keys(self.ignored, "--ignore")
        self.profile = profile
        self.stdin_filename = stdin_filename
        config.forget()  # files are read afresh for each run
        try:
            self.fixed = config.load(config_file) if config_file is not None else None
        except config.ConfigError as error:
            _config_failure(error)

    def settings(self, path: str | None) -> Settings:
        from minutekit import config

        if self.fixed is not None:
            return self.fixed
        try:
            return config.for_file(Path(path) if path else Path.cwd())
        except config.ConfigError as error:
            _config_failure(error)

    def selection(self, task: Task) -> Selection:
        from minutekit import config
        from minutekit.validate import Selection

        settings = self.settings(task.path or self.stdin_filename)
        try:
            house = settings.profile_named(self.profile)
        except config.ConfigError as error:
            _config_failure(error)
        file_select, file_ignore, severities = settings.for_path(Path(task.path or task.name))
        return Selection.of(
            self.selected or file_select,
            (*house.ignore, *file_ignore, *self.ignored),
            severities,
            enable=house.enable,
            headings=house.headings,
            owners=house.owners,
        )

    def tasks(self, tasks: Sequence[Task]) -> list[Task]:
        """The tasks not excluded by their configuration, each with its selection."""
        kept = []
        for task in tasks:
            where = task.path or self.stdin_filename
            if where is not None and self.settings(where).excluded(Path(where)):
                continue
            kept.append(attrs.evolve(task, selection=self.selection(task)))
        return kept


def _config_failure(error: Exception) -> NoReturn:
    click.echo(f"minutekit: error: {error}", err=True)
    sys.exit(EXIT_USAGE)


@main.command("parse")
@click.argument("path", metavar="PATH")
@_STDIN_FILENAME
@_reading_options
def parse_command(
    path: str, stdin_filename: str | None, encoding: str | None, max_size: int
) -> None:
    """Print the JSON form of what minutekit understood of one file, valid or not."""
    from minutekit import batch

    if path != STDIN and Path(path).is_dir():
        raise click.UsageError(f"'{path}' is a folder: parse takes one file")
    inputs = _Inputs(stdin_filename)
    reading = batch.Reading(encoding, max_size)
    keep = functools.partial(batch.check, keep_item=True, reading=reading)
    for outcome in inputs.outcomes(keep, inputs.tasks([path], max_size), jobs=1):
        whole = outcome.meeting or outcome.item  # a meeting's minutes: all of its items
        if whole is not None:
            click.echo(json.dumps(whole.to_jsonable(), ensure_ascii=False, indent=2))
    sys.exit(EXIT_USAGE if inputs.failed else EXIT_CLEAN)


def _formats() -> list[str]:
    from minutekit import formats as converters

    return list(converters.available())


def _meeting_date(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _locality(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from minutekit.convert import parse_locality

    if value is None:
        return None
    try:
        return parse_locality(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--to", "output_format", required=True, metavar="FORMAT", help="akn, json or csv (see --help)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write into: one file per input (csv: one set of tables). Default: stdout.",
)
@click.option("--force", is_flag=True, help="Convert invalid items too (they are still reported).")
@_CONFIG
@_PROFILE
@click.option(
    "--meeting-date",
    callback=_meeting_date,
    metavar="YYYY-MM-DD",
    help="The meeting's date (Akoma Ntoso).",
)
@click.option(
    "--locality",
    callback=_locality,
    metavar="CODE",
    help="ISO 3166-2:GB code of the council, e.g. GB-BRD (Akoma Ntoso).",
)
@click.option(
    "--item-id",
    metavar="ID",
    help="The item's id (one input only). Default: the file name without .txt.",
)
@_STDIN_FILENAME
@_JOBS
@_reading_options
def convert(
    paths: Sequence[str],
    output_format: str,
    output: Path | None,
    force: bool,
    config_file: Path | None,
    profile: str | None,
    meeting_date: datetime.date | None,
    locality: str | None,
    item_id: str | None,
    stdin_filename: str | None,
    jobs: int,
    encoding: str | None,
    max_size: int,
) -> None:
    """Convert valid minute files to Akoma Ntoso (akn), JSON or CSV tables (csv).

    Problems are printed on stderr as 'minutekit validate' prints them; an invalid item
    is not converted unless --force is given. Files are written whole or not at all and
    never over an input. Exit status: 0 all valid and written, 1 an input has errors,
    2 a usage error, an unreadable path or a file that could not be written.
    """

    import attrs

    from minutekit import batch
    from minutekit import formats as converters
    from minutekit.convert import (
        ConversionError,
        ConvertOptions,
        InputFiles,
        generation_date,
        write_atomic,
    )
    from minutekit.diagnostics import format_text

    formats = converters.available()
    if output_format not in formats:
        raise click.BadParameter(
            f"{output_format!r} is not a format (choose from {', '.join(formats)})",
            param_hint="--to",
        )
    converter = formats[output_format]
    several = len(paths) > 1 or any(p != STDIN and Path(p).is_dir() for p in paths)
    if output is None and (converter.batch or several):
        what = (
            "csv writes several tables"
            if converter.batch
            else "several inputs give several outputs"
        )
        raise click.UsageError(f"{what}: give a folder with -o")
    if item_id is not None and several:
        raise click.UsageError("--item-id names one item: give one input")
    try:
        options = ConvertOptions(
            generated=generation_date(),
            meeting_date=meeting_date,
            locality=locality,
        )
    except ConversionError as error:
        raise click.UsageError(str(error)) from None

    inputs = _Inputs(stdin_filename)
    rules_for = _RulesFor(config_file, profile, (), (), stdin_filename)
    tasks = rules_for.tasks(inputs.tasks(paths, max_size))
    input_paths = InputFiles.of(Path(task.path) for task in tasks if task.path is not None)
    invalid = False
    written: dict[str, str] = {}
    tables: Any = None  # a batch format's writer, opened with the first record
    converted = skipped = 0
    work = functools.partial(
        batch.convert,
        format_name=output_format,
        options=attrs.evolve(options, item_id=item_id),
        force=force,
        reading=batch.Reading(encoding, max_size),
    )
    for outcome in inputs.outcomes(work, tasks, jobs):
        click.echo(format_text(outcome.diagnostics), nl=False, err=True)
        invalid = invalid or (outcome.error is None and not outcome.valid)
        if outcome.item_id is None:  # unreadable, or invalid and not forced
            skipped += outcome.error is None
            continue
        if outcome.item_id in written:
            inputs.fail(
                f"'{outcome.name}' has the same item id '{outcome.item_id}'"
                f" as '{written[outcome.item_id]}': not converted"
            )
            continue
        written[outcome.item_id] = outcome.name
        if outcome.record is not None and output is not None:
            try:
                if tables is None:
                    tables = converter.open_batch(output, options, input_paths)
                tables.add(outcome.record)
                converted += 1
            except (ConversionError, OSError) as error:
                inputs.fail(f"the {output_format} tables cannot be written: {error}")
                if tables is not None:
                    tables.abort()
                tables, converted = None, 0
                break
        elif outcome.output is not None:
            try:
                if output is None:
                    sys.stdout.buffer.write(outcome.output)
                    sys.stdout.flush()
                else:
                    write_atomic(
                        output / f"{outcome.item_id}{converter.suffix}", outcome.output, input_paths
                    )
                converted += 1
            except (ConversionError, OSError) as error:
                inputs.fail(f"'{outcome.name}' was not converted: {error}")
    if tables is not None:
        try:
            tables.commit()
        except (ConversionError, OSError) as error:
            tables.abort()
            inputs.fail(f"the {output_format} tables were not written: {error}")
            converted = 0
    where = f" in '{output}'" if output is not None else ""
    files = f"{converted} file{'s' if converted != 1 else ''}"
    not_converted = f", {skipped} invalid not converted (use --force)" if skipped else ""
    click.echo(f"Converted {files} to {output_format}{where}{not_converted}.", err=True)
    if inputs.failed:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if invalid else EXIT_CLEAN)


@main.command("fix")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_UNSAFE_FIXES
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff; write nothing.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if anything would change.")
@click.option("--select", multiple=True, metavar="RULES", help="Fix only these rules' findings.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Leave these rules' findings.")
@_CONFIG
@_PROFILE
@_reading_options
def fix_command(
    paths: Sequence[str],
    unsafe_fixes: bool,
    show_diff: bool,
    check: bool,
    select: Sequence[str],
    ignore: Sequence[str],
    config_file: Path | None,
    profile: str | None,
    encoding: str | None,
    max_size: int,
) -> None:
    """Repair what needs no judgement in minute files (plain text only), in place.

    Fixes declared 'safe' by their rule (see 'minutekit rules') are applied; 'unsafe'
    ones only with --unsafe-fixes. Each file is written whole or not at all, keeping its
    line endings, byte-order mark and no-break spaces. Exit status: 0 done (with --check
    or --diff: nothing to change), 1 with --check or --diff: something would change,
    2 a usage error or a file that could not be read or written.
    """
    from minutekit import fix

    if STDIN in paths:
        raise click.UsageError("fix rewrites files: give paths, not '-'")
    if encoding is not None:
        raise click.UsageError("fix re-encodes files as UTF-8 itself: --encoding is not used")
    inputs = _Inputs(None)
    rules_for = _RulesFor(config_file, profile, select, ignore, None)
    tasks = rules_for.tasks(inputs.tasks(paths, max_size))
    dry = check or show_diff
    fixed = files = 0
    left = 0
    for outcome in fix.fix_tasks(tasks, unsafe_fixes, max_size):
        if outcome.error is not None:
            inputs.fail(outcome.error)
            continue
        result = outcome.result
        assert result is not None
        left += len(result.unsafe_left)
        if not result.applied:
            continue
        what = fix.describe(result.applied)
        if not result.rewritable:
            click.echo(
                f"{outcome.name}: would fix {what}; not rewritten (only plain-text files are)",
                err=True,
            )
            continue
        fixed += len(result.applied)
        files += 1
        if show_diff:
            click.echo(fix.diff(result, outcome.name), nl=False)
        if dry:
            click.echo(f"{outcome.name}: would fix {what}", err=True)
            continue
        try:
            fix.replace(Path(outcome.name if outcome.path is None else outcome.path), result.fixed)
        except OSError as error:
            inputs.fail(f"cannot write '{outcome.name}': {error.strerror or error}")
            continue
        click.echo(f"{outcome.name}: fixed {what}", err=True)
    verb = "Would fix" if dry else "Fixed"
    more = f" {left} more with --unsafe-fixes." if left and not unsafe_fixes else ""
    click.echo(fix.summary(verb, fixed, files) + more, err=True)
    if inputs.failed:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if dry and fixed else EXIT_CLEAN)


def _threshold(ctx: click.Context, param: click.Parameter, value: str) -> float:
    text = value.strip()
    try:
        share = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        share = -1.0
    if not 0 < share <= 1:
        raise click.BadParameter(f"{value!r} is not a share such as 0.8 or 80%")
    return share


@main.command("init")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--threshold",
    callback=_threshold,
    default="0.8",
    show_default=True,
    metavar="SHARE",
    help="Require a part present in at least this share of the files (0.9 or 90%).",
)
@click.option("--name", default="house", show_default=True, help="The profile's name.")
@click.option(
    "--sample",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    help="Read at most this many files, spread evenly over the archive.",
)
@click.option(
    "--pyproject",
    is_flag=True,
    help="Write [tool.minutekit] into ./pyproject.toml instead of ./.minutekit.toml.",
)
@click.option("--force", is_flag=True, help="Replace an existing minutekit configuration.")
@_reading_options
def init_command(
    paths: Sequence[str],
    threshold: float,
    name: str,
    sample: int,
    pyproject: bool,
    force: bool,
    encoding: str | None,
    max_size: int,
) -> None:
    """Write a starter configuration whose profile is learnt from the council's own files.

    Reads a sample of the minutes under PATH, requires the parts present in nearly all
    of them (--threshold), records the house's heading spellings and the ACTION owners
    seen, and lists in comments what was seen and how often. Exit status: 0 written,
    2 a usage error, nothing to learn from, or an existing configuration (without --force).
    """
    import tomllib

    from minutekit import init
    from minutekit.batch import Reading, _read
    from minutekit.convert import write_atomic

    if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        raise click.BadParameter(f"{name!r}: use letters, digits, '-' and '_'", param_hint="--name")
    if STDIN in paths:
        raise click.UsageError("init learns from files: give paths, not '-'")
    target = Path("pyproject.toml" if pyproject else ".minutekit.toml")
    existing = target.read_text("utf-8") if target.is_file() else None
    if existing is not None and (not pyproject or init.has_table(existing)) and not force:
        click.echo(
            f"minutekit: error: '{target}' already holds a minutekit configuration:"
            " not overwritten (use --force)",
            err=True,
        )
        sys.exit(EXIT_USAGE)
    inputs = _Inputs(None)
    tasks = inputs.tasks(paths, max_size)
    if len(tasks) > sample:
        tasks = [tasks[i * len(tasks) // sample] for i in range(sample)]
    reading = Reading(encoding, max_size)

    def files() -> Iterator[tuple[str, bytes]]:
        for task in tasks:
            data = _read(task, reading.max_size)
            if isinstance(data, str):
                inputs.fail(data)
                continue
            yield task.name, data

    learnt = init.learn(files())
    if not learnt.files:
        click.echo("minutekit: error: no minutes to learn from under the paths given", err=True)
        sys.exit(EXIT_USAGE)
    where = ", ".join(paths)
    config = init.render(learnt, threshold, name, where, "tool.minutekit." if pyproject else "")
    text = init.merge_pyproject(existing, config) if pyproject and existing else config
    tomllib.loads(text)  # what is written is TOML, or this is a bug worth its traceback
    try:
        write_atomic(target, text.encode("utf-8"))
    except OSError as error:
        click.echo(
            f"minutekit: error: cannot write '{target}': {error.strerror or error}", err=True
        )
        sys.exit(EXIT_USAGE)
    required = ", ".join(learnt.required(threshold)) or "nothing"
    click.echo(
        f"Wrote '{target}': profile '{name}' requires {required}"
        f" (learnt from {learnt.files} file{'s' if learnt.files != 1 else ''},"
        f" threshold {threshold:.0%}).",
        err=True,
    )
    sys.exit(EXIT_USAGE if inputs.failed else EXIT_CLEAN)


@main.command("profiles")
@click.argument("path", required=False, metavar="[PATH]")
def profiles_command(path: str | None) -> None:
    """List the profiles (house styles): built in, and those of the configuration for PATH."""
    from minutekit import config
    from minutekit.profiles import BUILT_IN

    try:
        settings = config.for_file(Path(path) if path else Path.cwd())
    except config.ConfigError as error:
        _config_failure(error)
    chosen = settings.profile or "seeds"
    for house in [*BUILT_IN.values(), *settings.profiles]:
        mark = "*" if house.name == chosen else " "
        click.echo(f"{mark} {house.name:<12} requires {', '.join(house.require) or 'nothing'}")
        click.echo(f"  {'':<12} {house.description}")
        for part, heading in house.headings:
            click.echo(f"  {'':<12} heading for {part}: {heading!r}")
        if house.owners:
            click.echo(f"  {'':<12} action owners: {'; '.join(house.owners)}")


@main.command("rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
def rules_command(output_format: str) -> None:
    """List every rule: code, name, default severity, fix (safe, unsafe or none) and what
    it catches."""
    from minutekit import rules

    catalogue = rules.catalogue()
    if output_format == "json":
        entries = [
            {
                "code": r.code,
                "name": r.name,
                "severity": str(r.severity),
                "kind": r.kind,
                "fix": r.fix,
                "summary": r.summary,
            }
            for r in catalogue
        ]
        click.echo(json.dumps(entries, ensure_ascii=False, indent=2))
        return
    width = max(len(r.name) for r in catalogue)
    for rule in catalogue:
        fix = rule.fix or "-"
        click.echo(
            f"{rule.code}  {rule.name:<{width}}  {rule.severity!s:<7}  {fix:<6}  {rule.summary}"
        )


@main.command("rule")
@click.argument("code_or_name")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "html"]),
    default="text",
    show_default=True,
    help="text for a terminal, markdown or html (a whole page) for documentation.",
)
def rule_command(code_or_name: str, output_format: str) -> None:
    """Explain one rule (by code, MK103, or name, missing-resolved)."""
    from minutekit import rule_docs, rules

    rule = rules.find(code_or_name)
    if rule is None:
        click.echo(f"minutekit: error: no rule {code_or_name!r} (see 'minutekit rules')", err=True)
        sys.exit(EXIT_USAGE)
    render = {"text": rule_docs.text, "markdown": rule_docs.markdown, "html": rule_docs.html}
    click.echo(render[output_format](rule), nl=False)


@main.command("schema")
@click.option(
    "--meeting",
    is_flag=True,
    help="The schema of a whole-meeting file's JSON (its items are agenda items).",
)
def schema_command(meeting: bool) -> None:
    """Print the JSON Schema of an agenda item's JSON form."""
    from minutekit.schema import meeting_schema_text, schema_text

    click.echo(meeting_schema_text() if meeting else schema_text(), nl=False)
