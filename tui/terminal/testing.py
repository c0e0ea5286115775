"""For tests: drive an app as a terminal would, and read its screen (Textual's private API).

Kept here so that the tests, like the app, touch Textual's private API only through
``tui/terminal/``; ``tests/wire/test_textual_api.py`` checks what this module relies on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from textual.app import App
from textual.message import Message
from textual.pilot import Pilot


def from_terminal(app: App[Any], events: Iterable[Message]) -> None:
    """Hand ``events`` to the app as its driver's input thread does (``process_message``)."""
    driver = app._driver
    assert driver is not None, "the app is not running"
    for event in events:
        driver.process_message(event)


@contextmanager
def escdelay_passed() -> Iterator[None]:
    """Within the block, the parser's clock says ESCDELAY has passed (a lone Esc is a key)."""
    with mock.patch("textual._parser.get_time", return_value=float("inf")):
        yield


async def wait_for_screen(pilot: Pilot[Any]) -> None:
    """Wait until the screen has processed what is queued and drawn it (as ``Pilot.press``)."""
    await pilot._wait_for_screen()


def screen_lines(app: App[Any]) -> list[str]:
    """The whole screen as plain text, one string per terminal row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]
