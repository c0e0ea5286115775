"""Every write fails cleanly: one line naming the path and the reason, exit 1, no traceback; in
the explorer a message, and the session goes on. New files get the umask's mode, replaced files
keep theirs, and a name of 254 bytes (legal) is written.

Root bypasses permission bits, so permission errors are simulated with monkeypatch.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Input, Static

from tests.e2e.tmux import COMMAND
from tests.functional.helpers import explorer
from tui.app import UnitedFrontApp
from tui.cli.main import main
from tui.dataset import Dataset
from tui.dialogs.export_dialog import ExportDialog
from tui.output.export import ExportError, write_atomic
from tui.output.screenshot import save_screenshot
from tui.widgets.nobreak import NoBreak

LEGAL = "a" * 250 + ".csv"
"""A 254-byte file name: within the usual 255-byte limit, so it must be written."""
TOO_LONG = "a" * 252 + ".csv"
"""A 256-byte name: over the limit (ENAMETOOLONG)."""


def run(*args: str, umask: int | None = None, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run the installed command with ``args`` (optionally under ``umask``)."""

    def set_umask() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run(
        [str(COMMAND), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=set_umask,
        **kwargs,
    )


def one_line_error(stderr: str, *fragments: str) -> None:
    """``stderr`` is a single error line holding every fragment, and no traceback."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    for fragment in fragments:
        assert fragment in lines[0], stderr


@pytest.fixture
def umask() -> Iterator[Callable[[int], int]]:
    """Set this process's umask for one test; the old one is put back afterwards."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


def mode(path: Path) -> int:
    """The permission bits of ``path``."""
    return stat.S_IMODE(path.stat().st_mode)


# -- modes (umask) ----------------------------------------------------------------------------


@pytest.mark.parametrize(("mask", "expected"), [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_a_new_file_gets_the_umasks_mode(
    mask: int, expected: int, tmp_path: Path, umask: Callable[[int], int]
) -> None:
    """Under ``umask 077`` an export is private, as any file the user creates."""
    umask(mask)
    target = tmp_path / "private.csv"
    write_atomic(target, "x\n", force=False)
    assert mode(target) == expected


@pytest.mark.parametrize("kept", [0o600, 0o640, 0o664])
def test_a_replaced_file_keeps_its_mode(
    kept: int, tmp_path: Path, umask: Callable[[int], int]
) -> None:
    """``--force`` over a mode-600 file leaves it 600, whatever the umask."""
    umask(0o022)
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    target.chmod(kept)
    write_atomic(target, "new\n", force=True)
    assert target.read_text() == "new\n"
    assert mode(target) == kept


def test_cli_export_under_umask_077(tmp_path: Path) -> None:
    """The command as a user runs it: ``umask 077; export -o private.csv`` is mode 600."""
    result = run("export", "-o", str(tmp_path / "private.csv"), umask=0o077)
    assert result.returncode == 0, result.stderr
    assert mode(tmp_path / "private.csv") == 0o600
    forced = run("export", "-o", str(tmp_path / "private.csv"), "--force", umask=0o022)
    assert forced.returncode == 0, forced.stderr
    assert mode(tmp_path / "private.csv") == 0o600


# -- names at the length limit ----------------------------------------------------------------


def test_a_254_byte_name_is_written(tmp_path: Path) -> None:
    """The temporary file's name does not push a legal name past the limit."""
    write_atomic(tmp_path / LEGAL, "x\n", force=False)
    assert os.listdir(tmp_path) == [LEGAL]


@pytest.mark.parametrize(
    "command",
    [
        ("export", "-o", "{path}.csv"),
        ("new", "{path}.toml"),
        ("schema", "-o", "{path}.json"),
    ],
)
def test_every_writing_command_takes_254_bytes_and_refuses_256(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    """export, new and schema: a legal long name is written; one too long is one line, exit 1."""
    extension = Path(command[-1]).suffix
    for size, ok in ((254, True), (256, False)):
        stem = "a" * (size - len(extension))
        args = [word.format(path=tmp_path / stem) for word in command]
        assert len(Path(args[-1]).name.encode()) == size
        result = run(*args)
        if ok:
            assert result.returncode == 0, result.stderr
            continue
        assert result.returncode == 1
        one_line_error(result.stderr, str(tmp_path / stem), "File name too long")
    assert len(os.listdir(tmp_path)) == 1  # the legal one, and no temporary file


# -- unforeseen errors, simulated -------------------------------------------------------------


def deny_under(directory: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``directory`` unsearchable: any stat or open below it fails with EACCES."""
    real_stat, real_open = os.stat, os.open
    inside = str(directory) + os.sep

    def check(path: Any) -> None:
        if isinstance(path, (str, os.PathLike)) and os.fspath(path).startswith(inside):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))

    def fake_stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        check(path)
        return real_stat(path, *args, **kwargs)

    def fake_open(path: Any, *args: Any, **kwargs: Any) -> int:
        check(path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", fake_stat)
    monkeypatch.setattr(os, "open", fake_open)


def test_unsearchable_directory_is_an_export_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PermissionError from ``Path.is_dir()`` (a directory the user cannot search)."""
    deny_under(tmp_path / "locked", monkeypatch)
    with pytest.raises(ExportError) as raised:
        write_atomic(tmp_path / "locked" / "sub" / "out.csv", "x\n", force=False)
    assert "Permission denied" in str(raised.value)
    assert str(tmp_path / "locked" / "sub" / "out.csv") in str(raised.value)


@pytest.mark.parametrize(
    "command",
    [("export", "-o", "{path}"), ("new", "{path}"), ("schema", "-o", "{path}")],
)
@pytest.mark.parametrize(
    "failure",
    [errno.EACCES, errno.EIO, errno.ENOSPC, errno.EROFS, errno.ENAMETOOLONG, errno.ELOOP],
)
def test_any_os_error_is_one_line_and_exit_1(
    command: tuple[str, ...],
    failure: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Whatever OSError the first look at the path raises: one line, the path, exit 1."""
    target = tmp_path / "sub" / "out.txt"
    real_stat = os.stat

    def failing(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if os.fspath(path) == str(target):
            raise OSError(failure, os.strerror(failure), os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", failing)
    args = [word.format(path=target) for word in command]
    if command[0] == "export":
        args += ["--format", "csv"]
    assert main(args) == 1
    err = capsys.readouterr().err
    one_line_error(err, str(target), os.strerror(failure))


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args",
    [
        ("export", "--format", "csv"),
        ("export", "--format", "json"),
        ("check",),
        ("check", "--format", "json"),
        ("schema",),
        ("new", "-"),
    ],
)
def test_a_full_stdout_is_one_line_and_exit_1(args: tuple[str, ...]) -> None:
    """``> /dev/full``: "standard output: No space left on device", exit 1, no traceback."""
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [str(COMMAND), *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 1
    one_line_error(result.stderr, "standard output", os.strerror(errno.ENOSPC))


# -- in the explorer --------------------------------------------------------------------------


@pytest.fixture
def gone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in a working directory that is then deleted; HOME and XDG_STATE_HOME in tmp_path."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    doomed = tmp_path / "doomed"
    doomed.mkdir()
    monkeypatch.chdir(doomed)
    doomed.rmdir()
    with pytest.raises(FileNotFoundError):
        Path.cwd()
    return home


async def test_e_after_the_working_directory_was_deleted(gone: Path, dataset: Dataset) -> None:
    """`e` opens the dialog (default: the home directory) and writes; the session goes on."""
    app = UnitedFrontApp(dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        assert (gone / "unitedfront-view.csv").is_file()
        assert app.is_running


def test_screenshot_after_the_working_directory_was_deleted(gone: Path, tmp_path: Path) -> None:
    """The screenshot falls back to $XDG_STATE_HOME/unitedfront-tui instead of raising."""
    written = save_screenshot("<svg/>")
    assert written.parent == tmp_path / "state" / "unitedfront-tui"
    assert written.read_text() == "<svg/>"


@pytest.mark.parametrize("failure", ["unsearchable", "too long"])
async def test_dialog_errors_keep_the_session(
    failure: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dataset: Dataset
) -> None:
    """An unforeseen OSError in the dialog is a message in it; the app keeps running."""
    if failure == "unsearchable":
        deny_under(tmp_path / "locked", monkeypatch)
        typed, reason = str(tmp_path / "locked" / "out.csv"), "Permission denied"
    else:
        typed, reason = str(tmp_path / TOO_LONG), "File name too long"
    app = UnitedFrontApp(dataset)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ExportDialog(explorer(app).dataset, explorer(app).view, tmp_path))
        await pilot.pause()
        # Pasted, not typed: a 300-key press sequence costs 20 s and tests nothing here.
        await pilot.press("ctrl+u")
        app.screen.query_one(Input).post_message(events.Paste(typed))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        content = app.screen.query_one("#export-error", Static).content
        shown = content.text.plain if isinstance(content, NoBreak) else str(content)
        assert reason in shown and typed in shown
        assert app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
