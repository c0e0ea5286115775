"""The explorer: state list, detail pane and totals footer over one loaded dataset."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from functools import partial
from typing import ClassVar, cast

from textual import events
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from tui.cite_actions import CITE_BINDINGS, CiteActions
from tui.dataset import Dataset, State, Totals, compute_totals, reconcile
from tui.dataset.view import SORT_KEYS, SortKey, StateView
from tui.i18n import N_
from tui.palette import localized
from tui.resources import resource_dir
from tui.widgets import DetailPane, KeyBar, StateList, TotalsFooter

NARROW = 70
"""Below this many columns the detail pane hides behind Enter."""


class UnknownThemeError(ValueError):
    """``--theme`` named a theme Textual does not have."""


class FilterInput(Input):
    """The filter box over the list; Enter, Down or Esc return to the list, keeping the filter.

    Keys of one burst (a paste, a fast typist over SSH) are queued on the widget focused when
    they arrive, so this box leaves synchronously and hands on keys queued after it left.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "app.focus_list", "Keep the filter, back to the list", id="filter.enter"),
        Binding("down", "app.focus_list", "Back to the list", show=False, id="filter.down"),
        Binding("escape", "app.focus_list", "Back to the list", show=False, id="filter.escape"),
        Binding("ctrl+u", "delete_left_all", "Clear the text (shows every state)", show=False),
    ]
    """Esc is never the only way back."""

    LEAVE_KEYS: ClassVar[frozenset[str]] = frozenset({"enter", "down", "escape"})

    async def _on_key(self, event: events.Key) -> None:
        if self.screen.focused is not self:
            event.stop()
            event.prevent_default()
            self.app.post_message(events.Key(event.key, event.character))
            return
        if event.key in self.LEAVE_KEYS:
            event.stop()
            event.prevent_default()
            cast(UnitedFrontApp, self.app).action_focus_list()
        elif event.key.startswith("alt+") and event.character:
            # Esc and the next key in one packet (a slow link) read as Alt+key: honour both,
            # leave the box with the filter kept, then act on the key in the list.
            event.stop()
            event.prevent_default()
            cast(UnitedFrontApp, self.app).action_focus_list()
            self.app.post_message(events.Key(event.key.removeprefix("alt+"), event.character))
        # Otherwise Input's own handler (called next by Textual) types the key.

    def watch_value(self, value: str) -> None:
        """Filter live, synchronously: a key typed next must see the narrowed list."""
        cast(UnitedFrontApp, self.app).apply_filter(value)


class UnitedFrontApp(CiteActions):
    """Read, sort, filter and check Operation United Front's figures state by state."""

    CSS_PATH = str(resource_dir("styles") / "app.tcss")
    TITLE = "unitedfront-tui"
    AUTO_FOCUS = "#states"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", N_("Quit"), id="app.quit"),
        Binding("slash", "filter", "Filter", key_display="/", id="app.filter"),
        Binding("s", "cycle_sort", "Sort", id="app.sort"),
        Binding("r", "reverse", "Reverse", id="app.reverse"),
        Binding("c", "clear_filter", "Clear filter", show=False, id="app.clear_filter"),
        Binding("i", "about", "About", id="app.about"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("tab", "focus_next", "Next pane", show=False, id="app.focus_next"),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False, id="app.focus_prev"),
        *CITE_BINDINGS,
    ]
    """App-wide keys: letters and Tab only, which every terminal passes."""

    selected: reactive[State | None] = reactive(None)
    """The highlighted state: the one selection that drives the detail pane."""
    shown_totals: reactive[Totals | None] = reactive(None)
    """Totals of the states the list shows; the footer follows it."""

    def __init__(self, dataset: Dataset, *, theme: str | None = None) -> None:
        super().__init__()
        self.dataset = dataset
        self.totals = compute_totals(dataset.states)
        self.view = StateView(dataset.states, totals=self.totals)
        if theme is not None:
            if theme not in self.available_themes:
                names = ", ".join(sorted(self.available_themes))
                raise UnknownThemeError(f"unknown theme '{theme}'; choose one of: {names}")
            self.theme = theme

    def compose(self) -> ComposeResult:
        """List pane and detail pane side by side, totals and keys below."""
        with Horizontal(id="main"):
            with Vertical(id="list-pane"):
                # Reopening the box keeps its text to refine, rather than selecting it all for
                # the next key to replace (Ctrl+U empties it).
                box = FilterInput(
                    placeholder="Filter by name or code", id="filter", select_on_focus=False
                )
                # No blinking: over SSH every blink is a redraw sent down the wire.
                box.cursor_blink = False
                yield box
                yield StateList(self.view, on_open=self.open_detail, id="states")
            yield DetailPane(self.dataset, self.totals, id="detail").data_bind(
                selected=UnitedFrontApp.selected
            )
        yield TotalsFooter(reconcile(self.dataset, self.totals), id="totals").data_bind(
            shown=UnitedFrontApp.shown_totals
        )
        yield KeyBar()

    def on_mount(self) -> None:
        """Draw the list and totals first; the details follow right after the first frame."""
        self._view_changed()
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        # The list is what a user reads first; the detail pane's text takes a Rich render and
        # a layout pass, so it arrives a frame later instead of delaying the first one.
        if self.selected is None:
            self.selected = self.state_list.highlighted
        # Everything alive now lives until exit: keep the collector from rescanning it (at
        # 100,000 rows a full collection would pause typing for 100 ms).
        gc.freeze()
        # Search keys and figure columns for the first filter or sort, off the event loop.
        self.run_worker(self.view.warm, name="warm-view", thread=True, exclusive=True)

    @property
    def state_list(self) -> StateList:
        """The state list widget."""
        return self.query_one("#states", StateList)

    def _view_changed(self) -> None:
        self.shown_totals = self.view.totals()
        self.state_list.border_title = f"States · {self.view.title}"

    # -- messages -------------------------------------------------------------------------

    def on_state_list_highlighted(self, message: StateList.Highlighted) -> None:
        """Follow the list's cursor."""
        self.selected = message.state

    def on_state_list_view_changed(self, message: StateList.ViewChanged) -> None:
        """Sort or filter changed: update totals and the pane title."""
        self._view_changed()

    def open_detail(self) -> None:
        """Enter on a state: move into the detail pane (shown on its own when narrow)."""
        self.add_class("-show-detail")
        self._focus(self.query_one(DetailPane))

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls App._on_key after this unless the default is prevented.
        if await self._check_bindings(event.key):
            event.prevent_default()
            return
        focused = self.screen.focused
        if isinstance(focused, Input) and event.is_printable and event.character:
            # A letter that bubbled up from the list after `/` moved focus to the filter box
            # (keys of one burst are queued on the widget focused when they arrived).
            focused.insert_text_at_cursor(event.character)
            event.prevent_default()

    def on_resize(self, event: Resize) -> None:
        """Collapse the detail pane behind Enter on narrow terminals."""
        self.set_class(event.size.width < NARROW, "-narrow")

    def apply_filter(self, query: str) -> None:
        """Narrow the list to states whose name or code contains ``query``."""
        if query != self.view.query:
            self.state_list.change_view(lambda view: view.set_query(query))

    # -- actions --------------------------------------------------------------------------

    def _focus(self, widget: Widget) -> None:
        # Focus now, not after the queued keys (Widget.focus defers): keys typed right after
        # Enter or / must land in the widget the user just moved to. The widget's own screen,
        # not the top one: a key queued before `i` or `?` must not pull focus under a dialog.
        widget.screen.set_focus(widget)

    def action_focus_list(self) -> None:
        """Focus the state list (leaving the filter or the detail pane)."""
        self.remove_class("-show-detail")
        if not self.view.query:
            self._hide_filter()
        self._focus(self.state_list)

    @property
    def filter_input(self) -> FilterInput:
        """The filter box (hidden while no filter is being typed or kept)."""
        return self.query_one("#filter", FilterInput)

    def _hide_filter(self) -> None:
        self.filter_input.display = False

    def action_filter(self) -> None:
        """Open (or return to) the filter box over the list."""
        self.remove_class("-show-detail")
        box = self.filter_input
        box.display = True
        self._focus(box)

    def action_clear_filter(self) -> None:
        """Show every state again."""
        box = self.filter_input
        box.value = ""
        box.display = False
        if self.view.query:
            self.state_list.change_view(lambda view: view.set_query(""))
        self._focus(self.state_list)

    def action_sort(self, key: SortKey) -> None:
        """Sort the list by ``key`` (keeping the highlighted state)."""
        self.state_list.change_view(lambda view: view.set_sort(key, reverse=False))

    def action_cycle_sort(self) -> None:
        """Next order: source → name → victims → arrests."""
        self.state_list.change_view(StateView.cycle_sort)

    def action_reverse(self) -> None:
        """Reverse the current order."""
        self.state_list.change_view(StateView.toggle_reverse)

    def action_about(self) -> None:
        """Show the operation, the source and the reconciliation."""
        from tui.screens.about import AboutScreen

        self.push_screen(AboutScreen(self.dataset))

    def action_help(self) -> None:
        """Show every key binding."""
        from tui.screens.help import HelpScreen

        self.push_screen(
            HelpScreen(
                [
                    ("Everywhere", list(self.BINDINGS)),
                    ("State list", list(StateList.BINDINGS)),
                    ("Detail pane", list(DetailPane.BINDINGS)),
                    (
                        "Filter box",
                        list(FilterInput.BINDINGS),
                    ),
                ]
            )
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every explorer action in the command palette, plus Textual's own (theme, quit)."""
        for key in SORT_KEYS:
            label = "source order" if key == "source" else key
            yield SystemCommand(
                f"Sort by {label}",
                f"Order the state list by {label}",
                partial(self.action_sort, key),
            )
        yield SystemCommand("Reverse order", "Reverse the state list's order", self.action_reverse)
        yield SystemCommand("Filter states", "Type to narrow the state list", self.action_filter)
        yield SystemCommand("Clear filter", "Show every state", self.action_clear_filter)
        yield SystemCommand("About", "Operation, source, reconciliation, notes", self.action_about)
        yield SystemCommand("Help", "Every key binding", self.action_help)
        yield from self.cite_commands()
        yield from localized(super().get_system_commands(screen))
