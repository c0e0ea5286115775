"""Turn the difference between two cell grids into the fewest bytes a terminal needs.

The technique of curses' ``doupdate`` and ratatui's buffer diff: compare the wanted frame with
the one the terminal shows, and for each changed cell move the cursor there by the shortest
sequence (or rewrite a few unchanged cells when that is shorter), change only the SGR codes
that differ, and write the character.

Terminals and Rich may disagree on the width of some text (ZWJ sequences, emoji, variation
selectors, combining marks, East Asian wide and ambiguous characters). After writing such a
cell the encoder does not trust where the terminal's cursor went: the next cell starts with an
absolute move (CHA on the same row). A row holding a cluster that may be drawn wider than Rich
measured (several code points, a wide emoji) is written whole whenever it changes, so cells a
terminal drew over are drawn again: the wire layer never shows less than Textual's own output.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from tui.terminal.buffer import WIDE, CellGrid
from tui.terminal.pen import PLAIN, Pen, transition

Run = tuple[int, int, int]
"""Changed cells of one row: ``(y, first column, column after the last)``."""

SHORT_GAP = 3
"""Unchanged cells rewritten rather than jumped over (a jump costs 3-4 bytes)."""


DRAWING = range(0x2500, 0x2600)
"""Box drawing, block elements, geometric shapes: Textual's own borders and bars, one cell
wide on every terminal outside CJK locales (where Textual's own output breaks too)."""


@lru_cache(maxsize=4096)
def plain(cell: str) -> bool:
    """Whether every terminal advances its cursor by exactly one cell for ``cell``."""
    if len(cell) != 1:
        return cell == ""  # the right half of a wide character, written as a space
    if cell.isascii():
        return cell.isprintable()
    if ord(cell) in DRAWING:
        return True
    return unicodedata.east_asian_width(cell) in ("N", "Na", "H") and unicodedata.category(
        cell
    ) not in ("Mn", "Me", "Cf", "So")


@lru_cache(maxsize=4096)
def risky(cell: str) -> bool:
    """Whether a terminal may draw ``cell`` wider than Rich measured it, over its neighbours.

    Clusters of several code points (ZWJ sequences, variation selectors, combining marks) and
    wide symbols (emoji: each Unicode version adds some); not CJK text, which every terminal
    draws two cells wide.
    """
    if len(cell) > 1:
        return True
    return (
        not cell.isascii()
        and unicodedata.east_asian_width(cell) in ("W", "F")
        and unicodedata.category(cell) == "So"
    )


class Encoder:
    """Writes frames to a terminal whose content it tracks in ``sent``."""

    def __init__(self, width: int, height: int) -> None:
        self.sent = CellGrid(width, height)
        self.sent.invalidate()
        self.cursor: tuple[int, int] | None = None
        """Where the terminal's cursor is, when known."""
        self.reanchor = False
        """The cursor's row is known, its column not (a cell whose width may differ was
        written last): the next move must be absolute."""

    def resize(self, width: int, height: int) -> None:
        """Forget the terminal's content (after a resize, or when drawing resumes)."""
        if (width, height) != (self.sent.width, self.sent.height):
            self.sent = CellGrid(width, height)
        self.sent.invalidate()
        self.cursor = None
        self.reanchor = False

    def encode(self, want: CellGrid, cursor: tuple[int, int] | None) -> str:
        """The bytes that make the terminal show ``want``, ending with the cursor at ``cursor``.

        Empty when nothing changed, cursor included. ``sent`` then equals ``want``.
        """
        runs: list[Run] = []
        sent = self.sent
        for y in range(min(want.height, sent.height)):
            if want.text[y] != sent.text[y] or want.pens[y] != sent.pens[y]:
                runs += self._runs(want, y)
        if not runs:
            # Only the cursor may have moved (an input method draws there).
            if cursor is None or (cursor == self.cursor and not self.reanchor):
                return ""
            move = self._move(*cursor)
            self.cursor, self.reanchor = cursor, False
            return move
        start = (self.cursor, self.reanchor)
        # Row by row, or cut at pen changes and grouped by pen (one colour change per pen when,
        # say, a focus change recolours two borders): whichever is shorter.
        candidates = []
        for order in (runs, by_pen(runs, want)):
            self.cursor, self.reanchor = start
            out = self._emit(want, order)
            candidates.append(("".join(out), self.cursor, self.reanchor))
        data, self.cursor, self.reanchor = min(candidates, key=lambda candidate: len(candidate[0]))
        for y in {run[0] for run in runs}:
            sent.copy_row_from(want, y)
        if cursor is not None and (cursor != self.cursor or self.reanchor):
            data += self._move(*cursor)
            self.cursor = cursor
            self.reanchor = False
        return data

    def _runs(self, want: CellGrid, y: int) -> list[Run]:
        """Row ``y``'s changed cells, as runs of adjacent columns (a wide character whole)."""
        text, pens = want.text[y], want.pens[y]
        old_text, old_pens = self.sent.text[y], self.sent.pens[y]
        width = want.width
        if any(map(risky, text)) or any(map(risky, old_text)):
            # A terminal may have drawn such a cluster over its neighbours: the whole row.
            return [(y, 0, width)]
        todo = set()
        for x in range(width):
            if text[x] != old_text[x] or pens[x] is not old_pens[x]:
                todo.add(x)
                # A wide character is written whole, from its left half.
                if (text[x] == WIDE or old_text[x] == WIDE) and x > 0:
                    todo.add(x - 1)
                if x + 1 < width and (text[x + 1] == WIDE or old_text[x + 1] == WIDE):
                    todo.add(x + 1)
        runs: list[Run] = []
        for x in sorted(todo):
            if runs and runs[-1][2] == x:
                runs[-1] = (y, runs[-1][1], x + 1)
            else:
                runs.append((y, x, x + 1))
        return runs

    def _emit(self, want: CellGrid, runs: list[Run]) -> list[str]:
        out: list[str] = []
        pen = PLAIN
        width = want.width
        for y, first, stop in runs:
            text, pens = want.text[y], want.pens[y]
            for x in range(first, stop):
                if text[x] == WIDE and x > first and text[x - 1] != WIDE:
                    continue  # written with its left half
                pen = self._goto(x, y, want, pen, out)
                cell_pen = pens[x]
                if cell_pen is not pen:
                    out.append(transition(pen, cell_pen))
                    pen = cell_pen
                out.append(text[x] or " ")
                step = 2 if x + 1 < width and text[x + 1] == WIDE and text[x] != WIDE else 1
                self.cursor = (x + step, y) if x + step < width else None
                # Where the terminal put its cursor after this cell is not sure: re-anchor.
                self.reanchor = self.cursor is not None and not plain(text[x])
        if pen is not PLAIN:
            out.append(transition(pen, PLAIN))
        return out

    def _goto(self, x: int, y: int, want: CellGrid, pen: Pen, out: list[str]) -> Pen:
        """Bring the cursor to (x, y), by a move or by rewriting a few unchanged cells."""
        if self.cursor == (x, y) and not self.reanchor:
            return pen
        if (
            self.cursor is not None
            and not self.reanchor
            and self.cursor[1] == y
            and 0 < x - self.cursor[0] <= SHORT_GAP
        ):
            start = self.cursor[0]
            gap_text = want.text[y][start:x]
            gap_pens = want.pens[y][start:x]
            if all(p is pen for p in gap_pens) and all(
                len(c) == 1 and c.isascii() for c in gap_text
            ):
                out.append("".join(gap_text))
                self.cursor = (x, y)
                return pen
        out.append(self._move(x, y))
        self.cursor = (x, y)
        self.reanchor = False
        return pen

    def _move(self, x: int, y: int) -> str:
        """The shortest sequence that moves the cursor to (x, y) (0-based)."""
        absolute = f"\x1b[{y + 1}H" if x == 0 else f"\x1b[{y + 1};{x + 1}H"
        if self.cursor is None:
            return absolute
        cx, cy = self.cursor
        options = [absolute]
        if self.reanchor:
            # Only moves that set the column: the terminal's idea of it may differ from ours.
            if cy == y:
                options.append("\r" if x == 0 else f"\x1b[{x + 1}G")
            elif y == cy + 1 and x == 0:
                options.append("\r\n")
            return min(options, key=len)
        if cy == y:
            if x == 0:
                options.append("\r")
            elif x > cx:
                options.append("\x1b[C" if x - cx == 1 else f"\x1b[{x - cx}C")
            elif x < cx:
                options.append("\x1b[D" if cx - x == 1 else f"\x1b[{cx - x}D")
        elif y == cy + 1 and x == 0:
            options.append("\r\n")
        elif cx == x and y > cy:
            options.append("\x1b[B" if y - cy == 1 else f"\x1b[{y - cy}B")
        elif cx == x and y < cy:
            options.append("\x1b[A" if cy - y == 1 else f"\x1b[{cy - y}A")
        return min(options, key=len)


def by_pen(runs: list[Run], want: CellGrid) -> list[Run]:
    """``runs`` cut where the pen changes, grouped by pen (groups in order of appearance)."""
    groups: dict[Pen, list[Run]] = {}
    for y, first, stop in runs:
        pens, text = want.pens[y], want.text[y]
        start = first
        for x in range(first + 1, stop + 1):
            # Never cut between the halves of a wide character.
            if x == stop or (pens[x] is not pens[start] and text[x] != WIDE):
                groups.setdefault(pens[start], []).append((y, start, x))
                start = x
    return [run for group in groups.values() for run in group]
