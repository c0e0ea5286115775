"""What the chart screens (map, bars) share: their result, the filter's codes, how they close."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, ClassVar, Literal, NamedTuple, cast

from textual.screen import Screen

from tui.dataset import State
from tui.dataset.view import StateView

if TYPE_CHECKING:
    from tui.app import UnitedFrontApp


class ChartResult(NamedTuple):
    """What a chart screen hands back to the explorer when it closes."""

    state: State | None
    """The state to highlight in the list (None: keep the list's selection)."""
    open: bool = False
    """True to open that state's detail pane."""
    then: Literal["map", "bars"] | None = None
    """Another chart to show next."""


OnClose = Callable[[ChartResult], Awaitable[None]]
"""The explorer's handler of a closed chart."""


def shown_codes(view: StateView) -> set[str] | None:
    """Codes of the states the list's filter shows (None when nothing is filtered)."""
    if not view.filtered:
        return None
    return {view.state_at(row).code for row in range(len(view))}


class ChartScreen(Screen[None]):
    """A chart over the explorer. It closes synchronously, handing its result to ``on_close``,
    so that keys of the same burst act where they would have acted one by one."""

    COVERS_LIST: ClassVar[bool] = True
    """The explorer's sort and filter keys are off here (see UnitedFrontApp.check_action)."""

    def __init__(self, on_close: OnClose) -> None:
        super().__init__()
        self.on_close = on_close

    def carried(self) -> State | None:
        """The highlighted state, if the list can select it."""
        raise NotImplementedError

    async def finish(self, result: ChartResult) -> None:
        """Close with ``result`` (once: a second close key in the same burst does nothing)."""
        if self.app.screen is not self:
            return
        self.app.pop_screen()
        await self.on_close(result)

    async def open_state(self, state: State) -> None:
        """Back to the explorer, in ``state``'s details."""
        await self.finish(ChartResult(state, open=True))

    async def action_close(self) -> None:
        """Back to the list, the chart's highlight becoming the list's selection."""
        await self.finish(ChartResult(self.carried()))


class ChartActions:
    """The explorer's chart keys (m, b), mixed into the app so that app.py stays small."""

    async def action_map(self) -> None:
        """Show the states on the US tile-grid map."""
        await show_chart(cast("UnitedFrontApp", self), "map")

    async def action_bars(self) -> None:
        """Show the listed states as bar charts."""
        await show_chart(cast("UnitedFrontApp", self), "bars")


async def show_chart(app: UnitedFrontApp, kind: Literal["map", "bars"]) -> None:
    """Push the ``kind`` chart of the list's rows, starting on the list's highlighted state."""
    if getattr(app.screen, "COVERS_LIST", False):
        return  # from the palette over a chart: the chart's own key switches
    from tui.screens.bars import BarsScreen
    from tui.screens.map import MapScreen

    async def closed(result: ChartResult) -> None:
        await chart_closed(app, result)

    screen = MapScreen if kind == "map" else BarsScreen
    # The list's own highlight, not `selected`: that follows it by a message, a key later.
    start = app.state_list.highlighted
    # Awaiting the mount: keys of the same burst must reach the chart, not a blank screen.
    await app.push_screen(screen(app.dataset, app.view, start, closed))


async def chart_closed(app: UnitedFrontApp, result: ChartResult) -> None:
    """Back from a chart: its highlight becomes the list's selection; then details or a chart."""
    if result.state is not None:
        row = app.view.row_of(app.dataset.states.index(result.state))
        if row is not None:
            app.state_list.cursor = row
    if result.open:
        app.open_detail()
    elif result.then is not None:
        await show_chart(app, result.then)
