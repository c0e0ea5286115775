"""Pilot tests of the bar chart (b): order and filter, dashes, Kentucky's split, keys."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets import OptionList

from tests.functional.conftest import AppFactory
from tests.functional.helpers import explorer, make_dataset, screen_text, selected
from tui.app import UnitedFrontApp
from tui.dataset.charts import cells, split
from tui.screens.bars import BarsScreen
from tui.screens.map import MapScreen
from tui.widgets import DetailPane, StateList
from tui.widgets.bar_chart import ADULT, MINOR, BarChart


def chart(app: UnitedFrontApp) -> BarChart:
    """The chart widget of the open bar-chart screen."""
    assert isinstance(app.screen, BarsScreen)
    return app.screen.query_one(BarChart)


def line_of(text: str, name: str) -> str:
    """The screen line of state ``name``'s bars."""
    return next(line for line in text.splitlines() if f" {name}" in line and "(" in line)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_rows_follow_the_list(make_app: AppFactory, size: tuple[int, int]) -> None:
    """Rows come in the list's order (here by arrests) with figures and shares at bar ends."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("s", "s", "s", "b")  # by arrests
        await pilot.pause()
        codes = [s.code for s in chart(app).rows]
        assert codes == [
            explorer(app).view.state_at(i).code for i in range(len(explorer(app).view))
        ]
        assert codes[0] == "KY"
        text = screen_text(app)
        ky = line_of(text, "Kentucky")
        assert "23‡ (48.9%)" in ky and "46 (45.1%)" in ky  # the sources disagree on 23
        assert ADULT in ky and MINOR in ky  # the adult/minor split
        ne = line_of(text, "Nebraska")
        victims_part = ne.split("—")[0]
        assert ADULT not in victims_part  # not reported: a dash, no bar at all
        assert "7 (6.9%)" in ne


async def test_filter_applies(make_app: AppFactory) -> None:
    """Only the listed states are charted; shares stay shares of the whole operation."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"dakota", "enter", "b")
        await pilot.pause()
        assert [s.code for s in chart(app).rows] == ["ND", "SD"]
        assert "6 (12.8%)" in screen_text(app)


async def test_keys_and_enter(make_app: AppFactory) -> None:
    """j/k/G move the highlight; Enter opens that state's details in the explorer."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "b")
        assert chart(app).highlighted is not None
        assert chart(app).highlighted.code == "IL"  # type: ignore[union-attr]
        await pilot.press("j", "j", "k", "G", "g", "down", "down")
        assert chart(app).highlighted.code == "IA"  # type: ignore[union-attr]
        assert "Iowa (IA): Victims rescued — · Arrests 11 (10.8%)" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert selected(app).code == "IA"
        assert isinstance(app.focused, DetailPane)


async def test_back_and_switch(make_app: AppFactory) -> None:
    """q returns to the list with the chart's highlight; m and b switch between charts."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b", "j", "j", "j", "q")
        await pilot.pause()
        assert selected(app).code == "KY"
        assert isinstance(app.focused, StateList)
        await pilot.press("b", "m")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        await pilot.press("down", "b")  # KY → TN, then the bars start on Tennessee
        await pilot.pause()
        assert chart(app).highlighted.code == "TN"  # type: ignore[union-attr]


async def test_narrow_and_tiny(make_app: AppFactory) -> None:
    """At 50 columns the names go, the bars stay; at 20 the chart says it is too small."""
    app = make_app()
    async with app.run_test(size=(50, 20)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        text = screen_text(app)
        assert "KY " in text and "23‡ (48.9%)" in text
    app = make_app()
    async with app.run_test(size=(20, 6)) as pilot:
        await pilot.press("b", "j", "enter")
        await pilot.pause()


def test_bar_cells() -> None:
    """A non-zero figure always gets a cell; not reported and 0 get none; splits keep both."""
    assert cells(0.0, 20) == 0
    assert cells(0.001, 20) == 1
    assert cells(1.0, 20) == 20
    assert split(23, (21, 2)) == (21, 2)
    assert split(3, (21, 2)) == (2, 1)  # the minors stay visible
    assert split(1, (21, 2)) == (1, 0)
    assert split(5, (0, 4)) == (0, 5)


async def test_a_move_repaints_two_rows_and_the_status(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over SSH every repainted cell costs bytes: a move marks three lines, not the chart."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        widget = chart(app)
        calls: list[tuple[Region, ...]] = []
        original = widget.refresh

        def spy(*regions: Region, **kwargs: bool) -> BarChart:
            calls.append(regions)
            return original(*regions, **kwargs)

        monkeypatch.setattr(widget, "refresh", spy)
        await pilot.press("j")
        assert calls and all(regions for regions in calls), "a whole-widget repaint"
        assert sum(r.height for regions in calls for r in regions) == 3


async def test_empty_filter(make_app: AppFactory) -> None:
    """A filter that matches nothing: the chart says so; keys do nothing harmful."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"zzz", "enter", "b")
        await pilot.pause()
        assert "No state matches the filter" in screen_text(app)
        await pilot.press("j", "enter", "q", "m", "right", "enter", "q")
        await pilot.pause()
        assert isinstance(app.focused, StateList)


@pytest.mark.parametrize(("command", "screen"), [("Map", MapScreen), ("Bar charts", BarsScreen)])
async def test_palette_opens_the_charts(
    make_app: AppFactory, command: str, screen: type[object]
) -> None:
    """Both views are in the command palette."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*command)
        # The palette searches in the background: wait for its first match, not for a time.
        for _ in range(200):
            options = app.screen.query(OptionList)
            if options and options.first().option_count and options.first().highlighted == 0:
                break
            await pilot.pause(0.02)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, screen)


async def test_a_click_highlights_a_row(make_app: AppFactory) -> None:
    """The mouse is optional; a click on a row highlights it."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        await pilot.click(BarChart, offset=(5, 2 + 3))  # the fourth row: Kentucky
        assert chart(app).highlighted.code == "KY"  # type: ignore[union-attr]
        await pilot.click(BarChart, offset=(5, 0))  # the title
        assert chart(app).highlighted.code == "KY"  # type: ignore[union-attr]


async def test_contested_figures_are_marked(make_app: AppFactory) -> None:
    """`‡` beside the figures the sources disagree on (a character: NO_COLOR shows it)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        text = screen_text(app)
        assert "‡ sources disagree" in text.splitlines()[0]
        assert "23‡ (48.9%)" in line_of(text, "Kentucky")
        for name, arrests in (("Iowa", "11‡"), ("Oklahoma", "7‡"), ("Tennessee", "4‡")):
            assert arrests in line_of(text, name)
        assert "‡" not in line_of(text, "Missouri")


async def test_one_source_no_mark(make_app: AppFactory) -> None:
    """With one source nothing is contested: no mark, no legend."""
    data = make_dataset('[[states]]\ncode = "KY"\nname = "Kentucky"\narrests = 4\n')
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert "‡" not in screen_text(app)
