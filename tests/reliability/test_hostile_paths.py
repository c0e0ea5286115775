"""Hostile paths: a folder named with an escape sequence never reaches the terminal raw.

A path is data, as dataset text is: every place that shows one (the export dialog, its
messages, notifications, CLI lines) shows its control characters as visible escapes.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.e2e.tmux import COMMAND, recorded, require, terminal_bytes, tmux_session
from tests.functional.helpers import explorer, screen_text
from tui.app import UnitedFrontApp
from tui.dataset import Dataset
from tui.dialogs.export_dialog import ExportDialog, error_message
from tui.output.export import ExportError
from tui.terminal.textual_private import notifications

TITLE = "\x1b]0;PWNED\x07"
"""An OSC 0 sequence: a terminal that receives it raw takes "PWNED" as its window title."""
SHOWN = "\\x1b]0;PWNED\\x07"
"""The same characters made visible."""
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def hostile_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory whose name carries the title sequence."""
    directory = tmp_path / f"data{TITLE}dir"
    directory.mkdir()
    monkeypatch.chdir(directory)
    return directory


def no_raw_control(app: UnitedFrontApp) -> str:
    """The screen's text, asserting that no cell holds a control character."""
    text = screen_text(app)
    for line in text.split("\n"):
        assert RAW_CONTROL.search(line) is None, repr(line)
    return text


async def test_export_dialog_and_notification(hostile_dir: Path, dataset: Dataset) -> None:
    """`e` in that directory, Enter: the file is written there; nothing raw on screen."""
    app = UnitedFrontApp(dataset)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        no_raw_control(app)
        box = app.screen.query_one("#export-path", Input)
        assert RAW_CONTROL.search(box.value) is None
        await pilot.press("enter")
        await pilot.pause()
        assert (hostile_dir / "unitedfront-view.csv").is_file()
        messages = [n.message for n in notifications(app)]
        assert any(SHOWN in m for m in messages), messages
        assert not any(RAW_CONTROL.search(m) for m in messages), messages
        no_raw_control(app)


async def test_pasted_control_characters_are_refused(tmp_path: Path, dataset: Dataset) -> None:
    """A paste holding an escape sequence does not enter the path box."""
    app = UnitedFrontApp(dataset)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ExportDialog(explorer(app).dataset, explorer(app).view, tmp_path))
        await pilot.pause()
        box = app.screen.query_one("#export-path", Input)
        before = box.value
        box.insert_text_at_cursor(f"x{TITLE}.csv")
        await pilot.pause()
        assert box.value == before
        no_raw_control(app)


def test_dialog_error_message_shows_the_path_literally() -> None:
    """A write error naming the hostile path: the escapes are visible text."""
    message = error_message(ExportError("cannot write: Permission denied", f"/x/{TITLE}/a.csv"))
    assert SHOWN in message and RAW_CONTROL.search(message) is None


async def test_screenshot_notification(
    hostile_dir: Path, dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+P → Screenshot in that directory: the path in the notification is literal."""
    monkeypatch.setenv("XDG_STATE_HOME", str(hostile_dir.parent / "state"))
    app = UnitedFrontApp(dataset)
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_screenshot_here()
        await pilot.pause()
        messages = [n.message for n in notifications(app)]
        assert any(SHOWN in m for m in messages), messages
        assert not any(RAW_CONTROL.search(m) for m in messages), messages
        assert not any(n.markup for n in notifications(app))


@pytest.mark.e2e
def test_the_terminal_never_receives_the_title_sequence(tmp_path: Path) -> None:
    """In a real terminal: the bytes written while exporting hold no OSC 0 from the path."""
    require("tmux", "script")
    directory = tmp_path / f"data{TITLE}dir"
    directory.mkdir()
    log = tmp_path / "typescript"
    inner = f"cd {shlex.quote(str(directory))} && exec {shlex.quote(str(COMMAND))}"
    with tmux_session(tmp_path) as session:
        session.start(recorded(["sh", "-c", inner], log), (100, 30), {"TERM": "xterm-256color"})
        session.wait_for("Missouri")
        session.keys("e")
        session.wait_for("Export the current view")
        session.keys("Enter")
        session.wait_for("Wrote")
        session.keys("q")
        status = session.wait_exit()
        history = session.history()
    assert status == 0, history
    assert (directory / "unitedfront-view.csv").is_file()
    raw = terminal_bytes(log)
    assert b"\x1b]0;PWNED" not in raw and b"PWNED\x07" not in raw
    # The path was shown (as visible text); its escaped spelling may wrap inside the notice,
    # and the wire layer sends only changed cells, so the visible name is what is looked for.
    assert b"PWNED" in raw
