"""Several operations in the explorer: the list, switching, the compare view (Pilot)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional.helpers import explorer, screen_text, selected
from tests.synthetic import write_operations
from tui.app import UnitedFrontApp
from tui.dataset import Dataset, load
from tui.screens.compare import CompareScreen
from tui.screens.operations import OperationsScreen
from tui.widgets import StateList
from tui.widgets.compare_table import CompareTable


@pytest.fixture
def operations(tmp_path: Path) -> list[Dataset]:
    """Operation Alpha and Operation Bravo, loaded."""
    return [load(path) for path in write_operations(tmp_path)]


def shown_codes(app: UnitedFrontApp) -> list[str]:
    """Codes of the states the list shows, in display order."""
    return [explorer(app).view.state_at(row).code for row in range(len(explorer(app).view))]


async def test_the_list_shows_every_operation(operations: list[Dataset]) -> None:
    """Name, date, number of states and totals of each; the shown one is marked."""
    app = UnitedFrontApp(operations)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("O")
        assert isinstance(app.screen, OperationsScreen)
        text = screen_text(app)
        lines = [line.strip("┃ ") for line in text.splitlines()]
        alpha = next(line for line in lines if "Operation Alpha" in line)
        bravo = next(line for line in lines if "Operation Bravo" in line)
        assert alpha.startswith("▶") and not bravo.startswith("▶")
        # Name, date, states, victims, arrests.
        assert "2 January 2030" in alpha and alpha.split()[-3:] == ["3", "5", "9"]
        assert "4 March 2031" in bravo and bravo.split()[-3:] == ["2", "9", "3"]


async def test_switching_keeps_filter_sort_and_selection(operations: list[Dataset]) -> None:
    """Enter on Bravo: its states, the same sort and filter, Missouri still highlighted."""
    app = UnitedFrontApp(operations)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "slash", *"o", "enter")  # by name; "o" matches CO and MO
        assert shown_codes(app) == ["CO", "MO"]
        await pilot.press("j")
        assert selected(app).code == "MO"
        await pilot.press("O", "j", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, OperationsScreen)
        assert app.loaded.current == 1 and app.dataset.operation.name == "Operation Bravo"
        assert explorer(app).view.sort == "name" and explorer(app).view.query == "o"
        assert shown_codes(app) == ["MO"]  # Bravo has no Colorado; Arkansas has no "o"
        assert selected(app).code == "MO"
        assert selected(app).victims_rescued == 9  # Bravo's Missouri, not Alpha's
        text = screen_text(app)
        assert "Operation Bravo" in text  # named under the list
        assert "States · 1 of 2" in text and "State▲" in text  # sorted by name, A to Z


async def test_totals_and_details_follow_the_switch(operations: list[Dataset]) -> None:
    """The footer reconciles Bravo against Bravo's source; the detail pane shows Bravo."""
    app = UnitedFrontApp(operations)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Arrests 9 ✓" in screen_text(app)
        explorer(app).show_operation(1)
        await pilot.pause()
        text = screen_text(app)
        assert "Arrests 3 ✓" in text and "Arrests 9" not in text
        assert "Kansas" not in text and "Arkansas" in text


async def test_a_state_missing_from_the_other_operation_moves_to_the_first(
    operations: list[Dataset],
) -> None:
    """Kansas is not in Bravo: the highlight goes to Bravo's first shown state."""
    app = UnitedFrontApp(operations)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert selected(app).code == "KS"
        explorer(app).show_operation(1)
        await pilot.pause()
        assert selected(app).code == "MO"
        assert explorer(app).query_one(StateList).cursor == 0


async def test_leaving_the_list_without_choosing_changes_nothing(
    operations: list[Dataset],
) -> None:
    """q, Backspace and Esc all go back to the same operation."""
    app = UnitedFrontApp(operations)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("q", "backspace", "escape"):
            await pilot.press("O", "j", key)
            assert not isinstance(app.screen, OperationsScreen)
            assert app.loaded.current == 0
        assert app.is_running  # q closed the list, it did not quit


async def test_compare_side_by_side(operations: list[Dataset]) -> None:
    """Every state of either operation; a dot where a state is not in that operation."""
    app = UnitedFrontApp(operations)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("C")
        assert isinstance(app.screen, CompareScreen)
        table = app.screen.query_one(CompareTable)
        rows = [list(table.cells(i)) for i in range(len(table.pairs) + 1)]
        assert rows == [
            ["KS", "Kansas", "3", "5", "·", "·"],
            ["MO", "Missouri", "2", "—", "9", "1"],
            ["CO", "Colorado", "—", "4", "·", "·"],
            ["AR", "Arkansas", "·", "·", "0", "2"],
            ["", "Total", "5", "9", "9", "3"],
        ]
        text = screen_text(app)
        assert "A Operation Alpha" in text and "B Operation Bravo" in text
        await pilot.press("q")
        assert not isinstance(app.screen, CompareScreen) and app.is_running


async def test_compare_tab_cycles_the_other_operation(
    operations: list[Dataset], dataset: Dataset
) -> None:
    """With three operations, Tab compares A with each other one in turn."""
    app = UnitedFrontApp([*operations, dataset])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("C")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert (screen.left, screen.right) == (0, 1)
        await pilot.press("tab")
        assert screen.right == 2
        assert "B Operation United Front" in screen_text(app)
        await pilot.press("tab")
        assert screen.right == 1  # never A against itself
        await pilot.press("shift+tab")
        assert screen.right == 2


async def test_one_dataset_has_no_operation_keys(dataset: Dataset) -> None:
    """O and C do nothing with one operation, and neither the key bar nor help shows them."""
    app = UnitedFrontApp(dataset)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("O", "C")
        assert app.screen is explorer(app)
        assert "Operations" not in screen_text(app)
        await pilot.press("question_mark")
        assert "Several operations" not in screen_text(app)


async def test_several_operations_in_help_and_key_bar(operations: list[Dataset]) -> None:
    """The keys are listed where keys are listed."""
    app = UnitedFrontApp(operations)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "O Operations" in screen_text(app)
        await pilot.press("question_mark")
        assert "Several operations" in screen_text(app)


async def test_palette_lists_operation_commands(operations: list[Dataset]) -> None:
    """The command palette offers the operations list and the compare view."""
    app = UnitedFrontApp(operations)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Operations (O)" in titles and "Compare operations (C)" in titles
        one = UnitedFrontApp(operations[:1])
        assert "Operations (O)" not in [c.title for c in one.get_system_commands(app.screen)]


async def test_long_names_are_cut_so_the_figures_stay_on_screen(tmp_path: Path) -> None:
    """A 500-character operation or state name is cut with an ellipsis at 80 columns."""
    from tests.synthetic import operation_toml

    long = "Operation " + "Long" * 125
    path = tmp_path / "long.toml"
    rows = [("KS", "Kansas " + "x" * 500, 3, 5)]
    path.write_text(operation_toml(long, "2030-01-02", rows, None), encoding="utf-8")
    alpha, _ = write_operations(tmp_path)
    app = UnitedFrontApp([load(path), load(alpha)])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("O")
        line = next(ln for ln in screen_text(app).splitlines() if "Operation Long" in ln)
        assert "…" in line and line.rstrip("┃ ").endswith("5")  # arrests, the last column, shown
        await pilot.press("q", "C")
        line = next(ln for ln in screen_text(app).splitlines() if "Kansas" in ln)
        assert "x…" in line and "3" in line and "5" in line


async def test_compare_moves_like_the_state_list(operations: list[Dataset]) -> None:
    """j/k, arrows, g/G, Home/End and paging move the compare view's cursor, kept in view."""
    app = UnitedFrontApp(operations)
    async with app.run_test(size=(80, 8)) as pilot:
        await pilot.press("C")
        table = app.screen.query_one(CompareTable)
        assert table.cursor == 0
        await pilot.press("j", "down")
        assert table.cursor == 2
        await pilot.press("k")
        assert table.cursor == 1
        await pilot.press("G")
        assert table.cursor == len(table.pairs)  # the totals line
        assert "Total" in screen_text(app)  # scrolled into view on a short terminal
        await pilot.press("g")
        assert table.cursor == 0
        await pilot.press("pagedown")
        assert table.cursor == table.page
        await pilot.press("end", "up", "home")
        assert table.cursor == 0


async def test_o_and_c_are_letters_in_the_filter_box(operations: list[Dataset]) -> None:
    """Typing `CO` in the filter box filters (Colorado); it opens neither view."""
    app = UnitedFrontApp(operations)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "C", "O", "l")
        assert explorer(app).filter_input.value == "COl"
        assert app.screen is explorer(app)
        assert shown_codes(app) == ["CO"]
