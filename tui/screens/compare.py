"""The compare view (``C``): two operations side by side, state by state."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.dataset import Dataset, compute_totals
from tui.i18n import N_, _, number
from tui.screens.live_reload import DatasetReloaded
from tui.widgets.compare_table import MISSING, CompareTable
from tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from tui.widgets.compare_table import Pair


def compare_rows(left: Dataset, right: Dataset) -> list[Pair]:
    """(left state, right state) for every state of either operation, matched by code.

    The left operation's order first, then the right one's other states in its order.
    """
    right_by_code = {s.code: s for s in right.states}
    left_codes = {s.code for s in left.states}
    rows: list[Pair] = [(s, right_by_code.get(s.code)) for s in left.states]
    rows += [(None, s) for s in right.states if s.code not in left_codes]
    return rows


class CompareScreen(ModalScreen[None]):
    """The shown operation (A) against another (B); Tab picks another B."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "other(1)", N_("Next B"), key_display="Tab", id="compare.next"),
        Binding("shift+tab", "other(-1)", N_("Previous B"), show=False, id="compare.previous"),
        Binding("q,backspace,escape", "close", N_("Back"), id="compare.close"),
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
    CompareScreen CompareTable {
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
        table = CompareTable(id="compare")
        table.border_title = _("Compare: A against B")
        table.border_subtitle = _("—: not reported  ·: not in that operation")
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        """Fill the table for the first pair."""
        self._fill()
        self.set_focus(self.query_one(CompareTable))  # now: a burst's next key lands here

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
        totals: list[str] = [_("Total")]
        for t in (compute_totals(left.states), compute_totals(right.states)):
            for item in (t["victims_rescued"], t["arrests"]):
                totals.append(number(item.total) if item.reporting else MISSING)
        headings = (
            _("Code"),
            _("State"),
            _("A victims"),
            _("A arrests"),
            _("B victims"),
            _("B arrests"),
        )
        self.query_one(CompareTable).show(headings, compare_rows(left, right), totals)

    def on_dataset_reloaded(self, message: DatasetReloaded) -> None:
        """A watched file was reloaded: show the new figures (the cursor stays)."""
        self._fill()

    def action_other(self, step: int) -> None:
        """Compare with the next (or previous) other operation."""
        n = len(self.datasets)
        right = (self.right + step) % n
        if right == self.left:
            right = (right + step) % n
        if right != self.right:
            self.right = right
            self._fill()

    def action_close(self) -> None:
        """Back to the explorer."""
        self.dismiss(None)
