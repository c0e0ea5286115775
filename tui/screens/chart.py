"""What the chart screens (map, bars) share: their result, the filter's codes, how they close."""

from __future__ import annotations

from typing import ClassVar, Literal, NamedTuple

from textual.screen import Screen

from tui.actions import Scope
from tui.dataset import Dataset, State
from tui.dataset.view import StateView
from tui.screens.live_reload import DatasetReloaded, new_version


class ChartResult(NamedTuple):
    """What a chart screen hands back to the explorer through ``dismiss()``."""

    code: str | None
    """Code of the state to highlight in the list (None: keep the list's selection). A code,
    not a :class:`State`: the file may be reloaded while the chart is open."""
    open: bool = False
    """True to open that state's detail pane."""
    then: Literal["map", "bars"] | None = None
    """Another chart to show next."""


def shown_codes(view: StateView) -> set[str] | None:
    """Codes of the states the list's filter shows (None when nothing is filtered)."""
    if not view.filtered:
        return None
    return {view.state_at(row).code for row in range(len(view))}


def code_of(state: State | None) -> str | None:
    """``state``'s code (None for none)."""
    return None if state is None else state.code


class ChartScreen(Screen[ChartResult]):
    """A chart over the explorer; it closes by dismissing itself with a :class:`ChartResult`."""

    ACTION_SCOPE: ClassVar[Scope]
    """Which actions of the table (tui.actions) the palette offers over this chart."""

    operation = 0
    """Index of the charted operation in the loaded ones: a reload of another is not ours."""

    async def on_dataset_reloaded(self, message: DatasetReloaded) -> None:
        """``--watch``: the charted file was saved; chart its new figures, highlight kept."""
        prepared = new_version(message, self.operation)
        if prepared is not None:
            await self.show_data(prepared.dataset, prepared.view)

    async def show_data(self, dataset: Dataset, view: StateView) -> None:
        """Chart ``dataset`` through the list's ``view`` instead, keeping what is highlighted."""
        raise NotImplementedError

    def carried(self) -> State | None:
        """The highlighted state, if the list can select it."""
        raise NotImplementedError

    def finish(self, result: ChartResult) -> None:
        """Close with ``result`` (once: a second close key in the same burst does nothing)."""
        if self.is_active:
            self.dismiss(result)

    def open_state(self, state: State) -> None:
        """Back to the explorer, in ``state``'s details."""
        self.finish(ChartResult(state.code, open=True))

    def action_close(self) -> None:
        """Back to the list, the chart's highlight becoming the list's selection."""
        self.finish(ChartResult(code_of(self.carried())))


__all__ = ["ChartResult", "ChartScreen", "code_of", "shown_codes"]
