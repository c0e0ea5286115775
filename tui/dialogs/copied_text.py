"""Show the text last copied: OSC 52 cannot report failure, so the text is always one key away."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from tui.i18n import N_, _


class CopiedTextScreen(ModalScreen[None]):
    """The copied Markdown in a read-only text area: select it there, or with the terminal."""

    DEFAULT_CSS = """
    CopiedTextScreen {
        align: center middle;
    }
    #copied-box {
        width: 100%;
        max-width: 100;
        height: 100%;
        max-height: 40;
        border: round $accent;
        padding: 0 1;
    }
    #copied-text {
        height: 1fr;
        border: none;
        padding: 0;
    }
    #copied-hint {
        height: auto;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: the text area would otherwise take Enter and q.
        Binding("q,enter,escape", "dismiss", N_("Close"), priority=True, id="copied.close"),
    ]
    """Several close keys, so that no one depends on Esc."""

    AUTO_FOCUS = "#copied-text"

    def __init__(self, text: str, title: str) -> None:
        super().__init__()
        self.text = text
        self.title_text = title

    def compose(self) -> ComposeResult:
        """The text, and how to select it."""
        with Vertical(id="copied-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = _("q Enter: close")
            area = TextArea(self.text, read_only=True, soft_wrap=True, id="copied-text")
            area.cursor_blink = False
            yield area
            yield Static(
                _(
                    "Shift+arrows select, F7 selects all, Ctrl+C copies (OSC 52 again). "
                    "With your terminal's own selection: Shift+drag, or start with --no-mouse."
                ),
                id="copied-hint",
                markup=False,
            )
