"""A grid of cells: what the terminal shows (or should show), one character and one pen a cell.

A cell holds one grapheme cluster, measured as Rich measures it when Textual lays the strip
out: a wide one (CJK, most emoji, a ZWJ sequence) takes its cell and the next, which holds
``WIDE`` (empty text); zero-width characters (combining accents) join the cell before them.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import split_graphemes
from rich.color import ColorSystem
from rich.segment import Segment

from tui.terminal.pen import Pen, pen_for

WIDE = ""
"""Text of the right half of a wide character."""
UNKNOWN = "\x00"
"""Text of a cell whose content on the terminal is not known (it never equals a real cell)."""

_BLANK = Pen()


class CellGrid:
    """``width`` x ``height`` cells: ``text[y][x]`` and ``pens[y][x]``."""

    __slots__ = ("height", "pens", "text", "width")

    def __init__(self, width: int, height: int, fill: str = " ") -> None:
        self.width = width
        self.height = height
        self.text: list[list[str]] = [[fill] * width for _ in range(height)]
        self.pens: list[list[Pen]] = [[_BLANK] * width for _ in range(height)]

    def invalidate(self) -> None:
        """Forget every cell (the terminal's content is unknown: after a resize or a resume)."""
        for row in self.text:
            row[:] = [UNKNOWN] * self.width

    def copy_row_from(self, other: CellGrid, y: int) -> None:
        """Make row ``y`` equal to ``other``'s."""
        self.text[y] = other.text[y].copy()
        self.pens[y] = other.pens[y].copy()

    def paint(
        self,
        x: int,
        y: int,
        segments: Iterable[Segment],
        color_system: ColorSystem,
        end: int | None = None,
    ) -> int:
        """Draw ``segments`` from (``x``, ``y``), clipped at ``end`` (default: the right edge).

        Returns the column after the last cell drawn.
        """
        if not 0 <= y < self.height or x < 0:
            return x
        stop = self.width if end is None else min(end, self.width)
        text_row = self.text[y]
        pen_row = self.pens[y]
        for segment in segments:
            if x >= stop:
                break
            text = segment.text
            if not text:
                continue
            pen = pen_for(segment.style, color_system)
            if x > 0 and text_row[x] == WIDE:
                # Drawing over the right half of a wide character breaks its left half.
                text_row[x - 1] = " "
            if text.isascii():
                # The common case: one character, one cell.
                count = min(len(text), stop - x)
                text_row[x : x + count] = text[:count]
                pen_row[x : x + count] = [pen] * count
                x += count
            else:
                x = self._paint_wide(x, stop, text, pen, text_row, pen_row)
            if x < self.width and text_row[x] == WIDE:
                text_row[x] = " "
        return x

    @staticmethod
    def _paint_wide(
        x: int, stop: int, text: str, pen: Pen, text_row: list[str], pen_row: list[Pen]
    ) -> int:
        # Cluster by cluster, as Rich measured the strip: a ZWJ sequence of four emoji is one
        # cluster two cells wide, not four of two.
        spans, _ = split_graphemes(text)
        for start, end, width in spans:
            cluster = text[start:end]
            if width == 0:
                if 0 < x <= stop:
                    text_row[x - 1] += cluster
                continue
            if x + width > stop:
                # A wide character cut by the edge: the terminal would show a space.
                if x < stop:
                    text_row[x], pen_row[x] = " ", pen
                return stop
            text_row[x], pen_row[x] = cluster, pen
            for right in range(x + 1, x + width):
                text_row[right], pen_row[right] = WIDE, pen
            x += width
        return x
