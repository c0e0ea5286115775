"""Textual's own command-palette strings, translated like ours.

Textual builds its system commands ("Theme", "Quit", "Keys", "Screenshot"...) and the palette's
placeholders in English. They are listed here with ``N_`` so that `make i18n` extracts them,
and translated as they are shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import App, SystemCommand
from textual.command import CommandPalette

from tui.i18n import N_, _

TEXTUAL_STRINGS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
"""Titles and help texts of Textual 8's system commands, word for word."""

SEARCH_COMMANDS = N_("Search for commands…")
SEARCH_THEMES = N_("Search for themes…")


def localized(commands: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """``commands`` with their title and help in the UI language (unknown ones unchanged)."""
    for command in commands:
        # Never look up "": gettext answers it with the catalog's header.
        title = _(command.title) if command.title else command.title
        help_text = _(command.help) if command.help else command.help
        yield SystemCommand(title, help_text, command.callback, command.discover)


def command_palette(app: App[Any]) -> CommandPalette | None:
    """The command palette, its search box hinted in the UI language (None: already open)."""
    if CommandPalette.is_open(app):
        return None
    return CommandPalette(id="--command-palette", placeholder=_(SEARCH_COMMANDS))


def theme_picker() -> CommandPalette:
    """Textual's theme picker, its search box hinted in the UI language."""
    from textual.theme import ThemeProvider

    return CommandPalette(providers=[ThemeProvider], placeholder=_(SEARCH_THEMES))


__all__ = [
    "SEARCH_COMMANDS",
    "SEARCH_THEMES",
    "TEXTUAL_STRINGS",
    "command_palette",
    "localized",
    "theme_picker",
]
