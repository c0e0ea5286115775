"""The optimised stream draws exactly what Textual's own stream draws, cell by cell."""

from __future__ import annotations

import random

import pytest

from tests.wire.harness import Cell, Session, session
from tui.dataset import Dataset
from tui.screens.explorer import ExplorerScreen

KEYS = (
    "down", "up", "j", "k", "pagedown", "pageup", "home", "end", "tab", "shift+tab", "s", "r",
    "enter", "left", "slash", "t", "e", "x", "a", "backspace", "ctrl+u", "escape", "c",
    "question_mark", "i", "space",
)  # fmt: skip
"""Keys a user presses; `q` is added only over a dialog (on the main screen it quits)."""


def first_difference(ours: list[list[Cell]], theirs: list[list[Cell]]) -> str:
    """Where two screens first differ, and how."""
    for y, (row_a, row_b) in enumerate(zip(ours, theirs)):
        for x, (a, b) in enumerate(zip(row_a, row_b)):
            if a != b:
                return f"cell ({x}, {y}): wire {a} != textual {b}"
    return "no difference"


def next_key(rng: random.Random, run: Session) -> str:
    """A random key; `q` sometimes when a dialog is open."""
    if not isinstance(run.app.screen, ExplorerScreen) and rng.random() < 0.3:
        return "q"
    return rng.choice(KEYS)


async def play(dataset: Dataset, seed: int, count: int, width: int, height: int) -> None:
    """Press ``count`` random keys, resizing once halfway; compare the screens after each."""
    rng = random.Random(seed)
    async with session(dataset, width, height) as run:
        pressed: list[str] = []
        for step in range(count):
            if step == count // 2:
                await run.resize(width + 20, height + 6)
                pressed.append("<resize>")
            key = next_key(rng, run)
            pressed.append(key)
            await run.press(key)
            ours, theirs = run.ours.cells(), run.theirs.cells()
            assert ours == theirs, f"after {pressed}: {first_difference(ours, theirs)}"
            assert run.ours.cursor() == run.theirs.cursor(), f"cursor after {pressed}"


async def test_random_keys_draw_the_same_screen(dataset: Dataset) -> None:
    """120 random keys at 80x24 (256 colours), one resize: every screen identical."""
    await play(dataset, seed=8, count=120, width=80, height=24)


@pytest.mark.slow
@pytest.mark.parametrize("env", [{"COLORTERM": "truecolor"}, {"NO_COLOR": "1"}], ids=str)
async def test_random_keys_in_other_terminals(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> None:
    """The same in truecolor at 120x40 and without colour."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    await play(dataset, seed=21, count=80, width=120, height=40)
