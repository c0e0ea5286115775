"""Pilot tests of citing and exporting: `y`, `Y`, show the copied text, `e`, French names."""

from __future__ import annotations

import base64
import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import SystemCommand
from textual.widgets import OptionList

from tests.functional.conftest import AppFactory
from tests.functional.helpers import (
    explorer,
    make_dataset,
    record_notifications,
    screen_text,
    selected,
)
from tui import i18n
from tui.app import UnitedFrontApp
from tui.dialogs.copied_text import CopiedTextScreen
from tui.dialogs.export_dialog import ExportDialog
from tui.i18n.textual import localized
from tui.output.cite import state_citation, table_markdown
from tui.terminal.textual_private import driver_of

OSC52 = re.compile(r"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07")


def capture_writes(app: UnitedFrontApp) -> list[str]:
    """Record what the app writes to the terminal (the headless driver drops it otherwise)."""
    written: list[str] = []
    driver_of(app).write = written.append  # type: ignore[method-assign,assignment]
    return written


def clipboard_sequences(written: list[str]) -> list[str]:
    """The texts sent with OSC 52, decoded."""
    return [
        base64.b64decode(m.group(1)).decode("utf-8")
        for chunk in written
        for m in OSC52.finditer(chunk)
    ]


@pytest.fixture
def french() -> Iterator[None]:
    """The French UI for one test, English again afterwards."""
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


async def test_y_writes_the_citation_with_osc52(make_app: AppFactory) -> None:
    """`y` on Kentucky sends its Markdown citation as one OSC 52 sequence and says so."""
    app = make_app()
    notified = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        written = capture_writes(app)
        await pilot.press("j", "j", "j", "y")
        await pilot.pause()
        kentucky = app.dataset.states[3]
        assert clipboard_sequences(written) == [state_citation(app.dataset, kentucky)]
        assert "21 adult, 2 minor" in clipboard_sequences(written)[0]
        messages = notified
        assert any("OSC 52" in m and "show the text" in m for m in messages)


async def test_capital_y_copies_the_filtered_sorted_table(make_app: AppFactory) -> None:
    """`Y` copies the rows the list shows, with its filter and order."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        written = capture_writes(app)
        await pilot.press("slash", *"dakota", "enter", "s", "s", "s", "Y")
        await pilot.pause()
        (copied,) = clipboard_sequences(written)
        assert copied == table_markdown(app.dataset, explorer(app).view)
        rows = [line for line in copied.splitlines() if line.startswith("| S") or "| N" in line]
        assert rows[0].startswith("| SD |") and rows[1].startswith("| ND |")


async def test_show_the_copied_text_from_the_palette(make_app: AppFactory) -> None:
    """The palette's "Show the copied text" opens it, selectable; q closes it."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y", "ctrl+p")
        await pilot.pause()
        await pilot.press(*"show the copied")
        # The palette searches in a worker: wait (bounded) until it has found the command.
        options = app.screen.query_one(OptionList)
        for _ in range(500):  # up to 10 s: a loaded machine is slow
            await pilot.pause(0.02)
            if options.highlighted is not None:
                break
        assert "Show the copied text" in str(options.highlighted_option.prompt)  # type: ignore[union-attr]
        await pilot.press("enter")
        for _ in range(500):  # up to 10 s: a loaded machine is slow
            await pilot.pause(0.02)
            if isinstance(app.screen, CopiedTextScreen):
                break
        assert isinstance(app.screen, CopiedTextScreen), screen_text(app)
        assert "Missouri (MO)" in screen_text(app)
        assert "--no-mouse" in screen_text(app)
        await pilot.press("f7", "q")
        await pilot.pause()
        assert not isinstance(app.screen, CopiedTextScreen)


async def test_show_before_copying_explains(make_app: AppFactory) -> None:
    """Nothing copied yet: a notification, no empty dialog."""
    app = make_app()
    notified = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await explorer(app).action_show_copied()
        await pilot.pause()
        assert not isinstance(app.screen, CopiedTextScreen)
        assert any("Nothing copied yet" in m for m in notified)


async def test_e_writes_the_filtered_view(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`e`, a path, Enter: the shown rows only, in the shown order, written atomically."""
    monkeypatch.chdir(tmp_path)
    app = make_app()
    notified = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"dakota", "enter", "r", "e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("ctrl+u", *"out.csv", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text("utf-8"))))
        assert [r["code"] for r in rows] == ["SD", "ND"]
        assert any(str(tmp_path / "out.csv") in m for m in notified)
        assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


async def test_e_never_overwrites_without_asking(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An existing file is kept and the dialog says why; ticking Replace overwrites it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "keep.md").write_text("mine", "utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#format-markdown").value = True  # type: ignore[attr-defined]
        await pilot.press("ctrl+u", *"keep.md", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert (tmp_path / "keep.md").read_text("utf-8") == "mine"
        assert "already exists" in screen_text(app)
        app.screen.query_one("#export-force").value = True  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert (tmp_path / "keep.md").read_text("utf-8").startswith("# Operation United Front")


async def test_format_choice_follows_the_extension(make_app: AppFactory, tmp_path: Path) -> None:
    """Choosing JSON renames the default .csv path to .json."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ExportDialog(app.dataset, explorer(app).view, tmp_path))
        await pilot.pause()
        await pilot.press("shift+tab", "right", "space")
        await pilot.pause()
        path = app.screen.query_one("#export-path").value  # type: ignore[attr-defined]
        assert path == str(tmp_path / "unitedfront-view.json")


async def test_typing_after_a_format_change_lands_after_the_extension(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """`.csv` becomes `.json` with the cursor at the end: `XYZ` then ends the name (issue 18)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ExportDialog(explorer(app).dataset, explorer(app).view, tmp_path))
        await pilot.pause()
        await pilot.press("shift+tab", "right", "space", "tab", *"XYZ")
        await pilot.pause()
        path = app.screen.query_one("#export-path").value  # type: ignore[attr-defined]
        assert path == str(tmp_path / "unitedfront-view.jsonXYZ")


@pytest.mark.parametrize(("name", "choose"), [("out.csv", "JSON"), ("out.JSON", "Markdown")])
async def test_an_extension_that_contradicts_the_format_is_refused(
    make_app: AppFactory, tmp_path: Path, name: str, choose: str
) -> None:
    """As `export --format json -o out.csv` exits 2: the dialog says so and writes nothing;
    a name that agrees (or names no format) is written."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ExportDialog(explorer(app).dataset, explorer(app).view, tmp_path))
        await pilot.pause()
        rights = ["right"] * (1 if choose == "JSON" else 2)
        await pilot.press("shift+tab", *rights, "space", "tab", "ctrl+u", *name, "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        suffix = name.rsplit(".", 1)[1]
        assert f"The name ends in .{suffix}, which is not the chosen format ({choose})" in (
            " ".join(screen_text(app).split())
        )
        assert list(tmp_path.iterdir()) == []
        await pilot.press("ctrl+u", *"out.txt", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


async def test_e_cancel_writes_nothing(make_app: AppFactory, tmp_path: Path) -> None:
    """Tab to Cancel, Enter: no file, back to the list."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ExportDialog(app.dataset, explorer(app).view, tmp_path))
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("query", "codes"), [("dakota du sud", ["SD"]), ("nord", ["ND"])])
async def test_filter_by_french_names(make_app: AppFactory, query: str, codes: list[str]) -> None:
    """Typing the article's French name in the filter box finds the state."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *query, "enter")
        await pilot.pause()
        assert [
            explorer(app).view.state_at(r).code for r in range(len(explorer(app).view))
        ] == codes
        assert selected(app).code == codes[0]


@pytest.mark.usefixtures("french")
async def test_y_in_french_cites_the_source_first(make_app: AppFactory) -> None:
    """In French the copied citation opens with the French name and words."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        written = capture_writes(app)
        await pilot.press("end", "y")
        await pilot.pause()
        (copied,) = clipboard_sequences(written)
        assert copied.startswith("**Dakota du Sud (South Dakota, SD)**")
        assert copied.index("«\u00a0Dakota du Sud") < copied.index("South Dakota: 9 arrests")


async def test_the_notification_links_to_the_text(make_app: AppFactory) -> None:
    """Clicking "show the text" in the notification opens the copied text."""
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("y")
        for _ in range(500):  # up to 10 s: a loaded machine is slow
            await pilot.pause(0.02)
            rows = screen_text(app).splitlines()
            found = [(row.find("show the text"), y) for y, row in enumerate(rows)]
            found = [(x, y) for x, y in found if x >= 0]
            if found:
                break
        assert found, screen_text(app)
        x, y = found[0]
        await pilot.click(offset=(x + 2, y))
        await pilot.pause()
        assert isinstance(app.screen, CopiedTextScreen)


async def test_e_in_a_browser_delivers_the_file(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Served in a browser, `e` hands the file to the browser instead of writing on the server."""
    monkeypatch.chdir(tmp_path)
    app = make_app()
    delivered: list[tuple[str, str | None]] = []

    def deliver_text(file: io.StringIO, *, save_filename: str | None = None, **_: object) -> None:
        delivered.append((file.getvalue(), save_filename))

    monkeypatch.setattr(UnitedFrontApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(app, "deliver_text", deliver_text)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"sud", "enter", "e", "ctrl+u", *"sd.csv", "enter")
        await pilot.pause()
        ((text, name),) = delivered
        assert name == "sd.csv"
        assert text.splitlines()[1].startswith("SD,")
        assert list(tmp_path.iterdir()) == []


async def test_aliases_show_in_the_detail_pane() -> None:
    """A state's aliases are listed above its figures, as literal text."""
    data = make_dataset('[[states]]\ncode = "QC"\nname = "Quebec"\naliases = ["[b]Belle[/b]"]\n')
    app = UnitedFrontApp(data)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert "Also known as: [b]Belle[/b]" in screen_text(app)


async def test_palette_in_french(make_app: AppFactory) -> None:
    """In French the palette's search box, our commands and Textual's own are in French."""
    i18n.set_language("fr")
    try:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert "Rechercher une commande…" in screen_text(app)
            titles = {c.title for c in app.get_system_commands(explorer(app))}
            assert {
                "Copier la citation (y)",
                "Exporter la vue (e)",
                "Thème",
                "Quitter (q)",
            } <= titles
    finally:
        i18n.set_language("en")


def test_localized_leaves_empty_and_unknown_strings_alone() -> None:
    """An empty help stays empty (gettext would answer "" with the catalog header)."""
    i18n.set_language("fr")
    try:
        (command,) = localized([SystemCommand("Not in the catalog", "", print)])
        assert (command.title, command.help) == ("Not in the catalog", "")
    finally:
        i18n.set_language("en")
