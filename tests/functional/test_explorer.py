"""Pilot tests of the explorer's behaviour: navigation, sort, filter, detail, footer, screens."""

from __future__ import annotations

import asyncio

import pytest
from textual import events
from textual.pilot import Pilot

from tests.functional.conftest import AppFactory
from tests.functional.helpers import explorer, make_dataset, screen_text, selected
from tests.functional.terminal_input import settle
from tui.app import UnitedFrontApp
from tui.dataset import Dataset
from tui.screens.explorer import ExplorerScreen
from tui.widgets import DetailPane, StateList

SIZES = [(80, 24), (120, 40)]
SOURCE_ORDER = ["MO", "IL", "IA", "KY", "MN", "NE", "ND", "OK", "TN", "TX", "WI", "SD"]


def shown_codes(app: UnitedFrontApp) -> list[str]:
    """Codes of the states the list shows, in display order."""
    return [explorer(app).view.state_at(row).code for row in range(len(explorer(app).view))]


def detail_text(app: UnitedFrontApp) -> str:
    """The detail pane's text, rendered at its width."""
    pane = explorer(app).query_one(DetailPane)
    lines = app.console.render_lines(pane.render_state(explorer(app).selected), app.console.options)
    return "\n".join("".join(segment.text for segment in line) for line in lines)


@pytest.mark.parametrize("size", SIZES)
async def test_all_states_visible_at_start(make_app: AppFactory, size: tuple[int, int]) -> None:
    """Every state, its victims and arrests are on screen without scrolling."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for state in app.dataset.states:
            assert state.name in text
        assert "Kentucky" in text and "23" in text and "46" in text
        assert isinstance(app.focused, StateList)
        assert selected(app).code == "MO"


async def test_not_reported_shows_dash_not_zero(make_app: AppFactory) -> None:
    """A state with no victim figure shows "—" in the list, never 0."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = next(row for row in screen_text(app).splitlines() if "Nebraska" in row)
        assert "—" in line
        assert " 0 " not in line


@pytest.mark.parametrize("size", SIZES)
async def test_navigation_keys(make_app: AppFactory, size: tuple[int, int]) -> None:
    """Arrows, j/k, Home/End, g/G and paging move the highlight, which drives the detail."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("down", "j")
        assert selected(app).code == "IA"
        await pilot.press("k")
        assert selected(app).code == "IL"
        await pilot.press("end")
        assert selected(app).code == "SD"
        await pilot.press("g")
        assert selected(app).code == "MO"
        await pilot.press("G")
        assert selected(app).code == "SD"
        await pilot.press("home", "pagedown")
        assert selected(app).code == "SD"  # 12 rows fit: a page goes to the last
        await pilot.press("pageup")
        assert selected(app).code == "MO"
        await pilot.press("up")
        assert selected(app).code == "MO"  # clamped at the top
        await pilot.pause()
        assert str(explorer(app).query_one(DetailPane).border_title) == "Missouri (MO)"


async def header(app: UnitedFrontApp, pilot: Pilot[int]) -> str:
    """The list's column header line as drawn."""
    await pilot.pause()
    return screen_text(app).splitlines()[1]


async def test_sort_cycle_and_reverse(make_app: AppFactory) -> None:
    """`s` cycles source → name → victims → arrests, `r` reverses, the header marks which."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        states = explorer(app).state_list
        assert shown_codes(app) == SOURCE_ORDER
        assert str(states.border_title) == "States"
        assert "#▲" in await header(app, pilot)  # source order, not sorted by code
        await pilot.press("s")
        assert shown_codes(app)[:3] == ["IL", "IA", "KY"]
        assert shown_codes(app)[-1] == "WI"
        assert "State▲" in await header(app, pilot)
        await pilot.press("r")
        assert shown_codes(app)[0] == "WI"
        assert "State▼" in await header(app, pilot)
        await pilot.press("s")
        codes = shown_codes(app)
        assert codes[:2] == ["KY", "MN"]
        assert set(codes[-5:]) == {"IA", "NE", "TN", "WI", "SD"}  # not reported: last
        assert "Victims▼" in await header(app, pilot)
        await pilot.press("r")
        assert shown_codes(app)[0] in {"IL", "OK"}
        assert set(shown_codes(app)[-5:]) == {"IA", "NE", "TN", "WI", "SD"}
        await pilot.press("s")
        assert shown_codes(app)[0] == "KY"
        assert "Arrests▼" in await header(app, pilot)
        await pilot.press("s")
        assert shown_codes(app) == SOURCE_ORDER


async def test_sort_keeps_the_highlighted_state(make_app: AppFactory) -> None:
    """Re-sorting keeps the same state highlighted, wherever it moves."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j", "j")
        assert selected(app).code == "KY"
        await pilot.press("s", "s")
        await pilot.pause()
        assert selected(app).code == "KY"
        assert explorer(app).state_list.cursor == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dakota", ["ND", "SD"]),
        ("tex", ["TX"]),
        ("DAKOTA", ["ND", "SD"]),
        ("ténnessée", ["TN"]),
        ("ky", ["KY"]),
        ("o", ["MO", "IL", "IA", "MN", "ND", "OK", "WI", "SD"]),
    ],
)
async def test_filter_by_name_or_code(
    make_app: AppFactory, query: str, expected: list[str]
) -> None:
    """Typing narrows live, case- and accent-insensitive; the title shows "N of 12"."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *query)
        assert shown_codes(app) == expected
        assert f"{len(expected)} of 12" in str(explorer(app).state_list.border_title)
        await pilot.press("enter")
        assert isinstance(app.focused, StateList)
        assert shown_codes(app) == expected  # Enter keeps the filter


async def test_filter_no_match_then_clear(make_app: AppFactory) -> None:
    """No match shows an empty list and says so; clearing the text restores every state."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "z", "z", "z")
        await pilot.pause()
        assert shown_codes(app) == []
        assert explorer(app).selected is None
        assert "No state matches the filter" in screen_text(app)
        await pilot.press("ctrl+u")
        assert shown_codes(app) == SOURCE_ORDER
        await pilot.press("slash", "t", "e", "x", "enter", "c")
        assert shown_codes(app) == SOURCE_ORDER
        assert explorer(app).filter_input.value == ""
        assert not explorer(app).filter_input.display


async def test_filter_returns_without_escape(make_app: AppFactory) -> None:
    """Enter and Down leave the filter box; Esc does too, but is never needed."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for leave in ("enter", "down", "escape"):
            await pilot.press("slash", "i")
            assert app.focused is explorer(app).filter_input
            await pilot.press(leave)
            assert isinstance(app.focused, StateList)
        await pilot.press("c")


async def test_keys_typed_in_one_burst_follow_focus(make_app: AppFactory) -> None:
    """A burst like `/dak⏎sj` (a paste, a fast typist over SSH) lands where a person expects."""

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key, char in [
            ("slash", "/"),
            ("d", "d"),
            ("a", "a"),
            ("k", "k"),
            ("enter", "\r"),
            ("s", "s"),
            ("s", "s"),
            ("j", "j"),
        ]:
            app.post_message(events.Key(key, char))
        # Until every key has gone through (under load, a fixed pause may be too short).
        await settle(pilot, app)
        assert explorer(app).filter_input.value == "dak"
        assert explorer(app).view.sort == "victims"
        assert isinstance(app.focused, StateList)
        assert selected(app).code == "SD"


async def test_detail_kentucky_breakdown(make_app: AppFactory) -> None:
    """Kentucky: 23 rescued as the sum of 21 adults and 2 minors, 46 arrests, its quote."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "j")
        text = detail_text(app)
        assert "Victims rescued  23" in text
        assert "21 adult, 2 minor; total is their sum" in text
        assert "Arrests          46" in text
        assert "21 victimes adultes secourues" in text
        assert "English: Kentucky: 21 adult victims rescued" in text
        assert "48.9% (23 of 47†)" in text  # † : the source counts "victims and sex workers"
        assert "45.1% (46 of 102)" in text


async def test_detail_iowa_seized_cash_and_not_reported(make_app: AppFactory) -> None:
    """Iowa: victims not reported (not 0), arrests 11, the seized cash as another outcome."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j")
        text = detail_text(app)
        assert "Victims rescued  —  not reported" in text
        assert "Arrests          11" in text
        assert "Seized cash" in text
        assert "une grande quantité d’argent saisie" in text


async def test_detail_agencies(make_app: AppFactory) -> None:
    """The state's own agencies, the operation's leads and the federal partners, with roles."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "j")
        text = detail_text(app)
        assert "Police services of the participating states — level not stated · participant" in (
            text.replace("\n", " ")
        )
        assert "Missouri Attorney General's Office — state · lead" in text
        assert "Federal Bureau of Investigation (FBI) — federal · partner" in text
        await pilot.press("k", "k")
        assert "none named by the source" in detail_text(app)  # Illinois


async def test_enter_moves_into_detail_and_back(make_app: AppFactory) -> None:
    """Enter focuses the detail pane; left/h/backspace and Tab come back."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.focused, DetailPane)
        await pilot.press("j", "h")
        assert isinstance(app.focused, StateList)
        await pilot.press("tab")
        assert isinstance(app.focused, DetailPane)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, StateList)


async def test_footer_totals_and_marks(make_app: AppFactory) -> None:
    """The footer shows computed totals with ✓ where they match the source."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "States 12 ✓" in text
        assert "Victims 47† ✓" in text
        assert "Arrests 102 ✓" in text
        assert "Medical — (41 reported)" in text


async def test_footer_filtered_totals(make_app: AppFactory) -> None:
    """While filtered, the footer shows the shown states' totals and the operation's."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"dakota", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Shown 2 of 12" in text
        assert "Victims 6† (1 state reporting)" in text
        assert "Arrests 12" in text
        assert "Arrests 102 ✓" in text
        shown = explorer(app).shown_totals
        assert shown is not None and shown["arrests"].total == 12


async def test_footer_flags_a_difference() -> None:
    """When the states do not add up to the reported figure, ⚠ shows both numbers."""
    data = make_dataset(
        '[[states]]\ncode = "AA"\nname = "Alpha"\narrests = 5\n',
        extra="[reported]\narrests = 7\nvictims_rescued = 3\n",
    )
    app = UnitedFrontApp(data)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "⚠ 5 ≠ 7 reported" in text
        assert "Victims — (3 reported)" in text


async def test_share_says_when_the_source_reports_another_total() -> None:
    """A state's share is of the states' sum: when the source's figure differs, say so
    (Alpha made all 5 arrests the states report, but the source reports 7)."""
    data = make_dataset(
        '[[states]]\ncode = "AA"\nname = "Alpha"\narrests = 5\n',
        extra="[reported]\narrests = 7\n",
    )
    app = UnitedFrontApp(data)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "100.0% (5 of 5) of the states' sum; the source reports 7" in text


async def test_help_lists_every_binding(make_app: AppFactory) -> None:
    """`?` shows every binding, grouped; q closes it."""
    app = make_app()
    # Tall enough for every group, the cite and export keys included.
    async with app.run_test(size=(80, 50)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        text = screen_text(app)
        for title in ("Everywhere", "State list", "Detail pane", "Filter box"):
            assert title in text
        for description in (
            "Quit",
            "Filter",
            "Sort",
            "Reverse",
            "About",
            "Next pane",
            "Page down",
            "Back to list",
            "Keep the filter",
        ):
            assert description in text
        await pilot.press("q")
        assert type(app.screen).__name__ == "ExplorerScreen"
        assert app.is_running


async def test_about_screen(make_app: AppFactory) -> None:
    """`i` shows the operation, the source, context, reconciliation and all notes."""
    app = make_app()
    # Tall enough for every section, the facts' words and their translations.
    async with app.run_test(size=(120, 140)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        text = screen_text(app)
        for expected in (
            "Operation United Front",
            "Announced: 27 August 2021",
            "Allen Zhong",
            "Epoch Times",
            "1,883",
            "875",
            "Reconciliation",
            "Data-quality notes",
            "Wisconsin:",
            "Training",
        ):
            assert expected in text
        await pilot.press("backspace")
        assert type(app.screen).__name__ == "ExplorerScreen"


async def test_palette_commands(make_app: AppFactory) -> None:
    """Ctrl+P offers every action with its key; choosing "Sort by arrests" sorts."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        commands = [c.title for c in app.get_system_commands(app.screen)]
        for title in (
            "Sort by source order (o)",
            "Sort by name (n)",
            "Sort by victims (v)",
            "Sort by arrests (a)",
            "Next sort order (s)",
            "Reverse order (r)",
            "Filter states (/)",
            "Clear filter (c)",
            "About (i)",
            "Help (?)",
            "Quit (q)",
        ):
            assert title in commands
        assert any("theme" in title.lower() for title in commands)
        # Textual's key panel lists Textual's keys, not ours, and squeezes the panes.
        assert "Keys" not in commands
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Sort by arrests")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert explorer(app).view.sort == "arrests"


async def test_quit_key(make_app: AppFactory) -> None:
    """q quits from the main screen."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_narrow_terminal_collapses_detail(make_app: AppFactory) -> None:
    """Below 70 columns the list fills the screen; Enter shows the details, h goes back."""
    app = make_app()
    async with app.run_test(size=(50, 20)) as pilot:
        await pilot.pause()
        detail = explorer(app).query_one(DetailPane)
        assert not detail.display or detail.region.width == 0
        await pilot.press("j", "j", "j", "enter")
        await pilot.pause()
        assert detail.region.width > 0
        assert isinstance(app.focused, DetailPane)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.focused, StateList)
        assert detail.region.width == 0


@pytest.mark.parametrize("size", [(20, 6), (30, 10), (40, 12), (200, 60)])
async def test_any_size_works(make_app: AppFactory, size: tuple[int, int]) -> None:
    """Tiny and huge terminals: no crash, keys still work."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("j", "s", "enter", "h", "slash", "o", "enter", "question_mark", "q")
        await pilot.pause()
        assert app.is_running


async def test_resize_during_use(make_app: AppFactory) -> None:
    """Shrinking to 30x10 and back keeps the highlighted state visible and the app alive."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("end")
        await pilot.resize_terminal(30, 10)
        await pilot.pause()
        assert explorer(app).has_class("-narrow")
        states = explorer(app).state_list
        assert states.scroll_offset.y <= states.cursor < states.scroll_offset.y + states.page
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not explorer(app).has_class("-narrow")
        assert selected(app).code == "SD"


async def test_markup_in_data_is_literal() -> None:
    """Names like `Ohio[/]` or `[@click=app.quit]X` show as typed and run nothing."""
    data = make_dataset(
        '[[states]]\ncode = "OH"\nname = "Ohio[/]"\narrests = 1\n'
        'quote = "[b]Bold[/b]"\nnotes = ["[@click=app.quit]X"]\n'
        '[[states]]\ncode = "XX"\nname = "[@click=app.quit]X"\narrests = 2\n'
    )
    app = UnitedFrontApp(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Ohio[/]" in text
        assert "[@click=app.quit]X" in text
        assert "[b]Bold[/b]" in text
        await pilot.click(StateList, offset=(5, 3))
        await pilot.pause()
        assert app.is_running
        assert selected(app).code == "XX"


async def test_about_quotes_are_not_doubled(make_app: AppFactory) -> None:
    """Quotes that carry their own guillemets are shown once, as the source wrote them."""
    app = make_app()
    # Tall enough for every section, the facts' words and their translations.
    async with app.run_test(size=(120, 140)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        # Guillemets are bound to their words with no-break spaces when rendered.
        text = screen_text(app).replace("\xa0", " ")
        assert "« Grâce à des opérations" in text
        assert "« «" not in text


async def test_help_scrolls_with_end_and_home(make_app: AppFactory) -> None:
    """On a short terminal, End/G and Home/g move through the help text."""
    app = make_app()
    async with app.run_test(size=(80, 16)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        box = app.screen.query_one("#help-box")
        assert box.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert box.scroll_y == 0


async def test_alt_key_from_a_slow_link_leaves_the_filter_then_acts(make_app: AppFactory) -> None:
    """Esc+j in one packet arrives as Alt+J: the filter is kept and j moves in the list."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "d", "a", "k")
        # What the terminal parser makes of "\x1bj": Pilot sends no character for alt keys.
        app.post_message(events.Key("alt+j", "j"))
        # Settled, not one pause: the selection follows the list by a message, a step later.
        await settle(pilot, app)
        assert explorer(app).filter_input.value == "dak"
        assert isinstance(app.focused, StateList)
        assert selected(app).code == "SD"


async def test_reopening_the_filter_keeps_its_text(make_app: AppFactory) -> None:
    """`/` again continues the text (no select-all for the next key to replace)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "d", "a", "enter", "slash", "k")
        assert explorer(app).filter_input.value == "dak"
        assert [explorer(app).view.state_at(r).code for r in range(len(explorer(app).view))] == [
            "ND",
            "SD",
        ]


async def test_clear_filter_from_the_narrow_detail_pane_shows_the_list(
    make_app: AppFactory,
) -> None:
    """At 60x20 with the details open (alone on screen), `c` goes back to a visible list
    with focus on it: keys move the cursor again (it used to focus the hidden list, a state
    only Tab got out of)."""
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.focused, DetailPane)
        await pilot.press("c")
        await pilot.pause()
        states = explorer(app).state_list
        assert explorer(app).focused is states and states.display and states.region.width > 0
        assert not explorer(app).has_class("-show-detail")
        await pilot.press("j")
        assert selected(app).code == states.view.state_at(1).code


class SlowExplorer(ExplorerScreen):
    """The explorer, mounting slowly (as on a loaded machine)."""

    async def on_compose(self) -> None:
        """Take a while before Textual composes and mounts the screen."""
        await asyncio.sleep(0.3)


class KeysBeforeMount(UnitedFrontApp):
    """Keys that arrive while the explorer (Textual's first screen) is still mounting."""

    def __init__(self, dataset: Dataset, keys: str) -> None:
        super().__init__(dataset)
        self.early = keys

    def get_default_screen(self) -> ExplorerScreen:
        """The slow explorer."""
        self.explorer = SlowExplorer(self.loaded)
        return self.explorer

    def on_mount(self) -> None:
        """Type before the explorer is there."""
        for key in self.early:
            name = {"/": "slash"}.get(key, key)
            self.post_message(events.Key(name, key))


@pytest.mark.parametrize(("keys", "cursor", "query"), [("jj", 2, ""), ("/ken", 0, "ken")])
async def test_keys_typed_before_the_explorer_is_mounted_wait_for_it(
    dataset: Dataset, keys: str, cursor: int, query: str
) -> None:
    """Textual mounts the first screen in its own task: a key that comes sooner is not lost."""
    app = KeysBeforeMount(dataset, keys)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert explorer(app).state_list.cursor == cursor
        assert explorer(app).view.query == query
