"""The compare view's table: two operations' figures per state, drawn line by line.

Like the state list, it renders only the visible lines, so two 100,000-state operations open
as fast as two of twelve: rows are formatted when shown, never all at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, Optional

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.geometry import Offset, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.dataset import State
from tui.dataset.view import display_name
from tui.i18n import number
from tui.widgets.cursor import CURSOR_BINDINGS, Cursor

if TYPE_CHECKING:
    # Optional, not `X | None`: mypy reads aliases as run-time expressions, and 3.9 has no `|`.
    Pair = tuple[Optional[State], Optional[State]]

MISSING = "—"
"""The operation has the state but does not report the figure."""
ABSENT = "·"
"""The state is not part of that operation."""
FIGURE_WIDTH = 10
"""Cells per figure column; narrower when the terminal is, so the name keeps 8."""


def fit(text: str, width: int) -> str:
    """``text`` padded or cut to exactly ``width`` cells, an ellipsis marking a cut."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def cell(state: State | None, value: int | None) -> str:
    """A figure, ``—`` when not reported, ``·`` when the state is not in the operation."""
    if state is None:
        return ABSENT
    return MISSING if value is None else number(value)


class CompareTable(Cursor, ScrollView, can_focus=True):
    """A sticky header, one line per state of either operation, and a totals line."""

    BINDINGS: ClassVar[list[BindingType]] = CURSOR_BINDINGS
    """Cursor movement, as in the state list."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "compare-table--header",
        "compare-table--cursor",
        "compare-table--muted",
        "compare-table--total",
    }

    DEFAULT_CSS = """
    CompareTable {
        overflow-x: hidden;
        & > .compare-table--header { text-style: bold; }
        & > .compare-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .compare-table--muted { color: $text-muted; }
        & > .compare-table--total { text-style: bold; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.headings: tuple[str, ...] = ()
        self.pairs: Sequence[Pair] = ()
        self.totals: tuple[str, ...] = ()
        self._code_width = 4

    def show(self, headings: Sequence[str], pairs: Sequence[Pair], totals: Sequence[str]) -> None:
        """Show new rows: ``headings`` (code, state, four figures), the state pairs, totals."""
        self.headings, self.pairs, self.totals = tuple(headings), pairs, tuple(totals)
        longest = max((len(s.code) for pair in pairs for s in pair if s), default=2)
        self._code_width = max(4, min(8, longest)) + 1
        self.virtual_size = Size(0, len(pairs) + 2)
        self.cursor = min(self.cursor, len(pairs))
        self.refresh()

    @property
    def page(self) -> int:
        """How many rows fit under the header."""
        return max(1, self.scrollable_content_region.height - 1)

    @property
    def positions(self) -> int:
        """The states, then the totals line."""
        return len(self.pairs) + 1

    def position_at(self, offset: Offset) -> int | None:
        """The row under ``offset`` (None on the header line)."""
        return round(self.scroll_offset.y) + offset.y - 1 if offset.y >= 1 else None

    def watch_cursor(self) -> None:
        """Scroll the cursor into view and redraw."""
        top = round(self.scroll_offset.y)
        if self.cursor < top:
            top = self.cursor
        elif self.cursor >= top + self.page:
            top = self.cursor - self.page + 1
        self.scroll_to(y=top, animate=False, immediate=True)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        """The header, a state's row, the totals line, or blank."""
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("compare-table--header")
            return self._line(self.headings, width, style, style)
        row = round(self.scroll_offset.y) + y - 1
        if row > len(self.pairs):
            return Strip.blank(width, base)
        style = base
        if row == len(self.pairs):
            style += self.get_component_rich_style("compare-table--total")
        cells = self.cells(row)
        if row == self.cursor:
            style += self.get_component_rich_style("compare-table--cursor")
        muted = style + Style(color=self.get_component_rich_style("compare-table--muted").color)
        return self._line(cells, width, style, muted)

    def cells(self, row: int) -> tuple[str, ...]:
        """The texts of row ``row``: code, name, A victims, A arrests, B victims, B arrests
        (the last row is the totals line)."""
        if row == len(self.pairs):
            return ("", *self.totals)
        a, b = self.pairs[row]
        state = a if a is not None else b
        if state is None:
            return ()
        return (
            state.code,
            display_name(state),
            cell(a, a.victims_rescued if a else None),
            cell(a, a.arrests if a else None),
            cell(b, b.victims_rescued if b else None),
            cell(b, b.arrests if b else None),
        )

    def _line(self, cells: Sequence[str], width: int, style: Style, muted: Style) -> Strip:
        """Code, name (what is left of the width) and four right-aligned figures."""
        if len(cells) < 6:
            return Strip.blank(width, style)
        code_w = self._code_width
        figure_w = max(5, min(FIGURE_WIDTH, (width - code_w - 8) // 4))
        name_w = max(1, width - code_w - 4 * figure_w)
        segments = [Segment(fit(cells[0], code_w), muted), Segment(fit(cells[1], name_w), style)]
        for text in cells[2:6]:
            shown = text if cell_len(text) < figure_w else fit(text, figure_w - 1)
            is_mark = text in (MISSING, ABSENT)
            segments.append(
                Segment(" " * (figure_w - cell_len(shown)) + shown, muted if is_mark else style)
            )
        return Strip(segments).adjust_cell_length(width, style)
