"""Keys shared by the dialogs (help, about): the same close and scroll keys on both.

Over a dialog only its own keys work (the key router stops at a modal screen), so the hints
its key bar shows are all there is: nothing acts behind it.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType
from textual.widget import Widget

from tui.i18n import N_

CLOSE_KEYS = "q,escape,enter,backspace"
"""Every dialog closes with these (plus the key that opened it); Esc is never the only way."""


def dialog_bindings(opened_with: str, prefix: str) -> list[BindingType]:
    """Close (``q``, Esc, Enter, Backspace and ``opened_with``) and scroll bindings."""
    return [
        Binding(
            f"{CLOSE_KEYS},{opened_with}",
            "dismiss",
            N_("Close"),
            key_display="q",
            id=f"{prefix}.close",
        ),
        Binding("down,j", "scroll('down')", N_("Scroll"), key_display="↓↑", id=f"{prefix}.down"),
        Binding("up,k", "scroll('up')", N_("Scroll up"), show=False, id=f"{prefix}.up"),
        Binding("pageup", "scroll('page_up')", N_("Page up"), show=False, id=f"{prefix}.pgup"),
        Binding(
            "pagedown,space",
            "scroll('page_down')",
            N_("Page down"),
            show=False,
            id=f"{prefix}.pgdn",
        ),
        Binding("home,g", "scroll('home')", N_("Top"), show=False, id=f"{prefix}.top"),
        Binding("end,G", "scroll('end')", N_("Bottom"), show=False, id=f"{prefix}.bottom"),
    ]


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
