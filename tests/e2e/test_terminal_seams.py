"""The terminal's seams in a real terminal (tmux): exit signals and bytes that are not UTF-8.

Issue 18: SIGTERM left the alternate screen, mouse reporting and a hidden cursor behind; one
undecodable byte on stdin killed the explorer with a traceback and exit status 0.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.e2e.tmux import (
    COMMAND,
    EXIT_MARK,
    EXIT_PREFIX,
    command_line,
    explorer_pid,
    modes,
    tmux_session,
)

pytestmark = pytest.mark.e2e

ENV = {"TERM": "tmux-256color", "LANG": "C.UTF-8"}


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT])
def test_an_exit_signal_gives_the_terminal_back(tmp_path: Path, signum: signal.Signals) -> None:
    """Killed with SIGTERM, SIGHUP or SIGQUIT: the terminal as `q` leaves it, status 128+n."""
    with tmux_session(tmp_path) as pane:
        # A shell stays after the explorer: tmux reports a dead pane's cursor as hidden.
        explorer = command_line([str(COMMAND)], ENV)
        pane.start(["sh", "-c", f"{explorer}; echo {EXIT_PREFIX}$?; exec sleep 60"])
        pane.wait_for("Missouri")
        pane.settle()
        assert modes(pane) == "1 1 0"  # the explorer holds the terminal
        os.kill(explorer_pid(pane), signum)
        pane.wait(lambda screen: EXIT_PREFIX in screen, "the exit status")
        assert [int(n) for n in EXIT_MARK.findall(pane.history())] == [128 + signum]
        assert modes(pane) == "0 0 1"
        assert "Traceback" not in pane.history()


@pytest.mark.parametrize("data", ["ff", "e9", "9b", "c3", "ff 6a 6a"])
def test_bytes_that_are_not_utf8_are_a_bad_key(tmp_path: Path, data: str) -> None:
    """`\\xff`, Latin-1 `é`, an 8-bit CSI, a cut sequence: the explorer keeps running."""
    with tmux_session(tmp_path) as pane:
        pane.start([str(COMMAND)], env=ENV)
        pane.wait_for("Missouri")
        pane.settle()
        pane.send("-H", *data.split())
        time.sleep(0.5)
        assert pane.exited() is None, pane.history()
        pane.keys("j")  # still taking keys: the cursor moves to the second state
        pane.keys("/")
        pane.type("dak")
        pane.wait_for("North Dakota")
        pane.keys("Enter", "q")
        assert pane.wait_exit() == 0
        assert "Traceback" not in pane.history()
