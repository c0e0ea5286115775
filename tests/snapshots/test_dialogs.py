"""Snapshots of the dialogs: help, about, the copied citation (y) and the export dialog (e).

Re-record deliberately with `make snapshot-update` and read the diff (the HTML report
pytest writes on failure shows each change).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from tests.functional.helpers import explorer
from tui.app import UnitedFrontApp
from tui.dialogs.export_dialog import ExportDialog

SnapCompare = Callable[..., bool]


class TestHelpAndAbout:
    """The help (?) and about (i) screens."""

    def test_help(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """Every binding, grouped."""
        assert snap_compare(app, press=["question_mark"], terminal_size=(80, 40))

    def test_about(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """Operation, source, context, reconciliation, notes."""
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
