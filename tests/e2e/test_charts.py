"""The installed explorer's map and bar chart in a real terminal (tmux, 80x24)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.tmux import (
    COMMAND,
    recorded,
    require,
    terminal_bytes,
    tmux_session,
    unrestored_modes,
)

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("env", [{"TERM": "xterm-256color"}, {"TERM": "xterm", "NO_COLOR": "1"}])
def test_map_arrows_enter_and_bars(tmp_path: Path, env: dict[str, str]) -> None:
    """m opens the map on the list's state; arrows move by geography; Enter opens the details
    in the explorer; b shows the bars; q returns, q quits cleanly."""
    require("tmux", "script")
    log = tmp_path / "typescript"
    with tmux_session(tmp_path) as session:
        session.start(recorded([str(COMMAND)], log), (80, 24), env)
        session.wait_for("Kentucky")
        session.settle()
        session.keys("m")
        screen = session.wait_for("Victims rescued by state")
        assert "Missouri (MO): Victims rescued 4" in screen
        assert all(code in screen for code in ("WA", "ME", "HI", "FL", "TX", "DC"))
        session.keys("Right")
        session.wait_for("Kentucky (KY): Victims rescued 23 (21 adult, 2 minor)")
        session.keys("Up", "Left", "l")  # KY → IN → IA → IN
        session.wait_for("Indiana (IN): not part of this operation")
        session.keys("Down", "Down")  # IN → KY → TN
        session.wait_for("Tennessee (TN): Victims rescued — · Arrests 4")
        session.keys("Enter")
        session.wait_gone("by state")
        screen = session.settle()
        assert "Tennessee (TN)" in screen and "─ States ─" in screen
        session.keys("b")
        screen = session.wait_for("Victims rescued and arrests by state")
        assert "23‡ (48.9%)" in screen and "Tennessee (TN): Victims rescued —" in screen
        session.keys("q")
        session.wait_gone("and arrests by state")
        session.settle()
        session.keys("q")
        status = session.wait_exit()
        history = session.history()
        assert status == 0, history
        assert "Traceback" not in history
    assert unrestored_modes(terminal_bytes(log)) == []
