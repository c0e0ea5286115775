"""The about screen: the operation, the source, national context, reconciliation, all notes."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.dataset import LABELS, Dataset, reconcile
from tui.dataset.view import display_name
from tui.dialogs.scrolling import ScrollBox, dialog_bindings, scroll
from tui.i18n import N_, _, date_time, language, language_name, number
from tui.widgets.figures import VICTIMS_MARK, figure, heading, mark, prose, quoted
from tui.widgets.key_bar import KeyBar


def _field(label: str, value: str | None, missing: str | None = None) -> Text:
    # A base style would spill onto the value: only the label is bold.
    text = Text()
    text.append(_("{label}: ").format(label=label), style="bold")
    text.append((missing or _("not stated")) if value is None else value, style=None)
    return text


def _when(value: dt.date | None) -> str | None:
    return None if value is None else date_time(value)


def _words(quote: str | None, translation: str | None) -> list[RenderableType]:
    """The source's words and one rendering of them: in French the source's own (French)
    words only; in English the translation, then the words it translates."""
    original = quoted(quote) if quote else None
    if language() == "fr" and original is not None:
        return [original]
    english = Text(translation) if translation else None
    return [part for part in (english, original) if part is not None]


def _operation(dataset: Dataset) -> list[RenderableType]:
    op = dataset.operation
    parts: list[RenderableType] = [Text(op.name, style="bold")]
    if op.local_name:
        parts.append(Text(f"({op.local_name})", style="italic"))
    if op.summary:
        parts.append(Text(op.summary))
    who = ", ".join(x for x in (op.announced_by, op.announced_by_title) if x) or None
    parts += [_field(_("Announced"), _when(op.announced)), _field(_("Announced by"), who)]
    parts.append(Text())
    if op.facts:
        if len(dataset.all_sources) > 1:
            parts.append(heading(_("What the sources say about the operation")))
        else:
            parts.append(heading(_("What the source says about the operation")))
        for fact in op.facts:
            label = (_("{label}: ").format(label=fact.topic), "bold")
            source = dataset.source_by_id(fact.source) if fact.source else None
            # Whose statement it is, when not the main source's.
            according = (
                Text(
                    " "
                    + _("(according to {source})").format(source=source.publisher or source.label),
                    style="dim",
                )
                if source is not None
                else Text()
            )
            words = _words(fact.quote, fact.translation)
            if not words:
                parts.append(Text.assemble(label, fact.text, according))
                continue
            # The paraphrase only when the source's words are missing: each fact said once.
            first = words[0]
            if isinstance(first, Text):
                parts.append(Text.assemble(label, first, according))
            else:
                parts.append(Text.assemble(label, according))
                parts.append(first)
            parts += words[1:]
        parts.append(Text())
    return parts


def _source(dataset: Dataset) -> list[RenderableType]:
    src = dataset.source
    parts: list[RenderableType] = [
        heading(_("Source")),
        _field(_("Title"), src.title),
        _field(_("Publisher"), src.publisher),
        _field(_("Author"), src.author),
        _field(_("Published"), _when(src.published)),
        _field(_("Language"), language_name(src.language) if src.language else None),
        # French agrees "non précisée" with "l'URL": its own words.
        _field(_("URL"), src.url, _("none given")),
    ]
    if src.reports_on:
        parts.append(_field(_("Reports on"), src.reports_on))
    parts.append(Text())
    if dataset.context:
        parts.append(heading(_("National context")))
        table = Table.grid(padding=(0, 2))
        table.add_column(justify="right")
        table.add_column()
        for item in dataset.context:
            who = ", ".join(str(x) for x in (item.attributed_to, item.year) if x)
            line = Text(item.label)
            if who:
                line.append(f" ({who})", style="dim")
            table.add_row(number(item.value), line)
        parts += [table]
        parts += [prose("• ", note) for note in dataset.context_notes]
        parts.append(Text())
    return parts


def _reconciliation(dataset: Dataset) -> list[RenderableType]:
    parts: list[RenderableType] = [
        heading(_("Reconciliation: computed from the states vs reported by the source"))
    ]
    table = Table(box=None, padding=(0, 1), show_edge=False)
    columns = (N_("Figure"), N_("Computed"), N_("Reported"), N_("States"), N_("Check"))
    for column in columns:
        table.add_column(_(column), justify="left" if column in ("Figure", "Check") else "right")
    note = dataset.reported.victims_note
    for row in reconcile(dataset):
        reported = figure(row.reported)
        if note and row.metric == "victims_rescued":
            reported += VICTIMS_MARK
        table.add_row(
            _(LABELS[row.metric]),
            figure(row.computed),
            reported,
            _("{reporting} of {of}").format(reporting=number(row.reporting), of=number(row.of)),
            mark(row),
        )
    parts += [table]
    if note:
        parts.append(prose(f"{VICTIMS_MARK} ", note, "italic"))
    parts.append(Text())
    if dataset.reported.quote:
        parts += _words(dataset.reported.quote, dataset.reported.translation)
        parts.append(Text())
    return parts


def about_content(dataset: Dataset) -> RenderableType:
    """Everything about the dataset that is not one state's, as literal text."""
    parts = _operation(dataset) + _source(dataset) + _reconciliation(dataset)
    parts.append(heading(_("Data-quality notes")))
    for note in dataset.operation.notes:
        parts.append(prose("• ", note))
    for state in dataset.states:
        for note in state.notes:
            parts.append(prose("• " + _("{label}: ").format(label=display_name(state)), note))
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
        with ScrollBox(id="about-box") as box:
            box.border_title = _("About this dataset")
            yield Static(about_content(self.dataset))
        yield KeyBar()

    def action_scroll(self, how: str) -> None:
        """Scroll the text."""
        scroll(self.query_one("#about-box", ScrollBox), how)
