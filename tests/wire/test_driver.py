"""The wire layer drives only a Linux terminal; every other driver keeps Textual's output."""

from __future__ import annotations

from typing import Any

import pytest
from textual.drivers.headless_driver import HeadlessDriver
from textual.drivers.linux_driver import LinuxDriver
from textual.drivers.web_driver import WebDriver

from tui.app import UnitedFrontApp
from tui.dataset import Dataset
from tui.terminal.driver import TerminalDriver, WholePackets
from tui.terminal.hook import ALTERNATE_SCREEN as ALTERNATE
from tui.terminal.hook import DISABLE_ENV, WireDriver, full_update, wire_driver


def test_linux_terminal_gets_the_wire_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where Textual would pick its Linux driver, the wire driver (a subclass) runs."""
    monkeypatch.delenv(DISABLE_ENV, raising=False)
    assert wire_driver(LinuxDriver) is WireDriver
    assert issubclass(WireDriver, LinuxDriver)


@pytest.mark.parametrize("driver", [WebDriver, HeadlessDriver])
def test_other_drivers_are_left_alone(driver: type[LinuxDriver]) -> None:
    """textual-serve's web driver and the headless driver write as Textual does."""
    assert wire_driver(driver) is driver


def test_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """UNITEDFRONT_WIRE=0 gives Textual's own output (to compare, or to work around a bug)."""
    monkeypatch.setenv(DISABLE_ENV, "0")
    assert wire_driver(LinuxDriver) is LinuxDriver


def test_app_asks_for_it(dataset: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    """The explorer's driver is the wire driver on Linux; under textual-serve (which names the
    web driver in ``TEXTUAL_DRIVER``), the web driver writing whole packets, nothing more."""
    monkeypatch.delenv(DISABLE_ENV, raising=False)
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    driver = UnitedFrontApp(dataset).driver_class
    assert issubclass(driver, WireDriver) and issubclass(driver, TerminalDriver)
    assert not issubclass(driver, WholePackets)
    monkeypatch.setattr("textual.constants.DRIVER", "textual.drivers.web_driver:WebDriver")
    driver = UnitedFrontApp(dataset).driver_class
    assert driver.__mro__[1:3] == (WholePackets, WebDriver), driver.__mro__


class Recorder:
    """Stands in for the driver's writer thread."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def write(self, data: str) -> None:
        """Record what the driver writes."""
        self.written.append(data)


async def test_held_frame_goes_before_textuals_own_writes(dataset: Dataset) -> None:
    """The first whole screen goes at once (the terminal is blank); a later frame still held
    is written before any sequence Textual writes itself; detaching gives the display back to
    Textual."""
    app = UnitedFrontApp(dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        own_display = app._display
        driver = WireDriver(app, debug=False, mouse=False, size=(80, 24))
        recorder = Recorder()
        driver._writer_thread = recorder  # type: ignore[assignment]
        driver.wire.attach()
        app._display(app.screen, full_update(app))
        assert not driver.wire.held
        (first,) = recorder.written
        assert "Missouri" in first
        recorder.written.clear()
        app.screen.query_one("#states").border_title = "Changed"
        app._display(app.screen, full_update(app))
        assert driver.wire.held and recorder.written == []
        driver.write("\x1b[?25l")
        assert not driver.wire.held
        frame, mode = recorder.written
        assert "Changed" in frame and mode == "\x1b[?25l"
        driver.wire.detach()
        assert app._display == own_display


class Picture:
    """Stands in for :class:`tui.cli.preview.Preview`: a frame on the screen before the app."""

    def __init__(self, frame: str | None) -> None:
        self.frame = frame
        self.taken = 0
        self.kept: list[str] = []

    def taken_over(self) -> list[Any] | None:
        """Count the driver's take-overs."""
        self.taken += 1
        return None

    def first_frame(self, frame: str, size: tuple[int, int]) -> None:
        """Record the app's first frame."""
        assert size == (80, 24)
        self.kept.append(frame)


async def first_writes(
    dataset: Dataset, picture: Picture, modes: tuple[str, ...] = (ALTERNATE, ALTERNATE)
) -> list[str]:
    """What a wire driver writes for Textual's ``modes`` (by default the alternate screen,
    asked twice) and the first frame, with ``picture`` on the screen."""
    app = UnitedFrontApp(dataset, preview=picture)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        driver = WireDriver(app, debug=False, mouse=False, size=(80, 24))
        recorder = Recorder()
        driver._writer_thread = recorder  # type: ignore[assignment]
        for mode in modes:
            driver.write(mode)
        driver.wire.attach()
        app._display(app.screen, full_update(app))
        driver.wire.detach()
        return recorder.written


async def test_a_picture_that_is_the_first_frame_costs_no_byte(dataset: Dataset) -> None:
    """The first frame as a blank screen would get it is handed to the picture (to keep);
    when the picture is that very frame, neither the frame nor the first request for the
    alternate screen (which some terminals clear) is written again."""
    none = Picture(None)
    (alternate, again, frame) = await first_writes(dataset, none)
    assert alternate == again == ALTERNATE
    (kept,) = none.kept
    assert kept in frame and "Missouri" in kept
    same = Picture(kept)
    assert await first_writes(dataset, same) == [ALTERNATE]
    assert same.kept == [kept]


async def test_a_stale_picture_is_painted_over_in_full(dataset: Dataset) -> None:
    """A picture that is not the app's first frame (older code, a failed save) never outlives
    it: the whole frame is written, every cell of it."""
    stale = Picture("\x1b[1HMissoura")
    written = await first_writes(dataset, stale)
    assert written[0] == ALTERNATE and len(written) == 2
    (kept,) = stale.kept
    assert kept != stale.frame and kept in written[1]


async def test_a_picture_is_trusted_only_where_the_alternate_screen_was_kept(
    dataset: Dataset,
) -> None:
    """Should Textual stop asking for the alternate screen in a write of its own, the request
    is not held back, and the first frame is written whole: a terminal that cleared the
    screen for it is not left blank."""
    picture = Picture(None)
    (_, _, frame) = await first_writes(dataset, picture)
    same = Picture(picture.kept[0])
    together = f"{ALTERNATE}\x1b[?25l"
    assert await first_writes(dataset, same, (together,)) == [together, frame]
