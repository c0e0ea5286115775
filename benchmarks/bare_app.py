"""The baseline: a bare Textual app (a Static and a Footer) that quits on ``q``.

Run as a script (``python benchmarks/bare_app.py``) so that nothing but Textual is imported.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Static

MARKER = "Bare Textual baseline"
"""Text of the first frame that the harness waits for."""


class BareApp(App[None]):
    """A Static and a Footer, nothing else."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        """A Static and a Footer."""
        yield Static(MARKER)
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
