"""The cached first frame (tui/cli/preview.py): its key, its file, and what it does to the tty."""

from __future__ import annotations

import os
import pty
import signal
import stat
import subprocess
import sys
import termios
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui import i18n
from tui.cli import preview
from tui.cli.preview import (
    ENTER,
    FRAME_END,
    KEEP,
    LEAVE,
    Preview,
    cache_path,
    read_frame,
    save_frame,
    start_key,
)

SIZE = os.terminal_size((80, 24))
FRAME = "\x1b[1H\x1b[1;38;5;214mStates\x1b[m\r\n\x1b[3CMissouri ‡ — 4\x1b[2;70H…"
"""A frame as the wire layer's encoder writes one: text, colours, cursor moves."""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A dataset file (only its bytes and path matter to the key)."""
    path = tmp_path / "data.toml"
    path.write_bytes(b"schema_version = 1\n")
    return path


def key(data: Path, **changes: object) -> str:
    """The key of a start on ``data`` with the defaults, changed by ``changes``."""
    options = changes.get("options", ["theme=", "watch=False"])
    size = changes.get("size", SIZE)
    env = changes.get("env", {"TERM": "xterm-256color"})
    return start_key([str(data)], options, size, env)  # type: ignore[arg-type]


def test_the_key_follows_everything_that_changes_the_look(data: Path) -> None:
    """Bytes of the dataset, its path, options, size, colours, language: each changes the key;
    an unrelated variable does not."""
    base = key(data)
    assert key(data) == base
    assert key(data, env={"TERM": "xterm-256color", "EDITOR": "vi"}) == base
    changed = [
        key(data, options=["theme=nord", "watch=False"]),
        key(data, options=["theme=", "watch=True"]),
        key(data, size=os.terminal_size((120, 40))),
        key(data, env={"TERM": "xterm"}),
        key(data, env={"TERM": "xterm-256color", "NO_COLOR": "1"}),
        key(data, env={"TERM": "xterm-256color", "COLORTERM": "truecolor"}),
        key(data, env={"TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"}),
    ]
    assert base not in changed and len(set(changed)) == len(changed)
    data.write_bytes(b"schema_version = 2\n")
    assert key(data) != base
    moved = data.with_name("other.toml")
    data.rename(moved)
    assert key(moved) != base


def test_the_key_follows_the_language(data: Path) -> None:
    """The same start in French keys another frame."""
    english = key(data)
    i18n.set_language("fr")
    try:
        assert key(data) != english
    finally:
        i18n.set_language("en")


def test_the_key_follows_the_code(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file of ours (or Textual's) that changes keys another frame."""
    base = key(data)
    real = preview.code_fingerprint
    monkeypatch.setattr(preview, "code_fingerprint", lambda: [*real(), "tui/app.py:1:2"])
    assert key(data) != base


def test_a_frame_is_kept_for_its_key_only(tmp_path: Path) -> None:
    """The file holds its key: another key that lands on the same name reads nothing."""
    path = tmp_path / "frames" / "0000"
    save_frame(path, "key one", FRAME)
    assert read_frame(path, "key one") == FRAME
    assert read_frame(path, "key two") is None
    assert read_frame(tmp_path / "frames" / "missing", "key one") is None


def test_kept_frames_are_private_and_written_whole(tmp_path: Path) -> None:
    """The folder is the user's alone, the file too, and no temporary file stays behind."""
    folder = tmp_path / "frames"
    save_frame(folder / "0001", "k", FRAME)
    save_frame(folder / "0001", "k", FRAME + "x")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "0001").stat().st_mode) == 0o600
    assert sorted(p.name for p in folder.iterdir()) == ["0001"]
    assert read_frame(folder / "0001", "k") == FRAME + "x"


def test_only_the_newest_frames_are_kept(tmp_path: Path) -> None:
    """One frame per size, theme and dataset, but never more than KEEP of them."""
    folder = tmp_path / "frames"
    for i in range(KEEP + 5):
        save_frame(folder / f"{i:04}", f"key {i}", FRAME)
        os.utime(folder / f"{i:04}", ns=(i * 10**9, i * 10**9))
    save_frame(folder / "last", "key last", FRAME)
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == KEEP
    assert "last" in names and "0000" not in names


@pytest.mark.parametrize(
    "frame",
    [
        "\x1b]52;c;ZXZpbA==\x07",  # OSC 52: write the clipboard
        "\x1b]8;;https://example.org\x1b\\link\x1b]8;;\x1b\\",  # a hyperlink
        "\x1b[6n",  # a cursor position report, answered as typed keys
        "\x1b[?1049l",  # a mode change
        "text\x07",  # a control character
        "text\x9b31m",  # an 8-bit CSI
        "",
    ],
)
def test_a_frame_with_anything_but_text_colours_and_moves_is_refused(
    tmp_path: Path, frame: str
) -> None:
    """A cached file is written to the terminal as it is: only what the encoder makes passes,
    both when it is read and when it would be kept."""
    path = tmp_path / "frames" / "0002"
    save_frame(path, "k", frame)
    assert read_frame(path, "k") is None
    kept = Preview("k", tmp_path / "frames" / "0003", None, (80, 24))
    kept.first_frame(frame, (80, 24))
    assert not (tmp_path / "frames" / "0003").exists()


def test_an_unreadable_or_oversized_file_is_no_frame(tmp_path: Path) -> None:
    """Bytes that are not UTF-8, or more than MAX_BYTES, are ignored."""
    path = tmp_path / "0004"
    path.write_bytes(b"k\n\n\xff\xfe")
    assert read_frame(path, "k") is None
    path.write_text("k\n\n" + "x" * preview.MAX_BYTES, encoding="utf-8")
    assert read_frame(path, "k") is None


def test_the_app_s_first_frame_is_kept_unless_it_is_the_one_shown(tmp_path: Path) -> None:
    """A start keeps its own first frame for the next one; the same frame is not rewritten,
    but marked as used (the last to go when the cache is pruned)."""
    path = tmp_path / "frames" / "0005"
    Preview("k", path, None, (80, 24)).first_frame(FRAME, (80, 24))
    assert read_frame(path, "k") == FRAME
    os.utime(path, ns=(0, 0))
    Preview("k", path, FRAME, (80, 24)).first_frame(FRAME, (80, 24))
    assert read_frame(path, "k") == FRAME
    assert path.stat().st_mtime_ns > 0


def test_a_frame_of_another_size_is_not_kept(tmp_path: Path) -> None:
    """The terminal was resized during the start: the app's frame is not of the key's size."""
    path = tmp_path / "frames" / "0007"
    Preview("k", path, None, (80, 24)).first_frame(FRAME, (100, 30))
    assert not path.exists()


def test_a_fifo_in_the_cache_is_not_waited_on(tmp_path: Path) -> None:
    """Only a regular file is read: a FIFO at the frame's path would block an open()."""
    path = tmp_path / "0008"
    os.mkfifo(path)
    assert read_frame(path, "k") is None


def test_an_unwritable_cache_costs_only_the_preview(tmp_path: Path) -> None:
    """A cache folder that cannot be made (a file is in the way) raises nothing."""
    (tmp_path / "frames").write_text("not a folder")
    Preview("k", tmp_path / "frames" / "0006", None, (80, 24)).first_frame(FRAME, (80, 24))
    assert (tmp_path / "frames").read_text() == "not a folder"


def test_turned_off_or_without_a_terminal_there_is_no_preview(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """UNITEDFRONT_PREVIEW=0 turns it off; so does a standard input that is not a terminal
    (as under pytest, even when run from one)."""
    monkeypatch.setattr(os, "isatty", lambda fd: fd != 0)
    assert Preview.for_start([str(data)], [], {"UNITEDFRONT_PREVIEW": "0"}) is None
    assert Preview.for_start([str(data)], [], {}) is None


def test_the_cache_lives_under_xdg_cache_home(tmp_path: Path) -> None:
    """$XDG_CACHE_HOME, else ~/.cache; the file name comes from the key."""
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    assert cache_path("k", env).parent == tmp_path / "unitedfront-tui" / "first-frames"
    assert cache_path("k", env) != cache_path("k2", env)
    home = preview.cache_dir({})
    assert home == Path.home() / ".cache" / "unitedfront-tui" / "first-frames"


class Terminal:
    """A pty: the preview's input and output, and what it wrote."""

    def __init__(self) -> None:
        self.master, self.slave = pty.openpty()

    def written(self) -> str:
        """Everything written to the terminal so far."""
        os.set_blocking(self.master, False)
        chunks = []
        while True:
            try:
                chunks.append(os.read(self.master, 65536))
            except BlockingIOError:
                break
        return b"".join(chunks).decode("utf-8")

    def echo(self) -> bool:
        """Whether the terminal echoes typed keys."""
        return bool(termios.tcgetattr(self.slave)[3] & termios.ECHO)

    def close(self) -> None:
        """Close both ends."""
        os.close(self.master)
        os.close(self.slave)


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    """A fresh pty, closed after the test."""
    term = Terminal()
    yield term
    term.close()


def test_the_picture_is_drawn_with_echo_off_until_the_app_takes_over(
    terminal: Terminal,
) -> None:
    """show() enters the alternate screen and draws the frame in one synchronized frame, echo
    off; the driver, once its own settings are set, gets the user's settings to restore on
    exit, and close() then writes nothing (Textual left the alternate screen itself)."""
    before = termios.tcgetattr(terminal.slave)
    shown = Preview("k", Path("/nonexistent"), FRAME, fd_in=terminal.slave, fd_out=terminal.slave)
    assert terminal.echo()
    shown.show()
    assert shown.frame == FRAME
    assert terminal.written() == ENTER + FRAME.replace("\n", "\r\n") + FRAME_END
    assert not terminal.echo()
    assert shown.taken_over() == before
    assert shown.taken_over() is None  # a resumed app takes the terminal over again
    shown.close()
    assert terminal.written() == ""


def test_a_terminal_that_takes_no_picture_starts_without_one(terminal: Terminal) -> None:
    """A failed write (here: a closed descriptor) gives the settings back and no picture."""
    closed = os.dup(terminal.slave)
    os.close(closed)
    shown = Preview("k", Path("/nonexistent"), FRAME, fd_in=terminal.slave, fd_out=closed)
    shown.show()
    assert shown.frame is None and terminal.echo()
    shown.close()


def test_a_start_that_ends_before_the_app_leaves_the_picture_once(terminal: Terminal) -> None:
    """Ctrl+C during Textual's import, or an unknown theme: the alternate screen is left, the
    cursor and line wrap are back, echo too; a second close() writes nothing more."""
    shown = Preview("k", Path("/nonexistent"), FRAME, fd_in=terminal.slave, fd_out=terminal.slave)
    shown.show()
    terminal.written()
    shown.close()
    shown.close()
    assert terminal.written() == LEAVE
    assert terminal.echo()


def test_nothing_is_drawn_without_a_cached_frame(terminal: Terminal) -> None:
    """No frame kept for this key: the terminal is left alone."""
    empty = Preview("k", Path("/nonexistent"), None, fd_in=terminal.slave, fd_out=terminal.slave)
    empty.show()
    empty.taken_over()
    empty.close()
    assert empty.frame is None
    assert terminal.written() == ""
    assert terminal.echo()


def test_exit_signals_over_the_picture_end_the_start_cleanly(terminal: Terminal) -> None:
    """While the picture shows, SIGTERM, SIGHUP and SIGQUIT end the start as an exit with
    status 128 + n (so the command line's cleanup runs); close() puts the handlers back."""
    before = {signum: signal.getsignal(signum) for signum in preview.EXIT_SIGNALS}
    shown = Preview("k", Path("/nonexistent"), FRAME, fd_in=terminal.slave, fd_out=terminal.slave)
    shown.show()
    try:
        for signum in preview.EXIT_SIGNALS:
            with pytest.raises(SystemExit) as ended:
                signal.raise_signal(signum)
            assert ended.value.code == 128 + signum
    finally:
        shown.close()
    assert {signum: signal.getsignal(signum) for signum in preview.EXIT_SIGNALS} == before


SUSPENDED = """
import os, sys
from pathlib import Path
from tui.cli.preview import Preview
shown = Preview("k", Path("/nonexistent"), sys.argv[1])
shown.show()
os.kill(os.getpid(), __import__("signal").SIGTSTP)  # what Ctrl+Z sends
print(repr(shown.frame), flush=True)
shown.close()
"""


def test_ctrl_z_over_the_picture_gives_the_shell_its_terminal(terminal: Terminal) -> None:
    """Ctrl+Z while the picture shows: the start leaves the picture (main screen, cursor,
    wrap, echo back) before it stops, and, resumed, no longer counts the picture as drawn,
    so that the app's first frame is written whole."""
    # A process group of its own, whose parent (this test) is in the same session: a group
    # with no such parent is orphaned, and there SIGTSTP stops nothing (CI runs so).
    child = subprocess.Popen(
        [sys.executable, "-c", SUSPENDED, FRAME],
        stdin=terminal.slave,
        stderr=terminal.slave,
        stdout=subprocess.PIPE,
        preexec_fn=os.setpgrp,
    )
    try:
        _, status = os.waitpid(child.pid, os.WUNTRACED)
        if not os.WIFSTOPPED(status):
            pytest.fail(f"the start did not stop on SIGTSTP (status {status})")
        assert terminal.written().endswith(FRAME_END + LEAVE)
        assert terminal.echo()
        os.kill(child.pid, signal.SIGCONT)
        assert child.stdout is not None
        assert child.stdout.read() == b"None\n"
    finally:
        child.kill()
        child.wait()
