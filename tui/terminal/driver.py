"""The driver the explorer runs with: Textual's own, holding bad bytes and exit signals.

:func:`terminal_driver` is the whole interface to the app: ``App.get_driver_class`` returns
``terminal_driver(super().get_driver_class())``. Over Textual's driver it adds:

- a UTF-8 decoder that turns undecodable bytes into U+FFFD instead of killing the input thread;
- SIGTERM, SIGHUP and SIGQUIT end the app as ``q`` does (the terminal given back: alternate
  screen, mouse modes, hidden cursor off), with exit status 128 + the signal's number;
- on a Linux terminal, the wire layer (:class:`~tui.terminal.hook.WireDriver`);
- in a browser session, each packet to the server written whole (:class:`WholePackets`).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from functools import cache
from typing import Any

from textual.app import App
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver

from tui.terminal.hook import wire_driver
from tui.terminal.keys import install_burst_parser

EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)
"""Signals that end the explorer cleanly (``timeout``, ``kill``, a closed SSH session)."""


class TerminalDriver(Driver):
    """What the explorer adds over any Textual driver (mixed in before it)."""

    def __init__(self, app: App[Any], **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self._signals: list[signal.Signals] = []

    def start_application_mode(self) -> None:
        """Take the terminal; from now on an exit signal gives it back."""
        super().start_application_mode()  # type: ignore[safe-super]
        for signum in EXIT_SIGNALS:
            self._loop.add_signal_handler(signum, self._exit_on, signum)
            self._signals.append(signum)

    def stop_application_mode(self) -> None:
        """Give the terminal back; the signals' default actions are back too."""
        for signum in self._signals:
            self._loop.remove_signal_handler(signum)
        self._signals.clear()
        super().stop_application_mode()  # type: ignore[safe-super]

    def _exit_on(self, signum: signal.Signals) -> None:
        # As `q` does: the app closes and its driver restores the terminal.
        self._app.exit(return_code=128 + signum)


@cache
def _with_terminal(base: type[Driver]) -> type[Driver]:
    return type(f"Terminal{base.__name__}", (TerminalDriver, base), {})


class WholePackets(Driver):
    """Textual's web driver, writing each packet to the server whole (mixed in before it).

    The web driver writes packets (a frame, a meta message, a chunk of a download) with a bare
    ``os.write`` on its stdout pipe, from two threads: frames from the app's, download chunks
    from its input thread. A write larger than the pipe holds (a 64 KiB chunk of a screenshot
    always is) goes in several pieces while the server reads, and a frame written meanwhile
    lands between them: the server's reader loses its place in the stream, the download never
    arrives and the session stops drawing. Here one lock serializes the packets, and each is
    written to its last byte (``os.write`` may write less than it was given).
    """

    fileno: int
    """The web driver's output (the server's pipe)."""

    def __init__(self, app: App[Any], **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self._packet_lock = threading.Lock()
        self._write = self._write_whole

    def _write_whole(self, data: bytes) -> int:
        """Write ``data`` to the driver's output, all of it, no other packet in between."""
        view = memoryview(data)
        with self._packet_lock:
            while view:
                view = view[os.write(self.fileno, view) :]
        return len(data)


def _is_web(driver: type[Driver]) -> bool:
    """Whether ``driver`` is Textual's web driver (never imported here for the others)."""
    web = sys.modules.get("textual.drivers.web_driver")
    return web is not None and issubclass(driver, web.WebDriver)


@cache
def _whole_packets(base: type[Driver]) -> type[Driver]:
    return type(f"WholePackets{base.__name__}", (WholePackets, base), {})


def terminal_driver(default: type[Driver]) -> type[Driver]:
    """The driver to run with, given the one Textual would use."""
    install_burst_parser(default)
    if _is_web(default):
        return _whole_packets(default)
    driver = wire_driver(default)
    # Only a terminal of its own has a terminal to give back (not textual-serve's web driver).
    return _with_terminal(driver) if issubclass(driver, LinuxDriver) else driver
