"""Snapshots of the authoring views: operations list, compare view, the problems panel.

Synthetic operations only (generated here, never bundled), at 80x24.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from tests.functional.helpers import explorer
from tests.synthetic import ALPHA, BRAVO, operation_toml
from tui.app import UnitedFrontApp
from tui.dataset import Dataset, Problem, load_text
from tui.screens.live_reload import DatasetInvalid

SnapCompare = Callable[..., bool]


def three_operations(dataset: Dataset) -> UnitedFrontApp:
    """The explorer on Alpha, Bravo and the bundled operation."""
    alpha = load_text(operation_toml("Operation Alpha", "2030-01-02", ALPHA, 9), "alpha.toml")
    bravo = load_text(operation_toml("Operation Bravo", "2031-03-04", BRAVO, 3), "bravo.toml")
    return UnitedFrontApp([alpha, bravo, dataset])


@pytest.fixture
def app(dataset: Dataset) -> UnitedFrontApp:
    """The explorer on three operations, not yet running."""
    return three_operations(dataset)


class TestOperations:
    """Several operations: the list and the compare view."""

    def test_main_screen(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """The operation's name under the list; O and C in the key bar."""
        assert snap_compare(app, terminal_size=(80, 24))

    def test_list(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """Name, date, states, victims, arrests; the shown one marked."""
        assert snap_compare(app, press=["O", "j"], terminal_size=(80, 24))

    def test_compare(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """Alpha against Bravo: shared Missouri, dots where a state is not in an operation."""
        assert snap_compare(app, press=["C"], terminal_size=(80, 24))


class TestWatch:
    """A broken save while watching."""

    def test_problems_panel(self, snap_compare: SnapCompare, dataset: Dataset) -> None:
        """The last good data stays; the panel lists the located errors."""
        app = UnitedFrontApp(dataset)

        async def broken_save(pilot: Pilot[int]) -> None:
            problems = tuple(
                Problem("united-front.toml", message, line, None, field)
                for line, field, message in [
                    (61, "states[KY].arrests", "must not be negative (got -46)"),
                    (75, "states[MN].nme", "unknown key 'nme'; did you mean 'name'?"),
                ]
            )
            explorer(app).post_message(DatasetInvalid(0, "/data/united-front.toml", problems))
            await pilot.pause()

        assert snap_compare(app, run_before=broken_save, terminal_size=(80, 24))


class TestNoColor:
    """NO_COLOR: the highlighted row of the new tables still stands out."""

    def test_compare_no_color(
        self, snap_compare: SnapCompare, dataset: Dataset, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Reversed and bold, like the state list's cursor (NO_COLOR is read at start)."""
        monkeypatch.setenv("NO_COLOR", "1")
        app = three_operations(dataset)
        assert snap_compare(app, press=["C", "j"], terminal_size=(80, 24))
