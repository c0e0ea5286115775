"""The key bar: the keys that work here, on one line, as one widget.

Textual's ``Footer`` builds a widget per key and rebuilds them all whenever focus moves; this
bar renders one line of text instead, which keeps start-up and Tab cheap over slow links.
When the hints do not fit, the least useful are dropped first; `? Help` (which lists every
key) is always kept.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from tui.actions import PALETTE_RANK, bar_order, bar_rank
from tui.i18n import _

TYPED = frozenset({"slash", "question_mark", "space"})
"""Bindings of printable keys with names longer than one character."""


class Hint(NamedTuple):
    """One ``key description`` pair of the bar."""

    key: str
    description: str
    rank: int
    """Lower is kept longer (0: never dropped); from the action table (tui.actions)."""
    order: tuple[int, int] = (0, 0)
    """Where it stands in the bar: the widget's own keys first, then the table's order."""

    @property
    def cells(self) -> int:
        """Width on screen: `` key description `` plus a space."""
        return cell_len(self.key) + cell_len(self.description) + 3


def fit(hints: list[Hint], width: int) -> list[Hint]:
    """Drop the least useful hints (the last of equal rank first) until the rest fit."""
    kept = list(hints)
    while len(kept) > 1 and sum(h.cells for h in kept) > width:
        worst = max(range(len(kept)), key=lambda i: (kept[i].rank, i))
        if kept[worst].rank == 0:
            break  # only `? Help` left to drop: never
        del kept[worst]
    return kept


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

    def hints(self) -> list[Hint]:
        """Every shown binding that works here, in the table's order, palette last."""
        hints: list[Hint] = []
        seen: set[str] = set()
        palette: str | None = None
        # In a text box a letter or `/` is typed, not a command: no hint for it there.
        typing = isinstance(self.screen.focused, Input)
        for binding in (active.binding for active in self.screen.active_bindings.values()):
            if binding.key == self.app.COMMAND_PALETTE_BINDING:
                palette = self.app.get_key_display(binding)
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            if (typing and len(binding.key) == 1) or (typing and binding.key in TYPED):
                continue
            hints.append(
                Hint(key, _(binding.description), bar_rank(binding.id), bar_order(binding.id))
            )
        hints.sort(key=lambda hint: hint.order)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            hints.append(Hint(palette, _("palette"), PALETTE_RANK, (3, 0)))
        return hints

    def render(self) -> Text:
        """`key description` pairs that fit the width, least useful dropped first."""
        key_style = Style(bold=True) + self.get_component_rich_style("key-bar--key", partial=True)
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        for hint in fit(self.hints(), self.size.width):
            text.append(f" {hint.key} ", style=key_style)
            text.append(hint.description)
            text.append(" ")
        return text
