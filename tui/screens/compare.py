"""The compare view (``C``): two operations side by side, state by state."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tui.dataset import Dataset, State, compute_totals
from tui.i18n import N_, _, number
from tui.screens.operations import aligned
from tui.widgets.key_bar import KeyBar

MISSING = "—"
"""The operation has the state but does not report the figure."""
ABSENT = "·"
"""The state is not part of that operation."""


def _cell(state: State | None, value: int | None) -> str:
    """A figure, ``—`` when not reported, ``·`` when the state is not in the operation."""
    if state is None:
        return ABSENT
    return MISSING if value is None else number(value)


if TYPE_CHECKING:
    Pair = tuple[State | None, State | None]

COLUMN_KEYS = ("code", "name", "a-v", "a-a", "b-v", "b-a")


def _style(cell: str) -> str:
    """Dim the marks for *not reported* and *not in the operation*."""
    return "dim" if cell.strip() in (MISSING, ABSENT) else ""


def compare_rows(left: Dataset, right: Dataset) -> list[tuple[str, str, Pair]]:
    """(code, name, (left state, right state)) for every state of either operation.

    The left operation's order first, then the right one's other states in its order.
    """
    right_by_code = {s.code: s for s in right.states}
    left_codes = {s.code for s in left.states}
    rows: list[tuple[str, str, Pair]] = [
        (s.code, s.name, (s, right_by_code.get(s.code))) for s in left.states
    ]
    rows += [(s.code, s.name, (None, s)) for s in right.states if s.code not in left_codes]
    return rows


class CompareScreen(ModalScreen[None]):
    """The shown operation (A) against another (B); Tab picks another B."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "other(1)", N_("Next B"), key_display="Tab", id="compare.next"),
        Binding("shift+tab", "other(-1)", N_("Previous B"), show=False, id="compare.previous"),
        Binding("q,backspace,escape", "close", N_("Back"), id="compare.close"),
        Binding("k", "move(-1)", N_("Up"), show=False, id="compare.up"),
        Binding("j", "move(1)", N_("Down"), show=False, id="compare.down"),
    ]
    """Tab cycles the operation compared with; several ways back, none only Esc."""

    DEFAULT_CSS = """
    CompareScreen {
        background: $background;
    }
    CompareScreen #compare-names {
        height: auto;
        padding: 0 1;
        background: $panel;
    }
    CompareScreen DataTable {
        height: 1fr;
        border: heavy $accent;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, datasets: Sequence[Dataset], current: int) -> None:
        super().__init__()
        self.datasets = datasets
        self.left = current
        self.right = (current + 1) % len(datasets)

    def compose(self) -> ComposeResult:
        """Which operations are compared, the table, and the key bar."""
        yield Static(id="compare-names")
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=False, id="compare")
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        """Fill the table for the first pair."""
        self._fill()
        self.query_one(DataTable).focus()

    def _fill(self) -> None:
        """Show the current pair: names above, one row per state, totals last."""
        left, right = self.datasets[self.left], self.datasets[self.right]
        self.query_one("#compare-names", Static).update(
            # Operation names are dataset text: literal Content, never markup.
            Content.assemble(
                ("A ", "bold"),
                left.operation.name,
                "\n",
                ("B ", "bold"),
                right.operation.name,
            )
        )
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.border_title = _("Compare: A against B")
        table.border_subtitle = _("—: not reported  ·: not in that operation")
        headings = (
            _("Code"),
            _("State"),
            _("A victims"),
            _("A arrests"),
            _("B victims"),
            _("B arrests"),
        )
        pairs = compare_rows(left, right)
        rows = [
            [
                code,
                name,
                _cell(a, a.victims_rescued if a else None),
                _cell(a, a.arrests if a else None),
                _cell(b, b.victims_rescued if b else None),
                _cell(b, b.arrests if b else None),
            ]
            for code, name, (a, b) in pairs
        ]
        total = ["", _("Total")]
        for t in (compute_totals(left.states), compute_totals(right.states)):
            for item in (t["victims_rescued"], t["arrests"]):
                total.append(number(item.total) if item.reporting else MISSING)
        header, *cells = aligned(headings, [*rows, total], right=2, widest=24)
        for i, heading in enumerate(header):
            table.add_column(Text(heading), key=COLUMN_KEYS[i])
        # State names and codes are dataset text: Text, never markup.
        for i, (code, _name, _pair) in enumerate(pairs):
            table.add_row(*(Text(c, style=_style(c)) for c in cells[i]), key=code)
        table.add_row(*(Text(c, style="bold") for c in cells[-1]), key="#total")

    def datasets_changed(self) -> None:
        """A watched file was reloaded: show the new figures, the cursor where it was."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        self._fill()
        table.move_cursor(row=row, animate=False)

    def action_other(self, step: int) -> None:
        """Compare with the next (or previous) other operation."""
        n = len(self.datasets)
        right = (self.right + step) % n
        if right == self.left:
            right = (right + step) % n
        if right != self.right:
            self.right = right
            self._fill()

    def action_move(self, step: int) -> None:
        """Move the cursor (j / k)."""
        table = self.query_one(DataTable)
        table.move_cursor(row=table.cursor_row + step, animate=False)

    def action_close(self) -> None:
        """Back to the explorer."""
        self.dismiss(None)
