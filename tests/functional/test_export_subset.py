"""Pilot: a filtered export from the explorer says its totals are the shown states'."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional.conftest import AppFactory
from tests.unit.test_export_subset import SUBSET_NOTE
from tui.dialogs.export_dialog import ExportDialog


async def test_explorer_export_of_a_filter(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the explorer: filter Dakota, `e`, Markdown, Enter: no "differs" in the file."""
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"Dakota", "enter", "e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("ctrl+u", *"view.md")
        app.screen.query_one("#format-markdown").value = True  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        text = (tmp_path / "view.md").read_text("utf-8")
        assert "differs" not in text
        assert SUBSET_NOTE in text
