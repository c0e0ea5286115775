"""A read-only table with the explorer's cursor keys: rows under a cursor, columns scrolled.

Textual's ``DataTable`` with the keys every other cursor widget here uses
(:data:`~tui.widgets.cursor.CURSOR_BINDINGS`: arrows and ``j`` ``k``, ``PgUp`` ``PgDn``,
``Home`` ``End`` / ``g`` ``G``) and ``←`` ``→`` / ``h`` ``l`` to
scroll the columns, at once rather than animated, so that a burst of keys scrolls as far as
the same keys one by one.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from tui.i18n import N_
from tui.widgets.cursor import CURSOR_BINDINGS

COLUMN_STEP = 8
"""Cells ``←`` / ``→`` scroll the columns by."""


class GridTable(DataTable[Text]):
    """A row-cursor table of literal ``Text`` cells (dataset text never becomes markup)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *CURSOR_BINDINGS,
        Binding("left,h", "columns(-1)", N_("Scroll left"), show=False),
        Binding("right,l", "columns(1)", N_("Scroll right"), show=False),
    ]
    """The state list's cursor keys, plus horizontal scrolling."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, id=id)

    @property
    def page(self) -> int:
        """Rows that fit under the header."""
        return max(1, self.scrollable_content_region.height - 1)

    def action_move(self, step: int) -> None:
        """Move the cursor ``step`` rows (clamped to the table)."""
        last = max(0, self.row_count - 1)
        self.move_cursor(row=max(0, min(last, self.cursor_row + step)), animate=False)

    def action_cursor_up(self) -> None:
        """Up one row."""
        self.action_move(-1)

    def action_cursor_down(self) -> None:
        """Down one row."""
        self.action_move(1)

    def action_page_up(self) -> None:
        """Up one screenful."""
        self.action_move(-self.page)

    def action_page_down(self) -> None:
        """Down one screenful."""
        self.action_move(self.page)

    def action_first(self) -> None:
        """The first row."""
        self.action_move(-self.row_count)

    def action_last(self) -> None:
        """The last row."""
        self.action_move(self.row_count)

    def action_columns(self, step: int) -> None:
        """Scroll the columns left or right, now."""
        x = max(0, min(self.max_scroll_x, round(self.scroll_x) + step * COLUMN_STEP))
        self.scroll_to(x=x, animate=False, immediate=True)
