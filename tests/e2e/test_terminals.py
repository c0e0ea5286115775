"""The installed explorer in real terminals: every TERM, colour and locale setting, every size.

Each run happens in a private tmux server, under ``script`` so that the raw bytes the app
writes are recorded: after exit, every terminal mode it set (alternate screen, mouse
reporting, bracketed paste...) must have been reset.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.e2e.tmux import (
    COMMAND,
    Tmux,
    recorded,
    require,
    run_in_pty,
    terminal_bytes,
    tmux_session,
    unrestored_modes,
)

pytestmark = pytest.mark.e2e

STATES = (
    "Missouri",
    "Illinois",
    "Iowa",
    "Kentucky",
    "Minnesota",
    "Nebraska",
    "North Dakota",
    "Oklahoma",
    "Tennessee",
    "Texas",
    "Wisconsin",
    "South Dakota",
)
"""The bundled dataset's states, all visible at 80x24."""

HELP = "━ Keys ━"
"""The help screen's title, visible even at 20x6."""
ABOUT = "About this da"
"""The about screen's title (cut short on narrow terminals)."""

ENVIRONMENTS: dict[str, dict[str, str]] = {
    "xterm-256color": {"TERM": "xterm-256color", "COLORTERM": ""},
    "xterm": {"TERM": "xterm", "COLORTERM": ""},
    "screen": {"TERM": "screen", "COLORTERM": ""},
    "tmux-256color": {"TERM": "tmux-256color", "COLORTERM": ""},
    "linux": {"TERM": "linux", "COLORTERM": ""},
    "vt100": {"TERM": "vt100", "COLORTERM": ""},
    "TERM-unset": {"TERM": "", "COLORTERM": ""},
    "TERM-unknown": {"TERM": "no-such-terminal", "COLORTERM": ""},
    "truecolor": {"TERM": "xterm-256color", "COLORTERM": "truecolor"},
    "no-color": {"TERM": "xterm-256color", "NO_COLOR": "1"},
    "locale-C": {"TERM": "xterm-256color", "LANG": "C", "LC_ALL": "C"},
    "locale-C.UTF-8": {"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
}
"""Terminal settings users arrive with (an empty value unsets the variable)."""


def finish(session: Tmux, log: Path) -> bytes:
    """Quit with q from the main screen; assert a clean exit; return the recorded bytes."""
    session.keys("q")
    status = session.wait_exit()
    history = session.history()
    assert status == 0, history
    assert "Traceback" not in history and "Error" not in history, history
    raw = terminal_bytes(log)
    assert unrestored_modes(raw) == [], "terminal left in these modes after exit"
    return raw


def started(session: Tmux, ready: str) -> bool:
    """Wait until ``ready`` is on screen (True) or the app ended by itself (False)."""
    session.wait(lambda s: ready in s or session.exited() is not None, f"{ready!r} or an exit")
    return session.exited() is None


def explore(name: str, workdir: Path) -> None:
    """Start the explorer with ENVIRONMENTS[name]; use it, or check it refused in one line."""
    workdir.mkdir()
    log = workdir / "typescript"
    with Tmux(workdir) as session:
        session.start(recorded([str(COMMAND)], log), (80, 24), ENVIRONMENTS[name])
        if not started(session, "Kentucky"):
            # Refusing is allowed, but only as one clear sentence, exit 1, nothing drawn.
            status = session.exited()
            lines = [
                line
                for line in session.history().splitlines()
                if line.strip() and not line.startswith(("uft-exit-status=", "Pane is dead"))
            ]
            assert status == 1, lines
            assert len(lines) == 1 and lines[0].endswith("."), lines
            assert b"\x1b[?1049h" not in terminal_bytes(log)
            return
        screen = session.wait_for("102")
        assert all(state in screen for state in STATES), screen
        session.keys("/")
        session.type("tex")
        session.wait_for("1 of 12")
        # The detail pane follows the list a frame later: read the settled screen.
        screen = session.settle()
        # Kentucky's row is gone from the list (other sources' names may mention Kentucky).
        assert "Texas" in screen and not re.search(r"KY +Kentucky", screen)
        session.keys("Enter", "?")
        session.wait_for(HELP)
        session.keys("Escape")
        session.wait_gone(HELP)
        session.keys("i")
        session.wait_for(ABOUT)
        session.keys("q")
        session.wait_gone(ABOUT)
        raw = finish(session, log)
    if name == "truecolor":
        assert b"38;2;" in raw, "COLORTERM=truecolor but no 24-bit colour was used"


def test_explorer_in_every_terminal(tmp_path: Path) -> None:
    """In each TERM, colour and locale setting: usable (list, totals, filter, help, about, q,
    exit 0, modes reset), or one clear sentence. The settings run side by side, to save time."""
    require("tmux", "script")
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = {name: pool.submit(explore, name, tmp_path / name) for name in ENVIRONMENTS}
    failures = {name: run.exception() for name, run in runs.items() if run.exception()}
    assert not failures, "\n\n".join(f"[{name}] {error}" for name, error in failures.items())


@pytest.mark.parametrize("size", [(20, 6), (40, 12), (80, 24), (200, 60)])
def test_sizes(size: tuple[int, int], tmp_path: Path) -> None:
    """Every size from 20x6 up starts, takes every key and quits cleanly."""
    require("script")
    log = tmp_path / "typescript"
    with tmux_session(tmp_path) as session:
        session.start(recorded([str(COMMAND)], log), size, {"TERM": "xterm-256color"})
        session.wait_for("States")
        if size >= (80, 24):
            screen = session.wait_for("102")
            assert all(state in screen for state in STATES), screen
            assert "47" in screen
        # Keys that move focus go one at a time, as a user types (bursts: test_burst_after_enter).
        for keys in (("j", "j", "G", "g", "s", "r"), ("Enter",), ("h",), ("/",), ("k", "e", "n")):
            session.keys(*keys)
            session.settle()
        session.keys("Enter")
        for key, title in (("?", HELP), ("i", ABOUT)):  # each opens, then q closes it
            before = session.settle()
            session.keys(key)
            if size >= (80, 24):
                session.wait_for(title)
            else:  # the title may be cut off on tiny screens; the screen must still change
                session.wait(before.__ne__, f"{key} to open its screen")
            session.settle()
            session.keys("q")
            session.wait_gone(title)
        finish(session, log)


def test_burst_after_enter(tmp_path: Path) -> None:
    """Keys arriving together (a laggy SSH link) act where focus is after each one.

    Enter on the list opens the detail pane, h returns to the list, j moves down: the list
    must end up focused with Illinois highlighted.
    """
    log = tmp_path / "typescript"
    with tmux_session(tmp_path) as session:
        session.start(recorded([str(COMMAND)], log), (80, 24), {"TERM": "xterm-256color"})
        session.wait_for("Kentucky")
        session.settle()
        session.keys("Enter", "h", "j")
        screen = session.wait_for("Illinois (IL)")
        assert session.settle().splitlines()[-1].startswith(" ⏎ Details"), screen
        finish(session, log)


def test_resize_during_use(tmp_path: Path) -> None:
    """Shrinking from 120x40 to 30x10 and back while in use: no crash, the list comes back."""
    require("script")
    log = tmp_path / "typescript"
    with tmux_session(tmp_path) as session:
        session.start(recorded([str(COMMAND)], log), (120, 40), {"TERM": "xterm-256color"})
        session.wait_for("South Dakota")
        session.keys("j", "j", "j")
        session.wait_for("Kentucky (KY)")
        session.resize(30, 10)
        # The narrow layout: short figure headers, no codes.
        session.wait(lambda s: re.search(r"Vict\. +Arr\.", s) is not None, "the narrow layout")
        session.keys("j", "k", "/")
        session.type("dak")
        session.keys("Enter")
        session.settle()
        session.resize(120, 40)
        session.wait(lambda s: "States · 2 of 12 ━" in s and "(ND)" in s, "the wide layout")
        screen = session.settle()
        assert "North Dakota" in screen and "South Dakota" in screen, screen
        session.keys("c")
        session.wait_for("States ━")
        screen = session.settle()
        assert all(state in screen for state in STATES), screen
        finish(session, log)


def test_false_escape_loses_nothing(tmp_path: Path) -> None:
    """A stray Esc (half an escape sequence on a slow link) neither quits nor clears a filter."""
    log = tmp_path / "typescript"
    with tmux_session(tmp_path) as session:
        session.start(recorded([str(COMMAND)], log), (80, 24), {"TERM": "xterm-256color"})
        session.wait_for("Kentucky")
        session.keys("Escape")
        session.keys("/")
        session.type("dak")
        session.wait_for("2 of 12")
        session.keys("Escape")
        session.wait_for("⏎ Details")  # back on the list, filter kept
        session.keys("j")
        screen = session.wait_for("South Dakota (SD)")
        assert "2 of 12" in screen and not re.search(r"KY +Kentucky", screen)
        session.keys("/")
        screen = session.wait_for("⏎ Keep the filter")
        assert screen.splitlines()[0][:40].split() == ["dak"], screen
        session.keys("Enter")
        session.wait_for("⏎ Details")
        finish(session, log)


def test_escape_then_key_in_one_burst_loses_nothing(tmp_path: Path) -> None:
    """Esc and the next key arriving together (within ESCDELAY, over a slow link) read as
    Alt+key: the filter typed so far is kept, the box is left and the key acts on the list."""
    log = tmp_path / "typescript"
    with tmux_session(tmp_path) as session:
        session.start(recorded([str(COMMAND)], log), (80, 24), {"TERM": "xterm-256color"})
        session.wait_for("Kentucky")
        session.keys("/")
        session.type("dak")
        session.wait_for("2 of 12")
        session.settle()
        session.keys("Escape", "j")
        screen = session.settle()
        assert screen.splitlines()[0].split()[0] == "dak", screen
        assert "South Dakota (SD)" in screen  # j moved down the filtered list
        assert "⏎ Details" in screen  # back on the list
        assert session.exited() is None
        finish(session, log)


@pytest.mark.parametrize(
    ("env", "pipe", "no_stdin"),
    [
        ({"TERM": "dumb"}, False, False),
        ({"TERM": "xterm-256color"}, True, False),
        ({"TERM": "xterm-256color"}, False, True),
    ],
    ids=["TERM=dumb", "stdout-piped", "stdin-not-a-terminal"],
)
def test_no_terminal_points_to_markdown_export(
    env: dict[str, str], pipe: bool, no_stdin: bool
) -> None:
    """TERM=dumb, ``unitedfront-tui | cat``, or no terminal on stdin: one clear line, exit 1,
    nothing drawn."""
    status, terminal, piped = run_in_pty([str(COMMAND)], env, stdout_pipe=pipe, stdin_null=no_stdin)
    assert status == 1
    assert piped == b""
    assert b"\x1b" not in terminal
    lines = terminal.decode().splitlines()
    assert len(lines) == 1
    assert "export --format markdown" in lines[0]
