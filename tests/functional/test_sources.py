"""Pilot tests of the Sources view (S): every source with its address, states × sources,
contested cells marked, a source's own words and arithmetic (Enter), the filter's ``!``."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from tests.functional.conftest import AppFactory
from tests.functional.helpers import explorer, make_dataset, screen_text
from tui.app import UnitedFrontApp
from tui.dataset import Dataset
from tui.dataset.agreement import agreement
from tui.screens.source import SourceScreen, address
from tui.screens.sources import SourcesScreen
from tui.widgets import StateList
from tui.widgets.grid_table import GridTable


def row_text(table: GridTable, key: str) -> list[str]:
    """The plain texts of row ``key`` of a table."""
    return [str(cell).strip() for cell in table.get_row(key)]


async def open_sources(app: UnitedFrontApp, pilot: object) -> SourcesScreen:
    """Press S and return the Sources view."""
    await pilot.press("S")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, SourcesScreen)
    return app.screen


async def test_every_source_with_its_address(make_app: AppFactory, dataset: Dataset) -> None:
    """At 80x24, moving down the sources shows each one's publisher and address in full."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_sources(app, pilot)
        sources = dataset.all_sources
        assert len(sources) == 10
        for i, source in enumerate(sources):
            text = screen_text(app)
            assert source.id in text
            assert (source.publisher or "")[:20] in text
            link = address(source)
            # The address wraps at the edge: compare it without line breaks and padding.
            flat = "".join(line.strip() for line in text.splitlines())
            assert link in flat, f"{source.id}: {link} not on screen"
            if i + 1 < len(sources):
                await pilot.press("j")
                await pilot.pause()
        # The table itself lists every source's id and address.
        table = app.screen.query_one("#source-list", GridTable)
        assert table.row_count == 10
        for source in sources:
            assert row_text(table, source.id)[4] == address(source)


async def test_states_by_sources_with_contested_marks(make_app: AppFactory) -> None:
    """Victims first (Kentucky: 23‡ against 21‡), then `v`: arrests (Oklahoma 7‡ and 13‡)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_sources(app, pilot)
        matrix = screen.query_one("#source-matrix", GridTable)
        ky = row_text(matrix, "KY")
        assert ky[:3] == ["KY", "Kentucky", "23‡"]
        assert ky[2 + 6] == "21‡"  # ky-gov, the seventh source
        mo = row_text(matrix, "MO")
        assert "‡" not in "".join(mo)
        assert row_text(matrix, "sum")[2 + 6] == "57"  # the governor's table adds up to 57
        assert row_text(matrix, "stated")[2 + 6] == "59‡"  # and states 59
        assert row_text(matrix, "stated")[2] == "47‡"
        await pilot.press("v")
        await pilot.pause()
        ok = row_text(matrix, "OK")
        assert ok[2] == "7‡" and ok[2 + 6] == "13‡"
        assert "Arrests" in str(matrix.border_title)
        assert "‡ contested" in screen_text(app)


async def test_enter_on_ky_gov_shows_57_against_59(make_app: AppFactory) -> None:
    """Enter on the Kentucky Governor's release: its state table and its own sum, 57 vs 59."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_sources(app, pilot)
        await pilot.press(*"jjjjjj", "enter")  # the seventh source: ky-gov
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.source_id == "ky-gov"
        await pilot.press("end")
        await pilot.pause()
        text = screen_text(app)
        assert "its 9 states of 12 add up to 57; it states 59 ⚠ 57 ≠ 59" in text
        assert "its 12 states of 12 add up to 102; it states 102 ✓" in text
        await pilot.press("home")
        await pilot.pause()
        assert "Office of Kentucky Governor Andy Beshear" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.focused, StateList)


async def test_a_source_state_by_state(make_app: AppFactory) -> None:
    """What a source says: Oklahoma's 13 arrests (marked) with where in the source they are."""
    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await open_sources(app, pilot)
        await pilot.press(*"jjjjjj", "enter")
        await pilot.pause()
        text = screen_text(app)
        line = next(line for line in text.splitlines() if "Oklahoma" in line)
        assert "13‡" in line and "state table, Oklahoma row" in line


async def test_the_mark_is_explained_only_where_it_can_appear(make_app: AppFactory) -> None:
    """A source's view explains ``‡`` when the dataset has several sources, not with one."""
    one_source = make_dataset('[[states]]\ncode = "KS"\nname = "Kansas"\narrests = 2\n')
    for app, explained in ((make_app(), True), (UnitedFrontApp(one_source), False)):
        async with app.run_test(size=(80, 40)) as pilot:
            await open_sources(app, pilot)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, SourceScreen)
            assert ("the sources disagree on this figure" in screen_text(app)) is explained


async def test_cursor_keys_and_columns(make_app: AppFactory) -> None:
    """The list's cursor keys; Tab to the table; → scrolls its columns, ← back."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_sources(app, pilot)
        sources = screen.query_one("#source-list", GridTable)
        await pilot.press("G")
        assert sources.cursor_row == 9
        await pilot.press("k", "up")
        assert sources.cursor_row == 7
        await pilot.press("g")
        assert sources.cursor_row == 0
        await pilot.press("pagedown")
        assert sources.cursor_row > 0
        await pilot.press("tab")
        matrix = screen.query_one("#source-matrix", GridTable)
        assert screen.focused is matrix
        await pilot.press("right", "l")
        await pilot.pause()
        assert matrix.scroll_x == 16
        await pilot.press("l", "l", "l")
        await pilot.pause()
        assert "ap-sturgis" in screen_text(app)
        assert "Kentucky" in screen_text(app)  # code and state stay in view
        await pilot.press(*"hhhhh", "left")
        await pilot.pause()
        assert matrix.scroll_x == 0
        await pilot.press("enter")  # Enter on the table is no source: nothing opens
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)


@pytest.mark.parametrize("key", ["q", "S", "backspace", "escape"])
async def test_ways_back(make_app: AppFactory, key: str) -> None:
    """q, S, Backspace and Esc go back to the list."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_sources(app, pilot)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.focused, StateList)


async def test_palette_and_help(make_app: AppFactory) -> None:
    """ "Sources" is in the palette (with its key) and in help."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Sources (S)" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Sources")
        for _ in range(200):
            options = app.screen.query(OptionList)
            if options and options.first().option_count and options.first().highlighted == 0:
                break
            await pilot.pause(0.02)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
    app = make_app()
    async with app.run_test(size=(80, 200)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "Sources (S)" in text
        assert "What it says" in text


async def test_dataset_text_is_literal(make_app: AppFactory) -> None:
    """A publisher or URL with markup shows as typed."""
    data = make_dataset(
        """
[[states]]
code = "AA"
name = "[b]Alpha[/b]"
arrests = 1
""",
        "",
    )
    source = data.source
    data = type(data)(
        data.operation,
        type(source)("T", publisher="[red]Pub[/red]", url="http://x/[i]y[/i]"),
        data.reported,
        data.states,
    )
    app = make_app(data)
    async with app.run_test(size=(100, 24)) as pilot:
        await open_sources(app, pilot)
        text = screen_text(app)
        assert "[red]Pub[/red]" in text
        assert "http://x/[i]y[/i]" in text
        assert "[b]Alpha[/b]" in text


def test_agreement_of_the_view(dataset: Dataset) -> None:
    """The view is built from the model's agreement: no figure of its own."""
    found = agreement(dataset)
    assert found.contested_states == ("IA", "KY", "OK", "TN")


async def test_bang_in_the_filter_box(make_app: AppFactory) -> None:
    """`/!⏎` keeps Iowa, Kentucky, Oklahoma, Tennessee; `/!ken` Kentucky alone."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "!", "enter")
        await pilot.pause()
        shown = [explorer(app).view.state_at(r).code for r in range(len(explorer(app).view))]
        assert shown == ["IA", "KY", "OK", "TN"]
        assert "States · 4 of 12" in screen_text(app)
        await pilot.press("slash", *"ken", "enter")
        await pilot.pause()
        assert explorer(app).view.query == "!ken"
        assert [explorer(app).view.state_at(r).code for r in range(len(explorer(app).view))] == [
            "KY"
        ]


async def test_at_80x24_the_list_and_footer_show_the_disagreement(
    make_app: AppFactory,
) -> None:
    """The issue's checks on screen: Iowa, Kentucky, Oklahoma, Tennessee marked in the list;
    the footer's victims total contested, 47 against 59 (Oklahoma's detail pane: see
    test_sources_widgets.py)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        marked = {
            name
            for name in ("Iowa", "Kentucky", "Oklahoma", "Tennessee", "Missouri")
            if "‡" in next(line for line in lines if f" {name} " in line)
        }
        assert marked == {"Iowa", "Kentucky", "Oklahoma", "Tennessee"}
        footer = next(line for line in lines if line.lstrip().startswith("States 12"))
        assert "Victims 47" in footer and "‡≠ 59" in footer
