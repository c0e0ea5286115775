"""Prose with tabs and newlines (quotes, translations, notes, descriptions) is rendered as
text on every screen: tabs expanded, newlines as line breaks inside the pane, never sent raw.

Every prose field of the format (read from the schema, as in tests/unit/test_single_line.py)
of every entry of the bundled dataset gets a tab and two newlines; then each screen that
shows dataset text is drawn at 80x24 and each of its lines checked.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest
from textual.app import App

from tests.functional.helpers import explorer, screen_text
from tests.unit.test_single_line import FIELDS, key_of
from tui.app import UnitedFrontApp
from tui.dataset import Dataset
from tui.dataset.compat import tomllib
from tui.dataset.resources import bundled_dataset
from tui.dataset.text import is_prose
from tui.dataset.validate import build
from tui.terminal.textual_private import screen_strips

EXTRA = "\n\tan indented line\twith a tab\nand a last line"
PROSE = [path for path in FIELDS if is_prose(key_of(path))]


def add_to_every(doc: Any, path: tuple[str | int, ...]) -> None:
    """Append :data:`EXTRA` to the value at ``path`` in every entry of every list on the way."""
    if not path:
        return
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        items = doc if doc else [""] if not rest else []
        if not doc and not rest:
            doc.append("first note")
        for i, item in enumerate(items if doc else []):
            if rest:
                add_to_every(item, rest)
            else:
                doc[i] = item + EXTRA
        return
    if head not in doc:
        if rest:
            return  # an optional table this dataset leaves out
        doc[head] = "prose"
    if rest:
        add_to_every(doc[head], rest)
    else:
        doc[head] = doc[head] + EXTRA


@pytest.fixture(scope="module")
def prose_dataset() -> Dataset:
    """The bundled dataset with a tab and two line breaks in every prose field."""
    doc = tomllib.loads(bundled_dataset().read_text(encoding="utf-8"))
    for path in PROSE:
        add_to_every(doc, path)
    dataset, issues = build(doc, "prose.toml")
    assert dataset is not None, issues
    assert dataset.states[0].quote is not None and dataset.states[0].quote.endswith(EXTRA)
    assert dataset.operation.summary is not None and "\t" in dataset.operation.summary
    return dataset


def check_lines(app: App[Any], where: str) -> None:
    """Every line of the screen is whole: no raw tab or newline, exactly the screen's width."""
    width = app.size.width
    strips = screen_strips(app.screen)
    for y, strip in enumerate(strips):
        text = "".join(segment.text for segment in strip)
        assert "\t" not in text and "\n" not in text, f"{where}, line {y}: {text!r}"
        assert strip.cell_length == width, f"{where}, line {y} is {strip.cell_length} wide"


async def test_every_screen_draws_prose_as_text(prose_dataset: Dataset) -> None:
    """List, detail pane, bars, map, about, help, compare, operations, copied text."""
    other = dataclasses.replace(
        prose_dataset, operation=dataclasses.replace(prose_dataset.operation, name="Other")
    )
    app = UnitedFrontApp([prose_dataset, other])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for state in prose_dataset.states:
            check_lines(app, f"list at {state.code}")
            await pilot.press("enter", "pagedown", "pagedown")
            await pilot.pause()
            check_lines(app, f"details of {state.code}")
            await pilot.press("pagedown", "pagedown", "end")
            await pilot.pause()
            check_lines(app, f"end of details of {state.code}")
            await pilot.press("h", "j")
        for key, close in (("b", "escape"), ("m", "escape"), ("C", "escape"), ("O", "escape")):
            await pilot.press(key)
            await pilot.pause()
            check_lines(app, key)
            await pilot.press(close)
            await pilot.pause()
        await pilot.press("i")
        for page in range(12):
            await pilot.pause()
            check_lines(app, f"about, page {page}")
            await pilot.press("pagedown")
        await pilot.press("escape", "y")
        await explorer(app).action_show_copied()
        await pilot.pause()
        check_lines(app, "copied text")
        assert app.is_running


async def test_nebraskas_row_and_the_borders_stay_whole(prose_dataset: Dataset) -> None:
    """Nebraska's row keeps its arrests figure and both borders, with prose all around it."""
    app = UnitedFrontApp(prose_dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"nebraska", "enter")
        await pilot.pause()
        lines = screen_text(app).split("\n")
        rows = [line for line in lines if re.search(r"┃NE\s+Nebraska\s+—\s+7\s*┃", line)]
        assert len(rows) == 1, "\n".join(lines)
        assert all(len(line) == 80 for line in lines)
