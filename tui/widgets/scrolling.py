"""Scrolling a box by keys: one step now, from where the last step left it."""

from __future__ import annotations

from textual.widget import Widget


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


__all__ = ["scroll"]
