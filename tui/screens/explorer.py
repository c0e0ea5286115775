"""The explorer screen: state list, detail pane, totals footer and key bar over one operation.

It owns the list's actions (sort, filter, open, cite, export, charts, operations, compare).
Its bindings are inactive while another screen is on top: a chart or a dialog needs no flag
to switch them off. The one selection (:attr:`ExplorerScreen.selected`) drives the detail
pane; the totals footer follows :attr:`ExplorerScreen.shown_totals`.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

from tui.actions import Scope, bindings
from tui.dataset import Dataset, State, Totals, compute_totals, reconcile
from tui.dataset.text import printable_path
from tui.dataset.view import SortKey, StateView, display_name
from tui.i18n import _, number
from tui.screens.loaded import Loaded
from tui.widgets import DetailPane, KeyBar, StateList, TotalsFooter
from tui.widgets.filter_box import FilterBox
from tui.widgets.totals_footer import contested_totals

if TYPE_CHECKING:
    # What only --watch, a reload or a chart needs is imported there, not at every start-up.
    from tui.dataset.watch import Prepared
    from tui.screens.chart import ChartResult
    from tui.screens.live_reload import DatasetInvalid, DatasetReloaded, LiveReload

NARROW = 70
"""Below this many columns the detail pane hides behind Enter."""


class ExplorerScreen(Screen[None]):
    """Read, sort, filter and check one operation's figures state by state."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("explorer")
    """From the action table (tui.actions): letters only, which every terminal passes."""

    ACTION_SCOPE: ClassVar[Scope] = "explorer"
    """Which actions of the table the palette offers over this screen."""

    AUTO_FOCUS = "#states"

    selected: reactive[State | None] = reactive(None)
    """The highlighted state: the one selection that drives the detail pane."""
    shown_totals: reactive[Totals | None] = reactive(None)
    """Totals of the states the list shows; the footer follows it."""

    def __init__(self, loaded: Loaded) -> None:
        super().__init__()
        self.loaded = loaded
        self.dataset = loaded.dataset
        self.totals = compute_totals(self.dataset.states)
        self.view = StateView(self.dataset.states, totals=self.totals)
        self.copied: tuple[str, str] | None = None
        """The last text copied, with the title to show it under."""
        self.live_reload: LiveReload | None = None
        """``--watch``: what polls the files (None without it)."""

    def compose(self) -> ComposeResult:
        """List pane and detail pane side by side, totals and keys below."""
        with Horizontal(id="main"):
            with Vertical(id="list-pane"):
                yield FilterBox(self.apply_filter, id="filter")
                yield StateList(self.view, on_open=self.open_detail, id="states")
            # Bound to `selected` once the first frame is drawn (see `app_ready`).
            yield DetailPane(self.dataset, self.totals, id="detail")
        yield TotalsFooter(
            reconcile(self.dataset, self.totals),
            victims_marked=bool(self.dataset.reported.victims_note),
            contested=contested_totals(self.dataset),
            id="totals",
        ).data_bind(shown=ExplorerScreen.shown_totals)
        yield KeyBar()

    def on_mount(self) -> None:
        """Draw the list and totals first; the details follow right after the first frame."""
        # Focus now, not when the screen is shown (AUTO_FOCUS): a key typed at start-up lands
        # on the list (unless a key already moved focus, e.g. `/` to the filter box).
        if self.focused is None:
            self.set_focus(self.state_list)
        self._view_changed()
        self._name_operation()
        if self.loaded.watchers:
            from tui.screens.live_reload import LiveReload

            self.live_reload = LiveReload(self, self.loaded, lambda: self.view)
            self.live_reload.start()

    def app_ready(self) -> None:
        """Textual is ready (the app calls this): once the first frame is drawn, fill the
        detail pane and warm the view up."""
        # Not from on_mount: that runs inside Textual's start-up batch, where "after the
        # refresh" comes before any frame is drawn.
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        # The list is what a user reads first; the detail pane's text takes a Rich render and
        # a layout pass, so it arrives a frame later instead of delaying the first one.
        if self.selected is None:
            self.selected = self.state_list.highlighted
        self.query_one(DetailPane).data_bind(selected=ExplorerScreen.selected)
        # Everything alive now lives until exit: keep the collector from rescanning it (at
        # 100,000 rows a full collection would pause typing for 100 ms).
        gc.freeze()
        # Search keys and figure columns for the first filter or sort, off the event loop.
        self.run_worker(self.view.warm, name="warm-view", thread=True, exclusive=True)

    @property
    def state_list(self) -> StateList:
        """The state list widget."""
        return self.query_one("#states", StateList)

    @property
    def filter_input(self) -> FilterBox:
        """The filter box (hidden while no filter is being typed or kept)."""
        return self.query_one("#filter", FilterBox)

    @property
    def victims_note(self) -> str | None:
        """What the source's victims total counts, when the dataset qualifies it."""
        return self.dataset.reported.victims_note

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
        if self.loaded.several:
            # Dataset text: literal Content, never markup.
            self.state_list.border_subtitle = Content(self.dataset.operation.name)

    def replace_dataset(self, dataset: Dataset, prepared: Prepared | None = None) -> None:
        """Show ``dataset`` instead of the current one, keeping selection, filter and sort.

        The one way the data on screen changes: a watched file saved, another operation
        opened. The highlighted state is kept by its code when the new data has it.
        ``prepared`` (built off the event loop) saves sorting and totalling here.
        """
        from tui.dataset.watch import prepare

        old, keep = self.view, self.selected.code if self.selected else None
        if prepared is None or prepared.dataset is not dataset:
            prepared = prepare(dataset, old)
        view = prepared.view
        if (view.sort, view.reverse, view.query) != (old.sort, old.reverse, old.query):
            # The user sorted or filtered while the file was being read.
            view.set_sort(old.sort, old.reverse)
            view.set_query(old.query)
        self.dataset, self.totals, self.view = dataset, prepared.totals, view
        self.query_one(DetailPane).set_dataset(dataset, self.totals)
        footer = self.query_one(TotalsFooter)
        footer.victims_marked = bool(dataset.reported.victims_note)
        footer.contested = contested_totals(dataset)
        footer.set_reconciliation(reconcile(dataset, self.totals))
        self.state_list.set_view(view, self.row_of_code(keep) or 0)
        self._view_changed()
        self._name_operation()
        self.selected = self.state_list.highlighted
        self.run_worker(view.warm, name="warm-view", thread=True, exclusive=True)

    def row_of_code(self, code: str | None) -> int | None:
        """The list's row of the state with ``code`` (None: not in the data or filtered out).

        A state's identity across reloads and operations is its code, never the object.
        """
        index = next((i for i, s in enumerate(self.dataset.states) if s.code == code), None)
        return None if index is None else self.view.row_of(index)

    # -- messages -------------------------------------------------------------------------

    def on_state_list_highlighted(self, message: StateList.Highlighted) -> None:
        """Follow the list's cursor."""
        self.selected = message.state

    def on_state_list_view_changed(self, message: StateList.ViewChanged) -> None:
        """Sort or filter changed: update totals and the pane title."""
        self._view_changed()

    def on_dataset_reloaded(self, message: DatasetReloaded) -> None:
        """A watched file's new version: show it if it is the operation shown."""
        if message.index == self.loaded.current:
            self.replace_dataset(self.loaded.datasets[message.index], message.prepared)
        self._set_problems(message.path, ())

    def on_dataset_invalid(self, message: DatasetInvalid) -> None:
        """A watched file's new version is invalid: list why, keep the last good data."""
        self._set_problems(message.path, message.problems)

    def _set_problems(self, path: str, problems: object) -> None:
        from tui.widgets.problems_panel import ProblemsPanel

        found = self.query(ProblemsPanel)
        panel = found.first() if found else None
        if problems:
            if panel is None:
                panel = ProblemsPanel(id="problems")
                self.mount(panel, before=self.query_one("#totals"))
            panel.set_problems(path, problems)  # type: ignore[arg-type]
        elif panel is not None:
            panel.set_problems(path, ())
            if not panel.problems:
                panel.remove()

    def on_resize(self, event: events.Resize) -> None:
        """Collapse the detail pane behind Enter on narrow terminals."""
        self.set_class(event.size.width < NARROW, "-narrow")

    # -- the list -------------------------------------------------------------------------

    def open_detail(self) -> None:
        """Enter on a state: move into the detail pane (shown on its own when narrow)."""
        self.add_class("-show-detail")
        self._focus(self.query_one(DetailPane))

    def apply_filter(self, query: str) -> None:
        """Narrow the list to states whose name or code contains ``query``."""
        if query != self.view.query:
            self.state_list.change_view(lambda view: view.set_query(query))

    def _focus(self, widget: Widget) -> None:
        # Focus now, not after the queued keys (Widget.focus defers): keys typed right after
        # Enter or / must land in the widget the user just moved to.
        self.set_focus(widget)

    def action_focus_list(self) -> None:
        """Focus the state list (leaving the filter or the detail pane)."""
        self.remove_class("-show-detail")
        if not self.view.query:
            self.filter_input.display = False
        self._focus(self.state_list)

    def action_filter(self) -> None:
        """Open (or return to) the filter box over the list."""
        self.remove_class("-show-detail")
        box = self.filter_input
        box.display = True
        self._focus(box)

    def action_clear_filter(self) -> None:
        """Show every state again, back on the list (and out of the details when narrow)."""
        box = self.filter_input
        box.value = ""
        box.display = False
        if self.view.query:
            self.state_list.change_view(lambda view: view.set_query(""))
        # The list is where focus goes: the list must be shown, even at a narrow width where
        # the detail pane was alone on screen (it would leave focus on a hidden widget).
        self.action_focus_list()

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

    # -- sources --------------------------------------------------------------------------

    async def action_sources(self) -> None:
        """Show every source and what each gives, state by state."""
        from tui.dataset.agreement import agreement
        from tui.screens.sources import SourcesScreen

        # Awaited: the next key of a burst goes to the view once it is there to take it.
        sources = SourcesScreen(self.dataset, agreement(self.dataset), self.loaded.current)
        await self.app.push_screen(sources)

    # -- charts ---------------------------------------------------------------------------

    async def action_map(self) -> None:
        """Show the states on the US tile-grid map."""
        await self.show_chart("map")

    async def action_bars(self) -> None:
        """Show the listed states as bar charts."""
        await self.show_chart("bars")

    async def show_chart(self, kind: Literal["map", "bars"]) -> None:
        """Push the ``kind`` chart of the list's rows, starting on the list's highlighted state."""
        from tui.screens.bars import BarsScreen
        from tui.screens.map import MapScreen

        screen = MapScreen if kind == "map" else BarsScreen
        # The list's own highlight, not `selected`: that follows it by a message, a key later.
        start = self.state_list.highlighted
        # Awaiting the mount: keys of the same burst must reach the chart, not a blank screen.
        chart = screen(self.dataset, self.view, start, self.loaded.current)
        await self.app.push_screen(chart, self.chart_closed)

    async def chart_closed(self, result: ChartResult | None) -> None:
        """Back from a chart: its highlight becomes the list's selection; then details or a
        chart. The state is found by its code: the data may have been reloaded meanwhile."""
        if result is None:
            return
        row = self.row_of_code(result.code)
        if row is not None:
            self.state_list.cursor = row
        if result.open:
            self.open_detail()
        elif result.then is not None:
            await self.show_chart(result.then)

    # -- several operations ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``O`` and ``C`` exist only with several operations (no key, no hint otherwise)."""
        if action in ("operations", "compare"):
            return self.loaded.several
        return True

    def show_operation(self, index: int) -> None:
        """Open operation ``index`` of the loaded ones (keeping selection, filter and sort)."""
        if index != self.loaded.current:
            self.loaded.current = index
            self.replace_dataset(self.loaded.datasets[index])

    async def action_operations(self) -> None:
        """List the operations loaded; Enter opens one."""
        from tui.screens.operations import OperationsScreen

        screen = OperationsScreen(
            self.loaded.datasets, self.loaded.current, self.loaded.invalid_indices
        )
        await self.app.push_screen(screen, self._chosen)

    def _chosen(self, index: int | None) -> None:
        """The operations list closed: open the operation picked, if any."""
        if index is not None:
            self.show_operation(index)

    async def action_compare(self) -> None:
        """Two operations side by side, state by state."""
        from tui.screens.compare import CompareScreen

        if self.loaded.several:
            await self.app.push_screen(CompareScreen(self.loaded.datasets, self.loaded.current))

    # -- citing and exporting -------------------------------------------------------------
    # Copying uses OSC 52 (App.copy_to_clipboard), which travels over SSH and through tmux
    # (`set-clipboard on`) but cannot report whether the terminal accepted it: the notification
    # says so and points to the "show the copied text" dialog, which is also in the palette.

    def _copy(self, text: str, title: str, copied: str) -> None:
        """Send ``text`` with OSC 52; say so (``copied``: a sentence, markup escaped)."""
        self.app.copy_to_clipboard(text)
        self.copied = (text, title)
        self.notify(
            copied
            + " "
            + _(
                "If it is not there, [@click=screen.show_copied]show the text[/] "
                "(or Ctrl+P: “Show the copied text”)."
            ),
            title=_("Copied"),
        )

    def action_cite_state(self) -> None:
        """Copy a Markdown citation of the highlighted state."""
        from textual.markup import escape

        from tui.output.cite import state_citation

        # The list's cursor, not `selected`: that one follows a message later, and `y` may come
        # in the same burst as the keys that moved the cursor.
        state = self.state_list.highlighted
        if state is None:
            self.notify(_("No state is highlighted: nothing to cite."), severity="warning")
            return
        title = _("Citation: {state}").format(state=display_name(state))
        # The name is data: escaped, so it cannot make markup in the notification.
        copied = _("Citation of {state} copied to the clipboard (OSC 52).").format(
            state=escape(display_name(state))
        )
        self._copy(state_citation(self.dataset, state), title, copied)

    def action_cite_table(self) -> None:
        """Copy the shown table (its filter and order) as Markdown."""
        from tui.output.cite import table_markdown

        if not len(self.view):
            self.notify(_("No state is shown: nothing to copy."), severity="warning")
            return
        table = table_markdown(self.dataset, self.view)
        copied = _("The shown table copied to the clipboard (OSC 52).")
        self._copy(table, _("The shown table"), copied)

    async def action_show_copied(self) -> None:
        """Show the last copied text, to select it by hand."""
        from tui.dialogs.copied_text import CopiedTextScreen

        if self.copied is None:
            self.notify(_("Nothing copied yet: y copies a citation, Y the table."))
            return
        text, title = self.copied
        # Awaited: the next key of a burst goes to the dialog once it is there to take it.
        await self.app.push_screen(CopiedTextScreen(text, title))

    async def action_export_view(self) -> None:
        """Ask for a format and a path, then write the current view."""
        from tui.dialogs.export_dialog import ExportDialog

        def done(written: str | None) -> None:
            if written is None:
                return
            # A path is data: no markup from it, and its control characters made visible.
            if self.app.is_web:
                message = _("Sent {name} to your browser.").format(name=printable_path(written))
            else:
                message = _("Wrote {path}").format(path=printable_path(written))
            self.notify(message, title=_("Exported"), markup=False)

        # Awaited: the next key of a burst goes to the dialog once it is there to take it.
        await self.app.push_screen(ExportDialog(self.dataset, self.view), done)


__all__ = ["NARROW", "ExplorerScreen"]
