"""Where a frame becomes terminal bytes: the wire layer's hook into Textual's display.

Textual's compositor hands ``App._display`` a ``LayoutUpdate`` (whole screen) or a
``ChopsUpdate`` (changed spans), which Textual writes as whole strips, with a reset after every
segment. :class:`WireDriver` (Textual's Linux driver, otherwise unchanged) replaces the app's
``_display`` while it runs: each update is painted into a cell grid, and once the app has no
more work queued for the key that caused it, the difference from what the terminal shows is
written as one synchronized frame. The first whole screen after attaching is the exception:
nothing is shown yet, so it goes at once, and what start-up puts off follows in the next frame.
When the command line drew that very screen before Textual loaded (``tui/cli/preview.py``), the
first frame writes nothing; when the picture differs, the first frame paints every cell.
While only a refresh is pending, the hook runs the screen's refresh at once rather than waiting
for its 60 Hz timer, so the one frame comes sooner than Textual's last one did. Any other
driver (the web driver of ``textual serve``, the headless one of tests) keeps Textual's own
output. ``tests/wire/test_textual_api.py`` fails when an upgrade of Textual moves what this
module relies on.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Iterable
from typing import Any, Optional, Protocol

from rich.color import ColorSystem
from rich.console import COLOR_SYSTEMS, RenderableType
from textual._ansi_sequences import SYNC_END, SYNC_START
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.app import App
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.screen import Screen
from textual.strip import Strip

from tui.terminal.buffer import CellGrid
from tui.terminal.encode import Encoder

POLL = 0.0005
"""Seconds between two looks at whether the app is still busy with the last key."""
MAX_HOLD = 0.15
"""A frame is never held longer than this (a busy app still shows progress)."""
DISABLE_ENV = "UNITEDFRONT_WIRE"
"""``UNITEDFRONT_WIRE=0`` turns the wire layer off (Textual's own output, for comparison)."""

ALTERNATE_SCREEN = "\x1b[?1049h"

Display = Callable[[Screen[Any], Optional[RenderableType]], None]


class FirstFrame(Protocol):
    """A picture of the app's first frame, drawn before the app started
    (:class:`tui.cli.preview.Preview`), given to the app as its ``preview`` attribute."""

    frame: str | None
    """The frame on the screen (already in the alternate screen), or None when none is."""

    def taken_over(self) -> list[Any] | None:
        """The driver has taken the terminal over: the terminal settings to restore when it
        gives it back, if the picture changed them."""

    def first_frame(self, frame: str, size: tuple[int, int]) -> None:
        """The app's own first frame, as written to a blank screen of ``size``."""


def wire_driver(default: type[Driver]) -> type[Driver]:
    """The driver to run with: :class:`WireDriver` where Textual would use its Linux driver."""
    if default is LinuxDriver and os.environ.get(DISABLE_ENV, "1") != "0":
        return WireDriver
    return default


class WireDriver(LinuxDriver):
    """Textual's Linux driver, writing each key's frames as one frame of changed cells."""

    def __init__(self, app: App[Any], **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self.preview: FirstFrame | None = getattr(app, "preview", None)
        """The picture of the first frame drawn before the app started, if any."""
        self._keep_picture = self.preview is not None
        self.wire = Wire(app, self)
        self.wire.preview = self.preview

    def start_application_mode(self) -> None:
        """Enter the alternate screen (cleared) and take over the app's display."""
        super().start_application_mode()  # type: ignore[no-untyped-call]
        if self.preview is not None:
            # Textual saved the picture's echo-off settings to restore on exit; the user's own
            # are the ones to give back. Swapped only now, so that no key typed in between is
            # echoed over the picture.
            before = self.preview.taken_over()
            if before is not None:
                self.attrs_before = before
        self.wire.attach()

    def stop_application_mode(self) -> None:
        """Write any held frame, give the display back, leave the alternate screen."""
        self.wire.detach()
        super().stop_application_mode()

    def write(self, data: str) -> None:
        """Write ``data``; a held frame goes first, so the terminal sees things in order."""
        if (
            self._keep_picture
            and data == ALTERNATE_SCREEN
            and self.preview is not None
            and self.preview.frame is not None
        ):
            # The picture is on the alternate screen already; a terminal may clear it when
            # asked to enter it again (tmux and xterm do not, others might). Only then is the
            # picture known to be still there for the first frame to be checked against (not
            # after a Ctrl+Z over it, say: the preview then forgets its frame).
            self._keep_picture = False
            self.wire.picture = self.preview.frame
            return
        if self.wire.held:
            self.wire.flush()
        if data:
            # Textual's own sequences may move the cursor: the next frame starts from a CUP.
            self.wire.encoder.cursor = None
        super().write(data)

    def frame_write(self, data: str) -> None:
        """Write a frame the wire layer made (the cursor is where it says)."""
        super().write(data)


class Wire:
    """Paints the app's updates into a cell grid and writes what changed, once per key."""

    def __init__(self, app: App[Any], driver: WireDriver) -> None:
        self.app = app
        self.driver = driver
        self.want = CellGrid(0, 0)
        self.encoder = Encoder(0, 0)
        self.held = False
        self._held_since = 0.0
        self._shown = False
        """Whether a whole screen has been written since :meth:`attach`."""
        self._cursor: tuple[int, int] | None = None
        self._original: Display | None = None
        self._timer: asyncio.Handle | None = None
        self.preview: FirstFrame | None = None
        """The picture drawn before the app started: handed the app's first frame."""
        self.picture: str | None = None
        """That picture's frame, once it is known to be on the screen still."""
        self._first = True
        """Whether the app's first frame is still to be written."""

    # -- installing ------------------------------------------------------------------------

    def attach(self) -> None:
        """Route the app's display through this object."""
        self._original = self.app._display
        self.app._display = self.display  # type: ignore[method-assign]
        # The alternate screen's content is ours to learn again (after a suspend too).
        self.encoder.resize(self.want.width, self.want.height)
        self._shown = False

    def detach(self) -> None:
        """Write what is held and hand the display back to Textual."""
        if self.held:
            self.flush()
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._original is not None:
            del self.app._display
            self._original = None

    # -- frames ----------------------------------------------------------------------------

    def display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        """Take over ``App._display`` for full and partial compositor updates."""
        app = self.app
        if (
            not isinstance(renderable, (LayoutUpdate, ChopsUpdate))
            or app._batch_count
            or self.driver.is_inline
            or not app._running
            or app._closed
        ):
            assert self._original is not None
            self._original(screen, renderable)
            return
        try:
            self._paint(renderable)
        except Exception as error:  # as Textual does: report, do not lose the app
            app._handle_exception(error)
            return
        offset = app.screen.outer_size.clamp_offset(app.cursor_position)
        self._cursor = (offset.x, offset.y)
        if not self._shown and isinstance(renderable, LayoutUpdate):
            # The terminal is still blank: a whole screen is worth showing now rather than
            # once the work queued behind it (start-up's deferred panes) is done too.
            self._shown = True
            self.flush()
        else:
            if not self.held:
                self.held = True
                self._held_since = asyncio.get_running_loop().time()
            self._schedule()
        app.post_display_hook()

    def _paint(self, update: LayoutUpdate | ChopsUpdate) -> None:
        size = self.app.size
        if (size.width, size.height) != (self.want.width, self.want.height):
            self.want = CellGrid(size.width, size.height)
            self.encoder.resize(size.width, size.height)
        paint_update(self.want, update, color_system(self.app))

    def _schedule(self) -> None:
        if self._timer is None:
            self._timer = asyncio.get_running_loop().call_soon(self._check)

    def _check(self) -> None:
        self._timer = None
        if not self.held:
            return
        loop = asyncio.get_running_loop()
        if busy(self.app) and loop.time() - self._held_since < MAX_HOLD:
            hurry(self.app)
            self._timer = loop.call_later(POLL, self._check)
            return
        self.flush()

    def flush(self) -> None:
        """Write the difference between the wanted frame and the terminal, in one frame."""
        self.held = False
        try:
            data = self.encoder.encode(self.want, self._cursor)
        except Exception as error:  # as Textual does: report, do not lose the app
            self.app._handle_exception(error)
            return
        if not data:
            return
        first, self._first = self._first, False
        if not (first and data == self.picture):  # else on the terminal already
            self.driver.frame_write(
                f"{SYNC_START}{data}{SYNC_END}" if self.app._sync_available else data
            )
            self.driver.flush()
        if first and self.preview is not None:
            # After the frame is on its way: keeping it must not delay it.
            self.preview.first_frame(data, (self.want.width, self.want.height))


def queued(app: App[Any]) -> bool:
    """Whether any message is waiting in the app's or the screen's queues."""
    if not app._message_queue.empty():
        return True
    nodes: Iterable[Any] = app.screen.walk_children(with_self=True)
    return any(not node._message_queue.empty() for node in nodes)


def busy(app: App[Any]) -> bool:
    """Whether the app still has work queued that may change the screen."""
    screen = app.screen
    return bool(
        screen._layout_required
        or screen._scroll_required
        or screen._repaint_required
        or screen._recompose_required
        or screen._dirty_widgets
        or queued(app)
    )


def hurry(app: App[Any]) -> None:
    """When only a refresh is pending, do now what the screen's 60 Hz timer would do within
    16 ms: the frame is complete (and the next key may go) sooner."""
    if queued(app):
        return
    try:
        app.screen._on_timer_update()
    except Exception as error:  # as Textual does: report, do not lose the app
        app._handle_exception(error)


def color_system(app: App[Any]) -> ColorSystem:
    """The colour system Textual renders strips in (as ``Strip.render`` chooses it)."""
    name = app.console.color_system
    return COLOR_SYSTEMS.get(name, ColorSystem.TRUECOLOR) if name else ColorSystem.TRUECOLOR


def paint_update(grid: CellGrid, update: LayoutUpdate | ChopsUpdate, system: ColorSystem) -> None:
    """Paint a compositor update into ``grid``: the cells Textual's own bytes would draw."""
    paint = grid.paint
    if isinstance(update, LayoutUpdate):
        for y, line in enumerate(update.strips, update.region.y):
            x = update.region.x
            for strip in line:
                x = paint(x, y, strip, system)
        return
    # ChopsUpdate.render_segments, painting instead of rendering: each chop from its own x,
    # clipped at the end of its span.
    for y, x1, x2 in update.spans:
        for end, (x, chop) in zip(update.chop_ends[y], update.chops[y].items()):
            if chop is None or x > x2 or end <= x1:
                continue
            paint(x, y, chop, system, end=min(end, x2))


# -- for tests and benchmarks: the same private API, kept in this module ------------------------


def intercept(app: App[Any], display: Display) -> None:
    """Call ``display`` for every update the app's screens hand to ``App._display``."""
    app._display = display  # type: ignore[method-assign, assignment]


def full_update(app: App[Any]) -> LayoutUpdate:
    """The whole current screen as one compositor update (what a full repaint sends)."""
    return app.screen._compositor.render_full_update()


def textual_bytes(app: App[Any], update: LayoutUpdate | ChopsUpdate) -> str:
    """What Textual itself writes for ``update`` (``App._display``, without the sync brackets)."""
    # Rich caches a style's SGR codes on the Style object, which tests running several apps
    # share across colour systems: forget them, as a process with a single app never mixes.
    lines: list[Iterable[Strip | None]]
    if isinstance(update, LayoutUpdate):
        lines = list(update.strips)
    else:
        lines = [chop.values() for chop in update.chops]
    for line in lines:
        for strip in line:
            if strip is not None:
                strip._render_cache = None
                for segment in strip:
                    if segment.style is not None:
                        segment.style._ansi = None
    offset = app.screen.outer_size.clamp_offset(app.cursor_position)
    return update.render_segments(app.console) + f"\x1b[{offset.y + 1};{offset.x + 1}H"


def is_frame(renderable: object) -> bool:
    """Whether ``renderable`` is a compositor update the wire layer paints."""
    return isinstance(renderable, (LayoutUpdate, ChopsUpdate))
