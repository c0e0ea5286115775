"""How the terminal map lays tiles out and fills them: pure text, no textual.

Kept apart from the widget so that sizes and fills are unit tested without an app.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size

from tui.dataset.tiles import GRID_COLS, GRID_ROWS, Shade
from tui.i18n import number

MISSING = "—"
"""Shown for a figure the source does not report (never 0)."""

GLYPHS: dict[Shade, str] = {
    "outside": " ",
    "zero": " ",
    "missing": "╱",
    "1": "░",
    "2": "▒",
    "3": "▓",
    "4": "█",
}
"""Fill of a tile without colour: glyph density stands for the shade."""


class Layout(NamedTuple):
    """Tile size and gaps, in cells."""

    width: int
    height: int
    gap_x: int
    gap_y: int

    @property
    def size(self) -> tuple[int, int]:
        """Width and height of the whole grid."""
        return (
            GRID_COLS * self.width + (GRID_COLS - 1) * self.gap_x,
            GRID_ROWS * self.height + (GRID_ROWS - 1) * self.gap_y,
        )


LAYOUTS = (
    Layout(14, 5, 2, 1),
    Layout(12, 4, 2, 1),
    Layout(10, 3, 1, 1),
    Layout(9, 3, 1, 1),
    Layout(8, 3, 1, 1),
    Layout(7, 3, 1, 1),
    Layout(6, 2, 1, 1),
    Layout(6, 2, 1, 0),
    Layout(5, 2, 1, 0),
    Layout(4, 2, 1, 0),
    Layout(4, 1, 1, 0),
    Layout(3, 1, 1, 0),
    Layout(2, 1, 1, 0),
)
"""From roomiest to tightest; the smallest still shows every code."""


def choose_layout(width: int, height: int) -> Layout | None:
    """The roomiest layout whose grid fits ``width`` x ``height`` cells, or None."""
    for layout in LAYOUTS:
        grid_w, grid_h = layout.size
        if grid_w <= width and grid_h <= height:
            return layout
    return None


def wrap_items(items: Sequence[tuple[int, int]], width: int) -> list[list[int]]:
    """Group items, given as (index, cell width), into lines of at most ``width`` cells."""
    lines: list[list[int]] = []
    used = 0
    for index, size in items:
        if lines and used + 2 + size <= width:
            lines[-1].append(index)
            used += 2 + size
        else:
            lines.append([index])
            used = size
    return lines


def fit(text: str, width: int) -> str:
    if cell_len(text) > width:
        return set_cell_size(text, max(0, width - 1)) + "…" if width > 0 else ""
    return set_cell_size(text, width)


def figure(value: int | None) -> str:
    return MISSING if value is None else number(value)


def centre(text: str, width: int, fill: str) -> str:
    """``text`` centred in ``width`` cells, with a space either side before the fill."""
    if not text:
        return fill * width
    size = cell_len(text)
    if fill != " " and size + 4 <= width:
        text, size = f" {text} ", size + 2
    left = (width - size) // 2
    return fill * left + text + fill * (width - size - left)
