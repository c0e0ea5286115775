"""What the chart screens (map, bars) share: their result, the filter's codes, how they close."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar, Literal, NamedTuple

from textual.screen import Screen

from tui.dataset import State
from tui.dataset.view import StateView


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
