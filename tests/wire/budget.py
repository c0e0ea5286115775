"""What each key may cost on the wire, one line per key (add new screens' keys here)."""

from __future__ import annotations

from dataclasses import dataclass

PER_CELL = 6.0
"""Bytes per changed cell (cells counted by a terminal emulator fed the stream)."""
CURSOR_MAX = 3_000
"""Bytes a cursor key may cost at 80x24."""
START_MAX = 15_300
"""Bytes of the first frame at 80x24: 3x VisiData's start (~5,100 B, benchmarks/RESULTS.md)."""


@dataclass(frozen=True)
class Case:
    """A key measured after ``before`` (pressed first, not measured)."""

    key: str
    before: tuple[str, ...] = ()
    max_bytes: int | None = None
    label: str = ""

    @property
    def name(self) -> str:
        """How the case is called in test ids and the benchmark table."""
        return self.label or self.key


CASES: tuple[Case, ...] = (
    Case("down", max_bytes=CURSOR_MAX),
    Case("up", ("down",), max_bytes=CURSOR_MAX),
    Case("j", max_bytes=CURSOR_MAX),
    Case("k", ("j",), max_bytes=CURSOR_MAX),
    Case("pagedown", max_bytes=CURSOR_MAX),
    Case("pageup", ("pagedown",), max_bytes=CURSOR_MAX),
    Case("end", max_bytes=CURSOR_MAX),
    Case("home", ("end",), max_bytes=CURSOR_MAX),
    Case("tab"),
    Case("shift+tab", ("tab",)),
    Case("s"),
    Case("r"),
    Case("question_mark", label="help opens"),
    Case("q", ("question_mark",), label="help closes"),
    Case("pagedown", ("question_mark",), label="help pages down"),
    Case("i", label="about opens"),
    Case("q", ("i",), label="about closes"),
    Case("down", ("i",), label="about scrolls"),
    Case("pagedown", ("i",), label="about pages down"),
    Case("v", label="sort by victims"),
    Case("m", label="map opens"),
    Case("right", ("m",), max_bytes=CURSOR_MAX, label="map move"),
    Case("down", ("m",), max_bytes=CURSOR_MAX, label="map move down"),
    Case("v", ("m",), label="map metric"),
    Case("q", ("m",), label="map closes"),
    Case("b", label="bars open"),
    Case("down", ("b",), max_bytes=CURSOR_MAX, label="bars move"),
    Case("q", ("b",), label="bars close"),
    Case("S", label="sources open"),
    Case("down", ("S",), max_bytes=CURSOR_MAX, label="sources move"),
    Case("j", ("S", "tab"), max_bytes=CURSOR_MAX, label="sources table move"),
    Case("v", ("S",), label="sources figure"),
    Case("tab", ("S",), label="sources next table"),
    Case("l", ("S", "tab"), label="sources scroll right"),
    Case("enter", ("S",), label="source opens"),
    Case("j", ("S", "enter"), label="source scrolls"),
    Case("pagedown", ("S", "enter"), label="source pages down"),
    Case("q", ("S", "enter"), label="source closes"),
    Case("q", ("S",), label="sources close"),
)
