"""The terminal map's tile sizes and fills (text only)."""

from __future__ import annotations

import pytest

from tui.widgets.tile_cells import LAYOUTS, Layout, centre, choose_layout, wrap_items


def test_layouts_go_from_roomiest_to_tightest() -> None:
    """Each layout is no bigger than the one before; the smallest is 32x7, the largest 174x41."""
    sizes = [layout.size for layout in LAYOUTS]
    for (w1, h1), (w2, h2) in zip(sizes, sizes[1:]):
        assert w2 <= w1 and h2 <= h1
    assert sizes[-1] == (32, 7) and sizes[0] == (174, 41)


@pytest.mark.parametrize(
    ("width", "height", "expected"),
    [
        (80, 17, Layout(6, 2, 1, 0)),  # 80x24 less the key bar and the map's own lines
        (120, 33, Layout(10, 3, 1, 1)),
        (60, 17, Layout(4, 2, 1, 0)),
        (32, 7, Layout(2, 1, 1, 0)),
        (31, 7, None),
        (80, 6, None),
    ],
)
def test_choose_layout(width: int, height: int, expected: Layout | None) -> None:
    """The roomiest layout that fits, or None when even the smallest does not."""
    assert choose_layout(width, height) == expected


def test_centre() -> None:
    """Text centred; with a fill glyph, a space either side where there is room."""
    assert centre("KY", 6, " ") == "  KY  "
    assert centre("KY", 6, "▒") == "▒ KY ▒"
    assert centre("ND", 5, "▒") == "▒ND▒▒"
    assert centre("", 4, "╱") == "╱╱╱╱"


def test_wrap_items() -> None:
    """Legend items join with two spaces and wrap at the width."""
    assert wrap_items([(0, 10), (1, 5), (2, 8)], 20) == [[0, 1], [2]]
    assert wrap_items([(0, 30)], 20) == [[0]]
