"""The US tile-grid map as data: where each state goes, moves between tiles, and shading.

Pure Python (no textual): the terminal map and the SVG writer both draw from it.

The layout is ``us_state_grid1`` of the geofacet R package (hafen/geofacet, MIT licence,
https://github.com/hafen/geofacet), the Washington Post's 11-column by 7-row grid: one equal
square per state (and DC), placed roughly where the state is.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from tui.dataset.model import Metric, State

GRID_ROWS = 7
GRID_COLS = 11

_GRID = """\
1,6,WI,Wisconsin,Wisconsin
1,9,VT,Vermont,Vermont
1,10,NH,New Hampshire,New Hampshire
1,11,ME,Maine,Maine
2,1,WA,Washington,Washington
2,2,ID,Idaho,Idaho
2,3,MT,Montana,Montana
2,4,ND,North Dakota,Dakota du Nord
2,5,MN,Minnesota,Minnesota
2,6,IL,Illinois,Illinois
2,7,MI,Michigan,Michigan
2,9,NY,New York,New York
2,10,MA,Massachusetts,Massachusetts
3,1,OR,Oregon,Oregon
3,2,NV,Nevada,Nevada
3,3,WY,Wyoming,Wyoming
3,4,SD,South Dakota,Dakota du Sud
3,5,IA,Iowa,Iowa
3,6,IN,Indiana,Indiana
3,7,OH,Ohio,Ohio
3,8,PA,Pennsylvania,Pennsylvanie
3,9,NJ,New Jersey,New Jersey
3,10,CT,Connecticut,Connecticut
3,11,RI,Rhode Island,Rhode Island
4,1,CA,California,Californie
4,2,UT,Utah,Utah
4,3,CO,Colorado,Colorado
4,4,NE,Nebraska,Nebraska
4,5,MO,Missouri,Missouri
4,6,KY,Kentucky,Kentucky
4,7,WV,West Virginia,Virginie-Occidentale
4,8,VA,Virginia,Virginie
4,9,MD,Maryland,Maryland
4,10,DE,Delaware,Delaware
5,2,AZ,Arizona,Arizona
5,3,NM,New Mexico,Nouveau-Mexique
5,4,KS,Kansas,Kansas
5,5,AR,Arkansas,Arkansas
5,6,TN,Tennessee,Tennessee
5,7,NC,North Carolina,Caroline du Nord
5,8,SC,South Carolina,Caroline du Sud
5,9,DC,District of Columbia,District de Columbia
6,4,OK,Oklahoma,Oklahoma
6,5,LA,Louisiana,Louisiane
6,6,MS,Mississippi,Mississippi
6,7,AL,Alabama,Alabama
6,8,GA,Georgia,Géorgie
7,1,HI,Hawaii,Hawaï
7,2,AK,Alaska,Alaska
7,4,TX,Texas,Texas
7,9,FL,Florida,Floride
"""
"""``row,col,code,name`` (1-based, top left), as geofacet's ``us_state_grid1`` gives them, then
the French name, for tiles the dataset has no state (and so no ``local_name``) for."""


class Tile(NamedTuple):
    """One square of the grid (``row`` and ``col`` count from 0, top left)."""

    code: str
    name: str
    row: int
    col: int
    french: str
    """The state's name in French (Dakota du Nord), for the French UI."""


def _parse(table: str) -> tuple[Tile, ...]:
    tiles = []
    for line in table.splitlines():
        row, col, code, name, french = line.split(",", 4)
        tiles.append(Tile(code, name, int(row) - 1, int(col) - 1, french))
    return tuple(tiles)


TILES: tuple[Tile, ...] = _parse(_GRID)
"""The 50 states and DC, row by row."""
BY_CODE: dict[str, Tile] = {tile.code: tile for tile in TILES}

Direction = Literal["up", "down", "left", "right"]
_STEPS: dict[Direction, tuple[int, int]] = {
    "up": (-1, 0),
    "down": (1, 0),
    "left": (0, -1),
    "right": (0, 1),
}


def neighbour(tile: Tile, direction: Direction) -> Tile | None:
    """The nearest tile from ``tile`` in ``direction``, skipping empty cells; None at an edge.

    Candidates lie within 45 degrees of the direction (so "up" from North Dakota, with only
    Wisconsin two columns east above it, goes nowhere); among them, sideways distance counts
    double, so a tile straight ahead wins over a closer one off to the side.
    """
    d_row, d_col = _STEPS[direction]
    best: tuple[int, int, int, int] | None = None
    found: Tile | None = None
    for other in TILES:
        ahead = (other.row - tile.row) * d_row + (other.col - tile.col) * d_col
        aside = abs((other.row - tile.row) * d_col + (other.col - tile.col) * d_row)
        if ahead <= 0 or aside > ahead:
            continue
        score = (ahead + 2 * aside, aside, other.row, other.col)
        if best is None or score < best:
            best, found = score, other
    return found


SHADES = 4
"""Classes of reported, non-zero figures, at most (fewer when fewer figures differ)."""

JENKS_LIMIT = 150
"""Most distinct figures natural breaks are computed over (O(classes x figures²)); past it the
classes are quantiles, which cost one sort."""

Shade = Literal["outside", "missing", "zero", "1", "2", "3", "4"]
"""How a tile is drawn: not in the dataset, not reported, 0, or a class of 1 to :data:`SHADES`."""

Binning = Literal["jenks", "quantiles"]
"""How the classes were chosen: natural breaks (Jenks), or quantiles (many distinct figures)."""


def _jenks(values: Sequence[int], weights: Sequence[int], classes: int) -> list[int]:
    """Indices into ``values`` (sorted, distinct) of each class's last value, the classes
    chosen to make the sum of squared deviations within them smallest (Fisher-Jenks)."""
    n = len(values)
    sw, swx, swxx = [0], [0], [0]
    for v, w in zip(values, weights):
        sw.append(sw[-1] + w)
        swx.append(swx[-1] + w * v)
        swxx.append(swxx[-1] + w * v * v)

    def cost(i: int, j: int) -> float:
        """Squared deviations of values[i..j] from their (weighted) mean."""
        w = sw[j + 1] - sw[i]
        x = swx[j + 1] - swx[i]
        return swxx[j + 1] - swxx[i] - x * x / w

    best = [cost(0, j) for j in range(n)]
    cut: list[list[int]] = [[-1] * n]
    for _c in range(1, classes):
        row, cuts = [math.inf] * n, [-1] * n
        for j in range(n):
            for i in range(1, j + 1):
                total = best[i - 1] + cost(i, j)
                if total < row[j]:
                    row[j], cuts[j] = total, i - 1
        best = row
        cut.append(cuts)
    ends, j = [n - 1], n - 1
    for c in range(classes - 1, 0, -1):
        j = cut[c][j]
        ends.append(j)
    return sorted(ends)


def class_breaks(values: Sequence[int], classes: int = SHADES) -> tuple[tuple[int, ...], Binning]:
    """The upper bound of each shade class of the positive ``values``, from their distribution.

    Natural breaks (Jenks): figures close together share a class and an outlier gets its own,
    so 2, 3, 3, 11 and 46 arrests are not four states in one class. With no more distinct
    figures than classes, each figure is a class; with very many, the classes are quantiles.
    """
    positive = sorted(v for v in values if v > 0)
    distinct = sorted(set(positive))
    if len(distinct) <= classes:
        return tuple(distinct), "jenks"
    if len(distinct) > JENKS_LIMIT:
        n = len(positive)
        bounds = sorted({positive[min(n - 1, (k * n) // classes - 1)] for k in range(1, classes)})
        return (*[b for b in bounds if b < positive[-1]], positive[-1]), "quantiles"
    counts = {v: 0 for v in distinct}
    for v in positive:
        counts[v] += 1
    ends = _jenks(distinct, [counts[v] for v in distinct], classes)
    return tuple(distinct[i] for i in ends), "jenks"


def shade(value: int | None, breaks: Sequence[int]) -> Shade:
    """The shade class of ``value`` given the classes' upper bounds ``breaks``."""
    if value is None:
        return "missing"
    if value <= 0 or not breaks:
        return "zero"
    # Fewer classes than shades use the darkest ones: the largest figure is always darkest.
    first = SHADES - len(breaks) + 1
    for k, bound in enumerate(breaks, first):
        if value <= bound:
            return str(k)  # type: ignore[return-value]
    return str(SHADES)  # type: ignore[return-value]


def shade_ranges(breaks: Sequence[int]) -> list[tuple[Shade, int, int]]:
    """Each shade class with the figures it covers, e.g. ``("1", 1, 5)``: together they cover
    every figure from 1 to the largest, so the legend has no gaps."""
    ranges: list[tuple[Shade, int, int]] = []
    low = 1
    for k, bound in enumerate(breaks, SHADES - len(breaks) + 1):
        ranges.append((str(k), low, bound))  # type: ignore[arg-type]
        low = bound + 1
    return ranges


@dataclass(frozen=True)
class Cell:
    """One tile as the map draws it."""

    tile: Tile
    state: State | None
    """The dataset's state on this tile (None: not part of the operation)."""
    value: int | None
    shade: Shade
    hidden: bool
    """True when the state is in the dataset but filtered out of the list."""


@dataclass(frozen=True)
class MapModel:
    """Everything to draw one metric on the grid."""

    metric: Metric
    cells: tuple[Cell, ...]
    """One per tile, in :data:`TILES` order."""
    top: int
    """The largest reported figure over all the dataset's states (0 when none)."""
    breaks: tuple[int, ...]
    """Upper bound of each shade class (see :func:`class_breaks`)."""
    binning: Binning
    """How the classes were chosen, for the legend to say."""
    unplaced: tuple[str, ...]
    """Dataset codes that are not on the grid (other countries, districts, typos)."""

    def cell(self, code: str) -> Cell:
        """The cell of tile ``code``."""
        return self.cells[TILES.index(BY_CODE[code])]


def build_map(
    states: Sequence[State], metric: Metric, shown: Collection[str] | None = None
) -> MapModel:
    """Place ``states`` on the grid and shade them by ``metric``.

    ``shown`` holds the codes the list's filter shows (None: all). The shading scale spans
    every state of the dataset, so that filtering does not change a tile's shade.
    """
    by_code = {s.code: s for s in states}
    values = [v for s in states if (v := s.figure(metric)) is not None]
    top = max(values, default=0)
    breaks, binning = class_breaks(values)
    cells = []
    for tile in TILES:
        state = by_code.get(tile.code)
        if state is None:
            cells.append(Cell(tile, None, None, "outside", False))
            continue
        value = state.figure(metric)
        hidden = shown is not None and tile.code not in shown
        cells.append(Cell(tile, state, value, shade(value, breaks), hidden))
    unplaced = tuple(s.code for s in states if s.code not in BY_CODE)
    return MapModel(metric, tuple(cells), top, breaks, binning, unplaced)


def start_tile(states: Sequence[State], selected: State | None) -> Tile:
    """Where the map's highlight starts: the selected state, else the first placed one."""
    for state in (selected, *states):
        if state is not None and state.code in BY_CODE:
            return BY_CODE[state.code]
    return TILES[0]
