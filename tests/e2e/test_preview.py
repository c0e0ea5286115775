"""The cached first frame, as a person meets it: the installed command started twice in tmux.

The second start draws the first start's first frame before Textual has loaded; the app's own
first frame then costs no byte, keys typed meanwhile act as they would have, and a picture
that is no longer right is painted over by the real one.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from tests.e2e.tmux import (
    COMMAND,
    EXIT_MARK,
    EXIT_PREFIX,
    command_line,
    explorer_pid,
    modes,
    recorded,
    terminal_bytes,
    tmux_session,
    unrestored_modes,
)
from tui.cli.preview import ENTER, cache_dir

pytestmark = pytest.mark.e2e

ENV = {"TERM": "xterm-256color"}


def run(
    workdir: Path,
    name: str,
    keys: tuple[str, ...] = (),
    env: dict[str, str] = ENV,
    ready: str = "Missouri (MO)",
) -> str:
    """Start the explorer in tmux (recorded under ``script`` in ``name``), send ``keys`` as
    soon as a list is on the screen (the picture's, when there is one), wait for ``ready``
    (drawn by the app only: the detail pane's title comes after its first frame) and the
    settled screen, quit; return the screen."""
    log = workdir / name
    with tmux_session(workdir) as session:
        session.start(recorded([str(COMMAND)], log), (80, 24), env)
        session.wait_for("Kentucky")
        if keys:
            session.keys(*keys)
        session.wait_for(ready)
        screen = session.settle()
        session.keys("q")
        assert session.wait_exit() == 0, session.history()
    assert unrestored_modes(terminal_bytes(log)) == [], "terminal left in these modes"
    return screen


def frames() -> list[Path]:
    """The first frames kept in this test's cache."""
    folder = cache_dir()
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_the_second_start_draws_the_first_at_once(tmp_path: Path) -> None:
    """The first start keeps its first frame; the second writes it before anything else and
    never writes it again: its bytes are the first start's plus the picture's entry."""
    first = run(tmp_path, "first")
    (kept,) = frames()
    second = run(tmp_path, "second")
    assert second == first
    one, two = terminal_bytes(tmp_path / "first"), terminal_bytes(tmp_path / "second")
    assert two.startswith(ENTER.encode())
    assert two.count(b"\x1b[?1049h") == one.count(b"\x1b[?1049h") == 1
    # The picture replaces the app's first frame; the rest of the start is the same.
    assert two.count(b"Missouri") == one.count(b"Missouri")
    assert len(two) - len(one) < len(ENTER) + 40
    assert frames() == [kept]


def test_keys_typed_over_the_picture_act_as_without_it(tmp_path: Path) -> None:
    """j, j, a filter and Enter typed as soon as the list shows: the same screen whether that
    list was the picture or the app (the keys wait in the terminal, unechoed, for the app)."""
    run(tmp_path, "fill")
    keys = ("j", "j", "/", "n", "e", "Enter")
    with_picture = run(tmp_path, "with", keys, ready="Minnesota (MN)")
    without = run(tmp_path, "without", keys, {**ENV, "UNITEDFRONT_PREVIEW": "0"}, "Minnesota (MN)")
    assert with_picture == without
    assert "3 of 12" in with_picture and "Minnesota (MN)" in with_picture


def test_a_picture_that_is_no_longer_right_does_not_stay(tmp_path: Path) -> None:
    """A kept frame that differs from the app's (here: a state's name edited in the file)
    is shown at start, then painted over whole by the app's first frame, and replaced."""
    run(tmp_path, "fill")
    (kept,) = frames()
    kept.write_text(kept.read_text(encoding="utf-8").replace("Missouri", "Missoura"))
    screen = run(tmp_path, "stale")
    raw = terminal_bytes(tmp_path / "stale")
    assert b"Missoura" in raw and "Missoura" not in screen and "Missouri" in screen
    assert "Missoura" not in kept.read_text(encoding="utf-8")


def test_other_sizes_and_settings_keep_their_own_picture(tmp_path: Path) -> None:
    """NO_COLOR keys another frame: its start draws no picture from the coloured one."""
    run(tmp_path, "colour")
    screen = run(tmp_path, "plain", env={**ENV, "NO_COLOR": "1"})
    assert not terminal_bytes(tmp_path / "plain").startswith(ENTER.encode())
    assert "Kentucky" in screen
    assert len(frames()) == 2


def test_killed_over_the_picture_the_terminal_is_given_back(tmp_path: Path) -> None:
    """SIGTERM the moment the picture shows (before or after Textual has taken over, the
    window is ~0.2 s): exit status 143, alternate screen left, cursor shown."""
    run(tmp_path, "fill")
    with tmux_session(tmp_path) as pane:
        explorer = command_line([str(COMMAND)], ENV)
        pane.start(["sh", "-c", f"{explorer}; echo {EXIT_PREFIX}$?; exec sleep 60"])
        pane.wait_for("Missouri")
        os.kill(explorer_pid(pane), signal.SIGTERM)
        pane.wait(lambda screen: EXIT_PREFIX in screen, "the exit status")
        assert [int(n) for n in EXIT_MARK.findall(pane.history())] == [128 + signal.SIGTERM]
        assert modes(pane) == "0 0 1"
        assert "Traceback" not in pane.history()


def test_after_a_start_with_a_picture_the_terminal_is_the_user_s(tmp_path: Path) -> None:
    """The picture turns echo off; the app gives back the settings from before it, not those:
    after q, the shell's terminal echoes and edits lines again."""
    run(tmp_path, "fill")
    with tmux_session(tmp_path) as pane:
        explorer = command_line([str(COMMAND)], ENV)
        pane.start(["sh", "-c", f"{explorer}; stty -a; exec sleep 60"])
        pane.wait_for("Missouri (MO)")
        pane.settle()
        pane.keys("q")
        settings = pane.wait(lambda screen: "icanon" in screen, "stty's report").split()
    assert "echo" in settings and "icanon" in settings and "icrnl" in settings
