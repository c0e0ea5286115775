"""Soak: 2,000 random presses of the explorer's own keys through a Pilot at 80x24.

After every burst the footer's totals must equal the totals of the rows the list shows,
focus must be on the screen the user sees, and nothing may have raised.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.binding import Binding
from textual.pilot import Pilot

from tests.functional.helpers import explorer
from tui.app import UnitedFrontApp
from tui.dataset import Dataset, compute_totals
from tui.dialogs.about import AboutScreen
from tui.dialogs.help import HelpScreen
from tui.terminal.textual_private import driver_of, wait_for_screen
from tui.widgets import DetailPane, StateList, TotalsFooter
from tui.widgets.filter_box import FilterBox

PRESSES = 2_000
BURST = 10
"""Keys sent together before the app settles: a fast typist, or a laggy link."""
SEED = 20210827

CHARACTERS = {"question_mark": "?", "slash": "/", "space": " "}
"""Key names whose character is not the name itself."""


def binding_keys() -> list[str]:
    """Every key bound anywhere in the explorer, except the ones that leave it."""
    keys: set[str] = set()
    for owner in (UnitedFrontApp, StateList, DetailPane, FilterBox, AboutScreen, HelpScreen):
        for binding in owner.BINDINGS:
            if isinstance(binding, Binding):
                keys.update(k.strip() for k in binding.key.split(","))
    leaving = {"q", "ctrl+q", "ctrl+c", "ctrl+p"}  # quit, and the palette (runs anything)
    typed = {"d", "a", "k", "o", "t", "x", "space", "backspace"}  # filter text
    return sorted((keys - leaving) | typed)


def send(app: UnitedFrontApp, key: str) -> None:
    """Deliver one key press as the terminal driver would."""
    character = CHARACTERS.get(key, key if len(key) == 1 else None)
    driver: Any = driver_of(app)
    driver.send_message(events.Key(key, character))


async def settle(pilot: Pilot[int]) -> None:
    """Let every message the burst caused be handled (keys, highlights, view changes)."""
    for _ in range(3):
        await wait_for_screen(pilot)


def check(app: UnitedFrontApp) -> str | None:
    """What is wrong with the app's state right now, or None."""
    focused = app.focused
    if focused is not None and focused.screen is not app.screen:
        return (
            f"focus is on {type(focused).__name__} of a hidden screen while "
            f"{type(app.screen).__name__} is shown"
        )
    view = explorer(app).view
    expected = compute_totals(view.state_at(row) for row in range(len(view)))
    footer = explorer(app).query_one(TotalsFooter)
    if footer.shown != expected:
        return f"footer shows {footer.shown} but the {len(view)} rows shown add up to {expected}"
    text = footer.render().plain
    if view.filtered and f"Shown {expected.states:,} of" not in text:
        return f"footer text does not give the shown count: {text!r}"
    return None


@pytest.mark.slow
async def test_soak(dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 random key presses: no exception, totals always those of the shown rows."""
    # `e` then letters then Enter exports the view, as a user would: into a scratch directory.
    monkeypatch.chdir(tmp_path)
    keys = binding_keys()
    rng = random.Random(SEED)
    pressed: list[str] = []
    app = UnitedFrontApp(dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(PRESSES // BURST):
            burst = [rng.choice(keys) for _key in range(BURST)]
            pressed += burst
            for key in burst:
                send(app, key)
            await settle(pilot)
            problem = check(app)
            if problem is not None and "footer" in problem:
                await pilot.pause()  # one more chance: a message may still be in flight
                problem = check(app)
            assert problem is None, f"after {len(pressed)} keys (last: {burst}): {problem}"
            assert app.is_running, f"the app ended after {len(pressed)} keys: {pressed[-20:]}"
        await pilot.press("escape", "escape")
    assert app.return_code in (None, 0)


@pytest.mark.parametrize(
    "keys",
    [
        ("i", "slash"),
        ("i", "c"),
        ("i", "s", "r"),
        ("enter", "question_mark"),
        ("enter", "i"),
    ],
    ids=["about-then-filter", "about-then-clear", "about-then-sort", "enter+help", "enter+about"],
)
async def test_keys_never_focus_a_hidden_screen(keys: tuple[str, ...], dataset: Dataset) -> None:
    """Found by the soak: these keys, arriving together, must leave focus on the shown screen,
    and Esc must still close the help or about screen."""
    app = UnitedFrontApp(dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in keys:
            send(app, key)
        await settle(pilot)
        await pilot.pause()
        assert check(app) is None
        send(app, "escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "ExplorerScreen", "Esc did not close the screen"
