"""One source (Enter in the Sources view): who it is, what it says state by state, its sums."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.dataset import LABELS, Dataset
from tui.dataset.agreement import Agreement, FigureSet, SumCheck, agreement
from tui.dataset.model import OPERATION_FIGURES, Source
from tui.dataset.totals import KINDS
from tui.dialogs.scrolling import ScrollBox, dialog_bindings, scroll
from tui.i18n import N_, _, date, ngettext, number
from tui.screens.live_reload import DatasetReloaded, new_version
from tui.widgets.figures import CONTESTED_MARK, MISSING, heading
from tui.widgets.key_bar import KeyBar


def when(value: dt.date | None) -> str:
    """A source's date in words, or the dash when it has none."""
    if value is None:
        return MISSING
    if isinstance(value, dt.datetime):
        value = value.date()
    return date(value)


def address(source: Source) -> str:
    """Where to read the source: its own URL, else the first page republishing it."""
    if source.url:
        return source.url
    return next((v.url for v in source.via if v.url), MISSING)


def via_line(source: Source) -> str:
    """The publishers of the pages the source was read on, or nothing."""
    return ", ".join(v.publisher for v in source.via)


COLUMNS: tuple[tuple[str, str], ...] = (
    ("victims_rescued", N_("Victims")),
    ("victims_minor", N_("Minors")),
    ("arrests", N_("Arrests")),
)
"""The state figures shown per source, with their short headings."""
OPERATION_LABELS = {
    "states": N_("States"),
    "victims_rescued": N_("Victims rescued"),
    "victims_minor": N_("Minor victims"),
    "arrests": N_("Arrests"),
    "medical_services": N_("Medical services"),
}


def _field(label: str, value: str) -> Text:
    text = Text()
    text.append(_("{label}: ").format(label=label), style="bold")
    text.append(value)
    return text


def _value(figures: FigureSet, figure: str, source: str) -> Text:
    """``source``'s value of ``figure`` (``‡`` when contested), or the dash."""
    item = figures.figure(figure)
    value = item.value_of(source)
    if value is None:
        return Text(MISSING, style="dim")
    if item.contested:
        return Text(number(value) + CONTESTED_MARK, style="bold")
    return Text(number(value))


def _locator(figures: FigureSet, source: str) -> str:
    """Where in the source the figures are (claims only; the main source has its quotes)."""
    for item in figures.figures:
        for value in item.values:
            if value.source == source and value.locator:
                return value.locator
    return ""


def sum_line(check: SumCheck) -> Text:
    """``Victims rescued: its 9 states of 12 add up to 57; it states 59 ⚠``."""
    text = Text()
    text.append(_("{label}: ").format(label=_(LABELS[check.figure])), style="bold")
    states = ngettext(
        "its {reporting} state of {of} gives {sum}",
        "its {reporting} states of {of} add up to {sum}",
        check.reporting,
    )
    text.append(
        states.format(
            reporting=number(check.reporting), of=number(check.of), sum=number(check.states_sum)
        )
    )
    text.append(_("; it states {stated}").format(stated=number(check.stated)))
    if check.status == "match":
        text.append(" ✓", style="bold")
    else:
        text.append(" ")
        text.append(
            _("⚠ {sum} ≠ {stated}").format(
                sum=number(check.states_sum), stated=number(check.stated)
            ),
            style="bold reverse",
        )
    return text


def source_content(dataset: Dataset, found: Agreement, source_id: str) -> RenderableType:
    """Everything the dataset knows of one source, as literal text."""
    source = found.source(source_id)
    parts: list[RenderableType] = [Text(source.publisher or source_id, style="bold")]
    if source.label:
        parts.append(Text(source.label, style="italic"))
    parts.append(_field(_("Id"), source.id))
    parts.append(_field(_("Kind"), _(KINDS[source.kind]) if source.kind else MISSING))
    parts.append(_field(_("Date"), when(source.published)))
    if source.url or not source.via:
        parts.append(_field(_("Address"), address(source)))
    for via in source.via:
        parts.append(_field(_("Read via"), f"{via.publisher} {via.url or ''}".strip()))
    if source.reports_on:
        parts.append(_field(_("Reports"), source.reports_on))
    parts += [Text(), heading(_("What it says, state by state"))]
    table = Table.grid(padding=(0, 1))
    table.add_column()
    table.add_column()
    for _column in COLUMNS:
        table.add_column(justify="right")
    table.add_column()
    table.add_row(
        Text(""),
        Text(_("State"), style="bold"),
        *(Text(_(title), style="bold") for _key, title in COLUMNS),
        Text(_("Where"), style="bold"),
    )
    silent = []
    for state, figures in zip(dataset.states, found.states):
        if source_id not in figures.sources:
            silent.append(state.code)
            continue
        table.add_row(
            Text(state.code, style="dim"),
            Text(state.name),
            *(_value(figures, key, source_id) for key, _title in COLUMNS),
            Text(_locator(figures, source_id), style="italic"),
        )
    parts.append(table if table.row_count > 1 else Text(_("No state figure."), style="italic"))
    if silent and table.row_count > 1:
        parts.append(_field(_("No figure for"), ", ".join(silent)))
    parts += [Text(), heading(_("Operation-wide"))]
    stated = [f for f in OPERATION_FIGURES if found.operation.figure(f).value_of(source_id)]
    for figure in stated:
        line = Text()
        line.append(_("{label}: ").format(label=_(OPERATION_LABELS[figure])), style="bold")
        line.append_text(_value(found.operation, figure, source_id))
        parts.append(line)
    where = _locator(found.operation, source_id)
    if where:
        parts.append(_field(_("Where"), where))
    if not stated:
        parts.append(Text(_("No operation-wide figure."), style="italic"))
    parts += [Text(), heading(_("Its arithmetic"))]
    checks = [c for c in found.sum_checks if c.source == source_id]
    parts += [sum_line(c) for c in checks]
    if not checks:
        parts.append(
            Text(_("No sum to check: it gives no figure for every state."), style="italic")
        )
    if found.several_sources:  # with one source, no figure can carry the mark
        parts += [
            Text(),
            Text(_("{mark} the sources disagree on this figure").format(mark=CONTESTED_MARK)),
        ]
    return Group(*parts)


class SourceScreen(ModalScreen[None]):
    """One source's figures, state by state and operation-wide, and its own sums."""

    BINDINGS: ClassVar[list[BindingType]] = dialog_bindings("left,h", "source")
    """The dialogs' keys: ``q``, Enter, Backspace, ``←`` close; arrows and ``j`` ``k`` scroll."""

    DEFAULT_CSS = """
    SourceScreen {
        background: $background;
    }
    SourceScreen #source-box {
        border: heavy $accent;
        padding: 0 1;
    }
    """

    def __init__(
        self, dataset: Dataset, found: Agreement, source_id: str, operation: int = 0
    ) -> None:
        super().__init__()
        self.dataset = dataset
        self.found = found
        self.source_id = source_id
        self.operation = operation
        """Index of the operation shown in the loaded ones: a reload of another is not ours."""

    def compose(self) -> ComposeResult:
        """A scrollable box of the source's text, and the key bar."""
        with ScrollBox(id="source-box") as box:
            # The id is dataset text: literal Content, never markup.
            box.border_title = Content(_("Source · {id}").format(id=self.source_id))
            yield Static(source_content(self.dataset, self.found, self.source_id))
        yield KeyBar()

    def on_dataset_reloaded(self, message: DatasetReloaded) -> None:
        """``--watch``: show what the saved file says of this source (scroll kept), or close
        when the source is no longer in it."""
        prepared = new_version(message, self.operation)
        if prepared is None:
            return
        self.dataset, self.found = prepared.dataset, agreement(prepared.dataset)
        if self.source_id not in {source.id for source in self.found.sources}:
            self.dismiss(None)
            return
        self.query_one("#source-box Static", Static).update(
            source_content(self.dataset, self.found, self.source_id)
        )

    def action_scroll(self, how: str) -> None:
        """Scroll the text."""
        scroll(self.query_one("#source-box", ScrollBox), how)
