"""Run the explorer headless with the wire layer, and play both byte streams into terminals.

Every compositor update goes two ways: to Textual's own rendering (what it would write without
the wire layer) and to :class:`tui.terminal.hook.Wire` (the real class, its hold-until-idle
included), whose frames a fake driver records. Each stream feeds its own pyte terminal emulator.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import pyte
from textual.pilot import Pilot
from textual.screen import Screen

from tui.app import UnitedFrontApp
from tui.dataset import Dataset
from tui.terminal.hook import Wire, full_update, intercept, is_frame, textual_bytes

Cell = tuple[str, str, str, bool, bool, bool, bool, bool]
"""What a terminal shows in a cell: character, colours, bold, italic, underline, reverse,
strike-through."""


class FakeDriver:
    """Stands in for :class:`~tui.terminal.hook.WireDriver`: records the frames written."""

    is_inline = False

    def __init__(self) -> None:
        self.frames: list[str] = []

    def frame_write(self, data: str) -> None:
        """Record one frame."""
        self.frames.append(data)

    def flush(self) -> None:
        """Nothing to flush."""


class Terminal:
    """A pyte screen fed a byte stream."""

    def __init__(self, width: int, height: int) -> None:
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.Stream(self.screen)
        self.stream.feed("\x1b[?7l")  # auto-wrap off, as Textual's driver sets it

    def feed(self, data: str) -> None:
        """Play ``data`` into the terminal."""
        self.stream.feed(data)

    def resize(self, width: int, height: int) -> None:
        """Resize as a terminal window would (content kept where it fits)."""
        self.screen.resize(height, width)

    def cursor(self) -> tuple[int, int]:
        """Where the terminal's cursor is (input methods draw there)."""
        return (self.screen.cursor.x, self.screen.cursor.y)

    def cells(self) -> list[list[Cell]]:
        """Every cell, row by row."""
        rows = []
        for y in range(self.screen.lines):
            line = self.screen.buffer[y]
            rows.append([cell_of(line[x]) for x in range(self.screen.columns)])
        return rows


def cell_of(char: Any) -> Cell:
    """A pyte character as a comparable tuple."""
    c = char
    return (c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.reverse, c.strikethrough)


def changed_cells(before: list[list[Cell]], after: list[list[Cell]]) -> int:
    """How many cells differ between two screens of the same size."""
    pairs = zip(before, after)
    return sum(a != b for row_a, row_b in pairs for a, b in zip(row_a, row_b))


@dataclass
class KeyCost:
    """What one key put on the wire."""

    key: str
    bytes: int
    frames: int
    changed: int
    textual_bytes: int


@dataclass
class Session:
    """A running explorer with both terminals attached."""

    pilot: Pilot[Any]
    wire: Wire
    driver: FakeDriver
    ours: Terminal
    theirs: Terminal
    textual: list[str] = field(default_factory=list)

    @property
    def app(self) -> UnitedFrontApp:
        """The app under test."""
        return self.pilot.app  # type: ignore[return-value]

    async def settle(self) -> None:
        """Wait until the app is idle and the wire layer has written what it held."""
        for _ in range(3):
            await self.pilot.pause()
            for _ in range(400):
                if not self.wire.held:
                    break
                await asyncio.sleep(0.005)
        if self.wire.held:
            # An update that came after the last look (a slow machine): compare it too.
            self.wire.flush()
        self.sync()

    def sync(self) -> None:
        """Play the recorded bytes into both terminals."""
        for data in self.driver.frames:
            self.ours.feed(data)
        for data in self.textual:
            self.theirs.feed(data)

    async def press(self, key: str) -> KeyCost:
        """Press ``key``, wait until it settles, and say what it cost."""
        self.sync()
        self.driver.frames.clear()
        self.textual.clear()
        before = self.ours.cells()
        await self.pilot.press(key)
        await self.settle()
        written = sum(len(frame.encode()) for frame in self.driver.frames)
        theirs = sum(len(data.encode()) for data in self.textual)
        frames = len(self.driver.frames)
        self.driver.frames.clear()
        self.textual.clear()
        return KeyCost(key, written, frames, changed_cells(before, self.ours.cells()), theirs)

    async def resize(self, width: int, height: int) -> None:
        """Resize the terminal (both emulators too)."""
        self.sync()
        self.driver.frames.clear()
        self.textual.clear()
        self.ours.resize(width, height)
        self.theirs.resize(width, height)
        await self.pilot.resize_terminal(width, height)
        await self.settle()


@asynccontextmanager
async def session(dataset: Dataset, width: int = 80, height: int = 24) -> AsyncIterator[Session]:
    """The explorer at ``width`` x ``height``, drawn once in full into both terminals."""
    app = UnitedFrontApp(dataset)
    async with app.run_test(size=(width, height)) as pilot:
        await pilot.pause()
        driver = FakeDriver()
        wire = Wire(app, driver)  # type: ignore[arg-type]
        state = Session(pilot, wire, driver, Terminal(width, height), Terminal(width, height))

        def display(screen: Screen[Any], renderable: object) -> None:
            if is_frame(renderable):
                state.textual.append(textual_bytes(app, renderable))  # type: ignore[arg-type]
                wire.display(screen, renderable)  # type: ignore[arg-type]

        wire._original = lambda screen, renderable: None
        intercept(app, display)
        display(app.screen, full_update(app))
        await state.settle()
        yield state
