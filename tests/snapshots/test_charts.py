"""Snapshots of the charts: the tile map (m) and the bar chart (b), at fixed sizes.

Re-record deliberately with `make snapshot-update` and read the diff (the HTML report
pytest writes on failure shows each change).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tui.app import UnitedFrontApp
from tui.dataset import Dataset

SnapCompare = Callable[..., bool]


class TestMap:
    """The map (m)."""

    def test_80x24(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """All 51 tiles with codes and figures, Kentucky highlighted, legend and source."""
        assert snap_compare(app, press=["j", "j", "j", "m"], terminal_size=(80, 24))

    def test_120x40(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """Bigger tiles; shaded by arrests; a filter dims all but the Dakotas."""
        press = ["slash", *"dakota", "enter", "m", "v"]
        assert snap_compare(app, press=press, terminal_size=(120, 40))

    def test_no_color(
        self, snap_compare: SnapCompare, dataset: Dataset, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """NO_COLOR: shades become glyph densities; not reported is hatched."""
        monkeypatch.setenv("NO_COLOR", "1")
        assert snap_compare(UnitedFrontApp(dataset), press=["m"], terminal_size=(80, 24))


class TestBars:
    """The bar chart (b)."""

    def test_80x24(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """Bars in the list's order (by victims), dashes, shares, Kentucky's split."""
        assert snap_compare(app, press=["s", "s", "b"], terminal_size=(80, 24))

    def test_120x40(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """Names in full, longer bars."""
        assert snap_compare(app, press=["b", "j", "j", "j"], terminal_size=(120, 40))

    def test_no_color(
        self, snap_compare: SnapCompare, dataset: Dataset, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """NO_COLOR: adults and minors by glyph, the highlight reversed."""
        monkeypatch.setenv("NO_COLOR", "1")
        assert snap_compare(UnitedFrontApp(dataset), press=["b", "j"], terminal_size=(80, 24))
