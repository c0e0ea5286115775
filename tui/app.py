"""The explorer: state list, detail pane and totals footer over one loaded dataset."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from functools import partial
from typing import ClassVar

from textual import events
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.driver import Driver
from textual.events import Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

from tui.cite_actions import CITE_BINDINGS, CiteActions
from tui.dataset import Dataset, State, Totals, compute_totals, reconcile
from tui.dataset.resources import resource_dir
from tui.dataset.view import SortKey, StateView
from tui.dataset.watch import FileWatcher, Prepared, prepare
from tui.i18n import N_, _, number
from tui.i18n.textual import localized
from tui.key_router import KeyRouter, install_burst_parser
from tui.screens.chart import ChartActions
from tui.several import SeveralOperations
from tui.widgets import DetailPane, KeyBar, StateList, TotalsFooter
from tui.widgets.filter_box import FilterBox
from tui.wire.hook import wire_driver

NARROW = 70
"""Below this many columns the detail pane hides behind Enter."""


LIST_ACTIONS = frozenset({"filter", "cycle_sort", "reverse", "clear_filter", "sort_by"})
"""Actions on the list, off while a chart (map, bars) covers it."""


class UnknownThemeError(ValueError):
    """``--theme`` named a theme Textual does not have."""


class UnitedFrontApp(SeveralOperations, ChartActions, CiteActions):
    """Read, sort, filter and check Operation United Front's figures state by state."""

    CSS_PATH = str(resource_dir("styles") / "app.tcss")
    TITLE = "unitedfront-tui"
    AUTO_FOCUS = "#states"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", N_("Help"), key_display="?", id="app.help"),
        Binding("q", "quit", N_("Quit"), id="app.quit"),
        Binding("slash", "filter", N_("Filter"), key_display="/", id="app.filter"),
        Binding("s", "cycle_sort", N_("Sort"), id="app.sort"),
        Binding("r", "reverse", N_("Reverse"), id="app.reverse"),
        Binding(
            "v", "sort_by('victims')", N_("Sort by victims"), show=False, id="app.sort_victims"
        ),
        Binding(
            "a", "sort_by('arrests')", N_("Sort by arrests"), show=False, id="app.sort_arrests"
        ),
        Binding("n", "sort_by('name')", N_("Sort by name"), show=False, id="app.sort_name"),
        Binding("o", "sort_by('source')", N_("Source order"), show=False, id="app.sort_source"),
        Binding("c", "clear_filter", N_("Clear filter"), show=False, id="app.clear_filter"),
        Binding("m", "map", N_("Map"), show=False, id="app.map"),
        Binding("b", "bars", N_("Bar charts"), show=False, id="app.bars"),
        Binding("i", "about", N_("About"), id="app.about"),
        Binding("S", "sources", N_("Sources"), show=False, id="app.sources"),
        Binding("tab", "focus_next", N_("Next pane"), show=False, id="app.focus_next"),
        Binding(
            "shift+tab", "focus_previous", N_("Previous pane"), show=False, id="app.focus_prev"
        ),
        *CITE_BINDINGS,
    ]
    """App-wide keys: letters and Tab only, which every terminal passes."""

    selected: reactive[State | None] = reactive(None)
    """The highlighted state: the one selection that drives the detail pane."""
    shown_totals: reactive[Totals | None] = reactive(None)
    """Totals of the states the list shows; the footer follows it."""

    def __init__(
        self,
        dataset: Dataset | Sequence[Dataset],
        *,
        theme: str | None = None,
        watchers: Sequence[FileWatcher] = (),
    ) -> None:
        super().__init__()
        self.datasets: list[Dataset] = [dataset] if isinstance(dataset, Dataset) else [*dataset]
        """Every operation loaded (``--data`` given several times); the first is shown."""
        self.current = 0
        """Index in ``datasets`` of the operation shown."""
        self.watchers = tuple(watchers)
        """``--watch``: one per dataset file, polled while the explorer runs."""
        dataset = self.datasets[0]
        self.dataset = dataset
        self.totals = compute_totals(dataset.states)
        self.view = StateView(dataset.states, totals=self.totals)
        install_burst_parser()
        self.keys = KeyRouter(self)
        """Every key from the terminal goes through it: a burst acts as keys one by one."""
        if theme is not None:
            if theme not in self.available_themes:
                names = ", ".join(sorted(self.available_themes))
                raise UnknownThemeError(f"unknown theme '{theme}'; choose one of: {names}")
            self.theme = theme
        if len(self.datasets) > 1:
            # Only then: one dataset keeps today's keys, help and screen.
            self.bind_operation_keys()

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver; on a Linux terminal, one that sends only the cells that changed."""
        return wire_driver(super().get_driver_class())

    def compose(self) -> ComposeResult:
        """List pane and detail pane side by side, totals and keys below."""
        with Horizontal(id="main"):
            with Vertical(id="list-pane"):
                yield FilterBox(self.apply_filter, id="filter")
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
        self._name_operation()
        self.call_after_refresh(self._after_first_frame)
        if self.watchers:
            from tui.live_reload import LiveReload

            LiveReload(self).start()

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
        """The state list widget (on the main screen, even under help or another screen)."""
        return self.main_screen.query_one("#states", StateList)

    @property
    def main_screen(self) -> Screen[object]:
        """The explorer's own screen, at the bottom of the stack (a file can reload under
        help or the operations list: the data changes there, not on the screen on top)."""
        return self.screen_stack[0]

    def _view_changed(self) -> None:
        self.shown_totals = self.view.totals()
        # Short, so that it is never cut: the order is marked in the column header (▲/▼).
        view = self.view
        self.state_list.border_title = (
            _("States · {shown} of {total}").format(
                shown=number(len(view)), total=number(len(view.states))
            )
            if view.query
            else _("States")
        )

    def _name_operation(self) -> None:
        """With several operations, name the one shown under the list."""
        if len(self.datasets) > 1:
            # Dataset text: literal Content, never markup.
            self.state_list.border_subtitle = Content(self.dataset.operation.name)

    def replace_dataset(self, dataset: Dataset, prepared: Prepared | None = None) -> None:
        """Show ``dataset`` instead of the current one, keeping selection, filter and sort.

        The one way the data on screen changes: a watched file saved, another operation
        opened. The highlighted state is kept by its code when the new data has it.
        ``prepared`` (built off the event loop) saves sorting and totalling here.
        """
        old, keep = self.view, self.selected.code if self.selected else None
        if prepared is None or prepared.dataset is not dataset:
            prepared = prepare(dataset, old)
        view = prepared.view
        if (view.sort, view.reverse, view.query) != (old.sort, old.reverse, old.query):
            # The user sorted or filtered while the file was being read.
            view.set_sort(old.sort, old.reverse)
            view.set_query(old.query)
        self.dataset, self.totals, self.view = dataset, prepared.totals, view
        index = next((i for i, s in enumerate(dataset.states) if s.code == keep), None)
        row = None if index is None else view.row_of(index)
        main = self.main_screen
        main.query_one(DetailPane).set_dataset(dataset, self.totals)
        main.query_one(TotalsFooter).set_reconciliation(reconcile(dataset, self.totals))
        self.state_list.set_view(view, row or 0)
        self._view_changed()
        self._name_operation()
        self.selected = self.state_list.highlighted
        self.run_worker(view.warm, name="warm-view", thread=True, exclusive=True)

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

    async def on_event(self, event: events.Event) -> None:
        """Keys from the terminal go through the key router; everything else as usual."""
        if isinstance(event, events.Key) and self.keys.takes(event):
            await self.keys.receive(event)
            return
        await super().on_event(event)

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
    def filter_input(self) -> FilterBox:
        """The filter box (hidden while no filter is being typed or kept)."""
        return self.query_one("#filter", FilterBox)

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

    def action_sort_by(self, key: SortKey) -> None:
        """Sort by ``key``; the same key again reverses the order."""
        if self.view.sort == key:
            self.state_list.change_view(StateView.toggle_reverse)
        else:
            self.action_sort(key)

    def action_cycle_sort(self) -> None:
        """Next order: source → name → victims → arrests."""
        self.state_list.change_view(StateView.cycle_sort)

    def action_reverse(self) -> None:
        """Reverse the current order."""
        self.state_list.change_view(StateView.toggle_reverse)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Sorting and filtering act on the list: not while a chart shows it."""
        return not (action in LIST_ACTIONS and getattr(self.screen, "COVERS_LIST", False))

    async def action_about(self) -> None:
        """Show the operation, the source and the reconciliation."""
        from tui.dialogs.about import AboutScreen

        # Awaited: the key router routes the next key once the dialog is there to take it.
        await self.push_screen(AboutScreen(self.dataset))

    async def action_sources(self) -> None:
        """Show every source and what each gives, state by state."""
        from tui.dataset.agreement import agreement
        from tui.screens.sources import SourcesScreen

        if isinstance(self.screen, SourcesScreen):
            return  # from the palette over the view itself
        # Awaited: the key router routes the next key once the view is there to take it.
        await self.push_screen(SourcesScreen(self.dataset, agreement(self.dataset)))

    async def action_help(self) -> None:
        """Show every key binding."""
        from tui.dialogs.help import HelpScreen
        from tui.screens.bars import BarsScreen
        from tui.screens.map import MapScreen
        from tui.screens.source import SourceScreen
        from tui.screens.sources import SourceList, SourcesScreen
        from tui.widgets.bar_chart import BarChart
        from tui.widgets.grid_table import GridTable
        from tui.widgets.tile_map import TileMap

        # Awaited: the key router routes the next key once the dialog is there to take it.
        await self.push_screen(
            HelpScreen(
                [
                    (N_("Everywhere"), list(self.BINDINGS)),
                    *self.operation_help(),
                    (N_("State list"), list(StateList.BINDINGS)),
                    (N_("Detail pane"), list(DetailPane.BINDINGS)),
                    (N_("Filter box"), list(FilterBox.BINDINGS)),
                    (N_("Map (m)"), [*TileMap.BINDINGS, *MapScreen.BINDINGS]),
                    (N_("Bar chart (b)"), [*BarChart.BINDINGS, *BarsScreen.BINDINGS]),
                    (
                        N_("Sources (S)"),
                        [*SourceList.BINDINGS, *GridTable.BINDINGS, *SourcesScreen.BINDINGS],
                    ),
                    (N_("One source (Enter in Sources)"), list(SourceScreen.BINDINGS)),
                ]
            )
        )

    def action_screenshot_here(self) -> None:
        """Save an SVG of the screen in the current directory (or $XDG_STATE_HOME) and say where."""
        from tui.output.export import ExportError
        from tui.output.screenshot import save_screenshot

        try:
            path = save_screenshot(self.export_screenshot())
        except ExportError as exc:
            self.notify(_("Screenshot not saved: {error}").format(error=exc), severity="error")
        else:
            self.notify(_("Screenshot saved to {path}").format(path=path))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every explorer action in the command palette with its key, plus Textual's own."""
        for binding in self.BINDINGS:
            if not isinstance(binding, Binding) or binding.id not in PALETTE:
                continue
            if binding.id in CHART_IDS and getattr(screen, "COVERS_LIST", False):
                continue
            title, help_text = PALETTE[binding.id]
            key = self.get_key_display(binding)
            yield SystemCommand(
                _("{title} ({key})").format(title=_(title), key=key),
                _("Key {key}: {help}").format(key=key, help=_(help_text)),
                partial(self.call_later, self.run_action, binding.action),
            )
        yield SystemCommand(
            _("Screenshot"),
            _("Save an SVG of the screen in the current directory"),
            self.action_screenshot_here,
        )
        yield from self.operation_commands()
        yield from self.cite_commands()
        # Textual's screenshot goes to ~/Downloads or a browser: neither exists over SSH. Its
        # "Keys" panel lists Textual's keys, not ours, and squeezes the panes: `?` is ours.
        textual = super().get_system_commands(screen)
        yield from localized(c for c in textual if c.title not in ("Screenshot", "Keys"))


PALETTE: dict[str, tuple[str, str]] = {
    "app.sort_victims": (N_("Sort by victims"), N_("most victims first; again: fewest first")),
    "app.sort_arrests": (N_("Sort by arrests"), N_("most arrests first; again: fewest first")),
    "app.sort_name": (N_("Sort by name"), N_("A to Z; again: Z to A")),
    "app.sort_source": (N_("Sort by source order"), N_("the source's order; again: reversed")),
    "app.sort": (N_("Next sort order"), N_("source order, name, victims, arrests")),
    "app.reverse": (N_("Reverse order"), N_("reverse the list's order")),
    "app.filter": (N_("Filter states"), N_("type to narrow the state list")),
    "app.clear_filter": (N_("Clear filter"), N_("show every state")),
    "app.map": (N_("Map"), N_("the states on a US tile-grid map")),
    "app.bars": (N_("Bar charts"), N_("victims and arrests per state, as bars")),
    "app.about": (N_("About"), N_("operation, source, reconciliation, notes")),
    "app.sources": (N_("Sources"), N_("every source, and each one's figures state by state")),
    "app.help": (N_("Help"), N_("every key binding")),
}
"""Palette entries, by binding id: title and help text. Keys and actions come from the bindings."""
CHART_IDS = frozenset({"app.map", "app.bars"})
"""Chart entries, left out of the palette while a chart is shown."""
