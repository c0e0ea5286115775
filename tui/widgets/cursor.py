"""One cursor for every widget with a highlight: the state list, the bar chart, the compare
table and the tile map share its reactive, its action names and its keys.

A widget mixes :class:`Cursor` in before its Textual base and says how many positions it has
(:attr:`Cursor.positions`), how many make a page, and which position lies under a point of
its content (:meth:`Cursor.position_at`). The rest is here: clamping, movement, and the mouse,
whose click is mapped through the widget's content region (the border and padding are not
rows: counting them highlighted the row below the one clicked).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Offset
from textual.reactive import reactive
from textual.widget import Widget

from tui.i18n import N_

CURSOR_BINDINGS: list[BindingType] = [
    Binding("up,k", "cursor_up", N_("Up"), show=False, id="cursor.up"),
    Binding("down,j", "cursor_down", N_("Down"), show=False, id="cursor.down"),
    Binding("pageup", "page_up", N_("Page up"), show=False, id="cursor.page_up"),
    Binding("pagedown", "page_down", N_("Page down"), show=False, id="cursor.page_down"),
    Binding("home,g", "first", N_("First"), show=False, id="cursor.first"),
    Binding("end,G", "last", N_("Last"), show=False, id="cursor.last"),
]
"""The movement keys of every cursor widget (a widget may word them its own way)."""

OPEN_BINDING = Binding("enter", "open", N_("Details"), id="cursor.open")
"""Enter on a widget whose positions are states: that state's details."""


if TYPE_CHECKING:
    _Base = Widget
else:
    # A plain mixin at run time: Textual takes CSS from the first DOMNode base only, so a
    # Widget here would hide the ScrollView's own CSS (its overflow) from the list. Reactives
    # are collected from every base, DOMNode or not.
    _Base = object


class Cursor(_Base):
    """A highlighted position, moved by keys and the mouse (mixed in before the base class,
    whose ``BINDINGS`` list :data:`CURSOR_BINDINGS`)."""

    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)
    """Index of the highlighted position; each widget's ``watch_cursor`` repaints what moved."""

    @property
    def positions(self) -> int:
        """How many positions the cursor can take."""
        raise NotImplementedError

    @property
    def page(self) -> int:
        """How many positions a page key moves."""
        return 1

    def position_at(self, offset: Offset) -> int | None:
        """The position under ``offset`` of the content region (None: no position there)."""
        raise NotImplementedError

    def validate_cursor(self, value: int) -> int:
        """Keep the cursor on a position."""
        return max(0, min(value, self.positions - 1))

    def action_cursor_up(self) -> None:
        """Up one position."""
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        """Down one position."""
        self.cursor += 1

    def action_page_up(self) -> None:
        """Up one page."""
        self.cursor -= self.page

    def action_page_down(self) -> None:
        """Down one page."""
        self.cursor += self.page

    def action_first(self) -> None:
        """The first position."""
        self.cursor = 0

    def action_last(self) -> None:
        """The last position."""
        self.cursor = self.positions - 1

    def on_click(self, event: events.Click) -> None:
        """Mouse is optional, but a click highlights the position under the pointer."""
        offset = event.get_content_offset(self)
        if offset is None:
            return  # on the border or the padding
        position = self.position_at(offset)
        if position is not None and 0 <= position < self.positions:
            self.cursor = position


__all__ = ["CURSOR_BINDINGS", "OPEN_BINDING", "Cursor"]
