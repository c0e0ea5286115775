"""The bar-chart screen: victims and arrests of the listed states, in the list's order."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType

from tui.actions import Scope, bindings
from tui.dataset import Dataset, State
from tui.dataset.charts import BarScale, contested_figures, source_line
from tui.dataset.view import StateView
from tui.i18n import _
from tui.screens.chart import ChartResult, ChartScreen, code_of
from tui.widgets.bar_chart import BarChart
from tui.widgets.key_bar import KeyBar


class BarsScreen(ChartScreen):
    """The bar chart; b, q or Backspace go back to the list, m to the map."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("bars")
    """From the action table: several ways back, so that no one depends on Esc."""

    ACTION_SCOPE: ClassVar[Scope] = "bars"

    AUTO_FOCUS = "#bars"

    def __init__(
        self, dataset: Dataset, view: StateView, selected: State | None, operation: int = 0
    ) -> None:
        super().__init__()
        self.dataset = dataset
        self.rows = [view.state_at(row) for row in range(len(view))]
        self.order = view.title
        self.selected = selected
        self.operation = operation

    def compose(self) -> ComposeResult:
        """The chart, and the keys that work here."""
        start = self.rows.index(self.selected) if self.selected in self.rows else 0
        title = _("Victims rescued and arrests by state · {order}").format(order=self.order)
        yield BarChart(
            self.rows,
            BarScale.of(self.dataset.states),
            title,
            source_line(self.dataset),
            start,
            on_open=self.open_state,
            marked=bool(self.dataset.reported.victims_note),
            contested=contested_figures(self.dataset),
            id="bars",
        )
        yield KeyBar()

    async def show_data(self, dataset: Dataset, view: StateView) -> None:
        """Draw the new figures with the same state highlighted (by its code)."""
        keep = code_of(self.carried())
        self.dataset = dataset
        self.rows = [view.state_at(row) for row in range(len(view))]
        self.order = view.title
        self.selected = next((s for s in self.rows if s.code == keep), None)
        await self.recompose()
        self.set_focus(self.query_one(BarChart))  # now: the next key of a burst lands here

    def carried(self) -> State | None:
        """The highlighted row's state."""
        return self.query_one(BarChart).highlighted

    def action_map(self) -> None:
        """Switch to the map."""
        self.finish(ChartResult(code_of(self.carried()), then="map"))
