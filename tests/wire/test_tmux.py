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


CLUSTERS = {
    "Nebraska": "👨\u200d👩\u200d👧\u200d👦 Family",  # a ZWJ sequence: one cluster, two cells
    "Iowa": "Cafe\u0301 Iowa",  # a combining accent
    "Texas": "日本 Texas",  # East Asian wide
    "Oklahoma": "Oklahoma ± ½ ©",  # East Asian ambiguous
    "Tennessee": "🦄 Tennessee",  # a wide emoji
}
"""State names with clusters that Rich and tmux measure alike (issue 18)."""

BUNDLED = Path(__file__).parents[2] / "data" / "operation-united-front.toml"
ENV = {"TERM": "tmux-256color", "COLORTERM": "truecolor", "LANG": "C.UTF-8"}


def renamed(directory: Path, names: dict[str, str]) -> Path:
    """The bundled dataset with some states renamed, written in ``directory``."""
    text = BUNDLED.read_text("utf-8")
    for name, replacement in names.items():
        text = text.replace(f'name = "{name}"', f'name = "{replacement}"', 1)
    data = directory / "renamed.toml"
    data.write_text(text, "utf-8")
    return data


def assert_same_clusters(wired: Tmux, plain: Tmux, step: tuple[str, ...]) -> None:
    """The wired pane's cells are those Textual draws for the same screen.

    tmux 3.3 joins a ZWJ sequence only when the joiner and the next emoji arrive in one read of
    the pty: a read that ends after a joiner splits the family into two clusters, four cells
    wide. Whether a frame is read in one piece depends on the machine's load, and Textual's own
    output, the reference, is then drawn two cells off. The reference is redrawn whole (a
    resize) before the panes are called different.
    """
    if cells(wired) == cells(plain):
        return
    plain.resize(81, 24)
    plain.settle()
    plain.resize(80, 24)
    plain.settle()
    assert cells(wired) == cells(plain), f"after {step}"


def test_clusters_draw_as_textual_draws_them(tmp_path: Path) -> None:
    """Rows with grapheme clusters: after every step, the wire layer's cells are Textual's."""
    require("tmux")
    env = ENV
    command = [str(COMMAND), "--data", str(renamed(tmp_path, CLUSTERS))]
    with tmux_session(tmp_path) as wired, tmux_session(tmp_path) as plain:
        wired.start(command, env=env)
        plain.start(command, env={**env, "UNITEDFRONT_WIRE": "0"})
        for pane in (wired, plain):
            pane.wait_for("Family")
            pane.settle()
        assert_same_clusters(wired, plain, ())
        for step in [("Down",)] * 13 + [("Up",)] * 4 + [("/",), ("a",), ("Enter",), ("c",)]:
            for pane in (wired, plain):
                pane.keys(*step)
                pane.settle()
            assert_same_clusters(wired, plain, step)


def test_a_cluster_tmux_draws_narrower_loses_no_cell(tmp_path: Path) -> None:
    """`❤️` (a variation selector): Rich gives it two cells, tmux 3.3 one. Textual's own output
    then shifts the rest of the row; the wire layer re-anchors after it, so the row shows every
    figure and border at its place, as the row of a plain name does."""
    require("tmux")
    heart = "\u2764\ufe0f"
    data = renamed(tmp_path, {"Kentucky": f"{heart} Kentucky"})
    with tmux_session(tmp_path) as wired, tmux_session(tmp_path) as reference:
        wired.start([str(COMMAND), "--data", str(data)], env=ENV)
        reference.start([str(COMMAND)], env={**ENV, "UNITEDFRONT_WIRE": "0"})
        rows = []
        for pane in (wired, reference):
            pane.wait_for("Missouri")
            pane.keys("Down", "Down", "Down")  # the Kentucky row highlighted, then left
            pane.settle()
            pane.keys("Down")
            screen = pane.settle()
            rows.append(next(line for line in screen.splitlines() if "Kentucky" in line))
        shown, expected = rows
        assert shown.replace(heart, "").split() == expected.split()
