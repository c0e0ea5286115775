"""Snapshot tests: what the user sees, at fixed sizes, compared with committed SVGs.

Review changes with the HTML report pytest writes on failure; re-record deliberately with
`make snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from tui.app import UnitedFrontApp
from tui.dataset import Dataset

SnapCompare = Callable[..., bool]


@pytest.fixture
def app(dataset: Dataset) -> UnitedFrontApp:
    """The explorer on the bundled dataset, not yet running."""
    return UnitedFrontApp(dataset)


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


class TestScreens:
    """Help and about."""

    def test_help(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """Every binding, grouped."""
        assert snap_compare(app, press=["question_mark"], terminal_size=(80, 40))

    def test_about(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """Operation, source, context, reconciliation, notes."""
        assert snap_compare(app, press=["i"], terminal_size=(100, 60))


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


class TestCharts:
    """The map (m) and the bar chart (b)."""

    def test_map_80x24(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """All 51 tiles with codes and figures, Kentucky highlighted, legend and source."""
        assert snap_compare(app, press=["j", "j", "j", "m"], terminal_size=(80, 24))

    def test_map_120x40(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """Bigger tiles; shaded by arrests; a filter dims all but the Dakotas."""
        press = ["slash", *"dakota", "enter", "m", "v"]
        assert snap_compare(app, press=press, terminal_size=(120, 40))

    def test_map_no_color(
        self, snap_compare: SnapCompare, dataset: Dataset, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """NO_COLOR: shades become glyph densities; not reported is hatched."""
        monkeypatch.setenv("NO_COLOR", "1")
        assert snap_compare(UnitedFrontApp(dataset), press=["m"], terminal_size=(80, 24))

    def test_bars_80x24(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """Bars in the list's order (by victims), dashes, shares, Kentucky's split."""
        assert snap_compare(app, press=["s", "s", "b"], terminal_size=(80, 24))

    def test_bars_120x40(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """Names in full, longer bars."""
        assert snap_compare(app, press=["b", "j", "j", "j"], terminal_size=(120, 40))

    def test_bars_no_color(
        self, snap_compare: SnapCompare, dataset: Dataset, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """NO_COLOR: adults and minors by glyph, the highlight reversed."""
        monkeypatch.setenv("NO_COLOR", "1")
        assert snap_compare(UnitedFrontApp(dataset), press=["b", "j"], terminal_size=(80, 24))


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
