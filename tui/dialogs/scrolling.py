"""Keys shared by the dialogs (help, about): the same close and scroll keys on both.

Over a dialog only its own keys work (the key router stops at a modal screen), so the hints
its key bar shows are all there is: nothing acts behind it.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from tui.i18n import N_
from tui.widgets.scrolling import ScrollBox, scroll

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


__all__ = ["CLOSE_KEYS", "ScrollBox", "dialog_bindings", "scroll"]
