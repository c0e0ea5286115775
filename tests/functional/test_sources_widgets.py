"""Several sources in the explorer's widgets: the list marks contested figures (‡, under
NO_COLOR too), the footer a contested total (Victims 47† ✓ ‡≠ 59), the detail pane every
source's value under each figure."""

from __future__ import annotations

import pytest

from tests.functional.conftest import AppFactory
from tests.functional.helpers import explorer, screen_text
from tests.functional.test_explorer import detail_text
from tests.unit.helpers import REPO
from tui.app import UnitedFrontApp
from tui.dataset import Dataset, load, reconcile
from tui.dataset.agreement import agreement
from tui.dataset.contested import contested_metrics
from tui.widgets import StateList
from tui.widgets.totals_footer import contested_totals, operation_line

SCHEMA1 = REPO / "tests" / "data" / "schema1" / "operation-united-front.toml"


def list_lines(app: UnitedFrontApp) -> list[str]:
    """The text of every visible line of the state list."""
    widget = explorer(app).query_one(StateList)
    return [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]


def test_contested_metrics_agrees_with_the_model(dataset: Dataset) -> None:
    """The per-row shortcut gives the agreement model's verdicts."""
    found = agreement(dataset)
    for state in dataset.states:
        assert set(contested_metrics(state)) == set(found.state(state.code).contested_figures)


def test_operation_line_marks_a_contested_total(dataset: Dataset) -> None:
    """Victims 47† ✓ ‡≠ 59 at every tier; no mark without other sources."""
    rows = reconcile(dataset)
    others = contested_totals(dataset)
    assert others == {"victims_rescued": (59,)}
    for tier in range(5):
        assert "Victims 47† ✓ ‡≠ 59" in operation_line(rows, tier, True, others).plain or (
            "Vict. 47† ✓ ‡≠ 59" in operation_line(rows, tier, True, others).plain
        )
    assert contested_totals(load(SCHEMA1)) == {}


async def test_list_marks_the_four_contested_states(make_app: AppFactory) -> None:
    """At 80x24 Iowa, Kentucky, Oklahoma and Tennessee carry ‡; figures stay aligned."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = [line.rstrip() for line in list_lines(app)]
        marked = sorted(line.split()[0] for line in lines[1:] if "‡" in line)
        assert marked == ["IA", "KY", "OK", "TN"]
        oklahoma = next(line for line in lines if line.startswith("OK"))
        missouri = next(line for line in lines if line.startswith("MO"))
        assert oklahoma.endswith("7‡")
        # The arrests column ends at the same cell, marked or not.
        assert len(oklahoma) == len(missouri) + 1 == len(lines[0].rstrip()) + 1
        assert "Victims 47† ✓ ‡≠ 59" in screen_text(app)


async def test_list_without_other_sources_is_unchanged(make_app: AppFactory) -> None:
    """A schema-1 dataset: no mark and no cell kept for one."""
    app = make_app(load(SCHEMA1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not any("‡" in line for line in list_lines(app))
        assert explorer(app).query_one(StateList).marks is False
        assert "‡" not in screen_text(app)


async def test_list_mark_under_no_color(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mark is a glyph: it is there with NO_COLOR."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any(line.startswith("OK") and "7‡" in line for line in list_lines(app))


async def test_oklahoma_detail_shows_7_and_13_with_who_says_each(make_app: AppFactory) -> None:
    """Under Arrests: 7 by the article (main) and its English edition, 13 by the Kentucky
    Governor's table, each with its date; victims agreed by all three."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"jjjjjjj")
        text = " ".join(detail_text(app).split())
        assert (
            "‡ 7 Epoch Times (French edition), 1 September 2021 (main source) · The Epoch Times "
            "(English edition)" in text
        )
        assert "‡ 13 Office of Kentucky Governor Andy Beshear, 1 September 2021" in text
        assert text.index("‡ 7") < text.index("‡ 13")
        assert "✓ 1 Epoch Times (French edition)" in text


async def test_iowa_detail_names_the_only_source_of_its_victims(make_app: AppFactory) -> None:
    """Iowa's 10 victims come from one source: said so."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j")
        text = " ".join(detail_text(app).split())
        assert (
            "· 10 Office of Kentucky Governor Andy Beshear, 1 September 2021 (the only source)"
            in text
        )
        assert "according to Iowa Department of Public Safety" in text
