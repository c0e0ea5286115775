"""The driver the explorer runs with: Textual's own, holding bad bytes and exit signals.

:func:`terminal_driver` is the whole interface to the app: ``App.get_driver_class`` returns
``terminal_driver(super().get_driver_class())``. Over Textual's driver it adds:

- a UTF-8 decoder that turns undecodable bytes into U+FFFD instead of killing the input thread;
- SIGTERM, SIGHUP and SIGQUIT end the app as ``q`` does (the terminal given back: alternate
  screen, mouse modes, hidden cursor off), with exit status 128 + the signal's number;
- on a Linux terminal, the wire layer (:class:`~tui.terminal.hook.WireDriver`).
"""

from __future__ import annotations

import signal
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


def terminal_driver(default: type[Driver]) -> type[Driver]:
    """The driver to run with, given the one Textual would use."""
    install_burst_parser(default)
    driver = wire_driver(default)
    # Only a terminal of its own has a terminal to give back (not textual-serve's web driver).
    return _with_terminal(driver) if issubclass(driver, LinuxDriver) else driver
