"""The totals footer: operation totals computed from the data, checked against the source."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.dataset import Reconciliation, Totals
from tui.widgets.figures import figure, reconciliation_line


class TotalsFooter(Widget):
    """Two lines: the whole operation with reconciliation marks, and the shown states."""

    DEFAULT_CSS = """
    TotalsFooter {
        height: auto;
        max-height: 2;
        padding: 0 1;
        background: $panel;
    }
    """

    shown: reactive[Totals | None] = reactive(None, layout=True)
    """Totals of the states the list shows (differs from the whole while a filter is on)."""

    def __init__(
        self, reconciliation: tuple[Reconciliation, ...], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.reconciliation = reconciliation

    @property
    def victims_marked(self) -> bool:
        """True when the dataset qualifies its victims total (explained in details and About)."""
        return bool(getattr(self.app, "victims_note", None))

    def render(self) -> Text:
        """Operation line, then the shown-states line."""
        text = Text()
        for i, row in enumerate(self.reconciliation):
            if i:
                text.append(" │ ", style="dim")
            text.append_text(reconciliation_line(row, short=True, marked=self.victims_marked))
        shown = self.shown
        all_states = self.reconciliation[0].computed if self.reconciliation else None
        text.append("\n")
        if shown is None or shown.states == all_states:
            victims = shown["victims_rescued"] if shown else None
            text.append("All states shown", style="italic")
            if victims is not None:
                text.append(
                    f" · victims reported by {victims.reporting} of {victims.of} states"
                    " · — = not reported",
                    style="italic",
                )
            return text
        victims, arrests = shown["victims_rescued"], shown["arrests"]
        text.append(f"Shown {shown.states:,} of {figure(all_states)}", style="bold")
        text.append(" │ Victims ")
        text.append(figure(victims.total if victims.reporting else None))
        text.append(f" ({victims.reporting} reporting)", style="dim")
        text.append(" │ Arrests ")
        text.append(figure(arrests.total if arrests.reporting else None))
        return text
