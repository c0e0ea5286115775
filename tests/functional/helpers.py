"""Helpers for Pilot tests: read what the user sees, build small datasets."""

from __future__ import annotations

from typing import Any

from textual.app import App

from tui.dataset import Dataset, State, load_text
from tui.screens.explorer import ExplorerScreen
from tui.terminal.textual_private import screen_lines

BASE = """
schema_version = 1
[operation]
name = "Test operation"
[source]
title = "Test source"
"""


def screen_text(app: App[Any]) -> str:
    """The whole screen as plain text, one line per terminal row."""
    return "\n".join(screen_lines(app.screen))


def make_dataset(states: str, extra: str = "") -> Dataset:
    """A dataset from ``[[states]]`` TOML (and any other tables in ``extra``)."""
    return load_text(BASE + extra + states, "test.toml")


def explorer(app: App[Any]) -> ExplorerScreen:
    """The explorer screen, under any chart or dialog."""
    return next(s for s in app.screen_stack if isinstance(s, ExplorerScreen))


def selected(app: App[Any]) -> State:
    """The explorer's selected state (asserting there is one)."""
    state = explorer(app).selected
    assert state is not None
    return state


def record_notifications(app: App[Any]) -> list[str]:
    """Every notification's message from now on (widgets and screens notify through the app)."""
    messages: list[str] = []
    notify = app.notify

    def recording(message: str, *args: Any, **kwargs: Any) -> None:
        messages.append(str(message))
        notify(message, *args, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    return messages
