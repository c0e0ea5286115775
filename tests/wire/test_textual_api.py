"""Loud failures when a Textual upgrade moves the private API that tui/terminal/hook.py uses.

The wire layer replays what Textual writes (``App._display``, the compositor's updates), so a
change to any of these functions needs a look at hook.py before the pin moves. Update the
fingerprints only after that look.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import inspect
from collections.abc import Callable
from typing import Any

import pytest
from textual._ansi_sequences import SYNC_END, SYNC_START
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.app import App
from textual.drivers.linux_driver import LinuxDriver
from textual.screen import Screen

from tui.app import UnitedFrontApp
from tui.dataset import Dataset

FINGERPRINTS: dict[str, tuple[Callable[..., Any], str]] = {
    "App._display": (App._display, "4b78dff6669a455c"),
    "Screen._compositor_refresh": (Screen._compositor_refresh, "7a40efe563816a06"),
    "LayoutUpdate.render_segments": (LayoutUpdate.render_segments, "ff329c722506c983"),
    "ChopsUpdate.render_segments": (ChopsUpdate.render_segments, "4c1cdb567e0b8354"),
    "Screen._on_idle": (Screen._on_idle, "05781131b10da971"),
    "Screen._on_timer_update": (Screen._on_timer_update, "421401660de142c5"),
    "LinuxDriver.write": (LinuxDriver.write, "b78a34033db5a0eb"),
    "LinuxDriver.start_application_mode": (
        LinuxDriver.start_application_mode,
        "7c41f5ba11a8ef05",
    ),
    "LinuxDriver.stop_application_mode": (LinuxDriver.stop_application_mode, "9a7e99c8d4bdbd3b"),
}
"""What hook.py relies on, and a fingerprint of its source in Textual 8.2.8."""


def test_textual_is_the_pinned_version() -> None:
    """The wire layer was written against Textual 8.2.8."""
    assert importlib.metadata.version("textual") == "8.2.8", (
        "Textual moved: review tui/terminal/hook.py against the new App._display and compositor, "
        "then update the pin and the fingerprints in this file"
    )


@pytest.mark.parametrize("name", list(FINGERPRINTS))
def test_replayed_textual_code_is_unchanged(name: str) -> None:
    """The functions whose behaviour hook.py replays or replaces have the source it expects."""
    function, expected = FINGERPRINTS[name]
    source = inspect.getsource(function)
    assert hashlib.sha256(source.encode()).hexdigest()[:16] == expected, (
        f"{name} changed in this Textual: review tui/terminal/hook.py"
    )


def test_update_shapes() -> None:
    """The compositor's updates carry the fields hook.paint_update reads."""
    assert list(inspect.signature(LayoutUpdate).parameters) == ["strips", "region"]
    assert list(inspect.signature(ChopsUpdate).parameters) == ["chops", "spans", "chop_ends"]
    assert (SYNC_START, SYNC_END) == ("\x1b[?2026h", "\x1b[?2026l")


async def test_private_attributes_exist(dataset: Dataset) -> None:
    """The app and screen attributes hook.busy and Wire.display read are there, of the type."""
    app = UnitedFrontApp(dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        for flag in ("_layout_required", "_scroll_required", "_repaint_required"):
            assert isinstance(getattr(screen, flag), bool), flag
        assert isinstance(screen._recompose_required, bool)
        assert isinstance(screen._dirty_widgets, set)
        assert app._message_queue.empty() in (True, False)
        assert all(hasattr(node, "_message_queue") for node in screen.walk_children())
        for flag in ("_sync_available", "_running", "_closed"):
            assert isinstance(getattr(app, flag), bool), flag
        assert isinstance(app._batch_count, int)
        assert callable(app._handle_exception)
        assert isinstance(screen._compositor.render_full_update(), LayoutUpdate)
