"""The filter box over the state list: type to narrow the list, Enter (or Down, or Esc) to leave.

Keys reach it one at a time, each once the previous one settled (:mod:`tui.terminal.keys`), so
a key typed right after `/` lands here and a key typed right after Enter lands in the list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input

from tui.i18n import N_, _


class FilterBox(Input):
    """One line of text that filters the list live; leaving keeps the filter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter", "screen.focus_list", N_("Keep the filter, back to the list"), id="filter.enter"
        ),
        Binding("down", "screen.focus_list", N_("Back to the list"), show=False, id="filter.down"),
        Binding(
            "escape", "screen.focus_list", N_("Back to the list"), show=False, id="filter.escape"
        ),
        Binding("ctrl+u", "delete_left_all", N_("Clear the text (shows every state)"), show=False),
    ]
    """Esc is never the only way back."""

    def __init__(self, on_change: Callable[[str], None], *, id: str | None = None) -> None:
        # Reopening the box keeps its text to refine, rather than selecting it all for the next
        # key to replace (Ctrl+U empties it).
        super().__init__(
            placeholder=_("Name or code; ! contested only"), id=id, select_on_focus=False
        )
        self.on_change = on_change
        """Called with the text after every edit."""
        # No blinking: over SSH every blink is a redraw sent down the wire.
        self.cursor_blink = False

    def watch_value(self, value: str) -> None:
        """Filter live, synchronously: the next key must see the narrowed list."""
        self.on_change(value)
