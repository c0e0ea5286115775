"""Drive the explorer with the bytes a terminal sends, through Textual's real input parser.

Pilot's ``press`` posts one key event at a time; a terminal instead hands the driver whatever
bytes one ``read()`` returned, and the driver turns them into events with its parser (Textual's
``XTermParser``, as :class:`tui.terminal.keys.BurstParser` amends it).
These helpers do the same, so that "one read" in a test really is one read.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.message import Message
from textual.pilot import Pilot

from tui.app import UnitedFrontApp
from tui.terminal import keys_idle
from tui.terminal.keys import BurstParser
from tui.terminal.textual_private import esc_delay_passed, from_terminal, wait_for_screen

KEYS: dict[str, str] = {
    **{c: c for c in "jkgGsrvanocih/?dtexqmblS!"},
    "ctrl+p": "\x10",
    "space": " ",
    "enter": "\r",
    "backspace": "\x7f",
    "ctrl+u": "\x15",
    "tab": "\t",
    "shift+tab": "\x1b[Z",
    "escape": "\x1b",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "left": "\x1b[D",
    "pageup": "\x1b[5~",
    "pagedown": "\x1b[6~",
    "home": "\x1b[H",
    "end": "\x1b[F",
}
"""Every key the explorer binds or types, as the bytes an xterm-like terminal sends."""


class TerminalInput:
    """The driver's side of a terminal: bytes in, parsed events posted to the app."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.parser = BurstParser()  # what the app installs in the terminal drivers

    def read(self, data: str, pause: bool = True) -> None:
        """One ``read()`` returned ``data``; with ``pause``, ESCDELAY then passes in silence.

        Without ``pause`` the next read follows at once (chunks of one burst), so an escape
        sequence split between two reads is still joined.
        """
        events: list[Message] = list(self.parser.feed(data))
        if pause:
            # The driver ticks the parser while waiting for input: once ESCDELAY has passed,
            # a lone Esc is a key. Time is not waited for here, only declared to have passed.
            with esc_delay_passed():
                events += self.parser.tick()
        from_terminal(self.app, events)


async def settle(pilot: Pilot[Any], app: UnitedFrontApp) -> None:
    """Wait until every key has been routed and its effects drawn."""
    for _ in range(200):
        await pilot.pause()
        if keys_idle(app):
            break
    for _ in range(3):
        await wait_for_screen(pilot)
        await pilot.pause()
