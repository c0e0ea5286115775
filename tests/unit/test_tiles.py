"""The tile-grid layout, geographic moves and shading (pure model, no textual)."""

from __future__ import annotations

import csv
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest

from tui.dataset import Dataset, State
from tui.dataset.tiles import (
    BY_CODE,
    GRID_COLS,
    GRID_ROWS,
    JENKS_LIMIT,
    SHADES,
    TILES,
    Direction,
    build_map,
    class_breaks,
    neighbour,
    shade,
    shade_ranges,
    start_tile,
)

REFERENCE = Path("/work/shared/data/us-state-tile-grid.csv")


def test_fifty_states_and_dc_on_distinct_cells() -> None:
    """51 tiles, each on its own cell inside the 11x7 grid."""
    assert len(TILES) == 51 and len(BY_CODE) == 51
    cells = {(t.row, t.col) for t in TILES}
    assert len(cells) == 51
    assert all(0 <= r < GRID_ROWS and 0 <= c < GRID_COLS for r, c in cells)


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference CSV not on this machine")
def test_matches_the_reference_grid() -> None:
    """The packaged table is geofacet's us_state_grid1, cell for cell."""
    with REFERENCE.open(encoding="utf-8") as f:
        expected = {
            r["code"]: (int(r["row"]) - 1, int(r["col"]) - 1, r["name"]) for r in csv.DictReader(f)
        }
    assert {t.code: (t.row, t.col, t.name) for t in TILES} == expected


def test_positions_read_like_the_country() -> None:
    """ND west of MN, SD under ND, KY east of MO, TX on the bottom row."""
    nd, mn, sd, ky, mo, tx = (BY_CODE[c] for c in ("ND", "MN", "SD", "KY", "MO", "TX"))
    assert nd.row == mn.row and nd.col < mn.col
    assert sd.col == nd.col and sd.row == nd.row + 1
    assert ky.row == mo.row and ky.col == mo.col + 1
    assert tx.row == GRID_ROWS - 1


@pytest.mark.parametrize(
    ("start", "direction", "expected"),
    [
        ("ND", "right", "MN"),
        ("MN", "left", "ND"),
        ("ND", "down", "SD"),
        ("MO", "right", "KY"),
        ("MI", "right", "NY"),  # skips the empty cell between them
        ("OK", "down", "TX"),
        ("TX", "left", "AK"),  # skips the empty cell
        ("HI", "up", "CA"),  # straight ahead beats the nearer tile off to the side
        ("ND", "up", None),  # nothing within 45 degrees: stay
        ("ME", "right", None),
        ("FL", "down", None),
        ("WA", "left", None),
    ],
)
def test_neighbour(start: str, direction: Direction, expected: str | None) -> None:
    """Moves go to the nearest tile that way, or nowhere at the edge."""
    found = neighbour(BY_CODE[start], direction)
    assert (found.code if found else None) == expected


def test_every_move_is_a_real_move() -> None:
    """From every tile, every move lands on another tile in that direction (or none)."""
    for tile in TILES:
        directions: tuple[Direction, ...] = ("up", "down", "left", "right")
        for direction in directions:
            found = neighbour(tile, direction)
            if found is None:
                continue
            assert found != tile
            if direction in ("up", "down"):
                assert (found.row - tile.row) * (1 if direction == "down" else -1) > 0
            else:
                assert (found.col - tile.col) * (1 if direction == "right" else -1) > 0


def test_shade_classes() -> None:
    """Not reported and 0 have their own classes; figures fall in the class of their bound."""
    breaks = (1, 4, 8, 23)
    assert shade(None, breaks) == "missing"
    assert shade(0, breaks) == "zero"
    assert shade(1, breaks) == "1"
    assert shade(6, breaks) == "3"
    assert shade(23, breaks) == "4"
    assert shade(5, ()) == "zero"


def test_arrests_are_not_eleven_states_in_one_class() -> None:
    """The bundled arrests (2 to 46): equal steps put 11 of 12 states in the first class;
    natural breaks give the outlier a class of its own and spread the rest."""
    arrests = [2, 3, 11, 46, 3, 7, 3, 7, 4, 2, 5, 9]
    breaks, binning = class_breaks(arrests)
    assert binning == "jenks" and breaks == (4, 7, 11, 46)
    counts = Counter(shade(v, breaks) for v in arrests)
    assert max(counts.values()) <= 6 and counts["4"] == 1


def test_natural_breaks_minimise_the_spread_within_classes() -> None:
    """On small inputs the breaks are the best of every way to cut the sorted figures."""
    values = [1, 1, 4, 4, 6, 8, 23, 30, 31]
    breaks, _binning = class_breaks(values, 3)
    distinct = sorted(set(values))

    def spread(bounds: tuple[int, ...]) -> float:
        total, low = 0.0, 0
        for bound in bounds:
            group = [v for v in values if low < v <= bound]
            mean = sum(group) / len(group)
            total += sum((v - mean) ** 2 for v in group)
            low = bound
        return total

    options = [(a, b, distinct[-1]) for a, b in combinations(distinct[:-1], 2)]
    assert spread(breaks) == min(spread(option) for option in options)


def test_few_distinct_figures_each_get_a_class_and_many_get_quantiles() -> None:
    """No more figures than classes: one class each; past the limit: quantiles."""
    assert class_breaks([5, 5, 1]) == ((1, 5), "jenks")
    assert class_breaks([0, 0]) == ((), "jenks")
    breaks, binning = class_breaks(list(range(1, JENKS_LIMIT + 100)))
    assert binning == "quantiles" and len(breaks) == SHADES and breaks[-1] == JENKS_LIMIT + 99


@pytest.mark.parametrize(
    "values", [[1], [1, 2], [3, 3, 9], [2, 3, 11, 46, 3, 7], list(range(1, 400, 7))]
)
def test_shade_ranges_cover_every_figure_once(values: list[int]) -> None:
    """The legend's ranges are disjoint, cover 1..top, and agree with shade()."""
    breaks, _binning = class_breaks(values)
    covered = []
    for cls, low, high in shade_ranges(breaks):
        for value in range(low, high + 1):
            assert shade(value, breaks) == cls
            covered.append(value)
    assert covered == list(range(1, max(values) + 1))


def test_build_map_bundled(dataset: Dataset) -> None:
    """Twelve shaded states, the rest outside; Kentucky is the darkest for victims."""
    model = build_map(dataset.states, "victims_rescued")
    assert model.unplaced == () and model.top == 23
    inside = [c for c in model.cells if c.state is not None]
    assert len(inside) == 12
    assert model.cell("KY").shade == "4" and model.cell("KY").value == 23
    assert model.cell("NE").shade == "missing" and model.cell("NE").value is None
    assert model.cell("CA").shade == "outside"
    arrests = build_map(dataset.states, "arrests")
    assert arrests.top == 46 and arrests.cell("NE").shade == "2"
    assert arrests.breaks == (4, 7, 11, 46) and arrests.binning == "jenks"


def test_filtered_states_are_hidden_but_keep_their_shade(dataset: Dataset) -> None:
    """A filter dims states; the scale still spans the whole dataset."""
    model = build_map(dataset.states, "victims_rescued", shown={"ND", "SD"})
    assert model.top == 23
    assert model.cell("KY").hidden and model.cell("KY").shade == "4"
    assert not model.cell("ND").hidden
    assert not model.cell("CA").hidden


def test_unknown_codes_are_listed_not_placed() -> None:
    """Codes off the grid are listed in dataset order; the others are drawn."""
    states = (
        State("QC", "Québec", victims_rescued=3),
        State("MO", "Missouri", victims_rescued=4),
        State("DISTRICT-9", "Somewhere", arrests=1),
    )
    model = build_map(states, "victims_rescued")
    assert model.unplaced == ("QC", "DISTRICT-9")
    assert model.cell("MO").shade == "4"
    assert model.top == 4  # the scale counts every state, placed or not
    assert start_tile(states, states[0]).code == "MO"
    assert start_tile((states[0],), None) == TILES[0]
