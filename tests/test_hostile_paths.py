"""What the command does with hostile paths and files, in real processes: a folder that
is not a result cache, an output path where a device, a named pipe, a folder or an
input stands, a path too long for the system, a configuration or baseline nested too
deeply. Each gets one error line and an exit status, never a traceback, and nothing
that is not minutekit's own is removed or replaced."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import SEED_FILES, run_minutekit, seeds_in_minutes

#: A name longer than any file system takes (ENAMETOOLONG).
_TOO_LONG = "a" * 300


def minutekit(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_minutekit(cwd, *args, without=["MINUTEKIT_NO_CACHE"], timeout=120)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return seeds_in_minutes(tmp_path)


def _said(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    return done.stderr


# ------------------------------------------------------------------ clean


def test_clean_removes_a_folder_only_when_it_is_a_result_cache(project: Path) -> None:
    """``clean --cache-dir`` given a folder of the user's (a typo, ``.``) leaves it."""
    done = minutekit(project, "clean", "--cache-dir", "minutes")
    assert done.returncode == 2
    assert _said(done) == (
        "minutekit: error: 'minutes' is not a minutekit result cache (it holds no"
        " .gitignore written by minutekit): not removed\n"
    )
    assert sorted(p.name for p in (project / "minutes").iterdir()) == [
        seed.name for seed in SEED_FILES
    ]


def test_clean_still_removes_a_result_cache_given_by_cache_dir(project: Path) -> None:
    assert minutekit(project, "validate", "--cache-dir", "kept", "minutes").returncode == 1
    assert (project / "kept" / ".gitignore").is_file()
    done = minutekit(project, "clean", "--cache-dir", "kept")
    assert (done.returncode, _said(done)) == (0, "minutekit: removed the result cache 'kept'\n")
    assert not (project / "kept").exists()


# ------------------------------------------------------------------ outputs


def _device(path: Path) -> bool:
    """A character device like /dev/null at ``path`` (only root may make one)."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        return False
    return True


def _special(project: Path, kind: str) -> Path:
    path = project / f"a-{kind}"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif not _device(path):
        pytest.skip("only root may make a device")
    return path


@pytest.mark.parametrize(
    ("kind", "what"),
    [("fifo", "a named pipe"), ("device", "a device")],
)
def test_a_report_is_not_written_over_a_named_pipe_or_a_device(
    project: Path, kind: str, what: str
) -> None:
    """A rename over it would replace it by a file: for root, ``/dev/null`` itself."""
    path = _special(project, kind)
    done = minutekit(project, "validate", "--no-cache", "--report", f"json:{path.name}", "minutes")
    assert done.returncode == 2
    assert _said(done).endswith(
        f"minutekit: error: cannot write the json report '{path.name}':"
        f" {what} is there, not a file (left as it is)\n"
    )
    mode = os.lstat(path).st_mode
    assert stat.S_ISFIFO(mode) if kind == "fifo" else stat.S_ISCHR(mode)


def test_a_baseline_is_not_written_over_a_named_pipe(project: Path) -> None:
    path = _special(project, "fifo")
    done = minutekit(
        project, "validate", "--no-cache", "--update-baseline", "--baseline", path.name, "minutes"
    )
    assert done.returncode == 2
    assert _said(done) == (
        f"minutekit: error: cannot write the baseline '{path.name}':"
        " a named pipe is there, not a file (left as it is)\n"
    )
    assert stat.S_ISFIFO(os.lstat(path).st_mode)


@pytest.mark.parametrize(("kind", "what"), [("fifo", "a named pipe"), ("folder", "a folder")])
def test_a_converted_file_is_not_written_over_a_named_pipe_or_a_folder(
    project: Path, kind: str, what: str
) -> None:
    (project / "out").mkdir()
    seed = SEED_FILES[0]
    target = project / "out" / f"{seed.stem}.json"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()
    done = minutekit(
        project, "convert", "--no-cache", "--force", "--to", "json", "-o", "out",
        f"minutes/{seed.name}",
    )  # fmt: skip
    assert done.returncode == 2
    assert _said(done).splitlines()[-2:] == [
        f"minutekit: error: 'minutes/{seed.name}' was not converted:"
        f" 'out/{seed.stem}.json': {what} is there, not a file (left as it is)",
        "Converted 0 files to json in 'out'.",
    ]
    mode = os.lstat(target).st_mode
    assert stat.S_ISFIFO(mode) if kind == "fifo" else stat.S_ISDIR(mode)


def test_csv_tables_are_not_written_over_a_folder(project: Path) -> None:
    (project / "out" / "items.csv").mkdir(parents=True)
    done = minutekit(
        project, "convert", "--no-cache", "--force", "--to", "csv", "-o", "out", "minutes"
    )
    assert done.returncode == 2
    assert (
        "minutekit: error: the csv tables cannot be written: 'out/items.csv':"
        " a folder is there, not a file (left as it is)\n"
    ) in _said(done)
    assert sorted(p.name for p in (project / "out").iterdir()) == ["items.csv"]


@pytest.mark.parametrize("option", ["--report", "--update-baseline"])
def test_a_report_or_a_baseline_is_not_written_over_an_input(project: Path, option: str) -> None:
    seed = SEED_FILES[0]
    target = f"minutes/{seed.name}"
    where = (
        ["--report", f"json:{target}"]
        if option == "--report"
        else ["--update-baseline", "--baseline", target]
    )
    done = minutekit(project, "validate", "--no-cache", *where, "minutes")
    assert done.returncode == 2
    what = "the json report" if option == "--report" else "the baseline"
    assert (
        f"minutekit: error: {what} was not written: refusing to write '{target}':"
        " it is one of the inputs\n"
    ) in _said(done)
    assert (project / target).read_bytes() == seed.read_bytes()


# ------------------------------------------------------------------ too long


def test_a_path_too_long_for_the_system_is_said_and_the_others_are_checked(
    project: Path,
) -> None:
    done = minutekit(project, "validate", "--no-cache", f"{_TOO_LONG}.txt", "minutes")
    assert done.returncode == 2
    assert f"minutekit: error: cannot read '{_TOO_LONG}.txt': File name too long\n" in _said(done)
    assert "Found 3 errors and 4 warnings in 5 files" in done.stdout


@pytest.mark.parametrize(
    ("args", "status", "said"),
    [
        (("parse", f"{_TOO_LONG}.txt"), 2, f"cannot read '{_TOO_LONG}.txt': File name too long"),
        (("fix", f"{_TOO_LONG}.txt"), 2, f"cannot read '{_TOO_LONG}.txt': File name too long"),
        (("init", _TOO_LONG), 2, f"cannot read '{_TOO_LONG}': File name too long"),
        (("validate", "--no-cache", "--stdin-filename", f"{_TOO_LONG}.txt", "-"), 1, ""),
    ],
    ids=["parse", "fix", "init", "stdin-filename"],
)
def test_every_command_says_a_path_too_long_in_one_line(
    project: Path, args: tuple[str, ...], status: int, said: str
) -> None:
    """parse, fix and init say it as validate does; a name too long for standard input
    is only a name (its settings are the current folder's)."""
    done = minutekit(project, *args)
    assert done.returncode == status
    errors = [line for line in _said(done).splitlines() if line.startswith("minutekit: error:")]
    assert errors[:1] == ([f"minutekit: error: {said}"] if said else [])


# ------------------------------------------------------------------ nested too deeply

#: Arrays nested deeper than Python's parsers can recurse.
_DEEP = 5000


def _deep_toml(prefix: str = "") -> str:
    return f"{prefix}exclude = {'[' * _DEEP}{']' * _DEEP}\n"


def test_a_configuration_nested_too_deeply_is_said(project: Path) -> None:
    (project / "deep.toml").write_text(_deep_toml())
    done = minutekit(project, "validate", "--no-cache", "--config", "deep.toml", "minutes")
    assert (done.returncode, _said(done)) == (
        2,
        "minutekit: error: deep.toml: not valid TOML: it nests too deeply\n",
    )


def test_a_pyproject_nested_too_deeply_is_said_not_passed_over(project: Path) -> None:
    """Found by the lookup, it was taken for no configuration: the defaults applied."""
    (project / "pyproject.toml").write_text(_deep_toml("[tool.minutekit]\n"))
    done = minutekit(project, "validate", "--no-cache", "minutes")
    assert done.returncode == 2
    assert _said(done) == (
        f"minutekit: error: {project / 'pyproject.toml'}: not valid TOML: it nests too deeply\n"
    )


def test_init_says_a_pyproject_nested_too_deeply(project: Path) -> None:
    (project / "pyproject.toml").write_text(_deep_toml("[tool.other]\n"))
    done = minutekit(project, "init", "--pyproject", "minutes")
    assert done.returncode == 2
    assert _said(done) == (
        "minutekit: error: 'pyproject.toml' is not changed: it is not valid TOML"
        " (it nests too deeply)\n"
    )


def test_a_baseline_nested_too_deeply_is_said(project: Path) -> None:
    (project / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    done = minutekit(project, "validate", "--no-cache", "--baseline", "deep.json", "minutes")
    assert (done.returncode, _said(done)) == (
        2,
        "minutekit: error: deep.json: not a minutekit baseline (not JSON: it nests too deeply)\n",
    )


def test_two_reports_to_one_path_are_a_usage_error(project: Path) -> None:
    """The second replaced the first, and the run said it had written both."""
    done = minutekit(
        project, "validate", "--no-cache", "--report", "json:r.out", "--report", "sarif:./r.out",
        "minutes",
    )  # fmt: skip
    assert done.returncode == 2
    assert _said(done).endswith(
        "Error: Invalid value for '--report': json and sarif both write to 'r.out': give each"
        " report its own path\n"
    )
    assert not (project / "r.out").exists()


# ------------------------------------------------------------------ open files


@pytest.mark.parametrize("most_open", [12, 14, 16])
def test_workers_that_cannot_start_for_want_of_open_files_leave_the_work_here(
    tmp_path: Path, most_open: int
) -> None:
    """With few files allowed open (``ulimit -n``), the pool's workers could not all
    start: a traceback, and a run that then waited for ever for those that had. The run
    now checks the files itself, with the output of any number of processes."""
    import resource

    (tmp_path / "many").mkdir()
    for number in range(300):
        (tmp_path / "many" / f"{number:03}.txt").touch()

    def few_open_files() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (most_open, most_open))

    done = subprocess.run(
        [sys.executable, "-m", "minutekit", "validate", "--no-cache", "-j", "4", "many"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        preexec_fn=few_open_files,
        timeout=60,
        check=False,
    )
    assert (done.returncode, _said(done)) == (1, "")
    assert done.stdout.endswith("Found 300 errors in 300 files (300 invalid).\n")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_configuration_without_end_is_refused_not_read_for_ever(project: Path) -> None:
    """``--config /dev/zero`` (or a file grown without bound) was read until memory ran out."""
    done = minutekit(project, "validate", "--no-cache", "--config", "/dev/zero", "minutes")
    assert (done.returncode, _said(done)) == (
        2,
        "minutekit: error: /dev/zero: cannot read: larger than 16 MB, more than a"
        " configuration holds\n",
    )


def _without_power_over_files() -> tuple[str, ...]:
    """A command prefix to run as root without root's power over files."""
    from helpers import as_group_prefix

    prefix = as_group_prefix()
    if prefix is None:
        pytest.skip("needs root and setpriv, to run without root's power over files")
    return prefix


def test_clean_says_a_folder_it_cannot_read(project: Path) -> None:
    """It was said not to be a result cache, as if it had been read."""
    folder = project / ".minutekit_cache"
    folder.mkdir(mode=0)
    try:
        done = subprocess.run(
            [*_without_power_over_files(), sys.executable, "-m", "minutekit", "clean"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        folder.chmod(0o755)
    assert (done.returncode, _said(done)) == (
        2,
        "minutekit: error: '.minutekit_cache' cannot be read, so is not known to be a result"
        " cache (Permission denied): not removed\n",
    )
    assert folder.is_dir()


def test_clean_says_what_it_could_not_remove(project: Path) -> None:
    """A cache left in part (a folder in it that may not be written) was said removed."""
    prefix = _without_power_over_files()
    assert minutekit(project, "validate", "minutes").returncode == 1
    index = project / ".minutekit_cache" / "index"
    index.chmod(0o555)
    try:
        done = subprocess.run(
            [*prefix, sys.executable, "-m", "minutekit", "clean"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert index.is_dir()
    finally:
        index.chmod(0o755)
    assert (done.returncode, _said(done)) == (
        2,
        "minutekit: error: cannot remove all of the result cache '.minutekit_cache':"
        " Permission denied\n",
    )


# ------------------------------------------------------------------ names in reports


def test_the_markdown_report_shows_a_name_as_it_is(project: Path) -> None:
    """Code spans take no escapes: '<' written '&lt;' and '|' written '\\|' showed as such,
    and a backtick as a quote. Rendered by a CommonMark renderer, every path is as named."""
    from markdown_it import MarkdownIt

    name = "a<b|c`d&lt;.txt"
    shutil.copy(SEED_FILES[2], project / "minutes" / name)
    done = minutekit(project, "validate", "--no-cache", "--format", "markdown", "minutes")
    assert done.returncode == 1
    tokens = MarkdownIt("commonmark").parse(done.stdout)
    spans = {
        child.content
        for token in tokens
        if token.type == "inline"
        for child in token.children or []
        if child.type == "code_inline"
    }
    assert f"minutes/{name}:6:1" in spans
    assert f"minutes/{SEED_FILES[2].name}:6:1" in spans


@pytest.mark.parametrize(
    ("to", "said"),
    [
        (
            "json",
            f"'minutes/{SEED_FILES[0].name}' was not converted: 'out/{SEED_FILES[0].stem}.json'",
        ),
        ("csv", "the csv tables cannot be written: 'out/items.csv'"),
    ],
)
def test_an_output_in_a_folder_that_may_not_be_written_is_said_by_its_name(
    project: Path, to: str, said: str
) -> None:
    """The message named the temporary file the user never gave ('out/.x.json.ab12.tmp')."""
    out = project / "out"
    out.mkdir(mode=0o555)
    done = subprocess.run(
        [
            *_without_power_over_files(), sys.executable, "-m", "minutekit", "convert",
            "--no-cache", "--force", "--to", to, "-o", "out", f"minutes/{SEED_FILES[0].name}",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert f"minutekit: error: {said}: Permission denied\n" in _said(done)
