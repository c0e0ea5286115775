"""Keys from the terminal: one at a time, each once the previous one settled; Textual dispatches.

Textual queues a key on the widget focused when the key *arrives*. Over SSH several keys often
arrive in one read, so a key typed after `/` would be queued on the list, not the filter box,
and a key typed after `?` would act behind the dialog (Textualize/textual#1009). The
:class:`KeyGate` holds the keys of a burst back and hands them to the app one at a time: the
next only once the previous one's handlers have run (a pushed screen mounted and focused,
focus moved, the frame drawn). Each key then goes Textual's own way (priority bindings, the
focused widget, its ancestors' bindings), so an ``Input`` edits exactly as stock Textual does
and the command palette gets every key. A burst therefore does what the same keys do one by
one.

Esc and a key read together are Esc, then the key, as they would be one by one. Textual's
parser reads them as ``alt+x`` when they end a read, and as ``^`` then ``x`` when more bytes
follow (it takes the Esc for a broken escape sequence); :class:`BurstParser` (installed in the
terminal drivers by :func:`install_burst_parser`) ends the Esc there, and the gate splits any
``alt+x`` left.

The private Textual APIs this relies on are used only in ``tui/terminal/``;
``tests/wire/test_textual_api.py`` fails loudly if an upgrade moves them.
"""

from __future__ import annotations

import asyncio
import codecs
import importlib
import re
from collections import deque
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, Union
from weakref import WeakKeyDictionary

from textual import events
from textual._parser import ParseTimeout
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.dom import NoScreen
from textual.driver import Driver
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget

from tui.terminal.hook import hurry

_ESC_THEN_KEY = re.compile(r"\x1b(?=[^\[O\]P_^\\\x1b])")
"""An Esc followed by a byte that starts no escape sequence (CSI, SS3, OSC, DCS, APC, PM, ST)."""

_PASTE_START, _PASTE_END = "\x1b[200~", "\x1b[201~"
_ESC_THEN_KEY_OR_PASTE = re.compile(
    f"{re.escape(_PASTE_START)}|{re.escape(_PASTE_END)}|{_ESC_THEN_KEY.pattern}"
)

DRIVER_MODULES = (
    "textual.drivers.linux_driver",
    "textual.drivers.linux_inline_driver",
    "textual.drivers.web_driver",
)
"""Drivers whose input thread builds an ``XTermParser`` and a UTF-8 decoder (from their module)."""


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


def lenient_decoder(encoding: str) -> Callable[[], codecs.IncrementalDecoder]:
    """Textual's input decoder, except that an undecodable byte becomes U+FFFD (a bad key).

    Textual's strict UTF-8 decoder raises on one stray byte (``\\xff``, a Latin-1 ``é``, an
    8-bit CSI), which kills its input thread and the app with it.
    """
    return partial(codecs.getincrementaldecoder(encoding), errors="replace")


def install_burst_parser(driver: type[Driver] | None = None) -> None:
    """Make the terminal drivers parse input with :class:`BurstParser`, decoding leniently:
    ``driver``'s (the module its input thread runs in), or every one of :data:`DRIVER_MODULES`.

    Given the driver, the others are not imported: start-up does not pay for the web driver.
    """
    names: tuple[str, ...] = DRIVER_MODULES
    if driver is not None:
        names = tuple(c.__module__ for c in driver.__mro__ if c.__module__ in DRIVER_MODULES)
    for name in names:
        try:
            module = importlib.import_module(name)
        except ImportError:  # pragma: no cover - a platform without this driver
            continue
        # Names the drivers' input threads look up in their module when they start.
        setattr(module, "XTermParser", BurstParser)  # noqa: B010 - a module, not a class
        setattr(module, "getincrementaldecoder", lenient_decoder)  # noqa: B010


def split_alt(event: events.Key) -> list[events.Key]:
    """Esc+key read as one ``alt+key``: the two keys a user typed, in order."""
    if event.key.startswith("alt+") and event.character and event.character != "\x1b":
        return [events.Key("escape", "\x1b"), events.Key(event.key[4:], event.character)]
    return [event]


POLL = 0.0005
"""Seconds between two looks at whether the last key's effects have settled."""
CALM = 3
"""Looks in a row that must find the app settled: a handler that awaits leaves every queue
empty for a moment while its message is still on its way."""
MAX_WAIT = 1.0
"""A key never waits longer than this for the previous one (a busy app still takes keys). Long
enough for a dialog to mount on a loaded machine (0.3 s let a burst's keys overtake the
operations list under load), short enough that a never-settling app still answers."""

Gated = Union[events.Key, events.MouseEvent, events.Paste]
"""What the gate keeps in order: keys, and the mouse and paste events between them."""


def settled(app: App[Any]) -> bool:
    """Whether no message waits in any screen's widgets, no layout is due, and no worker of the
    top screen runs (the palette searches in one).

    A repaint may still be due: the next key does not depend on it.
    """
    if not app.is_running:
        return True
    screen = app.screen
    if screen._layout_required or screen._recompose_required or not app._message_queue.empty():
        return False
    if any(worker.is_running and on_screen(worker.node, screen) for worker in app.workers):
        return False
    return all(
        node._message_queue.empty()
        for stacked in app.screen_stack
        for node in stacked.walk_children(with_self=True)
    )


def on_screen(node: object, screen: Screen[Any]) -> bool:
    """Whether ``node`` (a worker's) is ``screen`` or one of its widgets."""
    if node is screen:
        return True
    try:
        return isinstance(node, Widget) and node.screen is screen
    except NoScreen:
        return False


class KeyGate:
    """Hands the terminal's keys to Textual one at a time, each once the previous has settled.

    The first key of a burst goes on at once; the keys (and mouse and paste events) behind it
    wait here, and each is posted to the app again once the one before has settled.
    """

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._pending: deque[Gated] = deque()
        self._released: set[int] = set()
        self._waiting = False
        self._since = 0.0

    @property
    def idle(self) -> bool:
        """No key is waiting, and the last one has settled."""
        return not self._pending and not self._waiting

    def hold(self, event: Gated) -> bool:
        """Whether the gate keeps ``event`` for later (``False``: Textual handles it now)."""
        if id(event) in self._released:
            self._released.discard(id(event))
            return False
        split: list[Gated] = [*split_alt(event)] if isinstance(event, events.Key) else [event]
        if self.idle and len(split) == 1:
            if not isinstance(event, events.MouseMove):
                self._wait()
            return False
        self._pending.extend(split)
        if not self._waiting:
            self._next()
        return True

    def _next(self) -> None:
        self._waiting = False
        while self._pending:
            event = self._pending.popleft()
            self._released.add(id(event))
            self._app.post_message(event)
            if not isinstance(event, events.MouseMove):
                # Moves change no focus: the next event need not wait for them.
                self._wait()
                return

    def _wait(self) -> None:
        self._waiting = True
        loop = asyncio.get_running_loop()
        self._since = loop.time()
        loop.call_soon(self._check, 0)

    def _check(self, calm: int) -> None:
        loop = asyncio.get_running_loop()
        if settled(self._app):
            calm += 1
        else:
            calm = 0
            if self._app.is_running and self._app.screen._layout_required:
                # The next key may need the sizes (a page down in a dialog just opened).
                hurry(self._app)
        if calm >= CALM or loop.time() - self._since > MAX_WAIT:
            self._next()
        else:
            loop.call_later(POLL, self._check, calm)


_GATES: WeakKeyDictionary[App[Any], KeyGate] = WeakKeyDictionary()


def hold_key(app: App[Any], event: events.Event) -> bool:
    """Call first in ``App.on_event``: ``True`` when the key waits for the previous one.

    Only input from the terminal is gated (not the copies Textual forwards to widgets).
    """
    if not isinstance(event, (events.Key, events.MouseEvent, events.Paste)) or event.is_forwarded:
        return False
    gate = _GATES.get(app)
    if gate is None:
        gate = _GATES[app] = KeyGate(app)
    return gate.hold(event)


def keys_idle(app: App[Any]) -> bool:
    """Whether every key the terminal sent has been handed to Textual and has settled."""
    gate = _GATES.get(app)
    return gate is None or gate.idle
