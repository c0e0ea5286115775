"""Textual's own command-palette strings, translated like ours, and its search accent-blind.

Textual builds its system commands ("Theme", "Quit", "Keys", "Screenshot"...), the palette's
placeholders, its "No matches found" and its Ctrl+C notice in English. They are listed here with
``N_`` so that `make i18n` extracts them, and translated as they are shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from rich.align import Align
from rich.text import Text
from textual.app import App, ComposeResult, SystemCommand
from textual.command import CommandList, CommandPalette, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.style import Style
from textual.system_commands import SystemCommandsProvider
from textual.theme import ThemeProvider
from textual.visual import VisualType
from textual.widgets.option_list import Option

from tui.i18n import N_, _, fold_accents

if TYPE_CHECKING:
    from typing_extensions import Self  # Textual's own dependency; only for the type checker

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

NO_MATCHES = N_("No matches found")
"""What the palette says when nothing matches."""
NO_MATCHES_ID = "--no-matches"
"""The id Textual 8 gives that line (``CommandPalette._NO_MATCHES``, a documented value)."""

QUIT_TITLE = N_("Do you want to quit?")
QUIT_HINT = N_("Press {key} to quit the app")
"""Textual's notice on Ctrl+C (which copies, and no longer quits)."""

SEARCH_COMMANDS = N_("Search for commands…")
SEARCH_THEMES = N_("Search for themes…")


def localized(commands: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """``commands`` with their title and help in the UI language (unknown ones unchanged)."""
    for command in commands:
        # Never look up "": gettext answers it with the catalog's header.
        title = _(command.title) if command.title else command.title
        help_text = _(command.help) if command.help else command.help
        yield SystemCommand(title, help_text, command.callback, command.discover)


class FoldingMatcher(Matcher):
    """Textual's fuzzy matcher, blind to accents: ``theme`` finds "Thème", ``ecran`` "Écran"."""

    def __init__(
        self, query: str, *, match_style: Style | None = None, case_sensitive: bool = False
    ) -> None:
        super().__init__(
            fold_accents(query), match_style=match_style, case_sensitive=case_sensitive
        )

    def match(self, candidate: str) -> float:
        """How well ``candidate``, its accents dropped, matches the query (0 to 1)."""
        return super().match(fold_accents(candidate))

    def highlight(self, candidate: str) -> Content:
        """``candidate`` as written, accents kept, its matching letters highlighted."""
        content = Content(candidate)
        score, offsets = self.fuzzy_search.match(self.query, fold_accents(candidate))
        if not score:
            return content
        for offset in offsets:
            if not candidate[offset].isspace():
                content = content.stylize(self.match_style, offset, offset + 1)
        return content


class FoldingSystemCommands(SystemCommandsProvider):
    """Textual's system commands, searched without regard to accents."""

    def matcher(self, user_input: str, case_sensitive: bool = False) -> Matcher:
        """A matcher that ignores accents on both sides."""
        return FoldingMatcher(
            user_input, match_style=self.match_style, case_sensitive=case_sensitive
        )


class FoldingThemes(ThemeProvider):
    """Textual's theme picker, searched without regard to accents."""

    def matcher(self, user_input: str, case_sensitive: bool = False) -> Matcher:
        """A matcher that ignores accents on both sides."""
        return FoldingMatcher(
            user_input, match_style=self.match_style, case_sensitive=case_sensitive
        )


class LocalizedCommandList(CommandList):
    """The palette's list, its "No matches found" line in the UI language."""

    def add_options(self, new_options: Iterable[Option | VisualType | None]) -> Self:
        """Add options, the palette's no-match line replaced by its translation."""
        options = [
            Option(
                Align.center(Text(_(NO_MATCHES), style="not bold")),
                disabled=True,
                id=NO_MATCHES_ID,
            )
            if isinstance(option, Option) and option.id == NO_MATCHES_ID
            else option
            for option in new_options
        ]
        return super().add_options(options)


class LocalizedCommandPalette(CommandPalette):
    """Textual's command palette with :class:`LocalizedCommandList` for its list."""

    def compose(self) -> ComposeResult:
        """Textual's own layout, the list swapped (the containers come from Textual as is)."""
        for widget in super().compose():
            yield LocalizedCommandList() if type(widget) is CommandList else widget


PALETTE_PROVIDERS: set[type[Provider] | Callable[[], type[Provider]]] = {FoldingSystemCommands}
"""The app's ``COMMANDS``: Textual's system commands, searched without regard to accents."""


def command_palette(app: App[Any]) -> CommandPalette | None:
    """The command palette, its search box hinted in the UI language (None: already open)."""
    if CommandPalette.is_open(app):
        return None
    return LocalizedCommandPalette(id="--command-palette", placeholder=_(SEARCH_COMMANDS))


def theme_picker() -> CommandPalette:
    """Textual's theme picker, accent-blind, its search box hinted in the UI language."""
    return LocalizedCommandPalette(providers=[FoldingThemes], placeholder=_(SEARCH_THEMES))


def quit_hint(app: App[Any]) -> None:
    """Ctrl+C (which copies): say how to quit, in the UI language."""
    for active in app.active_bindings.values():
        if active.binding.action in ("quit", "app.quit"):
            key = app.get_key_display(active.binding)
            app.notify(_(QUIT_HINT).format(key=key), title=_(QUIT_TITLE), markup=False)
            return


__all__ = [
    "PALETTE_PROVIDERS",
    "SEARCH_COMMANDS",
    "SEARCH_THEMES",
    "TEXTUAL_STRINGS",
    "FoldingMatcher",
    "command_palette",
    "localized",
    "quit_hint",
    "theme_picker",
]
