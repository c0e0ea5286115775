"""The French explorer names each state one way, the source's way, on every screen."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import OptionList

from tests.functional.conftest import AppFactory
from tests.functional.helpers import screen_text, selected
from tui import i18n
from tui.app import UnitedFrontApp
from tui.dialogs.export_dialog import ExportDialog
from tui.i18n.textual import FoldingMatcher
from tui.terminal.textual_private import notifications


@pytest.fixture(autouse=True)
def french() -> Iterator[None]:
    """The French UI for each test, English again afterwards."""
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


def seen(app: UnitedFrontApp) -> str:
    """The screen and every notification shown so far."""
    notes = "\n".join(f"{n.title} {n.message}" for n in notifications(app))
    return screen_text(app) + "\n" + notes


async def test_north_dakota_is_dakota_du_nord_everywhere(make_app: AppFactory) -> None:
    """List, detail, map (its status line and notices), bars, About, the copy notification
    and the copied text's title: "Dakota du Nord", never "North Dakota"."""
    app = make_app()
    screens: dict[str, str] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"jjjjjj")  # Missouri ... North Dakota (the 7th state)
        await pilot.pause()
        state = selected(app)
        assert state is not None and state.code == "ND"
        screens["list"] = seen(app)
        await pilot.press("enter")
        await pilot.pause()
        screens["detail"] = seen(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        screens["map"] = seen(app)
        await pilot.press("enter")  # ND's details, from the map
        await pilot.pause()
        await pilot.press("escape", "b")
        await pilot.pause()
        screens["bars"] = seen(app)
        await pilot.press("escape", "i")
        await pilot.pause()
        screens["about"] = seen(app)
        await pilot.press("escape", "y")
        await pilot.pause()
        screens["notification"] = seen(app)
    for name, text in screens.items():
        assert "North Dakota" not in text, f"{name}:\n{text}"
    assert "Dakota du Nord" in screens["list"]
    assert "Dakota du Nord (ND)" in screens["detail"]
    assert "Dakota du Nord (ND)\u00a0: " in screens["map"]
    assert "Dakota du Nord" in screens["bars"]
    assert "Dakota du Nord" in screens["notification"]


async def test_the_map_names_tiles_outside_the_operation_in_french(make_app: AppFactory) -> None:
    """A tile the dataset has no state for: its French name in the status line and notice."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        # From Missouri, down twice is Louisiana, which is not in the operation.
        await pilot.press("down", "down")
        await pilot.pause()
        assert "Louisiane (LA)" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        text = seen(app)
        assert "Louisiane" in text and "Louisiana" not in text, text


async def test_english_keeps_the_english_names(make_app: AppFactory) -> None:
    """The English UI still says North Dakota in the list."""
    i18n.set_language("en")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "North Dakota" in screen_text(app) and "Dakota du Nord" not in screen_text(app)


async def test_the_export_dialog_never_starts_a_line_with_punctuation(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The French "existe déjà ; cochez…" wraps at spaces, never at the no-break space before
    ";" (Textual breaks at any space: the message is held together where French says so)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "keep.csv").write_text("mine", "utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "ctrl+u", *"keep.csv", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        text = screen_text(app)
        assert "existe déjà" in text and "already exists" not in text
        starts = [row.strip("│┃ ")[:1] for row in text.splitlines()]
        assert not [s for s in starts if s in ";:!?»"], text


@pytest.mark.parametrize("query", ["theme", "capture", "ecran"])
async def test_the_palette_matches_without_accents(make_app: AppFactory, query: str) -> None:
    """`theme` finds "Thème", `ecran` finds "Capture d'écran": accents are optional."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *query)
        found = ""
        for _ in range(500):  # up to 10 s: a loaded machine is slow
            await pilot.pause(0.02)
            options = app.screen.query(OptionList)
            found = " | ".join(
                str(o.prompt) for ol in options for o in ol.options if not o.disabled
            )
            if found:
                break
        wanted = {"theme": "Thème", "capture": "Capture d'écran", "ecran": "Capture d'écran"}
        assert wanted[query] in found, found


def test_folding_matcher_highlights_the_accented_letters() -> None:
    """The highlight falls on the candidate as written: "Thème", its è included."""
    matcher = FoldingMatcher("theme")
    assert matcher.match("Thème") > 0 and matcher.match("Quitter") == 0
    assert FoldingMatcher("thème").match("Theme") > 0
    shown = matcher.highlight("Thème")
    assert shown.plain == "Thème" and len(shown.spans) == 5


async def test_about_gives_each_fact_once(make_app: AppFactory) -> None:
    """French About: the source's French words only, no paraphrase, no English; the source's
    language and a missing URL said the French way."""
    app = make_app()
    op = app.dataset.operation
    async with app.run_test(size=(100, 200)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        text = re.sub(r"[ \n]+", " ", screen_text(app))
    for fact in op.facts:
        if not fact.quote:
            # Another source's fact with no words of its own: the paraphrase is all there is.
            assert fact.text[:40] in text
            continue
        assert fact.text[:40] not in text
        assert fact.translation is not None and fact.translation[:40] not in text
    assert "Anglais\u00a0:" not in text and "Anglais :" not in text
    assert "baptisée Operation United Front" in text
    assert text.count("baptisée Operation United Front") == 1
    assert "Langue\u00a0: français" in text and "URL\u00a0: non précisée" in text
    assert "D'après\u00a0:" in text and "1er septembre 2021 à 7\u00a0h\u00a055" in text


async def test_about_in_english_gives_the_translation_and_the_words(make_app: AppFactory) -> None:
    """English About: the translation, then the source's words; the paraphrase is not repeated."""
    i18n.set_language("en")
    app = make_app()
    fact = app.dataset.operation.facts[0]
    async with app.run_test(size=(100, 200)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        text = re.sub(r"[ \n]+", " ", screen_text(app))
    assert fact.translation is not None and fact.translation[:40] in text
    assert "baptisée Operation United Front" in text
    assert fact.text[:40] not in text


async def test_the_palette_says_no_match_in_french(make_app: AppFactory) -> None:
    """Textual's "No matches found" is translated, like the rest of the palette."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"zzzqqq")
        text = ""
        for _ in range(500):  # up to 10 s: a loaded machine is slow
            await pilot.pause(0.02)
            text = screen_text(app)
            if "Aucun résultat" in text:
                break
        assert "Aucun résultat" in text and "No matches found" not in text, text


async def test_ctrl_c_says_how_to_quit_in_french(make_app: AppFactory) -> None:
    """Textual's "Do you want to quit?" notice on Ctrl+C, in French."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        notes = [(n.title, n.message) for n in notifications(app)]
        assert any(t == "Voulez-vous quitter\u202f?" and "pour quitter" in m for t, m in notes)
        assert not any("Do you want" in str(t) for t, _m in notes), notes
