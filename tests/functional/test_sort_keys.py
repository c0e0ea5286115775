"""One key per column (v, a, n, o), the same key again reverses; the screenshot command."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional.conftest import AppFactory
from tests.functional.helpers import explorer, record_notifications


@pytest.mark.parametrize(
    ("key", "sort", "first", "first_reversed"),
    [
        ("v", "victims", "KY", None),
        ("a", "arrests", None, None),
        ("n", "name", None, None),
        ("o", "source", None, None),
    ],
)
async def test_sort_key_then_again_reverses(
    make_app: AppFactory, key: str, sort: str, first: str | None, first_reversed: str | None
) -> None:
    """A sort key sorts by its column; pressed again it reverses; `s` still cycles."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        if key == "o":
            await pilot.press("n")  # leave source order first
        await pilot.press(key)
        assert (explorer(app).view.sort, explorer(app).view.reverse) == (sort, False)
        shown = [explorer(app).view.state_at(r).code for r in range(len(explorer(app).view))]
        await pilot.press(key)
        assert (explorer(app).view.sort, explorer(app).view.reverse) == (sort, True)
        again = [explorer(app).view.state_at(r).code for r in range(len(explorer(app).view))]
        assert again != shown
        await pilot.press(key)
        assert explorer(app).view.reverse is False
        if first is not None:
            assert shown[0] == first


async def test_s_still_cycles(make_app: AppFactory) -> None:
    """`s` goes source → name → victims → arrests, as before."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        seen = []
        for _ in range(4):
            await pilot.press("s")
            seen.append(explorer(app).view.sort)
        assert seen == ["name", "victims", "arrests", "source"]


async def test_screenshot_saved_in_the_working_directory(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The palette's Screenshot writes an SVG in the current directory and says where."""
    monkeypatch.chdir(tmp_path)
    app = make_app()
    notified = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Screenshot")
        command.callback()
        await pilot.pause()
        saved = list(tmp_path.glob("unitedfront-tui-*.svg"))
        assert len(saved) == 1
        assert saved[0].read_text(encoding="utf-8").startswith("<svg")
        assert any(str(saved[0]) in m for m in notified), notified


async def test_screenshot_falls_back_to_xdg_state(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A working directory that cannot be written: the SVG goes to $XDG_STATE_HOME."""
    from tui.output import screenshot

    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    # Root writes in read-only directories anyway: a removed directory cannot be written by anyone.
    path = screenshot.save_screenshot("<svg/>", cwd=tmp_path / "removed")
    assert path.parent == state / "unitedfront-tui"
    assert path.read_text(encoding="utf-8") == "<svg/>"
