"""The terminal layer: keys in (one at a time, Textual dispatching), cells out (the wire layer).

The app calls :func:`terminal_driver` from ``get_driver_class`` and :func:`hold_key` first in
``on_event``; nothing else. Every use of
Textual's private API outside ``tui/web/`` is in this package, and
``tests/wire/test_textual_api.py`` fingerprints it.
"""

from __future__ import annotations

from tui.terminal.driver import terminal_driver
from tui.terminal.hook import FirstFrame
from tui.terminal.keys import hold_key, keys_idle

__all__ = ["FirstFrame", "hold_key", "keys_idle", "terminal_driver"]
