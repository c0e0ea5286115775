"""Pilot tests of the explorer as a browser session runs it (``App.is_web``): files are downloads.

A browser session's working directory is the server's: nothing may be written there (with
``--public``, anyone who reaches the port could fill it), and the user is never shown it.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Optional

import pytest
from textual.widgets import Checkbox, Input

from tests.functional.conftest import AppFactory
from tests.functional.helpers import record_notifications, screen_text
from tui.app import UnitedFrontApp
from tui.dialogs.export_dialog import ExportDialog
from tui.output.download import download_name

Delivered = list[tuple[str, Optional[str], Optional[str]]]


def as_browser_session(
    app: UnitedFrontApp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Delivered:
    """Make ``app`` a browser session in an empty working directory; record its deliveries."""
    monkeypatch.chdir(tmp_path)
    delivered: Delivered = []

    def deliver_text(
        file: io.StringIO,
        *,
        save_filename: str | None = None,
        mime_type: str | None = None,
        **_: object,
    ) -> None:
        delivered.append((file.getvalue(), save_filename, mime_type))

    monkeypatch.setattr(UnitedFrontApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(app, "deliver_text", deliver_text)
    return delivered


async def test_screenshot_in_a_browser_is_a_download(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The palette's Screenshot sends an SVG to the browser and writes nothing on the server."""
    app = make_app()
    delivered = as_browser_session(app, monkeypatch, tmp_path)
    notified = record_notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert "Download an SVG of the screen" in [
            c.help for c in app.get_system_commands(app.screen) if c.title == "Screenshot"
        ]
        await pilot.press(*"Screenshot", "enter")
        await pilot.pause()
        await pilot.pause()
        ((svg, name, mime),) = delivered
        assert svg.lstrip().startswith("<svg") and "Missouri" in svg
        assert name is not None and name.startswith("unitedfront-tui-") and name.endswith(".svg")
        assert mime == "image/svg+xml"
        assert f"Sent {name} to your browser." in notified
    assert list(tmp_path.iterdir()) == []


async def test_export_dialog_in_a_browser_asks_for_a_name_only(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No server directory, no "Replace the file" box; a typed path keeps only its name."""
    app = make_app()
    delivered = as_browser_session(app, monkeypatch, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#export-path", Input).value == "unitedfront-view.csv"
        assert not dialog.query(Checkbox)
        text = screen_text(app)
        assert str(tmp_path) not in text and "Replace the file" not in text
        await pilot.press("ctrl+u", *"/srv/data/a;b.csv", "enter")
        await pilot.pause()
        ((_, name, _),) = delivered
        assert name == "a;b.csv"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("a;b.csv", "a;b.csv"),
        ("/srv/data/été 2021.json", "été 2021.json"),
        ("C:\\Users\\me\\x.md", "x.md"),
        ("  ", "default.csv"),
        ("..", "default.csv"),
        ("dir/", "default.csv"),
    ],
)
def test_download_name(typed: str, name: str) -> None:
    """What the user typed, folders dropped; nothing usable gives the default name."""
    assert download_name(typed, "default.csv") == name
