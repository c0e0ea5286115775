"""Snapshots of the explorer: the list, the detail pane, the totals and the key bar, at fixed sizes.

Re-record deliberately with `make snapshot-update` and read the diff (the HTML report
pytest writes on failure shows each change).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from tests.functional.helpers import explorer
from tui.app import UnitedFrontApp
from tui.dataset import Dataset, Problem
from tui.screens.live_reload import DatasetInvalid

SnapCompare = Callable[..., bool]


class TestMainScreen:
    """The three panes at the sizes people use."""

    def test_80x24(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """All twelve states, Missouri's details, the totals and the key bar."""
        assert snap_compare(app, terminal_size=(80, 24))

    def test_120x40(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """A roomier terminal shows more of the detail pane."""
        assert snap_compare(app, terminal_size=(120, 40))

    def test_kentucky_detail(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """Kentucky's adult/minor breakdown and its share bars."""
        assert snap_compare(app, press=["j", "j", "j"], terminal_size=(120, 40))

    def test_sorted_by_arrests(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """The pane title names the order."""
        assert snap_compare(app, press=["s", "s", "s"], terminal_size=(80, 24))


class TestFilter:
    """A filtered list and the filtered totals."""

    def test_filtered(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """`/dakota⏎`: two states, "2 of 12", the shown and whole totals."""
        assert snap_compare(app, press=["slash", *"dakota", "enter"], terminal_size=(80, 24))

    def test_typing(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """The filter box while typing."""
        assert snap_compare(app, press=["slash", *"tex"], terminal_size=(80, 24))


class TestTerminals:
    """Small terminals and no colour."""

    def test_narrow(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """Under 70 columns the list fills the screen."""
        assert snap_compare(app, terminal_size=(50, 20))

    def test_narrow_detail(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """Enter shows the details on their own."""
        assert snap_compare(app, press=["j", "j", "j", "enter"], terminal_size=(50, 20))

    def test_tiny(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """20x6: nothing crashes; something useful shows."""
        assert snap_compare(app, terminal_size=(20, 6))

    def test_no_color(
        self, snap_compare: SnapCompare, dataset: Dataset, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """NO_COLOR: monochrome, yet the highlighted row and the focused pane stand out."""
        monkeypatch.setenv("NO_COLOR", "1")

        async def move(pilot: Pilot[int]) -> None:
            await pilot.press("j", "j")
            await pilot.pause()

        assert snap_compare(UnitedFrontApp(dataset), run_before=move, terminal_size=(80, 24))


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


class TestSources:
    """The Sources view (S), one source (Enter), and the list narrowed to contested states."""

    def test_sources_80x24(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """Sources, the highlighted one's address, states × sources with ‡ on contested cells."""
        assert snap_compare(app, press=["S"], terminal_size=(80, 24))

    def test_sources_120x40(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """Roomier: every source column and the sums; arrests (v), the table focused (Tab)."""
        assert snap_compare(app, press=["S", "v", "tab", "j", "j"], terminal_size=(120, 40))

    def test_sources_no_color(
        self, snap_compare: SnapCompare, dataset: Dataset, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """NO_COLOR: the cursor row reversed, the focused table's heavy border, ‡ as a glyph."""
        monkeypatch.setenv("NO_COLOR", "1")
        press = ["S", "j", "j", "j", "j", "j", "j"]
        assert snap_compare(UnitedFrontApp(dataset), press=press, terminal_size=(80, 24))

    def test_source_ky_gov(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """Enter on ky-gov, at its end: its sums, 57 against 59."""
        press = ["S", *"jjjjjj", "enter", "end"]
        assert snap_compare(app, press=press, terminal_size=(80, 24))

    def test_contested_list(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """`/!⏎`: the four contested states, each figure in dispute marked ‡."""
        assert snap_compare(app, press=["slash", "!", "enter"], terminal_size=(80, 24))
