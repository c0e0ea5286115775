"""One table of actions (tui.actions): every key is in help and in the palette, in both
languages, and the bindings, help and key bar all come from it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rich.console import Console
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tests.functional.helpers import explorer
from tests.synthetic import ALPHA, BRAVO, operation_toml
from tui import i18n
from tui.actions import ACTIONS, BY_ID, help_text
from tui.app import UnitedFrontApp, help_screen
from tui.dataset import Dataset, load_text
from tui.screens.bars import BarsScreen
from tui.screens.explorer import ExplorerScreen
from tui.screens.map import MapScreen
from tui.screens.sources import SourceList, SourcesScreen
from tui.widgets import DetailPane, StateList
from tui.widgets.bar_chart import BarChart
from tui.widgets.filter_box import FilterBox
from tui.widgets.grid_table import GridTable
from tui.widgets.tile_map import TileMap

SCREENS: tuple[type[Screen[object]], ...] = (ExplorerScreen, MapScreen, BarsScreen, SourcesScreen)  # type: ignore[assignment]
WIDGETS = (StateList, DetailPane, FilterBox, TileMap, BarChart, SourceList, GridTable)


@pytest.fixture(params=["en", "fr"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run in English, then in French."""
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def operations() -> list[Dataset]:
    """Two operations: the keys for several operations exist too."""
    return [
        load_text(operation_toml("Operation Alpha", "2030-01-02", ALPHA, 9), "a.toml"),
        load_text(operation_toml("Operation Bravo", "2031-03-04", BRAVO, 6), "b.toml"),
    ]


def bindings_of(*nodes: type[object]) -> list[Binding]:
    """The Binding objects declared by ``nodes``."""
    found: list[BindingType] = []
    for node in nodes:
        found += getattr(node, "BINDINGS", [])
    return [b for b in found if isinstance(b, Binding)]


def help_text_rendered(several: bool) -> str:
    """The help screen's text as a user reads it."""
    console = Console(width=200, record=True)
    console.print(help_screen(several)._content())
    return console.export_text()


def test_every_binding_of_the_app_and_screens_comes_from_the_table() -> None:
    """No binding declared by hand on the app or a screen: each is a row of the table."""
    for binding in bindings_of(UnitedFrontApp, *SCREENS):
        action = BY_ID[binding.id or ""]
        assert (binding.key, binding.action) == (action.keys, action.action)
    keyed = {a.id for a in ACTIONS if a.keys}
    assert keyed == {b.id for b in bindings_of(UnitedFrontApp, *SCREENS)}


async def test_every_binding_is_in_help(lang: str) -> None:
    """Each binding of the app, the screens and the widgets has its line in help."""
    grouped = {
        (b.key, b.action)
        for _title, group in help_screen(several=True).groups
        for b in group
        if isinstance(b, Binding)
    }
    text = help_text_rendered(several=True)
    for binding in bindings_of(UnitedFrontApp, *SCREENS, *WIDGETS):
        assert (binding.key, binding.action) in grouped, binding
        assert i18n._(help_text(binding)) in text, (lang, binding)


async def test_every_binding_is_in_the_palette(lang: str) -> None:
    """Over each screen, the palette offers every key of the app and of that screen, with
    its key, in the UI language."""
    app = UnitedFrontApp(operations())
    async with app.run_test(size=(100, 30)) as pilot:
        for key, screen_type in (
            ("", ExplorerScreen),
            ("m", MapScreen),
            ("b", BarsScreen),
            ("S", SourcesScreen),
        ):
            if key:
                await pilot.press(key)
            screen = app.screen if key else explorer(app)
            assert isinstance(screen, screen_type)
            titles = {c.title for c in app.get_system_commands(screen)}
            for binding in bindings_of(UnitedFrontApp, screen_type):
                action = BY_ID[binding.id or ""]
                assert action.palette is not None, binding
                title = i18n._("{title} ({key})").format(
                    title=i18n._(action.palette[0]), key=action.key
                )
                assert title in titles, (lang, screen_type.__name__, title)
            if key:
                await pilot.press(key)


async def test_a_palette_entry_runs_on_its_screen() -> None:
    """Choosing "Sort by arrests" in the palette sorts the explorer's list; "Map" opens it."""
    app = UnitedFrontApp(operations())
    async with app.run_test(size=(100, 30)) as pilot:
        commands = {c.title: c for c in app.get_system_commands(explorer(app))}
        commands["Sort by arrests (a)"].callback()
        await pilot.pause()
        assert explorer(app).view.sort == "arrests"
        commands["Map (m)"].callback()
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
