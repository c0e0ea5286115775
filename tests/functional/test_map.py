"""Pilot tests of the map view (m): placement on screen, moves, Enter, filter, metric."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.geometry import Region

from tests.functional.conftest import AppFactory
from tests.functional.helpers import explorer, make_dataset, screen_text, selected
from tests.functional.terminal_input import settle
from tui.app import UnitedFrontApp
from tui.dataset import load
from tui.dataset.tiles import BY_CODE, TILES
from tui.screens.map import MapScreen
from tui.terminal.textual_private import driver_of
from tui.widgets import DetailPane, StateList
from tui.widgets.tile_map import TileMap

SIZES = [(80, 24), (120, 40)]


def where(text: str, code: str) -> tuple[int, int]:
    """(line, column) of the tile label ``code`` on the screen."""
    for y, line in enumerate(text.splitlines()):
        match = re.search(rf"(?<![A-Z]){code}(?![A-Z(])", line)
        if match:
            return y, match.start()
    raise AssertionError(f"{code} not on screen:\n{text}")


def tile_map(app: UnitedFrontApp) -> TileMap:
    """The map widget of the open map screen."""
    assert isinstance(app.screen, MapScreen)
    return app.screen.query_one(TileMap)


@pytest.mark.parametrize("size", SIZES)
async def test_tiles_sit_where_the_states_are(make_app: AppFactory, size: tuple[int, int]) -> None:
    """All 51 codes on screen; ND west of MN, SD under ND, KY east of MO, TX on the bottom row."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("m")
        await pilot.pause()
        text = screen_text(app)
        for tile in TILES:
            where(text, tile.code)
        nd, mn, sd = where(text, "ND"), where(text, "MN"), where(text, "SD")
        assert nd[0] == mn[0] and nd[1] < mn[1]
        assert sd[0] > nd[0] and sd[1] == nd[1]
        mo, ky = where(text, "MO"), where(text, "KY")
        assert mo[0] == ky[0] and ky[1] > mo[1]
        tx = where(text, "TX")
        assert tx[0] == max(where(text, tile.code)[0] for tile in TILES)
        # Figures where they fit: Kentucky's 23 victims sit under its code.
        assert text.splitlines()[ky[0] + 1][ky[1] : ky[1] + 2] == "23"


async def test_starts_on_the_lists_selection(make_app: AppFactory) -> None:
    """The list's highlighted state is the map's starting tile."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j", "j", "m")  # Kentucky
        assert tile_map(app).tile.code == "KY"
        assert "Kentucky (KY): Victims rescued 23" in screen_text(app)


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["right"], "KY"),
        (["l"], "KY"),
        (["left"], "NE"),
        (["h", "h"], "CO"),
        (["up"], "IA"),
        (["k", "k"], "MN"),
        (["down", "down"], "LA"),
        (["down", "down", "down"], "TX"),  # no tile under LA: the nearest below
        (["left", "up", "up"], "ND"),
        (["left", "left", "left", "left", "left"], "CA"),  # stops at the edge
        (["left", "down", "down", "down"], "TX"),  # NE → KS → OK → TX
    ],
)
async def test_geographic_moves(make_app: AppFactory, keys: list[str], expected: str) -> None:
    """Arrows and hjkl go to the nearest tile that way, skipping empty cells."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m", *keys)
        assert tile_map(app).tile.code == expected


async def test_enter_opens_the_detail_of_that_state(make_app: AppFactory) -> None:
    """Enter on a tile: back in the explorer, that state highlighted, its details focused."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "right", "enter")  # MO → KY
        await pilot.pause()
        assert not isinstance(app.screen, MapScreen)
        assert selected(app).code == "KY"
        assert explorer(app).query_one(StateList).highlighted == explorer(app).selected
        assert isinstance(app.focused, DetailPane)


async def test_leaving_keeps_the_maps_highlight(make_app: AppFactory) -> None:
    """m again returns to the list with the map's highlight as the list's selection."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "up", "up", "m")  # MO → IA → MN
        await pilot.pause()
        assert selected(app).code == "MN"
        assert isinstance(app.focused, StateList)


async def test_enter_outside_the_operation_stays(make_app: AppFactory) -> None:
    """A state with no figures has no details: the map says so and stays."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "left", "left")  # Colorado
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        assert "Colorado (CO): not part of this operation" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
        assert selected(app).code == "MO"  # unchanged


async def test_filtered_out_states_are_dimmed(make_app: AppFactory) -> None:
    """With /dakota, only ND and SD keep their shade; the other states are dimmed."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"dakota", "enter", "m")
        await pilot.pause()
        model = tile_map(app).model
        hidden = {c.tile.code for c in model.cells if c.hidden}
        assert hidden == {s.code for s in app.dataset.states} - {"ND", "SD"}
        widget = tile_map(app)
        assert widget._tile_style(model.cell("KY"), cursor=False).dim
        assert not widget._tile_style(model.cell("ND"), cursor=False).dim
        # The sort and filter keys do not reach the list under the map.
        await pilot.press("c", "s")
        assert explorer(app).view.query == "dakota" and explorer(app).view.sort == "source"


async def test_metric_cycles(make_app: AppFactory) -> None:
    """v shades by arrests, then by victims again; the title and legend follow."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        assert screen_text(app).startswith("Victims rescued by state")
        await pilot.press("v")
        await pilot.pause()
        text = screen_text(app)
        assert text.startswith("Arrests by state")
        assert tile_map(app).model.cell("KY").value == 46
        assert "12–46" in text  # the darkest class of arrests: 46 alone (natural breaks)
        await pilot.press("v")
        assert tile_map(app).metric == "victims_rescued"


async def test_not_reported_is_not_zero(make_app: AppFactory) -> None:
    """Nebraska (no victim figure) shows a dash, and a shade of its own."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        text = screen_text(app)
        y, x = where(text, "NE")
        assert "—" in text.splitlines()[y + 1][x - 2 : x + 4]
        widget = tile_map(app)
        missing = widget._tile_style(widget.model.cell("NE"), cursor=False)
        shaded = widget._tile_style(widget.model.cell("MO"), cursor=False)
        assert missing != shaded


async def test_unknown_codes_are_listed(make_app: AppFactory) -> None:
    """Codes that are not US states are named; the rest are drawn; nothing crashes."""
    data = make_dataset(
        '[[states]]\ncode = "QC"\nname = "Québec"\nvictims_rescued = 3\n'
        '[[states]]\ncode = "MO"\nname = "Missouri"\nvictims_rescued = 4\n'
        '[[states]]\ncode = "ZONE-9"\nname = "Zone 9"\narrests = 2\n'
    )
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert tile_map(app).tile.code == "MO"
        text = screen_text(app)
        assert "Not on the map (2 codes, not US states): QC, ZONE-9" in text
        where(text, "MO")
        await pilot.press("up", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)  # IA is not in this dataset


async def test_too_small_says_so(make_app: AppFactory) -> None:
    """Below the smallest layout the map says so instead of drawing a broken grid."""
    app = make_app()
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert "Too small for the map" in screen_text(app)
        await pilot.press("right", "v", "enter")  # keys still work, nothing crashes
        await pilot.press("q")
        assert not isinstance(app.screen, MapScreen)


async def test_a_move_repaints_only_two_tiles_and_the_status(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over SSH every repainted cell costs bytes: a move marks only what changed."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        widget = tile_map(app)
        calls: list[tuple[Region, ...]] = []
        original = widget.refresh

        def spy(*regions: Region, **kwargs: bool) -> TileMap:
            calls.append(regions)
            return original(*regions, **kwargs)

        monkeypatch.setattr(widget, "refresh", spy)
        await pilot.press("right")
        assert calls and all(regions for regions in calls), "a whole-widget repaint"
        area = sum(r.area for regions in calls for r in regions)
        assert area <= 2 * 6 * 2 + 80  # two 6x2 tiles and the status line
        await pilot.press("up", "up", "up")  # KY → IN → IL → WI
        assert widget.tile.code == "WI"
        calls.clear()
        await pilot.press("up")  # nothing above Wisconsin: no move, no repaint
        assert calls == []


async def test_markup_in_names_is_literal() -> None:
    """State names with markup show as typed; codes off the grid are listed, not parsed."""
    data = load(Path(__file__).parents[1] / "data" / "hostile" / "markup.toml")
    app = UnitedFrontApp(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        text = screen_text(app)
        assert "BOLD" in text and "CLICK" in text and "Not on the map" in text
        ohio = next(s for s in data.states if s.code == "OH")
        app.screen.query_one(TileMap).tile = BY_CODE["OH"]
        app.screen.query_one(TileMap).refresh()
        await pilot.pause()
        assert f"{ohio.name} (OH)" in screen_text(app)
        await pilot.press("b")
        await pilot.pause()
        text = screen_text(app)
        assert "[b]Bold[/b]" in text and "[@click=app.q" in text  # cut to the column, literal
        assert app.is_running


def outcome(app: UnitedFrontApp) -> tuple[str, str | None, str, str | None]:
    """What a user sees after some keys: the screen, the selection, focus, the map's tile."""
    cursor = app.screen.query_one(TileMap).tile.code if isinstance(app.screen, MapScreen) else None
    state = explorer(app).selected
    code = state.code if state else None
    return type(app.screen).__name__, code, type(app.focused).__name__, cursor


@pytest.mark.parametrize(
    "keys",
    [
        ["m", "right", "enter", "j"],
        ["m", "right", "m", "j"],
        ["m", "up", "q", "m", "down"],
        ["m", "l", "b", "j", "enter", "h"],
        ["b", "j", "j", "q", "k", "m", "enter"],
        ["m", "enter", "enter", "q"],
        ["m", "left", "left", "enter", "m", "j"],
    ],
)
async def test_a_burst_does_what_the_keys_do_one_by_one(
    make_app: AppFactory, keys: list[str]
) -> None:
    """Keys arriving together (a laggy SSH link) end where the same keys typed slowly end."""
    slow = make_app()
    async with slow.run_test(size=(80, 24)) as pilot:
        for key in keys:
            await pilot.press(key)
            await settle(pilot, slow)
        expected = outcome(slow)
    fast = make_app()
    async with fast.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        driver: Any = driver_of(fast)
        for key in keys:
            driver.send_message(events.Key(key, key if len(key) == 1 else None))
        # Until the key gate has let every key through and its effects are drawn: a fixed
        # number of waits fell short on a loaded machine.
        await settle(pilot, fast)
        assert outcome(fast) == expected


async def test_a_click_highlights_a_tile(make_app: AppFactory) -> None:
    """The mouse is optional; a click on a tile highlights it (a click on a gap does not)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        y, x = where(screen_text(app), "TX")
        await pilot.click(TileMap, offset=(x, y))
        assert tile_map(app).tile.code == "TX"
        await pilot.click(TileMap, offset=(0, 0))  # the title line
        assert tile_map(app).tile.code == "TX"


async def test_contested_tiles_are_marked(make_app: AppFactory) -> None:
    """Victims: Kentucky's tile carries `‡`; arrests (v): Iowa, Oklahoma, Tennessee's; the
    legend says what it means."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        text = screen_text(app)
        assert "KY‡" in text and "23‡" in text
        assert "‡ sources disagree" in text
        assert "OK‡" not in text
        await pilot.press("v")
        await pilot.pause()
        text = screen_text(app)
        for code in ("IA", "OK", "TN"):
            assert f"{code}‡" in text
        assert "KY‡" not in text
