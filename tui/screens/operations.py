"""The operations list (``O``): every operation loaded, its date, states and totals."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import DataTable

from tui.dataset import Dataset, compute_totals
from tui.i18n import N_, _, date, number
from tui.screens.live_reload import DatasetInvalid, DatasetReloaded
from tui.widgets.key_bar import KeyBar

MISSING = "—"


def cut(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells, an ellipsis marking the cut."""
    return text if cell_len(text) <= width else set_cell_size(text, width - 1) + "…"


def aligned(
    header: Sequence[str], rows: Sequence[Sequence[str]], right: int, widest: int = 32
) -> list[list[str]]:
    """Pad every cell to its column's width in terminal cells (wide characters count two),
    cutting any cell wider than ``widest``; columns from index ``right`` on align right.

    DataTable draws a cell as it is given: the alignment is done here, on the text. A name
    may be 10,000 characters long: cut, the figures stay on an 80-column screen.
    """
    table = [[cut(cell, widest) for cell in row] for row in (header, *rows)]
    widths = [max(cell_len(row[i]) for row in table) for i in range(len(header))]
    out = []
    for row in table:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - cell_len(cell))
            cells.append(pad + cell if i >= right else cell + pad)
        out.append(cells)
    return out


def figure(value: int | None) -> str:
    """A total, or a dash when no state reports the figure."""
    return MISSING if value is None else number(value)


def operation_row(dataset: Dataset, current: bool, broken: bool = False) -> list[str]:
    """One operation's cells: marks, name, date, states, victims and arrests.

    ``▶`` marks the operation shown; ``⚠`` one whose file is invalid since its last good
    version (watching), which is the version listed.
    """
    totals = compute_totals(dataset.states)
    victims, arrests = totals["victims_rescued"], totals["arrests"]
    announced = dataset.operation.announced
    return [
        ("▶" if current else " ") + ("⚠" if broken else ""),
        dataset.operation.name,
        date(announced) if announced else MISSING,
        number(totals.states),
        figure(victims.total if victims.reporting else None),
        figure(arrests.total if arrests.reporting else None),
    ]


class OperationsScreen(ModalScreen["int | None"]):
    """Pick an operation: Enter opens it, q / Backspace / Esc go back without changing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", N_("Open"), id="operations.open"),
        Binding("q,backspace,escape", "close", N_("Back"), id="operations.close"),
        Binding("k", "move(-1)", N_("Up"), show=False, id="operations.up"),
        Binding("j", "move(1)", N_("Down"), show=False, id="operations.down"),
    ]
    """Arrows, j/k and Enter; several ways back, so none depends on Esc."""

    DEFAULT_CSS = """
    OperationsScreen {
        background: $background;
    }
    OperationsScreen DataTable {
        height: 1fr;
        border: heavy $accent;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(
        self,
        datasets: Sequence[Dataset],
        current: int,
        invalid: Callable[[], Collection[int]] = frozenset,
    ) -> None:
        super().__init__()
        self.datasets = datasets
        self.current = current
        self.invalid = invalid
        """Indices of the operations whose file is invalid now (asked at each redraw)."""

    def compose(self) -> ComposeResult:
        """The table of operations, and the key bar."""
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=False, id="ops")
        table.border_title = _("Operations")
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        """Fill the table; the cursor starts on the operation shown."""
        self._fill()
        table = self.query_one(DataTable)
        table.move_cursor(row=self.current, animate=False)
        self.set_focus(table)  # now, not deferred: a burst's next key lands here

    def on_dataset_reloaded(self, message: DatasetReloaded) -> None:
        """A watched file was reloaded: show its new name and totals, the cursor where it was."""
        self._refill()

    def on_dataset_invalid(self, message: DatasetInvalid) -> None:
        """A watched file turned invalid: mark its row."""
        self._refill()

    def _refill(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        self._fill()
        table.move_cursor(row=row, animate=False)

    def _fill(self) -> None:
        """One row per operation, columns aligned."""
        table = self.query_one(DataTable)
        table.clear(columns=True)
        headings = ("", _("Operation"), _("Announced"), _("States"), _("Victims"), _("Arrests"))
        broken = self.invalid()
        rows = [
            operation_row(d, i == self.current, i in broken) for i, d in enumerate(self.datasets)
        ]
        table.border_subtitle = (
            _("⚠ file not valid: its last good version · Enter: open · q: back")
            if broken
            else _("Enter: open · q: back")
        )
        header, *cells = aligned(headings, rows, right=3)
        for i, heading in enumerate(header):
            table.add_column(Text(heading), key=str(i))
        for i, row in enumerate(cells):
            # Operation names are dataset text: Text, never markup.
            table.add_row(*(Text(cell, no_wrap=True) for cell in row), key=str(i))

    def action_move(self, step: int) -> None:
        """Move the cursor (j / k)."""
        table = self.query_one(DataTable)
        table.move_cursor(row=table.cursor_row + step, animate=False)

    def action_open(self) -> None:
        """Open the highlighted operation."""
        self.dismiss(self.query_one(DataTable).cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click) on a row opens it."""
        event.stop()
        self.dismiss(event.cursor_row)

    def action_close(self) -> None:
        """Back to the explorer, unchanged."""
        self.dismiss(None)
