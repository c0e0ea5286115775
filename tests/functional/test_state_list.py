"""The virtual list as a reusable widget: cursor, scrolling, resize, empty, long names, 100k."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tests.unit.test_view import big_states
from tui.dataset import State
from tui.dataset.view import StateView
from tui.widgets import StateList


class ListApp(App[None]):
    """Just the list, filling the screen."""

    def __init__(self, states: list[State]) -> None:
        super().__init__()
        self.view = StateView(states)
        self.highlights: list[State | None] = []

    def compose(self) -> ComposeResult:
        """One StateList."""
        yield StateList(self.view, id="list")

    def on_state_list_highlighted(self, message: StateList.Highlighted) -> None:
        """Record every highlight the list announces."""
        self.highlights.append(message.state)

    @property
    def states(self) -> StateList:
        """The list widget."""
        return self.query_one(StateList)


def lines(widget: StateList) -> list[str]:
    """The text of every visible line of the list."""
    return [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]


def visible(widget: StateList) -> tuple[int, int]:
    """First and last display rows on screen."""
    top = round(widget.scroll_offset.y)
    return top, top + widget.page - 1


async def test_cursor_scrolls_into_view_at_100k() -> None:
    """End, PgUp, PgDn, Home at 100,000 rows keep the cursor on screen and exact."""
    states = big_states(100_000)
    app = ListApp(states)
    async with app.run_test(size=(60, 20)) as pilot:
        widget = app.states
        await pilot.press("end")
        assert widget.cursor == 99_999
        top, bottom = visible(widget)
        assert bottom == 99_999
        assert lines(widget)[-1].startswith(states[-1].code)
        await pilot.press("pageup")
        assert widget.cursor == 99_999 - widget.page
        assert visible(widget)[0] <= widget.cursor
        await pilot.press("home", "pagedown", "pagedown", "down")
        assert widget.cursor == 2 * widget.page + 1
        top, bottom = visible(widget)
        assert top <= widget.cursor <= bottom
        await pilot.pause()
        assert app.highlights[-1] is states[widget.cursor]


async def test_header_and_rows_render() -> None:
    """The first line is the header; rows show code, name and figures, "—" when absent."""
    states = [State("AA", "Alpha", victims_rescued=3, arrests=None)]
    app = ListApp(states)
    async with app.run_test(size=(50, 5)) as pilot:
        await pilot.pause()
        header, row = lines(app.states)[:2]
        assert header.split() == ["#▲", "State", "Victims", "Arrests"]  # source order, not by code
        assert row.split() == ["AA", "Alpha", "3", "—"]


async def test_empty_list() -> None:
    """No rows: a message, no highlight, keys do nothing harmful."""
    app = ListApp([State("AA", "Alpha")])
    async with app.run_test(size=(40, 8)) as pilot:
        app.states.change_view(lambda view: view.set_query("zzz"))
        await pilot.press("down", "end", "pagedown", "enter")
        await pilot.pause()
        assert app.states.highlighted is None
        assert app.highlights[-1] is None
        assert "No state matches" in lines(app.states)[1]


async def test_very_long_and_wide_names_are_cut_to_fit() -> None:
    """A 300-character or double-width name is cut with an ellipsis; figures stay aligned."""
    states = [
        State("LONG", "N" * 300, victims_rescued=1, arrests=2),
        State("WIDE", "東京都" * 20, victims_rescued=10, arrests=20),
    ]
    app = ListApp(states)
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        from rich.cells import cell_len

        rows = lines(app.states)[1:3]
        width = app.states.scrollable_content_region.width
        for row in rows:
            assert cell_len(row) == width
            assert "…" in row
        assert rows[0].rstrip().endswith("2")
        assert rows[1].rstrip().endswith("20")


async def test_resize_keeps_cursor_visible() -> None:
    """Shrinking the terminal scrolls so that the cursor stays on screen."""
    app = ListApp(big_states(1_000))
    async with app.run_test(size=(60, 40)) as pilot:
        await pilot.press(*["down"] * 30)
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        top, bottom = visible(app.states)
        assert top <= app.states.cursor <= bottom
        await pilot.resize_terminal(20, 4)
        await pilot.pause()
        assert app.states.page >= 1


async def test_narrow_drops_code_column() -> None:
    """Under 34 columns the code column goes, the name and figures stay."""
    app = ListApp([State("KY", "Kentucky", victims_rescued=23, arrests=46)])
    async with app.run_test(size=(26, 4)) as pilot:
        await pilot.pause()
        row = lines(app.states)[1]
        assert "KY" not in row
        assert row.split() == ["Kentucky", "23", "46"]


async def test_click_highlights_the_row() -> None:
    """The mouse is optional, but a click on a row highlights it."""
    states = big_states(50)
    app = ListApp(states)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.click(StateList, offset=(3, 5))
        assert app.states.cursor == 4


async def test_enter_posts_opened_without_a_callback() -> None:
    """Used on its own, the list reports Enter as a message."""
    opened: list[StateList.Opened] = []

    class OpenApp(ListApp):
        def on_state_list_opened(self, message: StateList.Opened) -> None:
            opened.append(message)

    app = OpenApp([State("AA", "Alpha")])
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert len(opened) == 1
