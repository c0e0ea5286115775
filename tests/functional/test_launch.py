"""Launching from the command line: flags reach the app, bad input never reaches the screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import tui.cli.main as cli
from tui.app import UnitedFrontApp, UnknownThemeError
from tui.cli import explore
from tui.dataset import Dataset


class Launched(Exception):
    """Raised by the fake App.run to stop the launch and report its arguments."""


def fake_run(self: UnitedFrontApp, **kwargs: Any) -> None:
    """Stand in for App.run: record what the CLI asked for instead of drawing."""
    raise Launched(self, kwargs)


@pytest.fixture
def tty(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend stdin and stdout are a terminal."""
    monkeypatch.setattr(explore, "terminal_problem", lambda: None)
    monkeypatch.setattr(UnitedFrontApp, "run", fake_run)


@pytest.mark.usefixtures("tty")
def test_no_mouse_turns_mouse_reporting_off() -> None:
    """`--no-mouse` runs the app with mouse=False; the default keeps the mouse on."""
    with pytest.raises(Launched) as off:
        cli.main(["--no-mouse"])
    assert off.value.args[1] == {"mouse": False}
    with pytest.raises(Launched) as on:
        cli.main([])
    assert on.value.args[1] == {"mouse": True}


@pytest.mark.usefixtures("tty")
def test_theme_flag_picks_a_theme() -> None:
    """`--theme nord` starts the app with that theme."""
    with pytest.raises(Launched) as launched:
        cli.main(["--theme", "nord"])
    app = launched.value.args[0]
    assert isinstance(app, UnitedFrontApp)
    assert app.theme == "nord"


@pytest.mark.usefixtures("tty")
def test_unknown_theme_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown theme exits 2 with the list of themes, before anything is drawn."""
    assert cli.main(["--theme", "no-such-theme"]) == 2
    err = capsys.readouterr().err
    assert "unknown theme 'no-such-theme'" in err
    assert "textual-dark" in err


def test_unknown_theme_error_from_the_app(dataset: Dataset) -> None:
    """The app itself refuses an unknown theme name."""
    with pytest.raises(UnknownThemeError):
        UnitedFrontApp(dataset, theme="nope")


@pytest.mark.usefixtures("tty")
def test_invalid_dataset_exits_before_drawing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An invalid dataset prints check's errors and exits 1; the app never runs."""
    bad = tmp_path / "bad.toml"
    bad.write_text('schema_version = 1\n[[states]]\ncode = "kk"\nname = "K"\n', "utf-8")
    assert cli.main(["--data", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:3: states[0].code:" in err
    assert "Traceback" not in err


def test_no_terminal_points_to_export(capsys: pytest.CaptureFixture[str]) -> None:
    """Without a TTY (as under pytest) the explorer explains itself and exits 1."""
    assert cli.main([]) == 1
    err = capsys.readouterr().err
    assert "export --format markdown" in err
