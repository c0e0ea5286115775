"""Keyboard scrolling shared by the help and about screens."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll

SCROLL_BINDINGS: list[BindingType] = [
    Binding("up,k", "scroll('up')", "Scroll up", show=False),
    Binding("down,j", "scroll('down')", "Scroll down", show=False),
    Binding("pageup", "scroll('page_up')", "Page up", show=False),
    Binding("pagedown,space", "scroll('page_down')", "Page down", show=False),
    Binding("home,g", "scroll('home')", "Top", show=False),
    Binding("end,G", "scroll('end')", "Bottom", show=False),
]
"""Arrows, j/k, paging and both ends: the screen's text scrolls without being focused."""


def scroll(box: VerticalScroll, how: str) -> None:
    """Scroll ``box`` one step of kind ``how`` (a name used by :data:`SCROLL_BINDINGS`)."""
    # Annotated: mypy for 3.9 cannot join these bound methods' types on its own.
    steps: dict[str, Callable[[], object]] = {
        "up": box.scroll_up,
        "down": box.scroll_down,
        "page_up": box.scroll_page_up,
        "page_down": box.scroll_page_down,
        "home": box.scroll_home,
        "end": box.scroll_end,
    }
    steps[how]()
