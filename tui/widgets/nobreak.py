"""Text whose no-break spaces really do not break, for guillemets kept with their words.

Rich wraps at any Unicode whitespace, no-break spaces included, so « and » could end up alone
at a line's end or start. :class:`NoBreak` hides the no-break spaces from Rich's wrapping (as
a private-use character, one cell wide like the space) and puts them back in the wrapped lines.
The dataset is never changed: this is done when rendering.
"""

from __future__ import annotations

import re

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

NBSP = "\u00a0"
NNBSP = "\u202f"
_HELD = {NBSP: "\ue000", NNBSP: "\ue001"}
"""Stand for the no-break spaces while Rich wraps (not whitespace to it, one cell wide)."""

_OPENING = re.compile(f"«[ {NNBSP}]")
_CLOSING = re.compile(f"[ {NNBSP}]»")


def bind_guillemets(text: str) -> str:
    """Join « and » to the words they enclose with no-break spaces."""
    return _CLOSING.sub(f"{NBSP}»", _OPENING.sub(f"«{NBSP}", text))


class NoBreak:
    """A Rich renderable: ``text`` wrapped without breaking at its no-break spaces."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Wrap with the no-break spaces held, then restore them line by line."""
        held = self.text.copy()
        for space, stand_in in _HELD.items():
            held.plain = held.plain.replace(space, stand_in)
        lines = held.wrap(
            console,
            options.max_width,
            justify=self.text.justify or "default",
            overflow=self.text.overflow or "fold",
            no_wrap=False,
        )
        for line in lines:
            for space, stand_in in _HELD.items():
                line.plain = line.plain.replace(stand_in, space)
        yield from Text("\n").join(lines).render(console, end="\n")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """Measured as the text itself."""
        return Measurement.get(console, options, self.text)
