"""The key bar: the keys that work here, on one line, as one widget.

Textual's ``Footer`` builds a widget per key and rebuilds them all whenever focus moves; this
bar renders one line of text instead, which keeps start-up and Tab cheap over slow links.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    """Shown bindings of the focused widget and its ancestors, then the palette key."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
        & > .key-bar--key { color: $footer-key-foreground; text-style: bold; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key"}

    def on_mount(self) -> None:
        """Follow the screen's bindings as focus moves."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        """Stop following the screen's bindings."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def render(self) -> Text:
        """`key description` pairs for every shown binding, palette key last."""
        key_style = Style(bold=True) + self.get_component_rich_style("key-bar--key", partial=True)
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        seen: set[str] = set()
        palette: str | None = None
        for binding in (active.binding for active in self.screen.active_bindings.values()):
            if binding.key == self.app.COMMAND_PALETTE_BINDING:
                palette = self.app.get_key_display(binding)
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            text.append(f" {self.app.get_key_display(binding)} ", style=key_style)
            text.append(binding.description)
            text.append(" ")
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            text.append(f" {palette} ", style=key_style)
            text.append("palette")
        return text
