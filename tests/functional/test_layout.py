"""Layout at the sizes people use: subtotal always visible, sort in the header, `? Help` kept."""

from __future__ import annotations

import pytest

from tests.functional.conftest import AppFactory
from tests.functional.helpers import screen_text
from tui import i18n


@pytest.mark.parametrize("size", [(60, 20), (66, 20), (72, 24), (80, 24), (120, 40)])
async def test_filtered_subtotal_visible_from_60_columns(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    """With a filter on, the shown states' totals are on screen at every width from 60 up."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash", "d", "a", "k", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Shown 2 of 12" in text or "Shown 2/12" in text, text
        assert "Victims 6" in text or "Vict. 6" in text, text


@pytest.mark.parametrize("width", [60, 80, 120])
async def test_list_title_short_and_sort_in_the_header(make_app: AppFactory, width: int) -> None:
    """The title is never cut; ▼/▲ marks the sorted column and flips with the direction."""
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        rows = screen_text(app).splitlines()
        assert "States ━" in rows[0] or "States ─" in rows[0]
        assert "#▲" in rows[1] and "Code" not in rows[1]  # source order, not by code
        await pilot.press("v")
        await pilot.pause()
        assert "Victims▼" in screen_text(app).splitlines()[1]
        await pilot.press("v")
        await pilot.pause()
        assert "Victims▲" in screen_text(app).splitlines()[1]
        await pilot.press("a")
        await pilot.pause()
        header = screen_text(app).splitlines()[1]
        assert "Arrests▼" in header and "▲" not in header


@pytest.mark.parametrize("width", [60, 70, 80])
async def test_help_hint_always_in_the_key_bar(make_app: AppFactory, width: int) -> None:
    """`? Help` stays in the key bar in the list and in the detail pane."""
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        assert "? Help" in screen_text(app).splitlines()[-1]
        await pilot.press("enter")
        await pilot.pause()
        bar = screen_text(app).splitlines()[-1]
        assert "? Help" in bar and "…" not in bar
        if width >= 80:
            assert "^p palette" in bar


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_key_bar_at_80_shows_cite_export_map_help_quit(
    make_app: AppFactory, lang: str
) -> None:
    """At 80x24 the key bar shows citing (y), exporting (e) and the map (m) besides help and
    quit, in both languages (issue 19, item 11: they were hidden behind `?`)."""
    i18n.set_language(lang)
    try:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            bar = screen_text(app).splitlines()[-1]
            for key, label in (
                ("?", "Help"),
                ("q", "Quit"),
                ("y", "Cite"),
                ("e", "Export"),
                ("m", "Map"),
            ):
                assert f" {key} {i18n._(label)} " in bar, (lang, bar)
            assert "…" not in bar
    finally:
        i18n.set_language("en")
