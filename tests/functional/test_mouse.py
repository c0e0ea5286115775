"""The mouse: a click highlights the row or tile under the pointer, in every widget.

Issue 18, item 1: a click on Missouri's row highlighted Illinois (the list counted its border
as a row). Each widget maps the pointer through its content region (tui.widgets.cursor).
"""

from __future__ import annotations

import pytest
from textual.widget import Widget

from tests.functional.conftest import AppFactory
from tests.functional.helpers import explorer, screen_text, selected
from tests.functional.terminal_input import TerminalInput, settle
from tests.synthetic import ALPHA, BRAVO, operation_toml
from tui.app import UnitedFrontApp
from tui.dataset import load_text
from tui.screens.compare import CompareScreen
from tui.widgets import StateList
from tui.widgets.bar_chart import BarChart
from tui.widgets.compare_table import CompareTable
from tui.widgets.tile_map import TileMap


def first_row(widget: Widget, header: int) -> int:
    """The widget-relative y of its first row: its top gutter (border, padding), then
    ``header`` lines."""
    return widget.content_region.y - widget.region.y + header


@pytest.mark.parametrize("row", [0, 1, 2, 5])
async def test_a_click_on_a_list_row_highlights_that_state(make_app: AppFactory, row: int) -> None:
    """Each row clicked is the row highlighted, not the one below."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("G")  # the cursor elsewhere first
        states = explorer(app).state_list
        await pilot.click(StateList, offset=(5, first_row(states, 1) + row))
        await pilot.pause()
        assert states.cursor == row
        assert selected(app).code == states.view.state_at(row).code


async def test_a_click_on_the_header_or_border_moves_nothing(make_app: AppFactory) -> None:
    """The header line and the border are not rows."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j", "j")
        states = explorer(app).state_list
        for y in (0, first_row(states, 0)):
            await pilot.click(StateList, offset=(5, y))
            await pilot.pause()
            assert states.cursor == 2


async def test_a_raw_sgr_click_through_the_terminal_parser(make_app: AppFactory) -> None:
    """``ESC [<0;10;3M`` (then its release) from the terminal: column 10, line 3 is the first
    state's row (Missouri), under the border and the header."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j", "j")
        await settle(pilot, app)
        line = screen_text(app).splitlines()[2]
        assert "Missouri" in line
        TerminalInput(app).read("\x1b[<0;10;3M\x1b[<0;10;3m")
        await settle(pilot, app)
        assert selected(app).code == "MO"


@pytest.mark.parametrize("row", [0, 3])
async def test_a_click_on_a_bar_highlights_that_state(make_app: AppFactory, row: int) -> None:
    """The bar chart: the row under the pointer."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "G")
        await pilot.pause()
        bars = app.screen.query_one(BarChart)
        await pilot.click(BarChart, offset=(5, first_row(bars, 2) + row))
        await pilot.pause()
        assert bars.cursor == row


@pytest.mark.parametrize("code", ["MO", "TX", "ME"])
async def test_a_click_on_a_tile_highlights_that_state(make_app: AppFactory, code: str) -> None:
    """The map: the tile whose label is under the pointer."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        y = next(i for i, line in enumerate(lines) if f" {code} " in f" {line} ")
        x = f" {lines[y]} ".index(f" {code} ")
        await pilot.click(offset=(x, y))
        await pilot.pause()
        assert app.screen.query_one(TileMap).tile.code == code


@pytest.mark.parametrize("row", [0, 1, 3])
async def test_a_click_on_a_compare_row_highlights_it(row: int) -> None:
    """The compare table: the row under the pointer."""
    datasets = [
        load_text(operation_toml("Operation Alpha", "2030-01-02", ALPHA, 9), "a.toml"),
        load_text(operation_toml("Operation Bravo", "2031-03-04", BRAVO, 6), "b.toml"),
    ]
    app = UnitedFrontApp(datasets)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("C", "G")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        table = app.screen.query_one(CompareTable)
        await pilot.click(CompareTable, offset=(3, first_row(table, 1) + row))
        await pilot.pause()
        assert table.cursor == row


async def test_a_click_on_an_operation_opens_that_one() -> None:
    """The operations dialog (Textual's DataTable): the row clicked is the one opened."""
    datasets = [
        load_text(operation_toml("Operation Alpha", "2030-01-02", ALPHA, 9), "a.toml"),
        load_text(operation_toml("Operation Bravo", "2031-03-04", BRAVO, 6), "b.toml"),
    ]
    app = UnitedFrontApp(datasets)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("O")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        y = next(i for i, line in enumerate(lines) if "Operation Bravo" in line)
        await pilot.click(offset=(lines[y].index("Operation Bravo"), y))
        await pilot.pause()
        await pilot.click(offset=(lines[y].index("Operation Bravo"), y))  # select the row
        await pilot.pause()
        assert app.dataset.operation.name == "Operation Bravo"
