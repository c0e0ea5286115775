"""The installed command in tmux: --watch through atomic, broken and fixed saves; several
operations through the list, a switch and the compare view."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from tests.e2e.tmux import COMMAND, recorded, terminal_bytes, tmux_session, unrestored_modes
from tests.synthetic import ALPHA, operation_toml, write_operations

pytestmark = pytest.mark.e2e


def save_atomically(path: Path, text: str) -> None:
    """Save as most editors do: a temporary file renamed over the old one."""
    tmp = path.with_name(f".{path.name}.swp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def alpha_with(kansas_arrests: str) -> str:
    """Operation Alpha's file with another arrests value (raw TOML) for Kansas."""
    text = operation_toml("Operation Alpha", "2030-01-02", ALPHA, 9)
    return text.replace("arrests = 5", f"arrests = {kansas_arrests}", 1)


def kansas_row(screen: str) -> list[str]:
    """The words of the state list's Kansas row."""
    line = next(line for line in screen.splitlines() if "Kansas" in line)
    return re.split(r"[\s┃│]+", line.split("┃")[1].strip())


def test_watch_follows_saves_in_a_real_terminal(tmp_path: Path) -> None:
    """Atomic save: new figures, same highlight; broken save: the panel, old figures; fix."""
    alpha, _ = write_operations(tmp_path)
    log = tmp_path / "typescript"
    with tmux_session(tmp_path) as session:
        session.start(recorded([str(COMMAND), "--data", str(alpha), "--watch"], log), (80, 24))
        session.wait_for("Kansas")
        session.keys("j")
        session.wait_for("Missouri (MO)")
        assert kansas_row(session.screen()) == ["KS", "Kansas", "3", "5"]

        save_atomically(alpha, alpha_with("6"))
        session.wait(lambda s: kansas_row(s)[-1] == "6", "Kansas's new arrests")
        assert "Missouri (MO)" in session.settle()  # the highlight stayed

        save_atomically(alpha, alpha_with("-6"))
        screen = session.wait_for("is not valid")
        line = alpha_with("-6").split("\n").index("arrests = -6") + 1
        assert f"alpha.toml:{line}: states[KS].arrests: must not be negative" in screen
        assert kansas_row(screen)[-1] == "6"  # the last good data stays

        # Idle with the watcher running: polling draws nothing, so nothing goes on the wire.
        session.settle()
        size = len(terminal_bytes(log))
        time.sleep(2)
        assert len(terminal_bytes(log)) == size

        save_atomically(alpha, alpha_with("7"))
        screen = session.wait_gone("is not valid")
        session.wait(lambda s: kansas_row(s)[-1] == "7", "the fixed figures")
        assert "Missouri (MO)" in session.settle()

        session.keys("q")
        assert session.wait_exit() == 0, session.history()
        assert "Traceback" not in session.history()
    assert unrestored_modes(terminal_bytes(log)) == []
    assert alpha.read_text(encoding="utf-8") == alpha_with("7")  # never written to


def test_several_operations_in_a_real_terminal(tmp_path: Path) -> None:
    """--data DIR: O lists both, Enter opens Bravo, C compares them, q goes back, q quits."""
    folder = tmp_path / "ops"
    folder.mkdir()
    write_operations(folder)
    with tmux_session(tmp_path) as session:
        session.start([str(COMMAND), "--data", str(folder)], (80, 24))
        session.wait_for("Operation Alpha")  # named under the list
        session.keys("O")
        screen = session.wait_for("Operation Bravo")
        assert "2 January 2030" in screen and "4 March 2031" in screen
        session.keys("j", "Enter")
        screen = session.wait_for("Arkansas")
        assert "Kansas" not in screen
        session.keys("C")
        screen = session.wait_for("A Operation Bravo")
        assert "B Operation Alpha" in screen and "Kansas" in screen
        session.keys("q")
        session.wait_gone("A Operation Bravo")
        session.keys("q")
        assert session.wait_exit() == 0, session.history()
        assert "Traceback" not in session.history()


def test_operation_keys_in_one_burst(tmp_path: Path) -> None:
    """`Oj⏎` in one write opens Bravo; `Cjqj` compares, moves there, closes, then moves the
    list: keys typed ahead act where the previous key left focus."""
    folder = tmp_path / "ops"
    folder.mkdir()
    write_operations(folder)
    with tmux_session(tmp_path) as session:
        session.start([str(COMMAND), "--data", str(folder)], (80, 24))
        session.wait_for("Operation Alpha")
        session.send("Oj", "Enter")
        # Arkansas, not "Operation Bravo": the operations list shows that name before Enter.
        session.wait_for("Arkansas")
        screen = session.settle()
        assert "Operation Bravo" in screen and "Missouri (MO)" in screen
        session.send("Cjqj")
        session.wait_for("Arkansas (AR)")
        screen = session.settle()
        assert "A Operation" not in screen  # the compare view closed
        session.keys("q")
        assert session.wait_exit() == 0, session.history()
