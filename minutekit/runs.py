"""Runs: a whole ``validate``, ``parse`` or ``convert`` over many inputs.

Takes the paths as given (files, folders, ``-`` for standard input), the run's options
and a :class:`Console` that shows what happens. Does everything between: walks folders
for the files any reader takes, reads standard input once, resolves each file's
configuration and profile (:class:`minutekit.config.Resolver`), reads what the result
cache holds (:mod:`minutekit.cache`) and runs the batch on N processes for the rest
(:mod:`minutekit.batch`), loads, applies and writes baselines, writes reports
and converted files whole or not at all, refuses two inputs with the same item id, and
drives a batch format's writer (csv). Returns the exit status.

Guarantees: every input gets its diagnostics or one error line; a bad file never stops
the others; the output is the same for any number of processes. Never prints: every
message goes through the console, so the command line decides how it looks. A run that
cannot start as asked raises :class:`UsageError` (a wrong combination of options) or
:class:`RunError` (a configuration or baseline that cannot be used).
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import attrs

from minutekit import batch, cache, config
from minutekit.batch import Outcome, Reading, Task
from minutekit.diagnostics import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, Diagnostic, Severity

__all__ = [
    "STDIN",
    "Console",
    "ConvertRun",
    "FixRun",
    "InitRun",
    "RunError",
    "UsageError",
    "ValidateRun",
    "convert",
    "fix",
    "init",
    "input_suffixes",
    "parse",
    "resolver",
    "settings",
    "shown",
    "validate",
]

STDIN = "-"


class UsageError(Exception):
    """The options asked for a run that cannot be made (exit 2, with the usage)."""


class RunError(Exception):
    """A configuration, profile or baseline that cannot be used (exit 2)."""


class Console(Protocol):
    """Where a run shows what happens (the command line prints; a program may collect)."""

    def error(self, message: str) -> None:
        """An input or output that failed (the run goes on; its exit status will be 2)."""

    def warning(self, message: str) -> None:
        """Something the user should know that is not a failure."""

    def note(self, message: str) -> None:
        """A line about the run (what was written)."""

    def step(self, done: int, total: int) -> None:
        """``done`` of ``total`` inputs processed."""

    def diagnostics(self, found: Sequence[Diagnostic]) -> None:
        """One input's diagnostics as they come (convert)."""

    def output(self, data: bytes) -> None:
        """Converted bytes for standard output."""


def shown(path: str) -> str:
    """``path`` as it can be printed: bytes that are not UTF-8 become \\xNN escapes."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def input_suffixes(input_format: str | None = None) -> tuple[str, ...]:
    """The file suffixes a folder walk takes: those of every reader, or of the one named."""
    from minutekit import readers

    found = readers.catalogue()
    chosen = [found[input_format]] if input_format is not None else found.values()
    return tuple(sorted({suffix for reader in chosen for suffix in reader.SUFFIXES}))


def resolver(
    config_file: Path | None,
    profile: str | None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    stdin_filename: str | None = None,
    exclude: Sequence[str] | None = None,
    extend_exclude: Sequence[str] = (),
) -> config.Resolver:
    """The run's :class:`~minutekit.config.Resolver` (a bad configuration: :class:`RunError`)."""
    with _configuration():
        return config.Resolver(
            config_file,
            profile,
            select,
            ignore,
            stdin_filename,
            exclude=exclude,
            extend_exclude=extend_exclude,
        )


def _excluder(rules_for: config.Resolver) -> Callable[[str], bool]:
    """The folder walk's test: does the configuration (or the options) leave it out?"""

    def excluded(path: str) -> bool:
        try:
            return rules_for.excluded(path)
        except config.ConfigError as error:  # as _configuration(), without its cost per file
            raise RunError(str(error)) from None

    return excluded


@contextlib.contextmanager
def _configuration() -> Iterator[None]:
    """A configuration or profile that cannot be used ends the run (:class:`RunError`)."""
    try:
        yield
    except config.ConfigError as error:
        raise RunError(str(error)) from None


@attrs.define
class _Inputs:
    """Resolves PATH arguments to batch tasks and runs them, reporting what fails."""

    console: Console
    stdin_filename: str | None
    input_format: str | None = None
    failed: bool = False
    #: The paths whose state decided which files were found: each path named, each
    #: file found, and what the folder walks looked at (see :mod:`minutekit.replay`).
    looked: list[str] = attrs.field(factory=list)

    def fail(self, message: str) -> None:
        self.console.error(message)
        self.failed = True

    def tasks(
        self,
        paths: Sequence[str],
        max_size: int,
        excluded: Callable[[str], bool] = lambda path: False,
    ) -> list[Task]:
        """One task per file (folders walked, see :mod:`minutekit.scope`; '-' read now),
        in the order given, each file once; a named folder with nothing to check fails."""
        from minutekit.scope import Scope

        scope = Scope(excluded=excluded, on_error=self.fail)
        tasks: list[Task] = []
        for path in paths:
            if path == STDIN:
                data = sys.stdin.buffer.read(max_size + 1)  # bounded: the limit applies
                tasks.append(Task(shown(self.stdin_filename or "<stdin>"), data=data))
            elif os.path.isdir(path):
                # Only a folder walk needs the readers (their suffixes).
                scope.suffixes = input_suffixes(self.input_format)
                files = scope.files_under(Path(path), shown(path))
                tasks.extend(Task(shown(f), path=f) for f in files)
            elif scope.first_time(path):
                tasks.append(Task(shown(path), path=path))
        self.looked += [p for p in paths if p != STDIN]
        self.looked += scope.looked
        self.looked += [task.path for task in tasks if task.path is not None]
        wanted = ", ".join(f"'*{suffix}'" for suffix in scope.suffixes)
        for folder in scope.empty:
            self.fail(
                f"no file to check under '{folder}' (no {wanted} file that is not excluded"
                " or ignored by .gitignore)"
            )
        return tasks

    def outcomes(
        self,
        work: Callable[[Task], Outcome],
        tasks: list[Task],
        jobs: int,
        cached: Callable[[Task], Outcome | None] | None = None,
        keep: Callable[[Task, Outcome], None] | None = None,
    ) -> Iterator[Outcome]:
        """Each task's outcome in order; unreadable inputs and bugs reported as they come.

        With ``cached``, the outcomes it holds are read here first, and only the other
        tasks go to the batch's processes (a run that changed nothing starts none);
        ``keep`` is given each of those with its outcome."""
        held = [cached(task) if cached is not None else None for task in tasks]
        checked = self._checked(
            work, [t for t, h in zip(tasks, held, strict=True) if h is None], jobs
        )
        done = 0
        for task, outcome in zip(tasks, held, strict=True):
            if outcome is None:
                outcome = next(checked, None)
                if outcome is None:  # a worker died: the caller reports the files left
                    continue
                if keep is not None:
                    keep(task, outcome)
            if outcome.error is not None:
                self.fail(outcome.error)
            done += 1
            self.console.step(done, len(tasks))
            yield outcome

    def _checked(
        self, work: Callable[[Task], Outcome], tasks: list[Task], jobs: int
    ) -> Iterator[Outcome]:
        try:
            yield from batch.run(work, tasks, jobs)
        except batch.WorkerDied as error:
            self.fail(f"a worker process died ({error}); files after it were not processed")


def settings(
    path: str | None,
    config_file: Path | None,
    profile: str | None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    stdin_filename: str | None = None,
) -> config.Settings:
    """The configuration that applies to ``path`` (``--show-settings``)."""
    rules_for = resolver(config_file, profile, select, ignore, stdin_filename)
    with _configuration():
        return rules_for.settings(path)


def _selected(
    rules_for: config.Resolver, tasks: Sequence[Task], console: Console | None = None
) -> list[Task]:
    """The tasks not excluded by their configuration, each with its selection (and what
    the selection should tell the user, said once)."""
    with _configuration():
        kept = [
            attrs.evolve(task, selection=rules_for.selection(task.path, task.name))
            for task in tasks
            if not rules_for.excluded(task.path)
        ]
    if console is not None:
        for message in rules_for.warnings:
            console.warning(message)
    return kept


def _cached(
    cache_dir: Path | None, enabled: bool, reading: Reading, work: Callable[..., Outcome]
) -> tuple[
    cache.ResultCache | None,
    Callable[[Task], Outcome],
    Callable[[Task], Outcome | None] | None,
    Callable[[Task, Outcome], None] | None,
]:
    """The run's result cache (None: off), and what :meth:`_Inputs.outcomes` is given:
    ``work`` as it is, or with the digest of the bytes it checked; the outcomes the cache
    holds; how to keep the others."""
    work = functools.partial(work, reading=reading)
    store = cache.folder(cache_dir, enabled)
    if store is None:
        return None, work, None, None
    results = cache.ResultCache(store)
    return (
        results,
        functools.partial(cache.checked, reading=reading, work=work),
        functools.partial(results.held, reading=reading),
        functools.partial(results.keep, reading=reading),
    )


# ------------------------------------------------------------------ validate


@attrs.frozen
class ValidateRun:
    """How a ``validate`` run checks, what it accepts and what it writes."""

    config_file: Path | None = None
    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    stdin_filename: str | None = None
    jobs: int = 1
    reading: batch.Reading = attrs.field(factory=batch.Reading)
    #: Accept the findings recorded here (None: the configuration's, if any).
    baseline: Path | None = None
    #: Write every current finding to the baseline instead of reporting.
    update_baseline: bool = False
    #: Reports to write as well, (format, path) pairs (see :mod:`minutekit.reports`).
    reports: tuple[tuple[str, Path], ...] = ()
    #: Warnings fail too; or nothing found fails.
    strict: bool = False
    exit_zero: bool = False
    #: First repair what needs no judgement (``--fix``), and the unsafe fixes too.
    fix: bool = False
    unsafe_fixes: bool = False
    #: Patterns that replace the configuration's 'exclude' (None: keep them), and more.
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    #: Keep and reuse each file's findings (see :mod:`minutekit.cache`), and where
    #: (None: the project's ``.minutekit_cache``).
    cache: bool = True
    cache_dir: Path | None = None


def _lines_of(tasks: Mapping[str, Task], reading: Reading, name: str) -> Sequence[str] | None:
    """The lines of the file the run reported as ``name``, read again as the run read it
    (standard input's from the bytes it kept), or None if it cannot be read now."""
    task = tasks.get(name)
    if task is None:
        return None
    data = batch.read(task, reading.max_size)
    if isinstance(data, str):
        return None
    from minutekit import readers

    reader = readers.for_input(data, name, reading.input_format)
    return reader.read(data, name, reading.encoding).source.lines


def validate(
    paths: Sequence[str],
    options: ValidateRun,
    console: Console,
    show: Callable[[Any], None],
    looked: list[str] | None = None,
) -> int:
    """Check ``paths``; ``show`` is given the :class:`minutekit.reports.Run` to print.

    Returns the exit status: 2 if an input or a report failed, else 1 if a finding
    fails (an error; a warning too when strict), else 0. ``looked`` is given every path
    whose state what is shown depends on (beside the file's contents and the installed
    code): each input and path named, what the folder walks looked at, each
    configuration file looked for and the baseline (see :mod:`minutekit.replay`).
    """
    from minutekit import baseline as baselines
    from minutekit import reports

    rules_for = resolver(
        options.config_file,
        options.profile,
        options.select,
        options.ignore,
        options.stdin_filename,
        options.exclude,
        options.extend_exclude,
    )
    baseline = options.baseline
    if baseline is None:
        with _configuration():
            baseline = rules_for.settings(None).baseline_path
    if options.update_baseline and baseline is None:
        raise UsageError(
            "--update-baseline needs --baseline FILE (or 'baseline' in the configuration)"
        )

    inputs = _Inputs(console, options.stdin_filename, options.reading.input_format)
    found = inputs.tasks(paths, options.reading.max_size, _excluder(rules_for))
    tasks = _selected(rules_for, found, console)
    if options.fix or options.unsafe_fixes:
        _fix_before_checking(inputs, tasks, options.unsafe_fixes, options.reading)
    files = tuple(task.name for task in tasks)
    diagnostics: list[Diagnostic] = []
    results, work, held, keep = _cached(
        options.cache_dir, options.cache, options.reading, batch.check
    )
    not_checked: dict[str, str] = {}
    seen: set[str] = set()
    for outcome in inputs.outcomes(work, tasks, options.jobs, held, keep):
        seen.add(outcome.name)
        if outcome.error is None:
            diagnostics.extend(outcome.diagnostics)
        else:
            not_checked[outcome.name] = outcome.error
    for name in files:  # after a worker died
        if name not in seen:
            not_checked[name] = "not processed: a worker process died before it"
    if results is not None:
        results.save()
    diagnostics.sort(key=lambda d: d.sort_key())

    # What the run writes never replaces a file it was given to check (the paths are
    # made only for a run that writes: every plain run would pay for them).
    given = (Path(task.path) for task in found if task.path is not None)
    if options.update_baseline:
        from minutekit.convert import ConversionError, write_atomic

        assert baseline is not None
        try:
            write_atomic(baseline, baselines.dumps(diagnostics).encode("utf-8"), given)
        except OSError as error:
            inputs.fail(f"cannot write the baseline '{baseline}': {error.strerror or error}")
            return EXIT_USAGE
        except ConversionError as error:
            inputs.fail(f"the baseline was not written: {error}")
            return EXIT_USAGE
        console.note(
            f"Wrote {len(diagnostics)} finding(s) of {len(files)} file(s) to '{baseline}'."
        )
        return EXIT_USAGE if inputs.failed else EXIT_CLEAN
    hidden = 0
    if baseline is not None:
        try:
            accepted = baselines.load(baseline)
        except baselines.BaselineError as error:
            raise RunError(str(error)) from None
        diagnostics, hidden = baselines.apply(diagnostics, accepted)

    if looked is not None:
        looked += inputs.looked
        looked += rules_for.looked
        if baseline is not None:
            looked.append(str(baseline))
    quiet = bool(os.environ.get("PRE_COMMIT"))
    run = reports.Run(
        files,
        tuple(diagnostics),
        hidden,
        summary=not quiet,
        not_checked=tuple(not_checked.items()),
        strict=options.strict,
        read_lines=functools.partial(
            _lines_of, {task.name: task for task in tasks}, options.reading
        ),
    )
    show(run)
    if options.reports:
        from minutekit.convert import ConversionError, InputFiles, write_atomic

        guard = InputFiles.of(given)
    for name, path in options.reports:
        try:
            write_atomic(path, reports.render(name, run).encode("utf-8"), guard)
        except OSError as error:
            inputs.fail(f"cannot write the {name} report '{path}': {error.strerror or error}")
        except ConversionError as error:
            inputs.fail(f"the {name} report was not written: {error}")
    if inputs.failed:
        return EXIT_USAGE
    failing = Severity.WARNING if options.strict else Severity.ERROR
    if options.exit_zero or not any(d.severity >= failing for d in diagnostics):
        return EXIT_CLEAN
    return EXIT_FINDINGS


def _fix_before_checking(
    inputs: _Inputs, tasks: Sequence[Task], unsafe: bool, reading: batch.Reading
) -> None:
    """validate --fix: rewrite the plain-text files that have something to fix."""
    from minutekit import fix

    fixed = files = 0
    files_only = [t for t in tasks if t.path is not None]
    for outcome in fix.fix_tasks(files_only, unsafe, reading.max_size, reading.input_format):
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
    inputs.console.note(fix.summary("Fixed", fixed, files))


# ------------------------------------------------------------------ fix


@attrs.frozen
class FixRun:
    """How a ``fix`` run chooses its repairs and whether it writes them."""

    unsafe_fixes: bool = False
    #: Print a unified diff and write nothing.
    show_diff: bool = False
    #: Write nothing; fail (exit 1) if anything would change.
    check: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config_file: Path | None = None
    profile: str | None = None
    reading: batch.Reading = attrs.field(factory=batch.Reading)


def fix(paths: Sequence[str], options: FixRun, console: Console) -> int:
    """Repair what needs no judgement in the files ``paths`` (plain text only), in place.

    Returns the exit status: 2 an input or output failed, else 1 with ``check`` or
    ``show_diff`` if something would change, else 0.
    """
    from minutekit import fix as fixing

    if STDIN in paths:
        raise UsageError("fix rewrites files: give paths, not '-'")
    if options.reading.encoding is not None:
        raise UsageError("fix re-encodes files as UTF-8 itself: --encoding is not used")
    inputs = _Inputs(console, None, options.reading.input_format)
    rules_for = resolver(options.config_file, options.profile, options.select, options.ignore)
    tasks = _selected(rules_for, inputs.tasks(paths, options.reading.max_size))
    dry = options.check or options.show_diff
    fixed = files = left = 0
    reading = options.reading
    for outcome in fixing.fix_tasks(
        tasks, options.unsafe_fixes, reading.max_size, reading.input_format
    ):
        if outcome.error is not None:
            inputs.fail(outcome.error)
            continue
        result = outcome.result
        assert result is not None
        left += len(result.unsafe_left)
        if not result.applied:
            continue
        what = fixing.describe(result.applied)
        if not result.rewritable:
            console.note(
                f"{outcome.name}: would fix {what}; not rewritten (only plain-text files are)"
            )
            continue
        fixed += len(result.applied)
        files += 1
        if options.show_diff:
            console.output(fixing.diff(result, outcome.name).encode("utf-8"))
        if dry:
            console.note(f"{outcome.name}: would fix {what}")
            continue
        try:
            fixing.replace(Path(outcome.path or outcome.name), result.fixed)
        except OSError as error:
            inputs.fail(f"cannot write '{outcome.name}': {error.strerror or error}")
            continue
        console.note(f"{outcome.name}: fixed {what}")
    verb = "Would fix" if dry else "Fixed"
    more = f" {left} more with --unsafe-fixes." if left and not options.unsafe_fixes else ""
    console.note(fixing.summary(verb, fixed, files) + more)
    if inputs.failed:
        return EXIT_USAGE
    return EXIT_FINDINGS if dry and fixed else EXIT_CLEAN


# ------------------------------------------------------------------ init


@attrs.frozen
class InitRun:
    """What ``init`` learns from and where it writes the starter configuration."""

    #: Require a part present in at least this share of the files.
    threshold: float = 0.8
    #: The profile's name.
    name: str = "house"
    #: Read at most this many files, spread evenly over the archive.
    sample: int = 500
    #: Write ``[tool.minutekit]`` into ./pyproject.toml instead of ./.minutekit.toml.
    pyproject: bool = False
    #: Replace an existing minutekit configuration.
    force: bool = False
    reading: batch.Reading = attrs.field(factory=batch.Reading)


def init(paths: Sequence[str], options: InitRun, console: Console) -> int:
    """Write a starter configuration whose profile is learnt from the files ``paths``.

    Returns the exit status: 0 written, 2 nothing to learn from, an existing
    configuration (without ``force``), or a file that could not be read or written.
    """
    import tomllib

    from minutekit import init as learning
    from minutekit.convert import write_atomic

    if STDIN in paths:
        raise UsageError("init learns from files: give paths, not '-'")
    target = Path("pyproject.toml" if options.pyproject else ".minutekit.toml")
    try:
        existing = target.read_text("utf-8") if target.is_file() else None
    except (OSError, UnicodeDecodeError) as error:
        console.error(f"cannot read '{target}': {getattr(error, 'strerror', None) or error}")
        return EXIT_USAGE
    if (
        existing is not None
        and (not options.pyproject or learning.has_table(existing))
        and not options.force
    ):
        console.error(
            f"'{target}' already holds a minutekit configuration: not overwritten (use --force)"
        )
        return EXIT_USAGE
    inputs = _Inputs(console, None, options.reading.input_format)
    tasks = inputs.tasks(paths, options.reading.max_size)
    if len(tasks) > options.sample:
        tasks = [tasks[i * len(tasks) // options.sample] for i in range(options.sample)]

    def files() -> Iterator[tuple[str, bytes]]:
        for task in tasks:
            data = batch.read(task, options.reading.max_size)
            if isinstance(data, str):
                inputs.fail(data)
                continue
            yield task.name, data

    learnt = learning.learn(files(), options.reading.encoding, options.reading.input_format)
    if not learnt.files:
        console.error("no minutes to learn from under the paths given")
        return EXIT_USAGE
    where = ", ".join(paths)
    prefix = "tool.minutekit." if options.pyproject else ""
    config_text = learning.render(learnt, options.threshold, options.name, where, prefix)
    if options.pyproject and existing:
        try:
            config_text = learning.merge_pyproject(existing, config_text)
        except ValueError as error:
            console.error(f"'{target}' is not changed: {error}")
            return EXIT_USAGE
    tomllib.loads(config_text)  # what is written is TOML, or this is a bug worth its traceback
    try:
        write_atomic(target, config_text.encode("utf-8"))
    except OSError as error:
        console.error(f"cannot write '{target}': {error.strerror or error}")
        return EXIT_USAGE
    required = ", ".join(learnt.required(options.threshold)) or "nothing"
    console.note(
        f"Wrote '{target}': profile '{options.name}' requires {required}"
        f" (learnt from {learnt.files} file{'s' if learnt.files != 1 else ''},"
        f" threshold {options.threshold:.0%})."
    )
    return EXIT_USAGE if inputs.failed else EXIT_CLEAN


# ------------------------------------------------------------------ parse


def parse(
    path: str,
    reading: batch.Reading,
    console: Console,
    show: Callable[[Any], None],
    stdin_filename: str | None = None,
) -> int:
    """Read one file and give ``show`` the JSON form of what was understood, valid or not."""
    if path != STDIN and os.path.isdir(path):
        raise UsageError(f"'{path}' is a folder: parse takes one file")
    inputs = _Inputs(console, stdin_filename, reading.input_format)
    keep = functools.partial(batch.check, keep_item=True, reading=reading)
    for outcome in inputs.outcomes(keep, inputs.tasks([path], reading.max_size), jobs=1):
        if outcome.parsed is not None:
            from minutekit.schema import tagged

            meeting = outcome.parsed.meeting is not None
            show(tagged(outcome.parsed.to_jsonable(), meeting))
    return EXIT_USAGE if inputs.failed else EXIT_CLEAN


# ------------------------------------------------------------------ convert


@attrs.frozen
class ConvertRun:
    """How a ``convert`` run reads, judges and writes."""

    to: str
    #: Folder to write into; None: standard output (one input, not a batch format).
    output: Path | None = None
    force: bool = False
    config_file: Path | None = None
    profile: str | None = None
    meeting_date: datetime.date | None = None
    locality: str | None = None
    item_id: str | None = None
    stdin_filename: str | None = None
    jobs: int = 1
    reading: batch.Reading = attrs.field(factory=batch.Reading)
    #: Patterns that replace the configuration's 'exclude' (None: keep them), and more.
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    #: Keep and reuse each file's findings, as ``validate`` does (:class:`ValidateRun`).
    cache: bool = True
    cache_dir: Path | None = None


def _not_to_convert(
    task: Task, results: cache.ResultCache, reading: Reading, force: bool
) -> Outcome | None:
    """``task``'s outcome when the result cache holds it and it says the file is not to be
    converted: not text, or invalid and not forced. A file to convert is checked again:
    its conversion needs what was understood of it, which the cache does not keep."""
    held = results.held(task, reading)
    if held is None or not (held.refused or (not held.valid and not force)):
        return None
    return held


def _why(error: Exception) -> str:
    """Why an output was not written: an OSError's reason after the file it names (not
    its number), else the error's own message."""
    if isinstance(error, OSError) and error.strerror:
        name = error.filename
        if name is None:
            return error.strerror
        where = os.fsdecode(name) if isinstance(name, bytes) else str(name)
        return f"'{shown(where)}': {error.strerror}"
    return str(error)


def convert(paths: Sequence[str], options: ConvertRun, console: Console) -> int:
    """Convert the valid inputs (all with ``force``); returns the exit status:
    2 an input or output failed, else 1 an input has errors, else 0."""
    from minutekit import formats
    from minutekit.convert import (
        ConversionError,
        ConvertOptions,
        InputFiles,
        derived_ids,
        generation_date,
        write_atomic,
    )

    converter = formats.get(options.to)
    output = options.output
    several = len(paths) > 1 or any(p != STDIN and os.path.isdir(p) for p in paths)
    if output is None and (converter.batch or several):
        what = (
            f"{options.to} writes several tables"
            if converter.batch
            else "several inputs give several outputs"
        )
        raise UsageError(f"{what}: give a folder with -o")
    if options.item_id is not None and several:
        raise UsageError("--item-id names one item: give one input")
    try:
        convert_options = ConvertOptions(
            generated=generation_date(),
            meeting_date=options.meeting_date,
            locality=options.locality,
        )
    except ConversionError as error:
        raise UsageError(str(error)) from None

    inputs = _Inputs(console, options.stdin_filename, options.reading.input_format)
    rules_for = resolver(
        options.config_file,
        options.profile,
        stdin_filename=options.stdin_filename,
        exclude=options.exclude,
        extend_exclude=options.extend_exclude,
    )
    found = inputs.tasks(paths, options.reading.max_size, _excluder(rules_for))
    tasks = _selected(rules_for, found, console)
    ids = derived_ids(task.path for task in tasks if task.path is not None)
    tasks = [attrs.evolve(task, item_id=ids.get(task.path or "")) for task in tasks]
    input_paths = InputFiles.of(Path(task.path) for task in tasks if task.path is not None)
    invalid = False
    written: dict[str, str] = {}
    tables: formats.BatchWriter | None = None  # opened with the first record
    converted = skipped = refused = unchanged = 0
    converting = functools.partial(
        batch.convert,
        format_name=options.to,
        options=attrs.evolve(convert_options, item_id=options.item_id),
        force=options.force,
    )
    results, work, held, keep = _cached(
        options.cache_dir, options.cache, options.reading, converting
    )
    if results is not None:
        held = functools.partial(
            _not_to_convert, results=results, reading=options.reading, force=options.force
        )
    for outcome in inputs.outcomes(work, tasks, options.jobs, held, keep):
        console.diagnostics(outcome.diagnostics)
        invalid = invalid or (outcome.error is None and not outcome.valid)
        if outcome.item_id is None:  # unreadable, not text, or invalid and not forced
            refused += outcome.refused
            skipped += outcome.error is None and not outcome.refused
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
                    tables = converter.open_batch(output, convert_options, input_paths)
                tables.add(outcome.record)
                converted += 1
            except (ConversionError, OSError) as error:
                inputs.fail(f"the {options.to} tables cannot be written: {_why(error)}")
                if tables is not None:
                    tables.abort()
                tables, converted = None, 0
                break
        elif outcome.output is not None:
            try:
                if output is None:
                    console.output(outcome.output)
                else:
                    target = output / f"{outcome.item_id}{converter.suffix}"
                    if target.parent != output or outcome.item_id in ("", ".", ".."):
                        raise ConversionError(f"the item id {outcome.item_id!r} leaves '{output}'")
                    unchanged += not write_atomic(target, outcome.output, input_paths)
                converted += 1
            except (ConversionError, OSError) as error:
                inputs.fail(f"'{outcome.name}' was not converted: {_why(error)}")
    if results is not None:
        results.save()
    if tables is not None:
        try:
            tables.commit()
        except (ConversionError, OSError) as error:
            tables.abort()
            inputs.fail(f"the {options.to} tables were not written: {_why(error)}")
            converted = 0
    where = f" in '{output}'" if output is not None else ""
    files = f"{converted} file{'s' if converted != 1 else ''}"
    # An output that already held what it would be is left as it is (its time kept).
    left = "it was" if unchanged == 1 else "they were"
    same = f" ({unchanged} already up to date, left as {left})" if unchanged else ""
    not_converted = f", {skipped} invalid not converted (use --force)" if skipped else ""
    if refused:
        errors = "its error" if refused == 1 else "their errors"
        not_converted += f", {refused} empty or unreadable (see {errors}), not converted"
    console.note(f"Converted {files} to {options.to}{where}{same}{not_converted}.")
    if inputs.failed:
        return EXIT_USAGE
    return EXIT_FINDINGS if invalid else EXIT_CLEAN
