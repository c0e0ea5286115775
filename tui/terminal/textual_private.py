"""The private Textual API our tests need, in one place, each use with why no public one fits.

Textual offers no public way to read a screen's composed lines as text, to reach the driver
(the terminal's side of the app) or hand it input as a terminal would, to wait until a screen
has processed its pending updates, or to tell the input parser that the Esc delay has passed.
The test helpers do all of these; they call these functions rather than reach into Textual
themselves, and
``tests/unit/test_textual_private.py`` checks that each attribute is still there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from textual.app import App
from textual.driver import Driver
from textual.message import Message
from textual.notifications import Notification
from textual.pilot import Pilot
from textual.screen import Screen
from textual.strip import Strip

PARSER_CLOCK = "textual._parser.get_time"
"""The clock Textual's input parser reads to decide that a lone Esc is a key."""


def screen_strips(screen: Screen[Any]) -> list[Strip]:
    """The screen as the compositor draws it, one strip of styled segments per terminal line
    (no public API: ``export_screenshot`` gives SVG, not cells)."""
    return list(screen._compositor.render_strips())


def screen_lines(screen: Screen[Any]) -> list[str]:
    """The screen's text, one string per terminal line."""
    return [strip.text for strip in screen_strips(screen)]


def driver_of(app: App[Any]) -> Driver:
    """The app's driver (no public accessor): tests feed it input and read what it writes."""
    driver = app._driver
    assert driver is not None, "the app is not running"
    return driver


def from_terminal(app: App[Any], events: Iterable[Message]) -> None:
    """Hand ``events`` to ``app`` as its driver's input thread does (``process_message``), so
    they go through the key gate (``Pilot.press`` posts keys to the app directly)."""
    driver = driver_of(app)
    for event in events:
        driver.process_message(event)


async def wait_for_screen(pilot: Pilot[Any]) -> None:
    """Wait until the screen has handled its pending messages and updates (``Pilot.pause``
    waits for idle, which a burst of keys may not reach between frames)."""
    await pilot._wait_for_screen()


@contextmanager
def esc_delay_passed() -> Iterator[None]:
    """Let the input parser believe the Esc delay (ESCDELAY) has passed, without waiting."""
    with mock.patch(PARSER_CLOCK, return_value=float("inf")):
        yield


def notifications(app: App[Any]) -> list[Notification]:
    """The notifications ``app`` shows now, with title, message and markup flag (no public
    API lists them)."""
    return list(app._notifications)


__all__ = [
    "PARSER_CLOCK",
    "driver_of",
    "esc_delay_passed",
    "from_terminal",
    "notifications",
    "screen_lines",
    "screen_strips",
    "wait_for_screen",
]
