"""The about screen: the operation, the source, national context, reconciliation, all notes."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.dataset import LABELS, Dataset, reconcile
from tui.screens.scrolling import dialog_bindings, scroll
from tui.widgets.figures import figure, heading, mark, quoted
from tui.widgets.key_bar import KeyBar


def _field(label: str, value: object) -> Text:
    # A base style would spill onto the value: only the label is bold.
    text = Text()
    text.append(f"{label}: ", style="bold")
    text.append("not stated" if value is None else str(value), style=None)
    return text


def about_content(dataset: Dataset) -> RenderableType:
    """Everything about the dataset that is not one state's, as literal text."""
    op, src = dataset.operation, dataset.source
    parts: list[RenderableType] = [Text(op.name, style="bold")]
    if op.local_name:
        parts.append(Text(f"({op.local_name})", style="italic"))
    if op.summary:
        parts.append(Text(op.summary))
    parts += [
        _field("Announced", op.announced),
        _field(
            "Announced by",
            ", ".join(x for x in (op.announced_by, op.announced_by_title) if x) or None,
        ),
        Text(),
    ]
    if op.facts:
        parts.append(heading("Facts"))
        for fact in op.facts:
            parts.append(Text.assemble((f"{fact.topic}: ", "bold"), fact.text))
            if fact.quote:
                parts.append(quoted(fact.quote))
        parts.append(Text())
    parts += [
        heading("Source"),
        _field("Title", src.title),
        _field("Publisher", src.publisher),
        _field("Author", src.author),
        _field("Published", src.published),
        _field("Language", src.language),
        _field("URL", src.url),
    ]
    if src.reports_on:
        parts.append(_field("Reports on", src.reports_on))
    parts.append(Text())
    if dataset.context:
        parts.append(heading("National context"))
        table = Table.grid(padding=(0, 2))
        table.add_column(justify="right")
        table.add_column()
        for item in dataset.context:
            who = ", ".join(str(x) for x in (item.attributed_to, item.year) if x)
            line = Text(item.label)
            if who:
                line.append(f" ({who})", style="dim")
            table.add_row(f"{item.value:,}", line)
        parts += [table]
        parts += [Text("• ").append(Text(note)) for note in dataset.context_notes]
        parts.append(Text())
    parts.append(heading("Reconciliation: computed from the states vs reported by the source"))
    table = Table(box=None, padding=(0, 1), show_edge=False)
    for column in ("Figure", "Computed", "Reported", "States", "Check"):
        table.add_column(column, justify="left" if column in ("Figure", "Check") else "right")
    for row in reconcile(dataset):
        table.add_row(
            LABELS[row.metric],
            figure(row.computed),
            figure(row.reported),
            f"{row.reporting} of {row.of}",
            mark(row),
        )
    parts += [table, Text()]
    if dataset.reported.quote:
        parts.append(quoted(dataset.reported.quote))
        parts.append(Text())
    parts.append(heading("Data-quality notes"))
    for note in op.notes:
        parts.append(Text("• ").append(Text(note)))
    for state in dataset.states:
        for note in state.notes:
            parts.append(Text(f"• {state.name}: ").append(Text(note)))
    return Group(*parts)


class AboutScreen(ModalScreen[None]):
    """Operation summary and source; closes with q, i, Enter, Backspace or Esc."""

    BINDINGS: ClassVar[list[BindingType]] = dialog_bindings("i", "about")
    """The same keys as every dialog; nothing else acts while it is open."""

    def __init__(self, dataset: Dataset) -> None:
        super().__init__()
        self.dataset = dataset

    def compose(self) -> ComposeResult:
        """The about text in a scrollable, focusable box."""
        with VerticalScroll(id="about-box") as box:
            box.border_title = "About this dataset"
            yield Static(about_content(self.dataset))
        yield KeyBar()

    def action_scroll(self, how: str) -> None:
        """Scroll the text."""
        scroll(self.query_one("#about-box", VerticalScroll), how)
