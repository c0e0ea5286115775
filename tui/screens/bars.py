"""The bar-chart screen: victims and arrests of the listed states, in the list's order."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui.dataset import Dataset, State
from tui.dataset.charts import BarScale, source_line
from tui.dataset.view import StateView
from tui.i18n import N_, _
from tui.screens.map import ChartResult
from tui.widgets.bar_chart import BarChart
from tui.widgets.key_bar import KeyBar


class BarsScreen(Screen[ChartResult]):
    """The bar chart; b, q or Backspace go back to the list, m to the map."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b,q,backspace,escape", "close", N_("Back to the list"), id="bars.close"),
        Binding("m", "map", N_("Map"), id="bars.map"),
    ]
    """Several ways back, so that no one depends on Esc."""

    AUTO_FOCUS = "#bars"
    COVERS_LIST = True
    """The explorer's sort and filter keys are off here (see UnitedFrontApp.check_action)."""

    def __init__(self, dataset: Dataset, view: StateView, selected: State | None) -> None:
        super().__init__()
        self.dataset = dataset
        self.rows = [view.state_at(row) for row in range(len(view))]
        self.order = view.title
        self.selected = selected

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
            id="bars",
        )
        yield KeyBar()

    def _carried(self) -> State | None:
        return self.query_one(BarChart).highlighted

    def on_bar_chart_opened(self, message: BarChart.Opened) -> None:
        """Enter on a state: back to the explorer, in that state's details."""
        self.dismiss(ChartResult(message.state, open=True))

    def action_close(self) -> None:
        """Back to the list, the chart's highlight becoming the list's selection."""
        self.dismiss(ChartResult(self._carried()))

    def action_map(self) -> None:
        """Switch to the map."""
        self.dismiss(ChartResult(self._carried(), then="map"))
