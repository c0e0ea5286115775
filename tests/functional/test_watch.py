"""``--watch`` in the explorer (Pilot): atomic saves, a broken save, its fix, several files."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.functional.helpers import explorer, screen_text, selected
from tests.synthetic import ALPHA, BRAVO, operation_toml, write_operations
from tui.app import UnitedFrontApp
from tui.dataset import load
from tui.dataset.watch import FileWatcher
from tui.widgets.problems_panel import ProblemsPanel


def save_atomically(path: Path, text: str) -> None:
    """Save as most editors do: write a temporary file, rename it over the old one."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


async def wait_until(pilot: Pilot[int], done: Callable[[], bool], what: str) -> None:
    """Let the app run until ``done()`` holds (the watcher polls on a real timer)."""
    deadline = time.monotonic() + 20
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        await pilot.pause(0.05)


def watched_app(*paths: Path) -> UnitedFrontApp:
    """The explorer on ``paths`` with --watch, as the command line builds it."""
    watchers = [FileWatcher(str(p)) for p in paths]
    return UnitedFrontApp([load(p) for p in paths], watchers=watchers)


def alpha_with(kansas_arrests: int) -> str:
    """Operation Alpha with another arrests figure for Kansas."""
    rows = [(c, n, v, kansas_arrests if c == "KS" else a) for c, n, v, a in ALPHA]
    return operation_toml("Operation Alpha", "2030-01-02", rows, 9)


async def test_an_atomic_save_replaces_the_data_keeping_the_view(tmp_path: Path) -> None:
    """New figures on screen; the sort, the filter and the highlighted state stay."""
    alpha, _ = write_operations(tmp_path)
    app = watched_app(alpha)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("s", "s", "slash", *"s", "enter")  # by victims; "s" hides Colorado
        await pilot.press("j")
        assert selected(app).code == "MO"
        save_atomically(tmp_path / "alpha.toml", alpha_with(kansas_arrests=6))
        await wait_until(pilot, lambda: app.dataset.states[0].arrests == 6, "the reload")
        assert explorer(app).view.sort == "victims" and explorer(app).view.query == "s"
        assert [explorer(app).view.state_at(r).code for r in range(len(explorer(app).view))] == [
            "KS",
            "MO",
        ]
        assert selected(app).code == "MO"
        # 6 + 4 against the source's 9: reconciled again.
        await wait_until(pilot, lambda: "Arrests 10 ⚠" in screen_text(app), "the new totals")
        assert not explorer(app).query(ProblemsPanel)


async def test_a_broken_save_keeps_the_data_and_shows_the_errors_until_fixed(
    tmp_path: Path,
) -> None:
    """The last good data stays; the panel lists file:line: field: message; a fix closes it."""
    alpha, _ = write_operations(tmp_path)
    good = alpha.read_text(encoding="utf-8")
    app = watched_app(alpha)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j")
        before = app.dataset
        broken = good.replace("arrests = 5", "arrests = -5")
        save_atomically(alpha, broken)
        heading = "is not valid: still showing its last good version"
        await wait_until(pilot, lambda: heading in screen_text(app), "the problems panel")
        assert app.dataset is before
        assert selected(app).code == "MO"
        line = broken.split("\n").index("arrests = -5") + 1
        text = screen_text(app)
        assert f"alpha.toml:{line}: states[KS].arrests: must not be negative (got -5)" in text
        assert "Kansas" in text  # the list is still there
        # A second broken save updates the panel.
        save_atomically(alpha, broken.replace('name = "Colorado"', 'nme = "Colorado"'))
        await wait_until(
            pilot,
            lambda: "did you mean 'name'" in screen_text(app),
            "the second save's errors",
        )
        save_atomically(alpha, alpha_with(kansas_arrests=7))
        await wait_until(
            pilot, lambda: not explorer(app).query(ProblemsPanel), "the panel to close"
        )
        assert app.dataset.states[0].arrests == 7
        assert selected(app).code == "MO"
    assert alpha.read_text(encoding="utf-8") == alpha_with(kansas_arrests=7)


async def test_an_in_place_save_is_seen_too(tmp_path: Path) -> None:
    """Editors that truncate and rewrite the same file (same inode) are caught as well."""
    alpha, _ = write_operations(tmp_path)
    app = watched_app(alpha)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        with alpha.open("w", encoding="utf-8") as handle:
            handle.write(alpha_with(kansas_arrests=12))
        await wait_until(pilot, lambda: app.dataset.states[0].arrests == 12, "the reload")


async def test_a_file_not_shown_is_reloaded_in_the_background(tmp_path: Path) -> None:
    """Saving another operation's file updates it for later, and leaves the screen alone."""
    alpha, bravo = write_operations(tmp_path)
    app = watched_app(alpha, bravo)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        shown = app.dataset
        rows = [(c, n, v, 5 if c == "AR" else a) for c, n, v, a in BRAVO]
        save_atomically(bravo, operation_toml("Operation Bravo", "2031-03-04", rows, 6))
        await wait_until(pilot, lambda: app.datasets[1].states[1].arrests == 5, "the reload")
        assert app.dataset is shown
        explorer(app).show_operation(1)
        await wait_until(pilot, lambda: "Arrests 6 ✓" in screen_text(app), "Bravo's totals")


async def test_without_watch_nothing_polls(tmp_path: Path) -> None:
    """No --watch: no timer, a save changes nothing on screen."""
    alpha, _ = write_operations(tmp_path)
    app = UnitedFrontApp(load(alpha))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert explorer(app).live_reload is None
        save_atomically(alpha, alpha_with(kansas_arrests=1))
        await pilot.pause(1.5)
        assert app.dataset.states[0].arrests == 5


async def test_a_save_while_another_screen_is_open(tmp_path: Path) -> None:
    """A reload under help or the about screen changes the explorer's data, not the dialog."""
    alpha, _ = write_operations(tmp_path)
    app = watched_app(alpha)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("i")
        about = app.screen
        save_atomically(alpha, alpha_with(kansas_arrests=8))
        await wait_until(pilot, lambda: app.dataset.states[0].arrests == 8, "the reload")
        save_atomically(alpha, alpha_with(kansas_arrests=-8))
        await wait_until(pilot, lambda: bool(explorer(app).query(ProblemsPanel)), "the panel")
        assert app.screen is about
        await pilot.press("q")
        await wait_until(pilot, lambda: "must not be negative" in screen_text(app), "the errors")
        assert "Kansas" in screen_text(app)


async def test_the_compare_view_and_the_list_follow_a_save(tmp_path: Path) -> None:
    """Open views of the operations show the new figures at once, cursor kept."""
    from tui.screens.compare import CompareScreen
    from tui.widgets.compare_table import CompareTable

    alpha, bravo = write_operations(tmp_path)
    app = watched_app(alpha, bravo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("C", "j")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        table = screen.query_one(CompareTable)
        assert table.cells(0)[:4] == ("KS", "Kansas", "3", "5")
        save_atomically(alpha, alpha_with(kansas_arrests=11))
        await wait_until(pilot, lambda: table.cells(0)[3] == "11", "the compare view")
        assert table.cursor == 1
        assert table.cells(len(table.pairs))[1:4] == ("Total", "5", "15")
        assert "Kansas" in screen_text(app) and "11" in screen_text(app)
        await pilot.press("q", "O")
        save_atomically(alpha, alpha_with(kansas_arrests=12))
        await wait_until(pilot, lambda: "16" in screen_text(app), "the operations list")


async def test_the_panel_shows_hostile_text_literally(tmp_path: Path) -> None:
    """A broken save whose unknown key is markup: shown as typed, never run as an action."""
    alpha, _ = write_operations(tmp_path)
    app = watched_app(alpha)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        hostile = alpha_with(kansas_arrests=5).replace(
            'name = "Kansas"', 'name = "Kansas"\n"[@click=app.quit]x" = 1\n"[b]y[/b]" = 2'
        )
        save_atomically(alpha, hostile)
        await wait_until(pilot, lambda: "[@click=app.quit]x" in screen_text(app), "the panel")
        assert "[b]y[/b]" in screen_text(app)
        assert app.is_running


async def test_the_operations_list_marks_an_invalid_file(tmp_path: Path) -> None:
    """A broken save of a file not shown: ⚠ on its row in the list, gone once fixed."""
    alpha, bravo = write_operations(tmp_path)
    good = bravo.read_text(encoding="utf-8")
    app = watched_app(alpha, bravo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("O")

        def bravo_row() -> str:
            return next(ln for ln in screen_text(app).splitlines() if "Operation Bravo" in ln)

        assert "⚠" not in bravo_row()
        save_atomically(bravo, good.replace("arrests = 2", "arrests = -2"))
        await wait_until(pilot, lambda: "⚠" in bravo_row(), "the mark")
        assert "file not valid" in screen_text(app)
        assert "⚠" not in next(
            ln for ln in screen_text(app).splitlines() if "Operation Alpha" in ln
        )
        save_atomically(bravo, good)
        await wait_until(pilot, lambda: "⚠" not in bravo_row(), "the mark to go")


@pytest.mark.parametrize("chart", ["m", "b"])
async def test_a_save_under_an_open_chart_keeps_the_state_by_its_code(
    tmp_path: Path, chart: str
) -> None:
    """Editing the highlighted state while the map or the bars are open, then closing the
    chart: the list highlights the same state (by code) in the new data; no crash (issue 18,
    item 6: the chart handed back a State of the old data, looked up in the new one)."""
    alpha, _ = write_operations(tmp_path)
    app = watched_app(alpha)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("j")  # Missouri
        assert selected(app).code == "MO"
        await pilot.press(chart)
        rows = [(c, n, 20 if c == "MO" else v, a) for c, n, v, a in ALPHA]
        save_atomically(alpha, operation_toml("Operation Alpha", "2030-01-02", rows, 9))
        await wait_until(pilot, lambda: app.dataset.states[1].victims_rescued == 20, "the reload")
        await pilot.press(chart)  # close: back to the list
        await pilot.pause()
        assert app.is_running and type(app.screen).__name__ == "ExplorerScreen"
        assert selected(app).code == "MO" and selected(app).victims_rescued == 20
        await pilot.press(chart, "enter")  # open the details from the chart, by its code
        await pilot.pause()
        assert app.focused is not None and type(app.focused).__name__ == "DetailPane"
        assert selected(app).code == "MO"


async def test_the_map_and_the_bars_follow_a_save(tmp_path: Path) -> None:
    """A chart open over a save shows the new figures at once, on the same tile or row, with
    the same metric; closing it still finds the state (issue 18 item 6)."""
    from tui.screens.bars import BarsScreen
    from tui.screens.map import MapScreen
    from tui.widgets.bar_chart import BarChart
    from tui.widgets.tile_map import TileMap

    alpha, _ = write_operations(tmp_path)
    app = watched_app(alpha)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m", "v")  # the map of arrests, on Kansas (the list's first state)
        screen = app.screen
        assert isinstance(screen, MapScreen)
        assert screen.tile_map.highlighted.value == 5
        save_atomically(alpha, alpha_with(kansas_arrests=7))
        # query, not query_one: the map is replaced, and for a moment there is none.
        await wait_until(
            pilot,
            lambda: (
                [(m.highlighted.value, m.has_focus) for m in app.screen.query(TileMap)]
                == [(7, True)]
            ),
            "the new map, focused",
        )
        tile_map = app.screen.query_one(TileMap)
        assert (tile_map.tile.code, tile_map.metric) == ("KS", "arrests")
        await pilot.press("b", "j")  # the bars, on the list's second state
        bars = app.screen
        assert isinstance(bars, BarsScreen)
        chart = bars.query_one(BarChart)
        assert chart.highlighted is not None and chart.highlighted.code == "MO"
        save_atomically(alpha, alpha_with(kansas_arrests=8))
        await wait_until(
            pilot,
            lambda: (
                "8 (" in screen_text(app) and any(c.has_focus for c in app.screen.query(BarChart))
            ),
            "the new bars, focused",
        )
        chart = app.screen.query_one(BarChart)
        assert chart.highlighted is not None and chart.highlighted.code == "MO"
        await pilot.press("q")
        assert selected(app).code == "MO"
        assert app.dataset.states[0].arrests == 8


async def test_the_sources_views_follow_a_save(tmp_path: Path) -> None:
    """The Sources view and one source's view show the saved figures, cursors kept."""
    from tui.screens.source import SourceScreen
    from tui.screens.sources import SourcesScreen
    from tui.widgets.grid_table import GridTable

    alpha, _ = write_operations(tmp_path)
    app = watched_app(alpha)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("S", "tab", "j")  # the states × sources table, on Missouri
        screen = app.screen
        assert isinstance(screen, SourcesScreen)
        matrix = screen.query_one("#source-matrix", GridTable)
        assert matrix.cursor_row == 1
        save_atomically(alpha, alpha_with(kansas_arrests=7).replace("victims_rescued = 3", ""))
        await wait_until(pilot, lambda: app.dataset.states[0].victims_rescued is None, "reload")
        await pilot.pause()
        assert matrix.get_row_at(0)[2].plain.strip() == "—"  # Kansas's victims, now not given
        assert matrix.cursor_row == 1 and matrix.has_focus
        await pilot.press("shift+tab", "enter")
        assert isinstance(app.screen, SourceScreen)

        def kansas() -> list[str]:
            """Kansas's row in the source's table: code, name, victims, minors, arrests."""
            rows = [line.strip("┃ ").split() for line in screen_text(app).splitlines()]
            return next(row for row in rows if row[:2] == ["KS", "Kansas"])

        assert kansas() == ["KS", "Kansas", "—", "—", "7"]
        save_atomically(alpha, alpha_with(kansas_arrests=7))
        await wait_until(pilot, lambda: kansas() == ["KS", "Kansas", "3", "—", "7"], "the source")
        await pilot.press("q", "q")
        assert isinstance(app.screen, type(explorer(app)))
