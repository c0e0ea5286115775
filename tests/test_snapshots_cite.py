"""Snapshots of the French UI and of the cite and export dialogs, at fixed sizes.

Re-record deliberately with `make snapshot-update` and read the diff.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.functional.helpers import explorer
from tui import i18n
from tui.app import UnitedFrontApp
from tui.dataset import Dataset
from tui.dialogs.export_dialog import ExportDialog

SnapCompare = Callable[..., bool]


@pytest.fixture
def french() -> Iterator[None]:
    """The French UI for one test, English again afterwards."""
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


@pytest.fixture
def app(dataset: Dataset) -> UnitedFrontApp:
    """The explorer on the bundled dataset, not yet running."""
    return UnitedFrontApp(dataset)


@pytest.mark.usefixtures("french")
class TestFrench:
    """The French UI: panes, footer, French names first, the source's words first."""

    def test_80x24(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """South Dakota found by its French name; the detail pane in French."""
        assert snap_compare(app, press=["slash", *"dakota du sud", "enter"], terminal_size=(80, 24))

    def test_kentucky_120x40(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """French figures, shares with a decimal comma, the quote before its translation."""
        assert snap_compare(app, press=["j", "j", "j"], terminal_size=(120, 40))

    def test_about(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """About in French: dates in words, the reconciliation with the victims caveat."""
        assert snap_compare(app, press=["i"], terminal_size=(100, 60))


class TestCite:
    """The dialogs of `y` and `e`."""

    def test_copied_text(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """The copied citation, shown for selecting by hand, with the selection hints."""

        async def copy_and_show(pilot: Pilot[int]) -> None:
            await pilot.press("j", "j", "j", "y")
            await explorer(app).action_show_copied()
            await pilot.pause()

        assert snap_compare(app, run_before=copy_and_show, terminal_size=(80, 24))

    def test_export_dialog(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """Format, path (a fixed directory: no absolute path of the machine), replace, buttons."""

        async def open_dialog(pilot: Pilot[int]) -> None:
            await pilot.press("slash", *"dakota", "enter")
            app.push_screen(ExportDialog(app.dataset, explorer(app).view, Path("/data")))
            await pilot.pause()

        assert snap_compare(app, run_before=open_dialog, terminal_size=(80, 24))
