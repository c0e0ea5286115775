"""The map screen: the US tile-grid map of the list's states, and the way back to the list."""

from __future__ import annotations

from typing import ClassVar, Literal, NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui.dataset import Dataset, State
from tui.dataset.charts import source_line
from tui.dataset.tiles import start_tile
from tui.dataset.view import StateView
from tui.i18n import N_
from tui.widgets.key_bar import KeyBar
from tui.widgets.tile_map import TileMap


class ChartResult(NamedTuple):
    """What a chart screen hands back to the explorer when it closes."""

    state: State | None
    """The state to highlight in the list (None: keep the list's selection)."""
    open: bool = False
    """True to open that state's detail pane."""
    then: Literal["map", "bars"] | None = None
    """Another chart to show next."""


def shown_codes(view: StateView) -> set[str] | None:
    """Codes of the states the list's filter shows (None when nothing is filtered)."""
    if not view.filtered:
        return None
    return {view.state_at(row).code for row in range(len(view))}


class MapScreen(Screen[ChartResult]):
    """The tile-grid map; m, q or Backspace go back to the list, b to the bar chart."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m,q,backspace,escape", "close", N_("Back to the list"), id="map.close"),
        Binding("b", "bars", N_("Bars"), id="map.bars"),
    ]
    """Several ways back, so that no one depends on Esc."""

    AUTO_FOCUS = "#map"
    COVERS_LIST = True
    """The explorer's sort and filter keys are off here (see UnitedFrontApp.check_action)."""

    def __init__(self, dataset: Dataset, view: StateView, selected: State | None) -> None:
        super().__init__()
        self.dataset = dataset
        self.view = view
        self.selected = selected

    def compose(self) -> ComposeResult:
        """The map, and the keys that work here."""
        states = self.dataset.states
        yield TileMap(
            states,
            shown_codes(self.view),
            start_tile(states, self.selected),
            source_line(self.dataset),
            id="map",
        )
        yield KeyBar()

    @property
    def tile_map(self) -> TileMap:
        """The map widget."""
        return self.query_one(TileMap)

    def _carried(self) -> State | None:
        """The highlighted state, if the list can select it."""
        cell = self.tile_map.highlighted
        return None if cell.hidden else cell.state

    def on_tile_map_opened(self, message: TileMap.Opened) -> None:
        """Enter on a state: back to the explorer, in that state's details."""
        self.dismiss(ChartResult(message.state, open=True))

    def action_close(self) -> None:
        """Back to the list, the map's highlight becoming the list's selection."""
        self.dismiss(ChartResult(self._carried()))

    def action_bars(self) -> None:
        """Switch to the bar chart."""
        self.dismiss(ChartResult(self._carried(), then="bars"))
