"""Helpers for Pilot tests: read what the user sees, build small datasets."""

from __future__ import annotations

from typing import Any

from textual.app import App

from tui.dataset import Dataset, load_text
from tui.terminal.testing import screen_lines

BASE = """
schema_version = 1
[operation]
name = "Test operation"
[source]
title = "Test source"
"""


def screen_text(app: App[Any]) -> str:
    """The whole screen as plain text, one line per terminal row."""
    return "\n".join(screen_lines(app))


def make_dataset(states: str, extra: str = "") -> Dataset:
    """A dataset from ``[[states]]`` TOML (and any other tables in ``extra``)."""
    return load_text(BASE + extra + states, "test.toml")
