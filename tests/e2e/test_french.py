"""The installed explorer in French and in the C locale, in tmux: filter, cite, export, quit.

The citation travels as OSC 52: ``script`` records the bytes the app writes, and tmux (with
``set-clipboard on``) turns them into a paste buffer, as it would for a user's terminal.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from tests.e2e.tmux import COMMAND, Tmux, recorded, require, terminal_bytes, unrestored_modes

pytestmark = pytest.mark.e2e

OSC52 = re.compile(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)(?:\x07|\x1b\\)")


def copied(log: Path) -> list[str]:
    """Texts the app sent with OSC 52, decoded."""
    return [base64.b64decode(m).decode("utf-8") for m in OSC52.findall(terminal_bytes(log))]


def quit_cleanly(session: Tmux, log: Path) -> None:
    """q from the main screen: exit 0, no traceback, every terminal mode reset."""
    session.keys("q")
    assert session.wait_exit() == 0, session.history()
    assert "Traceback" not in session.history()
    assert unrestored_modes(terminal_bytes(log)) == []


def test_french_locale(tmp_path: Path) -> None:
    """LANG=fr_FR.UTF-8 (not even installed here): French UI, French names found, the French
    citation copied through tmux, the filtered view exported from the dialog."""
    require("tmux", "script")
    log = tmp_path / "typescript"
    out = tmp_path / "vue.csv"
    env = {"TERM": "xterm-256color", "LANG": "fr_FR.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    with Tmux(tmp_path) as session:
        session.start(recorded([str(COMMAND)], log), (80, 24), env)
        session.tmux("set-option", "-s", "set-clipboard", "on")
        session.wait_for("Résultats")
        session.keys("/")
        session.type("dakota du sud")
        session.keys("Enter")
        screen = session.wait_for("Dakota du Sud (SD) · South Dakota")
        assert "Arrestations" in screen and "1 sur 12" in screen, screen
        session.keys("y")
        session.wait_for("OSC 52")
        (citation,) = copied(log)
        assert citation.startswith("**Dakota du Sud (South Dakota, SD)**")
        assert citation.index("« Dakota du Sud\u202f: 9 arrestations »") < citation.index(
            "South Dakota: 9 arrests"
        )
        assert "1er septembre 2021" in citation
        assert session.tmux("show-buffer") == citation
        session.keys("e")
        session.wait_for("Exporter la vue actuelle")
        session.keys("C-u")
        session.type(str(out))
        session.keys("Enter")
        session.wait_gone("Exporter la vue actuelle")
        assert out.read_text("utf-8").splitlines()[1].startswith("SD,South Dakota,")
        assert len(out.read_text("utf-8").splitlines()) == 2
        quit_cleanly(session, log)


def test_c_locale_is_english(tmp_path: Path) -> None:
    """LC_ALL=C beats LANG=fr: English UI, no crash, `y` still copies (UTF-8 in base64)."""
    require("tmux", "script")
    log = tmp_path / "typescript"
    env = {"TERM": "xterm-256color", "LANG": "fr_FR.UTF-8", "LC_ALL": "C"}
    with Tmux(tmp_path) as session:
        session.start(recorded([str(COMMAND)], log), (80, 24), env)
        screen = session.wait_for("Outcomes")
        assert "Résultats" not in screen
        session.keys("End", "y")
        session.wait_for("OSC 52")
        (citation,) = copied(log)
        assert citation.startswith("**South Dakota (Dakota du Sud, SD)**")
        assert "« Dakota du Sud\u202f: 9 arrestations »" in citation
        quit_cleanly(session, log)
