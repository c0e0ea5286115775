"""Loud failures when a Textual upgrade moves the private API that tui/terminal/ uses.

The wire layer replays what Textual writes (``App._display``, the compositor's updates); the
key gate relies on how the app dispatches keys and on its message queues; BurstParser and the
lenient decoder on how the drivers' input threads build their parser and decoder; WholePackets on
how the web driver writes its packets; the test
helpers (``tui/terminal/textual_private.py``) on the driver and the compositor. A change to any of
these functions needs a look at ``tui/terminal/`` before the pin moves. Update the fingerprints
only after that look.
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
from textual._parser import Parser, ParseTimeout
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.drivers.linux_inline_driver import LinuxInlineDriver
from textual.drivers.web_driver import WebDriver
from textual.pilot import Pilot
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
    # keys.py: the gate lets the app dispatch each key; the input threads build the parser
    # and the decoder it replaces; BurstParser ends an Esc as the parser's timeout does.
    "App.on_event": (App.on_event, "3dbf14d694916fe3"),
    "LinuxDriver.run_input_thread": (LinuxDriver.run_input_thread, "d796af6d69db337d"),
    "LinuxInlineDriver.run_input_thread": (LinuxInlineDriver.run_input_thread, "5b80c98a823ac834"),
    "WebDriver.run_input_thread": (WebDriver.run_input_thread, "3864aaf4ca911749"),
    "Parser.feed": (Parser.feed, "390106cde019dd29"),
    "Parser.tick": (Parser.tick, "44606084ad3bf7c1"),
    "XTermParser.__init__": (XTermParser.__init__, "d72babb3e40ab7da"),
    # driver.py: keys and signals on the driver's event loop.
    "Driver.__init__": (Driver.__init__, "045ee24b9ab0f865"),
    "Driver.process_message": (Driver.process_message, "af9cb0baaf150940"),
    # driver.py, WholePackets: every packet goes through the web driver's `_write`, to
    # `fileno`, from the app's thread and (download chunks) from the input thread.
    "WebDriver.__init__": (WebDriver.__init__, "37aff7eba9036d61"),
    "WebDriver.write": (WebDriver.write, "31cd430836b7d0c1"),
    "WebDriver.write_meta": (WebDriver.write_meta, "58080b9f7c134bc8"),
    "WebDriver.write_binary_encoded": (WebDriver.write_binary_encoded, "db54d9983c2b7e92"),
    "WebDriver.on_meta": (WebDriver.on_meta, "4e52d693ece07d37"),
    # textual_private.py: the test helpers.
    "Pilot._wait_for_screen": (Pilot._wait_for_screen, "abd78ecad5040ed1"),
}
"""What tui/terminal/ relies on, and a fingerprint of its source in Textual 8.2.8."""


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
        f"{name} changed in this Textual: review tui/terminal/"
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
        assert all(hasattr(strip, "text") for strip in screen._compositor.render_strips())
        assert isinstance(screen._callbacks, list)
        assert app._driver is not None and app._driver._app is app
        assert app._driver._loop is not None


def test_parser_internals() -> None:
    """BurstParser ends an Esc by throwing the parser's timeout into its generator."""
    parser = XTermParser()
    for name in ("_gen", "_tokens", "_awaiting", "_timeout_time"):
        assert hasattr(parser, name), f"XTermParser.{name} is gone: fix tui/terminal/keys.py"
    assert issubclass(ParseTimeout, Exception)
