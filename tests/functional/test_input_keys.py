"""Text boxes edit as stock Textual's ``Input`` does, even when the keys arrive in one burst.

The oracle is Textual itself: a bare app with one ``Input`` holding the same text takes the
keys one read at a time; the export dialog's path box takes them all in one read, behind the
`e` that opened it. Value, cursor and selection must agree (issue 16: typing over a selection
replaced it in stock Textual but was inserted by the old key router).
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.widgets import Input

from tests.functional.terminal_input import TerminalInput, settle
from tui.app import UnitedFrontApp
from tui.dataset import Dataset, load
from tui.dataset.resources import bundled_dataset

EDIT_KEYS: dict[str, str] = {
    "a": "a",
    "x": "x",
    ".": ".",
    "space": " ",
    "backspace": "\x7f",
    "delete": "\x1b[3~",
    "left": "\x1b[D",
    "right": "\x1b[C",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "shift+left": "\x1b[1;2D",
    "shift+right": "\x1b[1;2C",
    "shift+home": "\x1b[1;2H",
    "shift+end": "\x1b[1;2F",
    "ctrl+left": "\x1b[1;5D",
    "ctrl+right": "\x1b[1;5C",
    "ctrl+u": "\x15",
    "ctrl+w": "\x17",
    "ctrl+k": "\x0b",
    "ctrl+a": "\x01",
    "ctrl+e": "\x05",
    "paste": "\x1b[200~pasted/name\x1b[201~",
}
"""Keys that edit one line of text, as an xterm-like terminal sends them."""

Box = tuple[str, int, tuple[int, int]]


def box(widget: Input) -> Box:
    """What an edit changes: the text, the cursor, the selection."""
    return (widget.value, widget.cursor_position, tuple(widget.selection))  # type: ignore[return-value]


class StockInput(App[None]):
    """Textual and one ``Input``, nothing of the explorer's."""

    def __init__(self, value: str) -> None:
        super().__init__()
        self.value = value

    def compose(self) -> ComposeResult:
        """One text box holding ``value``, its cursor at the end."""
        yield Input(self.value, select_on_focus=False)


async def stock(value: str, keys: list[str]) -> Box:
    """Textual's own Input, the keys one read at a time."""
    app = StockInput(value)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        widget = app.query_one(Input)
        terminal = TerminalInput(app)
        for key in keys:
            terminal.read(key)
            await pilot.pause()
        return box(widget)


async def explorer(dataset: Dataset, keys: list[str]) -> tuple[str, Box]:
    """The export dialog's path box, `e` and the keys in one read; its text before, and after."""
    app = UnitedFrontApp(dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        start = str(Path.cwd() / "unitedfront-view.csv")
        TerminalInput(app).read("e" + "".join(keys))
        await settle(pilot, app)
        return start, box(app.screen.query_one("#export-path", Input))


DATASET = load(bundled_dataset())


@pytest.mark.slow
@settings(
    max_examples=int(os.environ.get("BURST_EXAMPLES", "12")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(names=st.lists(st.sampled_from(sorted(EDIT_KEYS)), min_size=1, max_size=10))
def test_the_path_box_edits_as_stock_textual(names: list[str]) -> None:
    """Any edit keys, in one burst behind `e`: the same text, cursor and selection."""
    keys = [EDIT_KEYS[name] for name in names]
    start, found = asyncio.run(explorer(DATASET, keys))
    assert found == asyncio.run(stock(start, keys)), f"keys {names}"


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["end", "shift+home", "x"], "x"),
        (["ctrl+u", "a"], "a"),
        (["ctrl+w"], "unitedfront-view."),
        (["home", "x"], "x"),
        (["ctrl+u", "paste"], "pasted/name"),
    ],
)
async def test_editing_keys_in_a_burst(
    dataset: Dataset, names: list[str], expected: str, tmp_path: Path, monkeypatch: Any
) -> None:
    """Selection replaced by typing, Ctrl+U, Ctrl+W, Home, paste: as stock Textual edits."""
    monkeypatch.chdir(tmp_path)
    start, (value, _, _) = await explorer(dataset, [EDIT_KEYS[name] for name in names])
    if names[0] == "home":
        expected += start
    if names == ["ctrl+w"]:
        expected = start[: -len("csv")]
    assert value == expected
