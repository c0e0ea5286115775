"""The cell diff and SGR encoder, on their own (no Textual)."""

from __future__ import annotations

import pyte
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style

from tui.terminal.buffer import WIDE, CellGrid
from tui.terminal.encode import Encoder
from tui.terminal.pen import PLAIN, Pen, intern, pen_for, transition

W, H = 12, 4
NO_WRAP = "\x1b[?7l"
"""Textual's driver turns auto-wrap off; pyte would otherwise wrap a combining accent typed
after the last column (terminals attach it to the last cell)."""
STYLES = [
    Style(),
    Style(bold=True, color="red"),
    Style(color="#102030", bgcolor="#405060"),
    Style(italic=True, underline=True, bgcolor="color(17)"),
    Style(reverse=True, strike=True),
    Style(bold=True, dim=True, color="color(200)"),
    Style(dim=True),
    Style(link="https://example.org/a", color="blue"),
]
TEXTS = ["a", "b", " ", "─", "é", "e\u0301", "漢", "«", "abc"]


def screen_of(*streams: str) -> list[list[tuple[object, ...]]]:
    """What pyte shows after ``streams``."""
    screen = pyte.Screen(W, H)
    stream = pyte.Stream(screen)
    stream.feed(NO_WRAP)
    for data in streams:
        stream.feed(data)
    return [
        [
            (c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.reverse, c.strikethrough)
            for c in (screen.buffer[y][x] for x in range(W))
        ]
        for y in range(H)
    ]


def naive(grid: CellGrid) -> str:
    """Every cell, each with a reset and its full SGR: slow but obviously right."""
    out = []
    for y in range(grid.height):
        out.append(f"\x1b[{y + 1}H")
        for x in range(grid.width):
            text = grid.text[y][x]
            if text == WIDE:
                continue
            codes = ";".join(["0", *grid.pens[y][x].codes()])
            out.append(f"\x1b[{codes}m{text}")
        out.append("\x1b[0m")
    return "".join(out)


paints = st.lists(
    st.tuples(
        st.integers(0, W - 1),
        st.integers(0, H - 1),
        st.lists(st.tuples(st.sampled_from(TEXTS), st.sampled_from(STYLES)), max_size=5),
    ),
    max_size=12,
)


def paint(grid: CellGrid, strokes: list[tuple[int, int, list[tuple[str, Style]]]]) -> None:
    """Apply random strokes of segments."""
    for x, y, segments in strokes:
        grid.paint(x, y, [Segment(t, s) for t, s in segments], ColorSystem.TRUECOLOR)


@settings(max_examples=80, deadline=None)
@given(first=paints, edits=st.lists(paints, min_size=1, max_size=4))
def test_diffs_rebuild_the_wanted_screen(
    first: list[tuple[int, int, list[tuple[str, Style]]]],
    edits: list[list[tuple[int, int, list[tuple[str, Style]]]]],
) -> None:
    """After any sequence of frames, the diff stream shows what a full naive redraw shows."""
    want = CellGrid(W, H)
    encoder = Encoder(W, H)
    stream = []
    for strokes in [first, *edits]:
        paint(want, strokes)
        stream.append(encoder.encode(want, (0, 0)))
        assert screen_of(*stream) == screen_of(naive(want))
    assert encoder.encode(want, (0, 0)) == ""


def test_unchanged_frame_costs_nothing() -> None:
    """A frame equal to the last one writes no byte."""
    grid = CellGrid(W, H)
    encoder = Encoder(W, H)
    assert encoder.encode(grid, (0, 0))
    assert encoder.encode(grid, (0, 0)) == ""


def test_one_changed_cell_is_a_move_and_a_character() -> None:
    """Changing one plain cell costs a cursor move and the character, nothing else."""
    grid = CellGrid(W, H)
    encoder = Encoder(W, H)
    encoder.encode(grid, None)
    grid.paint(5, 2, [Segment("x")], ColorSystem.TRUECOLOR)
    assert encoder.encode(grid, None) == "\x1b[3;6Hx"


def test_transitions_send_only_what_differs() -> None:
    """No reset per segment: colour changes send the colour, attributes their off codes."""
    red = pen_for(Style(color="red"), ColorSystem.STANDARD)
    red_bold = pen_for(Style(color="red", bold=True), ColorSystem.STANDARD)
    blue_bold = pen_for(Style(color="blue", bold=True), ColorSystem.STANDARD)
    assert transition(red, red) == ""
    assert transition(red, red_bold) == "\x1b[1m"
    assert transition(red_bold, blue_bold) == "\x1b[34m"
    assert transition(red_bold, red) == "\x1b[22m"
    assert transition(red_bold, PLAIN) == "\x1b[m"


def test_dropping_bold_keeps_dim() -> None:
    """22 clears bold and dim together: dim is set again (after 22, or after a reset)."""
    both = intern(Pen(("1", "2")))
    dim = intern(Pen(("2",)))
    assert transition(both, dim) in ("\x1b[22;2m", "\x1b[0;2m")


def test_links_open_and_close() -> None:
    """A hyperlink is opened with its pen and closed when the pen changes."""
    linked = pen_for(Style(link="https://example.org"), ColorSystem.TRUECOLOR)
    assert transition(PLAIN, linked).startswith("\x1b]8;id=")
    assert transition(linked, PLAIN).startswith("\x1b]8;;\x1b\\")


def test_colours_follow_the_colour_system() -> None:
    """A truecolor style is downgraded as Textual downgrades it."""
    style = Style(color="#ff0000")
    assert pen_for(style, ColorSystem.TRUECOLOR).fg == "38;2;255;0;0"
    assert pen_for(style, ColorSystem.EIGHT_BIT).fg == "38;5;196"
    assert pen_for(style, ColorSystem.STANDARD).fg == "31"


def test_short_moves() -> None:
    """The cursor moves by the shortest sequence: CR LF to the next line, CUF along one."""
    grid = CellGrid(W, H)
    encoder = Encoder(W, H)
    encoder.encode(grid, None)
    grid.paint(0, 1, [Segment("a")], ColorSystem.TRUECOLOR)
    grid.paint(0, 2, [Segment("b")], ColorSystem.TRUECOLOR)
    grid.paint(9, 2, [Segment("c")], ColorSystem.TRUECOLOR)
    assert encoder.encode(grid, None) == "\x1b[2Ha\r\nb\x1b[8Cc"


def test_wide_characters_are_written_whole() -> None:
    """Changing either half of a wide character rewrites it from its left half."""
    grid = CellGrid(W, H)
    encoder = Encoder(W, H)
    grid.paint(2, 0, [Segment("漢")], ColorSystem.TRUECOLOR)
    encoder.encode(grid, None)
    grid.paint(3, 0, [Segment("x")], ColorSystem.TRUECOLOR)
    assert grid.text[0][2:4] == [" ", "x"]
    assert encoder.encode(grid, None) == "\x1b[1;3H x"


def test_a_zwj_sequence_is_one_cell_pair_as_rich_measures_it() -> None:
    """`👨‍👩‍👧‍👦` is one cluster two cells wide (Rich's measure, Textual's layout), not eight."""
    family = "👨\u200d👩\u200d👧\u200d👦"
    grid = CellGrid(W, H)
    end = grid.paint(0, 0, [Segment(family + " F|")], ColorSystem.TRUECOLOR)
    assert end == 5
    assert grid.text[0][:5] == [family, WIDE, " ", "F", "|"]


@pytest.mark.parametrize(
    "cluster", ["❤\ufe0f", "e\u0301", "漢", "±", "🦄", "👨\u200d👩\u200d👧\u200d👦"]
)
def test_after_a_cluster_of_doubtful_width_the_column_is_set_again(cluster: str) -> None:
    """The terminal may advance by other than Rich's width: the next cell starts with a CHA."""
    grid = CellGrid(W, H)
    encoder = Encoder(W, H)
    grid.paint(0, 1, [Segment(f"a{cluster}b")], ColorSystem.TRUECOLOR)
    data = encoder.encode(grid, None)
    column = 2 + (grid.text[1][2] == WIDE)
    assert f"a{cluster}\x1b[{column + 1}Gb" in data, repr(data)


def test_plain_text_and_borders_need_no_anchor() -> None:
    """ASCII, box drawing and bars keep the short writes (the byte budget depends on it)."""
    grid = CellGrid(W, H)
    encoder = Encoder(W, H)
    grid.paint(0, 0, [Segment("┃ab█░▲")], ColorSystem.TRUECOLOR)
    assert encoder.encode(grid, None).startswith("\x1b[1H┃ab█░▲")


def test_a_row_with_an_emoji_is_written_whole() -> None:
    """A terminal may have drawn the emoji over its neighbours: any change rewrites the row."""
    grid = CellGrid(W, H)
    encoder = Encoder(W, H)
    grid.paint(0, 0, [Segment("🦄 abcdefgh")], ColorSystem.TRUECOLOR)
    encoder.encode(grid, None)
    grid.paint(10, 0, [Segment("X")], ColorSystem.TRUECOLOR)
    data = encoder.encode(grid, None)
    assert data.startswith("\x1b[1H🦄\x1b[3G abcdefgX"), repr(data)
