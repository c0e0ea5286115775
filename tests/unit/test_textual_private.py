"""The private Textual API the tests use (tui/terminal/textual_private.py) is still there:
an upgrade that moves it fails here, by name, rather than deep in another test."""

from __future__ import annotations

import importlib

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Static

from tui.terminal import textual_private


class Hello(App[None]):
    """One line of text."""

    def compose(self) -> ComposeResult:
        """The text."""
        yield Static("hello")


def test_the_parser_clock_is_where_we_patch_it() -> None:
    """The input parser reads its clock by this name."""
    module, _, name = textual_private.PARSER_CLOCK.rpartition(".")
    assert callable(getattr(importlib.import_module(module), name))
    with textual_private.esc_delay_passed():
        assert getattr(importlib.import_module(module), name)() == float("inf")


async def test_screen_driver_and_waiting_work() -> None:
    """Each helper answers on a running app."""
    assert callable(getattr(Pilot, "_wait_for_screen", None)), "Pilot._wait_for_screen is gone"
    app = Hello()
    async with app.run_test(size=(20, 3)) as pilot:
        await textual_private.wait_for_screen(pilot)
        assert textual_private.screen_lines(app.screen)[0].startswith("hello")
        assert len(textual_private.screen_strips(app.screen)) == 3
        assert callable(textual_private.driver_of(app).write)
        app.notify("note", title="t")
        await pilot.pause()
        notes = textual_private.notifications(app)
        assert [(n.title, n.message) for n in notes] == [("t", "note")]
