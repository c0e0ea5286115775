"""The application: driver, stylesheet, theme, the loaded operations and the app-wide keys.

Everything about the list lives on :class:`tui.screens.explorer.ExplorerScreen`, the default
screen; charts and dialogs are screens pushed over it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.command import Provider
from textual.driver import Driver
from textual.screen import Screen

from tui.actions import ACTIONS, Action, bindings
from tui.dataset import Dataset
from tui.dataset.resources import resource_dir
from tui.i18n import _
from tui.i18n.textual import PALETTE_PROVIDERS, command_palette, localized, quit_hint, theme_picker
from tui.screens.explorer import ExplorerScreen
from tui.screens.loaded import Loaded
from tui.terminal import FirstFrame, hold_key, terminal_driver

if TYPE_CHECKING:
    from tui.dataset.watch import FileWatcher  # imported by --watch only
    from tui.dialogs.help import HelpScreen


class UnknownThemeError(ValueError):
    """``--theme`` named a theme Textual does not have."""


class UnitedFrontApp(App[int]):
    """Read, sort, filter and check Operation United Front's figures state by state."""

    CSS_PATH = str(resource_dir("styles") / "app.tcss")
    TITLE = "unitedfront-tui"

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = PALETTE_PROVIDERS
    """Textual's system commands, searched without regard to accents."""
    BINDINGS: ClassVar[list[BindingType]] = bindings("app")
    """App-wide keys, from the action table (tui.actions): help, quit, about, Tab."""

    def __init__(
        self,
        dataset: Dataset | Sequence[Dataset],
        *,
        theme: str | None = None,
        watchers: Sequence[FileWatcher] = (),
        preview: FirstFrame | None = None,
    ) -> None:
        super().__init__()
        self.preview = preview
        """The picture of the first frame drawn before Textual started (tui.cli.preview), for
        the terminal driver to check its own first frame against."""
        datasets = [dataset] if isinstance(dataset, Dataset) else [*dataset]
        self.loaded = Loaded(datasets, tuple(watchers))
        """Every operation loaded, which one is shown, the watched files."""
        if theme is not None:
            if theme not in self.available_themes:
                names = ", ".join(sorted(self.available_themes))
                raise UnknownThemeError(f"unknown theme '{theme}'; choose one of: {names}")
            self.theme = theme

    # -- the terminal layer (tui/wire, tui/key_router): its one hook into the app ---------

    # -- the terminal layer (tui/terminal): its only two hooks ------------------------------

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, taking a burst's keys one at a time; on a Linux terminal, one that
        sends only the cells that changed."""
        return terminal_driver(super().get_driver_class())

    async def on_event(self, event: events.Event) -> None:
        """A key from the terminal waits until the previous key's effects are there."""
        if isinstance(event, events.Key) and not self.screen_stack:
            # Closing: the screens are gone, and a key the gate held until now has nowhere to go.
            return
        if not hold_key(self, event):
            await super().on_event(event)

    # -- the data -------------------------------------------------------------------------

    @property
    def datasets(self) -> list[Dataset]:
        """Every operation loaded (``--data`` given several times)."""
        return self.loaded.datasets

    @property
    def dataset(self) -> Dataset:
        """The operation shown."""
        return self.loaded.dataset

    def get_default_screen(self) -> Screen[Any]:
        """The explorer is the first screen (no empty screen of Textual's under it).

        Textual mounts it in its own task, which lays it out once its start-up batch is over:
        pushed from ``on_mount`` (inside the batch) its first frame was drawn, thrown away and
        drawn again. A key typed before it is mounted is not lost: Textual queues it on the
        screen, which handles it once mounted, the list focused (a test checks it).
        """
        self.explorer = ExplorerScreen(self.loaded)
        """The main view, under every chart and dialog."""
        return self.explorer

    def on_ready(self) -> None:
        """Textual is ready, its first frame on its way: the explorer may do what it put off."""
        # Called from the explorer's own queue: what it schedules from there runs as its own.
        self.explorer.call_later(self.explorer.app_ready)

    # -- app-wide actions -----------------------------------------------------------------

    async def action_about(self) -> None:
        """Show the operation, the source and the reconciliation."""
        from tui.dialogs.about import AboutScreen

        # Awaited: the next key of a burst goes to the dialog once it is there to take it.
        await self.push_screen(AboutScreen(self.dataset))

    async def action_help(self) -> None:
        """Show every key binding."""
        await self.push_screen(help_screen(self.loaded.several))

    def action_screenshot_here(self) -> None:
        """Save an SVG of the screen in the current directory (or $XDG_STATE_HOME) and say where."""
        from tui.dataset.text import printable_path
        from tui.output.export import ExportError
        from tui.output.screenshot import save_screenshot

        if self.is_web:
            self._deliver_screenshot()
            return
        # Paths are data: shown literally (no markup, control characters made visible).
        try:
            path = save_screenshot(self.export_screenshot())
        except ExportError as exc:
            message = _("Screenshot not saved: {error}").format(error=exc)
            self.notify(message, severity="error", markup=False)
        else:
            message = _("Screenshot saved to {path}").format(path=printable_path(path))
            self.notify(message, markup=False)

    def _deliver_screenshot(self) -> None:
        """Send an SVG of the screen to the browser as a download, and say so.

        In a browser session the server's working directory is not the user's: with
        ``--public``, writing there would let anyone who reaches the port fill the server's disk.
        """
        import datetime as dt
        import io

        from tui.output.download import SVG_MIME
        from tui.output.screenshot import screenshot_name

        name = screenshot_name(dt.datetime.now())
        svg = self.export_screenshot()
        self.deliver_text(io.StringIO(svg), save_filename=name, mime_type=SVG_MIME)
        self.notify(_("Sent {name} to your browser.").format(name=name), markup=False)

    def action_command_palette(self) -> None:
        """Show the command palette, its search box hinted in the UI language."""
        if self.use_command_palette:
            palette = command_palette(self)
            if palette is not None:
                self.push_screen(palette)

    def search_themes(self) -> None:
        """Show the theme picker, its search box hinted in the UI language."""
        self.push_screen(theme_picker())

    def action_help_quit(self) -> None:
        """Ctrl+C (which copies): say how to quit, in the UI language."""
        quit_hint(self)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The action table's palette entries for the app and ``screen``, plus Textual's own."""
        scope = getattr(screen, "ACTION_SCOPE", None)
        for action in ACTIONS:
            if action.palette is None or action.scope not in ("app", scope):
                continue
            if action.several and not self.loaded.several:
                continue
            node = self if action.scope == "app" else screen
            callback = partial(self.call_later, node.run_action, action.action)
            yield palette_command(action, callback, web=self.is_web)
        # Textual's screenshot goes to ~/Downloads or a browser: neither exists over SSH. Its
        # "Keys" panel lists Textual's keys, not ours, and squeezes the panes: `?` is ours.
        textual = super().get_system_commands(screen)
        # Quit is in the table (with its key).
        yield from localized(c for c in textual if c.title not in ("Screenshot", "Keys", "Quit"))


def palette_command(
    action: Action, callback: Callable[[], object], *, web: bool = False
) -> SystemCommand:
    """``action``'s palette entry: its title with its key, and its help text (``web``: in a
    browser session)."""
    assert action.palette is not None
    title, help_text = action.palette
    if web and action.web_help is not None:
        help_text = action.web_help
    if not action.keys:
        return SystemCommand(_(title), _(help_text), callback)
    key = action.key
    return SystemCommand(
        _("{title} ({key})").format(title=_(title), key=key),
        _("Key {key}: {help}").format(key=key, help=_(help_text)),
        callback,
    )


def help_screen(several: bool) -> HelpScreen:
    """The help dialog, given the keys of the screens it cannot import itself (a dialog)."""
    from tui.dialogs.help import HelpScreen
    from tui.screens.source import SourceScreen
    from tui.screens.sources import SourceList

    return HelpScreen(several=several, sources=SourceList.BINDINGS, source=SourceScreen.BINDINGS)
