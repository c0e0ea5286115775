"""Headers that say what is shown: no "share of 0", no sort mark on a column not sorted.

With no state reporting a figure there is no total for shares to be of (the source may still
report one); in source order the list is not sorted by code, so the mark names the order.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rich.cells import cell_len

from tests.functional.helpers import make_dataset, screen_text
from tui import i18n
from tui.app import UnitedFrontApp
from tui.dataset.charts import BarScale
from tui.output.svg import to_svg
from tui.widgets.list_header import marked_label

NO_ARRESTS = (
    """
[reported]
arrests = 102
""",
    """
[[states]]
code = "KY"
name = "Kentucky"
victims_rescued = 23
[[states]]
code = "MO"
name = "Missouri"
victims_rescued = 4
""",
)


@pytest.fixture
def french() -> Iterator[None]:
    """The French UI for one test."""
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


def no_arrests() -> UnitedFrontApp:
    """An explorer on two states that report victims and no arrests (the source reports 102)."""
    extra, states = NO_ARRESTS
    return UnitedFrontApp(make_dataset(states, extra))


def test_heading_without_reporting_states() -> None:
    """The scale has no total (not 0) for a figure no state reports."""
    extra, states = NO_ARRESTS
    scale = BarScale.of(make_dataset(states, extra).states)
    assert scale.total["arrests"] is None
    assert scale.heading("arrests") == "Arrests (no state reports it)"
    assert scale.heading("victims_rescued") == "Victims rescued (share of 27)"


def test_svg_bars_heading() -> None:
    """The SVG bar chart says the same."""
    extra, states = NO_ARRESTS
    svg = to_svg(make_dataset(states, extra), "bars")
    assert "share of 0" not in svg
    assert "Arrests (no state reports it)" in svg


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_bar_chart_heading(size: tuple[int, int]) -> None:
    """`b` on that dataset: no "share of 0" in the header."""
    app = no_arrests()
    async with app.run_test(size=size) as pilot:
        await pilot.press("b")
        await pilot.pause()
        text = screen_text(app)
        assert "share of 0" not in text
        assert "no state" in text


@pytest.mark.parametrize(("width", "expected"), [(5, "#▲"), (13, "Source order▲"), (8, "Order▲")])
def test_source_order_is_marked_as_such(width: int, expected: str) -> None:
    """Source order marks the order itself, in what fits; never "Code▲"."""
    assert marked_label("code", "source", False, width) == expected
    assert marked_label("code", "source", True, width) == expected[:-1] + "▼"
    assert marked_label("victims", "victims", False, 8) == "Victims▼"


@pytest.mark.usefixtures("french")
def test_source_order_mark_in_french() -> None:
    """The French labels fit the same widths."""
    for width in range(2, 20):
        assert cell_len(marked_label("code", "source", False, width)) <= width
    assert marked_label("code", "source", False, 5) == "#▲"


@pytest.mark.parametrize("width", [30, 80])
async def test_list_header_in_source_order(width: int) -> None:
    """The list in source order: the order is marked, and no column claims to be sorted."""
    app = no_arrests()
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        header = screen_text(app).splitlines()[1]
        assert "Code▲" not in header and "State▲" not in header
        assert "#▲" in header or "Order▲" in header or "Source order▲" in header
        await pilot.press("r")
        await pilot.pause()
        header = screen_text(app).splitlines()[1]
        assert "#▼" in header or "Order▼" in header or "Source order▼" in header
