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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from minutekit import __version__, replay, reports
from minutekit.diagnostics import EXIT_CLEAN, EXIT_INTERRUPTED, EXIT_USAGE, format_text

if TYPE_CHECKING:
    from minutekit.batch import Reading
    from minutekit.diagnostics import Diagnostic

T = TypeVar("T")
__all__ = ["main"]


class _Console:
    """A run's messages on stderr, converted bytes on stdout, and progress on a terminal."""

    SHOWN_FROM = 200  # files: progress is shown for long runs only

    def __init__(self) -> None:
        self.shown = False

    def _clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self.shown = False

    def error(self, message: str) -> None:
        self._clear()
        click.echo(f"minutekit: error: {message}", err=True)

    def warning(self, message: str) -> None:
        self._clear()
        click.echo(f"minutekit: warning: {message}", err=True)

    def note(self, message: str) -> None:
        click.echo(message, err=True)

    def step(self, done: int, total: int) -> None:
        """'checked 1200/5000 files' on stderr: on a terminal, never under pre-commit.
        Called for every file: the terminal is asked about only when a step is due."""
        if total < self.SHOWN_FROM or (done % 50 and done != total):
            return
        if not sys.stderr.isatty() or os.environ.get("PRE_COMMIT"):
            return
        sys.stderr.write(f"\rchecked {done}/{total} files")
        sys.stderr.flush()
        self.shown = True
        if done == total:
            self._clear()

    def diagnostics(self, found: Sequence[Diagnostic]) -> None:
        click.echo(format_text(found), nl=False, err=True)

    def output(self, data: bytes) -> None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def _attempt(start: Callable[[], T]) -> T:
    """``start()``; a run that cannot start as asked ends here with exit 2."""
    from minutekit import runs

    try:
        return start()
    except runs.UsageError as error:
        raise click.UsageError(str(error)) from None
    except runs.RunError as error:
        _config_failure(error)


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


def _max_size(ctx: click.Context, param: click.Parameter, value: str | None) -> int:
    from minutekit.batch import DEFAULT_MAX_SIZE, parse_size

    try:
        return DEFAULT_MAX_SIZE if value is None else parse_size(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def _encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise click.BadParameter(f"{value!r} is not an encoding Python knows") from None


def _input_format(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from minutekit import readers

    names = list(readers.catalogue())
    if value not in names:
        raise click.BadParameter(
            f"{value!r} is not an input format (choose from {', '.join(names)})"
        )
    return value


def _reading_options(command: Callable[..., None]) -> Callable[..., None]:
    """--encoding, --max-size and --input-format, given to the command as ``reading``."""

    @functools.wraps(command)
    def with_reading(
        *args: Any, encoding: str | None, max_size: int, input_format: str | None, **kwargs: Any
    ) -> None:
        from minutekit.batch import Reading

        command(*args, reading=Reading(encoding, max_size, input_format), **kwargs)

    for option in (
        click.option(
            "--input-format",
            callback=_input_format,
            metavar="NAME",
            help="Read the inputs as this format (a reader's name, e.g. txt; see"
            " 'minutekit formats'). Default: the one each file's content shows.",
        ),
        click.option(
            "--max-size",
            callback=_max_size,
            metavar="SIZE",
            help="Refuse files larger than this (default 20MB).",
        ),
        click.option(
            "--encoding",
            callback=_encoding,
            metavar="NAME",
            help="Read the files in this encoding (e.g. cp1252) instead of UTF-8.",
        ),
    ):
        with_reading = option(with_reading)
    return with_reading


def _scope_options(command: Callable[..., None]) -> Callable[..., None]:
    command = click.option(
        "--extend-exclude",
        multiple=True,
        metavar="PATTERNS",
        help="Also leave out the files these patterns match (comma-separated; adds to the"
        " configuration's 'exclude').",
    )(command)
    command = click.option(
        "--exclude",
        multiple=True,
        metavar="PATTERNS",
        help="Leave out the files these patterns match (comma-separated, relative to the"
        " current folder; replaces the configuration's 'exclude'). Files that .gitignore"
        " ignores are left out of folder walks too.",
    )(command)
    return command


_JOBS = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    callback=_jobs,
    metavar="N",
    help="Processes to check files on (default, or 0: all cores). Output is the same for any N.",
)


def _no_rule(key: str) -> str:
    """'no rule …', with the nearest codes or names when there are any."""
    import difflib

    from minutekit import rules

    known = [key for rule in rules.catalogue() for key in (rule.code, rule.name)]
    near = difflib.get_close_matches(key.upper() if key[:2].lower() == "mk" else key, known, 3)
    hint = f"; did you mean {' or '.join(near)}?" if near else ""
    return f"no rule {key!r}{hint} (see 'minutekit rules')"


def _rule_keys(ctx: click.Context, param: click.Parameter, values: Sequence[str]) -> list[str]:
    """Codes or names, comma-separated, each a rule that exists."""
    keys = [part.strip() for value in values for part in value.split(",") if part.strip()]
    if not keys:
        return keys
    from minutekit import rules

    for key in keys:
        if rules.find(key) is None:
            raise click.BadParameter(_no_rule(key))
    return keys


def _rules_option(name: str, help: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return click.option(name, multiple=True, callback=_rule_keys, metavar="RULES", help=help)


_NO_CACHE = click.option(
    "--no-cache",
    is_flag=True,
    help="Check every file again: neither read nor write the result cache"
    " (also MINUTEKIT_NO_CACHE=1).",
)
_CACHE_DIR = click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where the result cache is kept (default: .minutekit_cache in the current folder).",
)


class _Main(click.Group):
    """The command group: what stops every command (two installed modules claiming one
    name) ends in one error line and exit 2, whichever command met it; Ctrl-C ends it
    with click's "Aborted!" and 130, as a shell reports it, not with 1, which says that
    errors were found."""

    def invoke(self, ctx: click.Context) -> Any:
        from minutekit.registry import RegistryError

        try:
            return super().invoke(ctx)
        except RegistryError as error:
            _config_failure(
                f"the installed plugins cannot be used: {error}; uninstall one of the two"
            )
        except KeyboardInterrupt:
            click.echo("\nAborted!", err=True)
            sys.exit(EXIT_INTERRUPTED)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="minutekit")
def main() -> None:
    """Validate and convert the minutes of UK council meetings."""


_UNSAFE_FIXES = click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="Also apply the fixes that change what the text says (heading spellings).",
)


def _report_format(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and value not in reports.available():
        choices = ", ".join(reports.available())
        raise click.BadParameter(f"{value!r} is not a report format (choose from {choices})")
    return value


def _report_option(
    ctx: click.Context, param: click.Parameter, values: Sequence[str]
) -> list[tuple[str, Path]]:
    wanted = []
    for value in values:
        name, colon, path = value.partition(":")
        if not colon or not path or name not in reports.available():
            raise click.BadParameter(
                f"{value!r} is not FORMAT:PATH with FORMAT one of {', '.join(reports.available())}"
                " (PATH '-': standard output)"
            )
        wanted.append((name, Path(path)))
    if sum(str(path) == "-" for _, path in wanted) > 1:
        raise click.BadParameter("only one report can go to standard output ('-')")
    written: dict[str, str] = {}  # the formats by the file they write, made absolute
    for format_name, file in wanted:
        if str(file) == "-":
            continue
        where = os.path.abspath(file)
        if where in written:
            raise click.BadParameter(
                f"{written[where]} and {format_name} both write to '{file}': give each report"
                " its own path"
            )
        written[where] = format_name
    return wanted


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format",
    "output_format",
    callback=_report_format,
    metavar="FORMAT",
    help=f"What to print: {', '.join(reports.FORMATS)} or a plugin's (default: text; github"
    " when GITHUB_ACTIONS=true; html is a page to open in a browser).",
)
@click.option(
    "--report",
    "reports_wanted",
    multiple=True,
    callback=_report_option,
    metavar="FORMAT:PATH",
    help="Also write a report to PATH (repeatable), e.g. --report sarif:minutekit.sarif.",
)
@_rules_option(
    "--select",
    "Run only these rules (codes or names, comma-separated); replaces the configuration's.",
)
@_rules_option(
    "--ignore",
    "Do not run these rules (codes or names, comma-separated); adds to the configuration's.",
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
@_NO_CACHE
@_CACHE_DIR
@_UNSAFE_FIXES
@_STDIN_FILENAME
@_JOBS
@_reading_options
@_scope_options
def validate(
    paths: Sequence[str],
    output_format: str | None,
    reports_wanted: list[tuple[str, Path]],
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
    no_cache: bool,
    cache_dir: Path | None,
    stdin_filename: str | None,
    jobs: int,
    reading: Reading,
    exclude: Sequence[str],
    extend_exclude: Sequence[str],
) -> None:
    """Check minute files (PATH: a file, a folder of files any reader takes, or - for stdin).

    Prints one line per problem, 'path:line:col: severity CODE name: message', then a
    summary. Exit status: 0 no errors (with --strict: no warnings either), 1 findings
    that fail, 2 a usage or configuration error, an unreadable path or output that
    could not be written, 130 stopped by Ctrl-C.
    """
    from minutekit import runs

    if show_settings:
        first = next((p for p in paths if p != runs.STDIN), stdin_filename)
        settings = _attempt(
            lambda: runs.settings(first, config_file, profile, select, ignore, stdin_filename)
        )
        click.echo(json.dumps(settings.to_jsonable(), ensure_ascii=False, indent=2))
        sys.exit(EXIT_CLEAN)
    to_stdout = [name for name, path in reports_wanted if str(path) == "-"]
    if to_stdout and output_format is not None and output_format != to_stdout[0]:
        raise click.UsageError(
            f"--format {output_format} and --report {to_stdout[0]}:- both print to standard"
            " output: choose one"
        )
    reports_wanted = [(name, path) for name, path in reports_wanted if str(path) != "-"]
    shown_format = (
        output_format
        or (to_stdout[0] if to_stdout else None)
        or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    )

    def show(run: reports.Run) -> None:
        coloured = reports.use_colour(colour, sys.stdout)
        click.echo(reports.render(shown_format, run, coloured), nl=False, color=True)
        if statistics:
            click.echo(reports.statistics_text(run.diagnostics), nl=False)

    options = runs.ValidateRun(
        config_file=config_file,
        profile=profile,
        select=tuple(select),
        ignore=tuple(ignore),
        stdin_filename=stdin_filename,
        jobs=jobs,
        reading=reading,
        baseline=baseline,
        update_baseline=update_baseline,
        reports=tuple(reports_wanted),
        strict=strict,
        exit_zero=exit_zero,
        fix=apply_fixes,
        unsafe_fixes=unsafe_fixes,
        exclude=_patterns(exclude),
        extend_exclude=_patterns(extend_exclude) or (),
        cache=not no_cache,
        cache_dir=cache_dir,
    )
    # A run that only prints, with the cache on in its usual place, may be replayed: it
    # is given a list for the paths its output depends on.
    recording = replay.recording()
    looked: list[str] | None = None
    if recording is not None and not (
        no_cache
        or cache_dir is not None
        or reports_wanted
        or update_baseline
        or apply_fixes
        or unsafe_fixes
        or runs.STDIN in paths
    ):
        looked = []
    status = _attempt(lambda: runs.validate(paths, options, _Console(), show, looked))
    if recording is not None and looked is not None:
        recording.record(status, looked)
    sys.exit(status)


def _patterns(values: Sequence[str]) -> tuple[str, ...] | None:
    """Comma-separated patterns from a repeatable option; None when it was not given."""
    if not values:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@main.command("clean")
@_CACHE_DIR
def clean_command(cache_dir: Path | None) -> None:
    """Remove the result cache (.minutekit_cache in the current folder, or --cache-dir)."""
    from minutekit import cache

    where = cache_dir if cache_dir is not None else Path(cache.DEFAULT_FOLDER)
    try:
        removed = cache.clean(cache_dir)
    except cache.NotACache as error:
        _config_failure(f"'{where}' {error}")
    except OSError as error:
        _config_failure(
            f"cannot remove all of the result cache '{where}': {error.strerror or error}"
        )
    if removed:
        click.echo(f"minutekit: removed the result cache '{where}'", err=True)
    else:
        click.echo(f"minutekit: no result cache at '{where}'", err=True)


def _config_failure(error: Exception | str) -> NoReturn:
    click.echo(f"minutekit: error: {error}", err=True)
    sys.exit(EXIT_USAGE)


@main.command("parse")
@click.argument("path", metavar="PATH")
@_STDIN_FILENAME
@_reading_options
def parse_command(path: str, stdin_filename: str | None, reading: Reading) -> None:
    """Print the JSON form of what minutekit understood of one file, valid or not."""
    from minutekit import runs

    def show(jsonable: Any) -> None:
        click.echo(json.dumps(jsonable, ensure_ascii=False, indent=2))

    sys.exit(_attempt(lambda: runs.parse(path, reading, _Console(), show, stdin_filename)))


def _meeting_date(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _checked_by(name: str) -> Callable[[click.Context, click.Parameter, str | None], str | None]:
    """An option callback: ``minutekit.convert.<name>(value)``, its ValueError a usage error."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        import importlib

        # The module, not the package's public function of the same name.
        convert = importlib.import_module("minutekit.convert")
        if value is None:
            return None
        try:
            checked: str = getattr(convert, name)(value)
        except ValueError as error:
            raise click.BadParameter(str(error)) from None
        return checked

    return callback


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--to", "output_format", required=True, metavar="FORMAT", help="akn, json or csv.")
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
    callback=_checked_by("parse_locality"),
    metavar="CODE",
    help="ISO 3166-2:GB code of the council, e.g. GB-BRD (Akoma Ntoso).",
)
@click.option(
    "--item-id",
    metavar="ID",
    callback=_checked_by("checked_item_id"),
    help="The item's id: letters, digits, '-' and '_' (one input only). Default: the"
    " file's path below the inputs' common folder, without its suffix, folders joined by '-'.",
)
@_NO_CACHE
@_CACHE_DIR
@_STDIN_FILENAME
@_JOBS
@_reading_options
@_scope_options
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
    no_cache: bool,
    cache_dir: Path | None,
    stdin_filename: str | None,
    jobs: int,
    reading: Reading,
    exclude: Sequence[str],
    extend_exclude: Sequence[str],
) -> None:
    """Convert valid minute files to Akoma Ntoso (akn), JSON or CSV tables (csv).

    Problems are printed on stderr as 'minutekit validate' prints them; an invalid item
    is not converted unless --force is given. Files are written whole or not at all and
    never over an input. Findings are kept in the result cache as 'validate' keeps them:
    an unchanged file found invalid (or not text) is not read again, unless --force.
    Exit status: 0 all valid and written, 1 an input has errors, 2 a usage error, an
    unreadable path or a file that could not be written, 130 stopped by Ctrl-C.
    """
    from minutekit import formats, runs

    names = list(formats.available())
    if output_format not in names:
        raise click.BadParameter(
            f"{output_format!r} is not a format (choose from {', '.join(names)})",
            param_hint="--to",
        )
    options = runs.ConvertRun(
        to=output_format,
        output=output,
        force=force,
        config_file=config_file,
        profile=profile,
        meeting_date=meeting_date,
        locality=locality,
        item_id=item_id,
        stdin_filename=stdin_filename,
        jobs=jobs,
        reading=reading,
        exclude=_patterns(exclude),
        extend_exclude=_patterns(extend_exclude) or (),
        cache=not no_cache,
        cache_dir=cache_dir,
    )
    sys.exit(_attempt(lambda: runs.convert(paths, options, _Console())))


@main.command("fix")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_UNSAFE_FIXES
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff; write nothing.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if anything would change.")
@_rules_option("--select", "Fix only these rules' findings.")
@_rules_option("--ignore", "Leave these rules' findings.")
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
    reading: Reading,
) -> None:
    """Repair what needs no judgement in minute files (plain text only), in place.

    Fixes declared 'safe' by their rule (see 'minutekit rules') are applied; 'unsafe'
    ones only with --unsafe-fixes. Each file is written whole or not at all, keeping its
    line endings, byte-order mark and no-break spaces. Exit status: 0 done (with --check
    or --diff: nothing to change), 1 with --check or --diff: something would change,
    2 a usage error or a file that could not be read or written.
    """
    from minutekit import runs

    options = runs.FixRun(
        unsafe_fixes=unsafe_fixes,
        show_diff=show_diff,
        check=check,
        select=tuple(select),
        ignore=tuple(ignore),
        config_file=config_file,
        profile=profile,
        reading=reading,
    )
    sys.exit(_attempt(lambda: runs.fix(paths, options, _Console())))


def _threshold(ctx: click.Context, param: click.Parameter, value: str) -> float:
    text = value.strip()
    try:
        share = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        share = -1.0
    if not 0 < share <= 1:
        raise click.BadParameter(f"{value!r} is not a share such as 0.8 or 80%")
    return share


def _profile_name(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_-]+", value):
        raise click.BadParameter(f"{value!r}: use letters, digits, '-' and '_'")
    return value


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
@click.option(
    "--name",
    callback=_profile_name,
    default="house",
    show_default=True,
    help="The profile's name.",
)
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
    reading: Reading,
) -> None:
    """Write a starter configuration whose profile is learnt from the council's own files.

    Reads a sample of the minutes under PATH, requires the parts present in nearly all
    of them (--threshold), records the house's heading spellings and the ACTION owners
    seen, and lists in comments what was seen and how often. Exit status: 0 written,
    2 a usage error, nothing to learn from, or an existing configuration (without --force).
    """
    from minutekit import runs

    options = runs.InitRun(threshold, name, sample, pyproject, force, reading)
    sys.exit(_attempt(lambda: runs.init(paths, options, _Console())))


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
        entries = [rule.to_jsonable() for rule in catalogue]
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
        click.echo(f"minutekit: error: {_no_rule(code_or_name)}", err=True)
        sys.exit(EXIT_USAGE)
    render = {"text": rule_docs.text, "markdown": rule_docs.markdown, "html": rule_docs.html}
    click.echo(render[output_format](rule), nl=False)


@main.command("schema")
@click.option(
    "--meeting",
    is_flag=True,
    help="The schema of a whole-meeting file's JSON (the item schema bundled in).",
)
@click.option(
    "--profile",
    metavar="NAME",
    help="Add the requirements this profile makes errors (default: the shape alone, which"
    " every converted document satisfies).",
)
@_CONFIG
def schema_command(meeting: bool, profile: str | None, config_file: Path | None) -> None:
    """Print the JSON Schema of an agenda item's JSON form (or of a meeting file's).

    Without --profile: the shape, which every JSON document minutekit writes satisfies.
    With --profile NAME: the shape and that profile's error-level requirements, which
    every item 'convert --profile NAME' judges valid satisfies.
    """
    from minutekit import config, rules
    from minutekit import schema as schemas

    item = schemas.shape_schema()
    if profile is not None:
        try:
            settings = config.load(config_file) if config_file else config.for_file(Path.cwd())
            house = settings.profile_named(profile)
        except config.ConfigError as error:
            _config_failure(error)
        severities = {rule.code: rule.severity for rule in rules.catalogue()}
        severities.update(settings.severity)
        item = schemas.profile_schema(house.name, house.enable, severities)
    click.echo(schemas.dumps(schemas.meeting_schema(item) if meeting else item), nl=False)
