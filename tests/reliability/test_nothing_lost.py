"""Nothing lost: exports are atomic and never clobber; failures leave no temporary file."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.tmux import COMMAND
from tui.app import UnitedFrontApp
from tui.dataset import load
from tui.output.export import ExportError, write_atomic
from tui.screens.explorer import ExplorerScreen

OLD = "old contents\n"
NEW = "code,state\nKY,Kentucky\n" * 1000


def export_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed ``unitedfront-tui export ARGS``."""
    return subprocess.run(
        [str(COMMAND), "export", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def listing(directory: Path) -> list[str]:
    """Names in ``directory`` (temporary files included: they start with a dot)."""
    return sorted(os.listdir(directory))


# -- the command -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown"])
def test_export_writes_exactly_what_stdout_shows(fmt: str, tmp_path: Path) -> None:
    """``-o FILE`` writes the same bytes as stdout, and only that file."""
    target = tmp_path / f"out.{fmt}"
    written = export_cli("--format", fmt, "-o", str(target))
    assert written.returncode == 0, written.stderr
    shown = export_cli("--format", fmt)
    assert target.read_text(encoding="utf-8") == shown.stdout
    assert listing(tmp_path) == [target.name]


def test_export_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    """An existing file is kept, byte for byte, unless ``--force`` is given."""
    target = tmp_path / "out.csv"
    target.write_text(OLD)
    refused = export_cli("--format", "csv", "-o", str(target))
    assert refused.returncode == 1
    assert "already exists" in refused.stderr and "--force" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert target.read_text() == OLD
    forced = export_cli("--format", "csv", "-o", str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_text().startswith("code,state,")
    assert listing(tmp_path) == [target.name]


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("missing/out.csv", "does not exist"),
        ("missing/deeper/out.csv", "does not exist"),
        (".", "is a directory"),
    ],
)
def test_export_to_a_bad_place_is_a_clear_error(where: str, message: str, tmp_path: Path) -> None:
    """A missing directory, or a directory as target: one clear line, exit 1, nothing made."""
    result = export_cli("--format", "csv", "-o", str(tmp_path / where))
    assert result.returncode == 1
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert listing(tmp_path) == []


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_export_never_replaces_a_special_file(force: list[str], tmp_path: Path) -> None:
    """A FIFO (or /dev/null, /dev/stdout) as target is refused even with --force, not replaced."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link"
    link.symlink_to(fifo)
    for target in (fifo, link):
        result = export_cli("--format", "csv", "-o", str(target), *force)
        assert result.returncode == 1
        assert len(result.stderr.splitlines()) == 1
        assert "Traceback" not in result.stderr
    assert fifo.is_fifo() and link.is_symlink()
    assert listing(tmp_path) == ["link", "pipe"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only directories anyway")
def test_export_to_an_unwritable_directory(tmp_path: Path) -> None:
    """A directory without write permission: a clear error and nothing left behind."""
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        result = export_cli("--format", "csv", "-o", str(locked / "out.csv"))
        assert result.returncode == 1
        assert "cannot write" in result.stderr
        assert listing(locked) == []
    finally:
        locked.chmod(0o700)


# -- write_atomic under failure (simulated) ---------------------------------------------------


def fail_with(code: int) -> Callable[..., Any]:
    """A stand-in for an os function that fails with ``errno`` ``code``."""

    def fail(*args: object, **kwargs: object) -> Any:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("function", "code"),
    [
        ("fsync", errno.EIO),
        ("fsync", errno.ENOSPC),
        ("replace", errno.EXDEV),
        ("replace", errno.EACCES),
        ("chmod", errno.EPERM),
    ],
)
@pytest.mark.parametrize("force", [False, True])
def test_failure_leaves_no_temporary_and_keeps_the_old_file(
    function: str, code: int, force: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever step fails: a one-line ExportError, the old file intact, no temporary file."""
    if function == "chmod" and not force:
        pytest.skip("a new file is not chmod-ed: the umask gives its mode")
    target = tmp_path / "out.csv"
    if force:
        target.write_text(OLD)
    monkeypatch.setattr(os, function, fail_with(code))
    if function == "replace":
        monkeypatch.setattr(os, "link", fail_with(errno.EPERM))  # no hard links here
    with pytest.raises(ExportError) as raised:
        write_atomic(target, NEW, force)
    assert "\n" not in str(raised.value)
    assert os.strerror(code) in str(raised.value)
    monkeypatch.undo()
    assert listing(tmp_path) == ([target.name] if force else [])
    if force:
        assert target.read_text() == OLD


def test_link_failure_falls_back_to_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a filesystem without hard links the write still completes, leaving no temporary."""
    target = tmp_path / "out.csv"
    monkeypatch.setattr(os, "link", fail_with(errno.EPERM))
    write_atomic(target, NEW, force=False)
    assert target.read_text() == NEW
    assert listing(tmp_path) == [target.name]


def test_unwritable_directory_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission denied creating the temporary file: a clear error naming the directory."""

    def denied(*args: object, **kwargs: object) -> Any:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(ExportError, match=r"cannot write in .*Permission denied"):
        write_atomic(tmp_path / "out.csv", NEW, force=False)
    assert listing(tmp_path) == []


def test_write_failure_midway(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up halfway through the write: error, no partial file, no temporary."""
    real_fdopen = os.fdopen

    class Full:
        """A file object that accepts nothing (a full disk)."""

        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Full:
        return Full(real_fdopen(fd, *args, **kwargs))

    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(ExportError, match="No space left"):
        write_atomic(tmp_path / "out.csv", NEW, force=False)
    assert listing(tmp_path) == []


def test_interrupt_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C during the write: the interrupt propagates and the temporary file is removed."""

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "out.csv", NEW, force=False)
    assert listing(tmp_path) == []


def test_file_created_during_the_write_is_not_clobbered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program creates the target while we write: without --force it wins."""
    target = tmp_path / "out.csv"
    real_link = os.link

    def racing_link(src: str, dst: str) -> None:
        Path(dst).write_text(OLD)
        real_link(src, dst)

    monkeypatch.setattr(os, "link", racing_link)
    with pytest.raises(ExportError, match="already exists"):
        write_atomic(target, NEW, force=False)
    assert target.read_text() == OLD
    assert listing(tmp_path) == [target.name]


def test_target_is_complete_before_it_appears(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rename happens only after the whole text is written and synced: never a torn file."""
    target = tmp_path / "out.csv"
    target.write_text(OLD)
    synced: list[int] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        real_fsync(fd)
        synced.append(fd)

    def replace(src: str, dst: str) -> None:
        assert synced, "renamed before fsync"
        assert Path(src).read_text() == NEW
        assert target.read_text() == OLD
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_atomic(target, NEW, force=True)
    assert target.read_text() == NEW
    assert listing(tmp_path) == [target.name]


# -- the dataset is only ever read -----------------------------------------------------------

SESSION_KEYS = (
    *("j", "k", "down", "up", "pagedown", "pageup", "end", "home", "G", "g"),
    *("s", "s", "s", "s", "r", "r", "enter", "down", "up", "h", "tab", "shift+tab"),
    *("slash", "k", "e", "n", "enter", "c", "i", "pagedown", "escape", "question_mark", "escape"),
)
"""Every key binding of the main screen, the detail pane, the filter and the two screens."""

PALETTE_SKIPPED = {"Quit (q)", "Screenshot"}
"""Quit ends the session (run last); Screenshot is Textual's own file-writing command."""


def snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    """The dataset's bytes and mtime, and what its directory holds."""
    return path.read_bytes(), path.stat().st_mtime_ns, listing(path.parent)


async def test_session_with_every_action_leaves_the_dataset_untouched(
    tmp_path: Path, bundled_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every key and every palette command, then Quit: the file's bytes and mtime unchanged."""
    data = tmp_path / "dataset.toml"
    shutil.copyfile(bundled_path, data)
    os.utime(data, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    monkeypatch.chdir(tmp_path)  # anything written to the working directory would show
    before = snapshot(data)
    app = UnitedFrontApp(load(data))
    async with app.run_test(size=(80, 24)) as pilot:
        for key in SESSION_KEYS:
            await pilot.press(key)
        commands = list(app.get_system_commands(app.screen))
        for command in commands:  # what the palette runs (typing each title is slow)
            if command.title not in PALETTE_SKIPPED:
                command.callback()
                await pilot.pause()
                while not isinstance(app.screen, ExplorerScreen):
                    await pilot.press("escape")
        assert "Quit (q)" in [c.title for c in commands]
        await pilot.press("ctrl+p", *"quit", "enter")  # through the palette itself
        await pilot.pause()
        assert not app.is_running, "Quit from the palette did not end the session"
    assert app.return_code == 0
    assert snapshot(data) == before
