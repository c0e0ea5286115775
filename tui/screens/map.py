"""The map screen: the US tile-grid map of the list's states, and the way back to the list."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType

from tui.actions import Scope, bindings
from tui.dataset import Dataset, Metric, State
from tui.dataset.charts import contested_figures, source_line
from tui.dataset.tiles import Tile, start_tile
from tui.dataset.view import StateView
from tui.screens.chart import ChartResult, ChartScreen, code_of, shown_codes
from tui.widgets.key_bar import KeyBar
from tui.widgets.tile_map import TileMap


class MapScreen(ChartScreen):
    """The tile-grid map; m, q or Backspace go back to the list, b to the bar chart."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("map")
    """From the action table: several ways back, so that no one depends on Esc."""

    ACTION_SCOPE: ClassVar[Scope] = "map"

    AUTO_FOCUS = "#map"

    def __init__(
        self, dataset: Dataset, view: StateView, selected: State | None, operation: int = 0
    ) -> None:
        super().__init__()
        self.dataset = dataset
        self.view = view
        self.start: Tile = start_tile(dataset.states, selected)
        self.metric: Metric = "victims_rescued"
        self.operation = operation

    def compose(self) -> ComposeResult:
        """The map, and the keys that work here."""
        states = self.dataset.states
        yield TileMap(
            states,
            shown_codes(self.view),
            self.start,
            source_line(self.dataset),
            on_open=self.open_state,
            contested=contested_figures(self.dataset),
            metric=self.metric,
            id="map",
        )
        yield KeyBar()

    @property
    def tile_map(self) -> TileMap:
        """The map widget."""
        return self.query_one(TileMap)

    async def show_data(self, dataset: Dataset, view: StateView) -> None:
        """Draw the new figures on the same tile and metric."""
        old = self.tile_map
        self.dataset, self.view, self.start, self.metric = dataset, view, old.tile, old.metric
        await self.recompose()
        self.set_focus(self.tile_map)  # now, not deferred: the next key of a burst lands here

    def carried(self) -> State | None:
        """The highlighted state, unless it is outside the operation or filtered out."""
        cell = self.tile_map.highlighted
        return None if cell.hidden else cell.state

    def action_bars(self) -> None:
        """Switch to the bar chart."""
        self.finish(ChartResult(code_of(self.carried()), then="bars"))
