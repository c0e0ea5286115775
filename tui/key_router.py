"""One rule for every key: a key acts where focus is when the previous key's effects are shown.

Textual queues a key on the widget focused when the key *arrives*. Over SSH several keys often
arrive in one read, so a key typed after `/` would be queued on the list, not the filter box,
and a key typed after `?` would act behind the dialog. The router takes keys off the app, one
at a time, and routes each to the top screen only once the previous key has settled (its
screen pushed or popped, focus moved, the frame drawn). A burst therefore does exactly what
the same keys do one by one.

Routing one key, on the screen on top when it is processed:

1. priority bindings (Ctrl+P palette, Ctrl+C);
2. a printable key with a text box focused is typed into it;
3. the bindings of the focused widget, its ancestors and the screen; the app's own bindings
   too unless the screen is a dialog (a modal screen): over a dialog only its keys work;
4. anything else is ignored.

Esc and a key read together are Esc, then the key, as they would be one by one. Textual's
parser reads them as ``alt+x`` when they end a read, and as ``^`` then ``x`` when more bytes
follow (it takes the Esc for a broken escape sequence); :class:`BurstParser` (installed in the
terminal drivers by :func:`install_burst_parser`) ends the Esc there, and the router splits any
``alt+x`` left. Textual's own system screens (the command palette) keep Textual's handling.

The private Textual APIs this relies on are used only here; ``tests/unit/test_key_router.py``
fails loudly if an upgrade removes them.
"""

from __future__ import annotations

import importlib
import re
from collections import deque
from collections.abc import Iterable
from typing import Any

from textual import events
from textual._parser import ParseTimeout
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.message import Message
from textual.screen import SystemModalScreen
from textual.widgets import Input

_ESC_THEN_KEY = re.compile(r"\x1b(?=[^\[O\]P_^\\\x1b])")
"""An Esc followed by a byte that starts no escape sequence (CSI, SS3, OSC, DCS, APC, PM, ST)."""

_PASTE_START, _PASTE_END = "\x1b[200~", "\x1b[201~"
_ESC_THEN_KEY_OR_PASTE = re.compile(
    f"{re.escape(_PASTE_START)}|{re.escape(_PASTE_END)}|{_ESC_THEN_KEY.pattern}"
)

DRIVER_MODULES = ("textual.drivers.linux_driver", "textual.drivers.web_driver")
"""Drivers whose input thread builds an ``XTermParser`` (looked up in their module)."""


class BurstParser(XTermParser):
    """Textual's terminal parser, except that Esc followed by a key in one read is Esc, then it.

    Without this, Esc then ``r`` then more bytes in one read become the keys ``^`` and ``r``.
    """

    _in_paste = False
    """Inside a bracketed paste: its text is the parser's alone (an Esc there is pasted)."""

    def feed(self, data: str) -> Iterable[Message]:
        """Parse ``data``, ending each Esc that a plain key follows at once."""
        start = 0
        for match in _ESC_THEN_KEY_OR_PASTE.finditer(data):
            if match.group() in (_PASTE_START, _PASTE_END):
                self._in_paste = match.group() == _PASTE_START
                continue
            if self._in_paste:
                continue
            yield from super().feed(data[start : match.end()])
            # What the parser does when ESCDELAY passes after a lone Esc: it is the Esc key.
            self._timeout_time = None
            self._awaiting = self._gen.throw(ParseTimeout())
            while self._tokens:
                yield self._tokens.popleft()
            start = match.end()
        if start < len(data) or not data:  # feed("") means end of input: pass it on
            yield from super().feed(data[start:])


def install_burst_parser() -> None:
    """Make the terminal drivers parse input with :class:`BurstParser`."""
    for name in DRIVER_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # pragma: no cover - a platform without this driver
            continue
        if hasattr(module, "XTermParser"):
            setattr(module, "XTermParser", BurstParser)  # noqa: B010 - a module, not a class


def split_alt(event: events.Key) -> list[events.Key]:
    """Esc+key read as one ``alt+key``: the two keys a user typed, in order."""
    if event.key.startswith("alt+") and event.character and event.character != "\x1b":
        return [events.Key("escape", "\x1b"), events.Key(event.key[4:], event.character)]
    return [event]


class KeyRouter:
    """Takes the app's keys one at a time and routes each once the previous one settled."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._pending: deque[events.Key] = deque()

    @property
    def idle(self) -> bool:
        """No key is waiting or being routed."""
        return not self._pending

    def takes(self, event: events.Event) -> bool:
        """Whether ``event`` is a key for the router (not one Textual already forwarded).

        Over Textual's own screens (the palette) keys go Textual's way, unless keys typed
        before it opened are still waiting: they keep their order.
        """
        return (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and (bool(self._pending) or not isinstance(self._app.screen, SystemModalScreen))
        )

    async def receive(self, event: events.Key) -> None:
        """Queue a key from the terminal; route it now if nothing is waiting."""
        first = not self._pending
        self._pending.extend(split_alt(event))
        if first:
            await self._route_next()

    async def _route_next(self) -> None:
        try:
            await route(self._app, self._pending[0])
        finally:
            self._pending.popleft()
        if self._pending:
            # After the frame is drawn, back on the app's own queue (not the screen's task,
            # which a key may be about to close).
            self._app.call_after_refresh(self._app.call_later, self._route_next)


async def route(app: App[Any], event: events.Key) -> None:
    """Route one key on the screen on top now (see the module's docstring for the rule)."""
    screen = app.screen
    if isinstance(screen, SystemModalScreen):
        # A key queued before Ctrl+P: the palette handles it Textual's way.
        await App.on_event(app, event)
        return
    app.app_focus = True
    if await app._check_bindings(event.key, priority=True):
        return
    focused = screen.focused
    if isinstance(focused, Input) and event.is_printable and event.character:
        focused.insert_text_at_cursor(event.character)
        return
    # From the focused widget up; a modal screen ends the chain (the app's keys stay behind).
    await app._check_bindings(event.key)
