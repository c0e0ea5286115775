"""The Sources view (``S``): every source, and each source's figure for every state.

Top: one row per source (id, publisher, kind, date, address, the pages it was read on), the
highlighted source's address in full below it. Bottom: states × sources for one figure
(victims or arrests, ``v`` switches), then each source's sum over its states and the total it
states; a contested figure's cells carry :data:`CONTESTED_MARK`. Enter on a source shows what it
says, state by state, and its arithmetic (:class:`~tui.screens.source.SourceScreen`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar, Literal

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tui.actions import Scope, bindings
from tui.dataset import Dataset
from tui.dataset.agreement import Agreement, FigureAgreement, FigureSet, agreement
from tui.dataset.totals import KINDS
from tui.i18n import N_, _, number
from tui.screens.live_reload import DatasetReloaded, new_version
from tui.screens.operations import cut
from tui.screens.source import SourceScreen, address, via_line, when
from tui.widgets.figures import CONTESTED_MARK, MISSING
from tui.widgets.grid_table import GridTable
from tui.widgets.key_bar import KeyBar

Figure = Literal["victims_rescued", "arrests"]
FIGURES: tuple[Figure, ...] = ("victims_rescued", "arrests")
"""The figures ``v`` switches between."""
PUBLISHER_WIDTH = 28
"""Cells of the publisher column (cut with an ellipsis; shown whole below the table)."""
FIGURE_TITLES: dict[Figure, str] = {
    "victims_rescued": N_("Victims rescued by state and source"),
    "arrests": N_("Arrests by state and source"),
}


def cell(item: FigureAgreement, source: str) -> Text:
    """One source's value for one figure: the number (``‡`` when contested), or the dash."""
    value = item.value_of(source)
    if value is None:
        return Text(MISSING + " ", style="dim")
    mark = CONTESTED_MARK if item.contested else " "
    return Text(number(value) + mark, style="bold" if item.contested else "")


class SourceList(GridTable):
    """The sources, one per row; Enter opens the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", N_("What it says"), id="sources.open"),
    ]
    """Enter calls ``on_open`` with the cursor's row."""

    def __init__(self, on_open: Callable[[int], Awaitable[None]], *, id: str | None = None):
        super().__init__(id=id)
        self.on_open = on_open

    async def action_open(self) -> None:
        """Open the highlighted source."""
        if self.row_count:
            await self.on_open(self.cursor_row)


class SourcesScreen(ModalScreen[None]):
    """Every source of the dataset and what each gives, state by state."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("sources")
    """From the action table (tui.actions): v, Tab, and several ways back, none only Esc
    (Enter on a source belongs to :class:`SourceList`)."""

    ACTION_SCOPE: ClassVar[Scope] = "sources"
    """Which actions of the table the palette offers over this view."""

    DEFAULT_CSS = """
    SourcesScreen {
        background: $background;
    }
    SourcesScreen GridTable {
        border: round $panel-lighten-2;
        /* No horizontal bar: a row more; ← → scroll, and the subtitle says so. */
        scrollbar-size: 0 1;
    }
    SourcesScreen GridTable:focus {
        border: heavy $accent;
    }
    SourcesScreen #source-list {
        /* Four sources at 80x24; all ten from about 40 lines. */
        height: 1fr;
        min-height: 7;
        max-height: 13;
    }
    SourcesScreen #source-address {
        height: 4;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 1;
    }
    SourcesScreen #source-matrix {
        height: 2fr;
    }
    """

    def __init__(self, dataset: Dataset, found: Agreement, operation: int = 0) -> None:
        super().__init__()
        self.dataset = dataset
        self.found = found
        self.figure: Figure = "victims_rescued"
        self.operation = operation
        """Index of the operation shown in the loaded ones: a reload of another is not ours."""

    def compose(self) -> ComposeResult:
        """The sources, the highlighted one's address, the states × sources table, the keys."""
        sources = SourceList(self.open_source, id="source-list")
        sources.border_title = _("Sources · {n}").format(n=number(len(self.found.sources)))
        sources.border_subtitle = _("* main source · Enter: what it says")
        yield sources
        yield Static(id="source-address")
        matrix = GridTable(id="source-matrix")
        matrix.border_subtitle = _("{mark} contested · — not given · ←→ more").format(
            mark=CONTESTED_MARK
        )
        yield matrix
        yield KeyBar()

    def on_mount(self) -> None:
        """Fill both tables; focus the sources."""
        self._fill_sources()
        self._fill_matrix()
        table = self.query_one("#source-list", GridTable)
        self.set_focus(table)  # now, not deferred: a burst's next key lands here
        self._show_address(0)

    def on_dataset_reloaded(self, message: DatasetReloaded) -> None:
        """``--watch``: the file was saved; both tables show its sources, cursors kept."""
        prepared = new_version(message, self.operation)
        if prepared is None:
            return
        self.dataset, self.found = prepared.dataset, agreement(prepared.dataset)
        sources = self.query_one("#source-list", GridTable)
        sources.border_title = _("Sources · {n}").format(n=number(len(self.found.sources)))
        self._fill_sources()
        self._fill_matrix()
        self._show_address(sources.cursor_row)

    def _fill_sources(self) -> None:
        table = self.query_one("#source-list", GridTable)
        row = table.cursor_row
        table.clear(columns=True)
        main = self.dataset.source.id
        for key, heading in (
            ("id", _("Id")),
            ("publisher", _("Publisher")),
            ("kind", _("Kind")),
            ("date", _("Date")),
            ("address", _("Address")),
            ("via", _("Read via")),
        ):
            table.add_column(Text(heading), key=key)
        for source in self.found.sources:
            # Dataset text: literal Text, never markup.
            table.add_row(
                Text(source.id + (" *" if source.id == main else ""), no_wrap=True),
                Text(cut(source.publisher or MISSING, PUBLISHER_WIDTH), no_wrap=True),
                Text(_(KINDS[source.kind]) if source.kind else MISSING, no_wrap=True),
                Text(when(source.published), no_wrap=True),
                Text(address(source), no_wrap=True),
                Text(via_line(source), no_wrap=True),
                key=source.id,
            )
        table.move_cursor(row=min(row, table.row_count - 1), animate=False)

    def _fill_matrix(self) -> None:
        table = self.query_one("#source-matrix", GridTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.border_title = _(FIGURE_TITLES[self.figure])
        main = self.dataset.source.id
        header = [Text(s.id + ("*" if s.id == main else "")) for s in self.found.sources]
        rows: list[tuple[str, str, str, list[Text]]] = [
            (state.code, state.code, state.name, self._cells(figures))
            for state, figures in zip(self.dataset.states, self.found.states)
        ]
        sums = {c.source: c for c in self.found.sum_checks if c.figure == self.figure}
        sum_cells = [
            Text(MISSING + " ", style="dim")
            if (check := sums.get(s.id)) is None
            else Text(number(check.states_sum) + " ")
            for s in self.found.sources
        ]
        rows.append(("sum", "", _("Sum of its states"), sum_cells))
        rows.append(("stated", "", _("Total it states"), self._cells(self.found.operation)))
        # DataTable draws a cell as given: the figures are right-aligned here, by padding.
        for i, heading in enumerate(header):
            width = max(cell_len(heading.plain), *(cell_len(r[3][i].plain) for r in rows))
            for text in (heading, *(r[3][i] for r in rows)):
                text.pad_left(width - cell_len(text.plain))
        table.add_column(Text(_("Code")), key="code")
        table.add_column(Text(_("State")), key="state")
        for source, heading in zip(self.found.sources, header):
            table.add_column(heading, key=source.id)
        table.fixed_columns = 2
        for key, code, name, cells in rows:
            # Dataset text: literal Text, never markup.
            table.add_row(
                Text(code, style="dim", no_wrap=True), Text(name, no_wrap=True), *cells, key=key
            )
        table.move_cursor(row=min(row, table.row_count - 1), animate=False)

    def _cells(self, figures: FigureSet) -> list[Text]:
        """Each source's value of the shown figure."""
        item = figures.figure(self.figure)
        return [cell(item, source.id) for source in self.found.sources]

    def _show_address(self, row: int) -> None:
        """The highlighted source: publisher, kind, date, where it was read, then its address
        on three lines of its own (in full up to 234 characters; every address is in the table
        and in Enter's view)."""
        source = self.found.sources[row]
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(source.publisher or source.id, style="bold")
        text.append(" · ")
        text.append(_(KINDS[source.kind]) if source.kind else MISSING)
        text.append(" · ")
        text.append(when(source.published))
        via = via_line(source)
        if via:
            text.append(" · ")
            text.append(_("read via: "), style="bold")
            text.append(via)
        width = max(1, self.query_one("#source-address", Static).content_region.width or 78)
        link = address(source)
        lines = [link[i : i + width] for i in range(0, len(link), width)] or [""]
        if len(lines) > 3:
            lines = [*lines[:2], lines[2][: width - 1] + "…"]
        info = self.query_one("#source-address", Static)
        info.update(Text("\n").join([text, *(Text(line, no_wrap=True) for line in lines)]))

    def on_resize(self) -> None:
        """The address is cut to the width: cut it again."""
        self._show_address(self.query_one("#source-list", GridTable).cursor_row)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Follow the sources' cursor with the address line."""
        if event.data_table.id == "source-list":
            self._show_address(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """A click on a row selects nothing more than the cursor shows."""
        event.stop()

    async def open_source(self, row: int) -> None:
        """Show what source ``row`` says, state by state, and its arithmetic."""
        source = self.found.sources[row]
        # Awaited: the next key of a burst must reach the new dialog.
        await self.app.push_screen(
            SourceScreen(self.dataset, self.found, source.id, self.operation)
        )

    def action_focus_next(self) -> None:
        """Tab: the other table."""
        self.focus_next()

    def action_focus_previous(self) -> None:
        """Shift+Tab: the other table."""
        self.focus_previous()

    def action_figure(self) -> None:
        """Show the other figure (victims, arrests) in the states × sources table."""
        self.figure = FIGURES[(FIGURES.index(self.figure) + 1) % len(FIGURES)]
        self._fill_matrix()

    def action_close(self) -> None:
        """Back to the explorer."""
        self.dismiss(None)
