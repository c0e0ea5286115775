"""End to end: the installed command in tmux draws the same cells with the wire layer or without."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.tmux import COMMAND, Tmux, require, tmux_session

pytestmark = pytest.mark.e2e

STEPS: tuple[tuple[str, ...], ...] = (
    ("Down",),
    ("Down", "Down"),
    ("Tab",),
    ("j", "j"),
    ("BTab",),
    ("?",),
    ("q",),
    ("/",),
    ("t", "e"),
    ("Enter",),
    ("s",),
    ("r",),
    ("i",),
    ("q",),
    ("c",),
    ("End",),
    ("Home",),
)
"""Keys sent to both panes, one step at a time (a step's keys in one burst)."""


def cells(pane: Tmux) -> str:
    """The pane's text with its colours and attributes (tmux's own record of each cell)."""
    return pane.tmux("capture-pane", "-p", "-e", "-t", "main")


@pytest.mark.parametrize("colorterm", ["", "truecolor"], ids=["256", "truecolor"])
def test_same_cells_in_tmux(tmp_path: Path, colorterm: str) -> None:
    """After every step, tmux holds identical cells for the wire layer and Textual's output."""
    require("tmux")
    env = {"TERM": "tmux-256color", "COLORTERM": colorterm, "LANG": "C.UTF-8"}
    with tmux_session(tmp_path) as wired, tmux_session(tmp_path) as plain:
        wired.start([str(COMMAND)], env=env)
        plain.start([str(COMMAND)], env={**env, "UNITEDFRONT_WIRE": "0"})
        for pane in (wired, plain):
            pane.wait_for("Missouri")
            pane.settle()
        assert cells(wired) == cells(plain)
        for step in STEPS:
            for pane in (wired, plain):
                pane.keys(*step)
                pane.settle()
            assert cells(wired) == cells(plain), f"after {step}"
        for pane in (wired, plain):
            pane.keys("q")
            assert pane.wait_exit() == 0
