"""Scrolling a box by keys: one step now, from where the last step left it."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import Widget


class ScrollBox(VerticalScroll, inherit_bindings=False):
    """A focusable box of text whose keys are its screen's (the dialogs' :func:`scroll`).

    Textual's scrolling containers bind the arrows, pages, Home and End themselves, and the
    focused box's bindings come before its screen's: those scrolls are animated, so one key
    was painted in many frames (``PgDn`` in About: 16 frames, 25 kB).
    """


def scroll(box: Widget, how: str) -> None:
    """Scroll ``box`` one step of kind ``how`` now: no animation, nothing deferred.

    Textual's page and line scrolls start from the current offset but apply it later, so
    several keys handled before a frame would each move from the same place.
    """
    page = box.scrollable_content_region.height
    targets = {
        "up": box.scroll_y - 1,
        "down": box.scroll_y + 1,
        "page_up": box.scroll_y - page,
        "page_down": box.scroll_y + page,
        "home": 0,
        "end": box.max_scroll_y,
    }
    box.scroll_to(y=targets[how], animate=False, immediate=True)


__all__ = ["ScrollBox", "scroll"]
