"""A bare Textual list: a ListView of the bundled states and a Static showing the highlighted one.

The wire section's baseline for what plain Textual widgets cost per key over the same rows.
Run as a script (``python benchmarks/bare_list.py``).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label, ListItem, ListView, Static

from tui.dataset import load
from tui.dataset.resources import bundled_dataset


class BareList(App[None]):
    """A ListView and a Static, side by side."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        """The list and the detail."""
        self.rows = load(bundled_dataset()).states
        with Horizontal():
            yield ListView(*(ListItem(Label(Content(f"{r.code}  {r.name}"))) for r in self.rows))
            yield Static(id="detail")

    def on_list_view_highlighted(self, event: ListView.Highlighted) -> None:
        """Show the highlighted state."""
        index = event.list_view.index or 0
        row = self.rows[index]
        self.query_one("#detail", Static).update(Content(f"{row.name}\n{row}"))


if __name__ == "__main__":
    BareList().run()
