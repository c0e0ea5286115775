"""The detail pane: the highlighted state's figures, agencies and the source's own words."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.dataset import Agency, Dataset, State, Totals
from tui.i18n import N_, _, date, language, number, percent
from tui.widgets.figures import (
    MISSING,
    VICTIMS_MARK,
    agency_line,
    bar,
    figure,
    heading,
    prose,
    quoted,
)
from tui.widgets.scrolling import scroll

if TYPE_CHECKING:  # imported when a state's sources are first shown, not at start-up
    from tui.dataset.agreement import Agreement, FigureAgreement


class DetailPane(ScrollView, can_focus=True):
    """Scrollable details of one state; follows the explorer screen's ``selected`` reactive.

    The text is rendered once per selection (and width) into lines that are then only
    painted: a new selection is a repaint of this pane, never a layout of the screen.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "scroll('up')", N_("Scroll up"), show=False, id="detail.up"),
        Binding("down,j", "scroll('down')", N_("Scroll down"), show=False, id="detail.down"),
        Binding("pageup", "scroll('page_up')", N_("Page up"), show=False, id="detail.page_up"),
        Binding(
            "pagedown,space",
            "scroll('page_down')",
            N_("Page down"),
            show=False,
            id="detail.page_down",
        ),
        Binding("home,g", "scroll('home')", N_("Top"), show=False, id="detail.top"),
        Binding("end,G", "scroll('end')", N_("Bottom"), show=False, id="detail.bottom"),
        Binding("left,h,backspace", "screen.focus_list", N_("Back to list"), id="detail.back"),
    ]
    """Scrolling; left/h/backspace return to the list."""

    selected: reactive[State | None] = reactive(None, init=False)
    """The state shown; bound to the explorer screen's selection (after the first frame)."""

    def __init__(self, dataset: Dataset, totals: Totals, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.dataset = dataset
        self.totals = totals
        self._lines: list[Strip] = []
        self._rendered_for: tuple[State | None, int] | None = None
        self._base: Style | None = None
        """The pane's Rich style, worked out once per style change (render_line needs it for
        every line, and computing it walks the CSS)."""
        self._agreement: Agreement | None = None
        self._waiting = True
        """Blank until a selection is first handed over: the start-up frame goes without the
        details (and without a "no state matches" that would not be true)."""

    def watch_selected(self, state: State | None) -> None:
        """Re-render for the newly selected state and go back to the top."""
        self._waiting = False
        # Border titles are markup when given a str: data goes in as literal Content.
        self.border_title = Content(title(state) if state else _("No state"))
        self._update_lines()
        self.scroll_to(y=0, animate=False, immediate=True)

    def set_dataset(self, dataset: Dataset, totals: Totals) -> None:
        """Show another dataset's details (agencies, shares of its totals) for the selection."""
        self.dataset = dataset
        self.totals = totals
        self._rendered_for = None
        self._agreement = None
        if self.is_mounted:
            self._update_lines()

    def on_resize(self) -> None:
        """Re-wrap the text for the new width."""
        self._update_lines()

    def notify_style_update(self) -> None:
        """Theme or CSS changed: render the text again in the new colours."""
        super().notify_style_update()
        self._rendered_for = None
        self._base = None
        if self.is_mounted:
            self._update_lines()

    def _update_lines(self) -> None:
        width = self.scrollable_content_region.width
        if self._waiting or width <= 0 or self._rendered_for == (self.selected, width):
            return
        self._rendered_for = (self.selected, width)
        console = self.app.console
        options = console.options.update_width(width)
        base = self.base_style
        lines = console.render_lines(self.render_state(self.selected), options, style=base)
        self._lines = [Strip(line, width) for line in lines]
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def action_scroll(self, how: str) -> None:
        """Scroll at once (no animation): each key is one step from where the last one left."""
        scroll(self, how)

    def render_line(self, y: int) -> Strip:
        """One line of the rendered details."""
        index = round(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        base = self.base_style
        if 0 <= index < len(self._lines):
            return self._lines[index].crop_extend(0, width, base)
        return Strip.blank(width, base)

    @property
    def base_style(self) -> Style:
        """The pane's Rich style (cached until the next style update)."""
        if self._base is None:
            self._base = self.rich_style
        return self._base

    def action_page_up(self) -> None:
        """Scroll up one screenful."""
        self.scroll_page_up()

    def action_page_down(self) -> None:
        """Scroll down one screenful."""
        self.scroll_page_down()

    # -- content --------------------------------------------------------------------------

    def render_state(self, state: State | None) -> RenderableType:
        """Everything the source says about ``state``, as literal text."""
        if state is None:
            return Text(
                _(
                    "No state matches the filter. Ctrl+U empties the filter box; "
                    "from the list, c clears the filter."
                ),
                style="italic",
            )
        parts: list[RenderableType] = []
        if state.aliases:
            also = Text(_("Also known as: "), style="dim")
            parts.append(also.append(Text(", ".join(state.aliases))))
        parts += self._outcomes(state)
        parts += self._shares(state)
        parts += self._agencies(state)
        parts += self._words(state)
        parts += self._notes(state)
        return Group(*parts)

    def _outcomes(self, state: State) -> list[RenderableType]:
        rows: list[RenderableType] = [heading(_("Outcomes"))]
        labels = [_("Victims rescued"), _("Arrests"), _("Medical services")]
        width = max(len(label) for label in labels) + 1
        victims = Text(labels[0].ljust(width))
        victims.append(figure(state.victims_rescued), style="bold")
        if state.victims_adult is not None or state.victims_minor is not None:
            parts = {"adult": figure(state.victims_adult), "minor": figure(state.victims_minor)}
            if state.victims_derived:
                breakdown = _("({adult} adult, {minor} minor; total is their sum)")
            else:
                breakdown = _("({adult} adult, {minor} minor)")
            victims.append("  " + breakdown.format(**parts))
        if state.victims_rescued is None:
            victims.append("  " + _("not reported"), style="italic")
        rows.append(victims)
        rows += self._sources(state, "victims_rescued")
        arrests = Text(labels[1].ljust(width))
        arrests.append(figure(state.arrests), style="bold")
        if state.arrests is None:
            arrests.append("  " + _("not reported"), style="italic")
        rows.append(arrests)
        rows += self._sources(state, "arrests")
        if state.medical_services is not None:
            medical = Text(labels[2].ljust(width))
            medical.append(figure(state.medical_services), style="bold")
            rows.append(medical)
        rows += self._sources(state, "medical_services")
        rows.append(Text())
        return rows

    def _sources(self, state: State, metric: str) -> list[RenderableType]:
        """Under a figure, every source's value when other sources give it: the main source's
        value first, agreeing sources on one line, ``‡`` on each value of a contested figure."""
        if not state.claims:
            return []
        if self._agreement is None:
            from tui.dataset.agreement import agreement

            self._agreement = agreement(self.dataset)
        try:
            item = self._agreement.state(state.code).figure(metric)
        except KeyError:
            return []
        if not any(not v.main for v in item.values):
            return []
        return [self._group_line(item, n) for n in range(len(item.groups))]

    def _group_line(self, item: FigureAgreement, n: int) -> Text:
        """One value and the sources giving it, as literal text."""
        group = item.groups[n]
        if item.contested:
            lead = "  ‡ "
        elif item.verdict == "agreed":
            lead = "  ✓ "
        else:
            lead = "  · "
        line = Text(lead)
        line.append(number(group.value), style="bold")
        line.append("  ")
        for i, value in enumerate(group.sources):
            if i:
                line.append(" · ", style="dim")
            source = self.dataset.source_by_id(value.source)
            line.append(Text(source.publisher or source.label if source else value.source))
            when = source.published if source else None
            if when is not None:
                day = when.date() if isinstance(when, dt.datetime) else when
                line.append(", " + date(day), style="dim")
            if value.main:
                line.append(" " + _("(main source)"), style="italic")
            if value.derived:
                line.append(" " + _("(sum of adults and minors)"), style="italic")
        if item.verdict == "single":
            line.append(" " + _("(the only source)"), style="italic")
        return line

    def _shares(self, state: State) -> list[RenderableType]:
        rows: list[RenderableType] = [heading(_("Share of operation totals"))]
        note = self.dataset.reported.victims_note
        dagger = VICTIMS_MARK if note else ""
        shares = (
            (_("Victims"), state.victims_rescued, "victims_rescued"),
            (_("Arrests"), state.arrests, "arrests"),
        )
        width = max(len(label) for label, _value, _metric in shares) + 1
        for label, value, metric in shares:
            total = self.totals[metric].total  # type: ignore[index]
            line = Text(label.ljust(width))
            if value is None:
                line.append(f"{MISSING} " + _("not reported"), style="italic")
            else:
                share = 100 * value / total if total else 0.0
                line.append(bar(value, total, 8))
                whole = number(total) + (dagger if metric == "victims_rescued" else "")
                of = _("{part} of {whole}").format(part=number(value), whole=whole)
                line.append(f" {percent(share)} ({of})")
                reported = getattr(self.dataset.reported, metric)
                if reported is not None and reported != total:
                    # A share of the states' sum is not a share of the source's figure.
                    differs = _("of the states' sum; the source reports {reported}")
                    line.append(" " + differs.format(reported=number(reported)), style="bold")
            rows.append(line)
        if note:
            rows.append(prose(f"{dagger} ", note, "italic"))
        rows.append(Text())
        return rows

    def _agencies(self, state: State) -> list[RenderableType]:
        own = self.dataset.agencies_for(state.code)
        leads = [a for a in self.dataset.leads if a not in own]
        wide = [a for a in self.dataset.operation_wide_agencies if a not in leads]
        rows: list[RenderableType] = [heading(_("Agencies"))]
        rows.append(Text(_("This state"), style="italic"))
        line = self._agency_line
        if own:
            rows += [line(a) for a in own]
        else:
            rows.append(Text("  " + _("none named by the source"), style="dim"))
        if leads:
            rows.append(Text(_("Operation leads"), style="italic"))
            rows += [line(a) for a in leads]
        if wide:
            rows.append(Text(_("Operation-wide partners"), style="italic"))
            rows += [line(a) for a in wide]
        rows.append(Text())
        return rows

    def _agency_line(self, agency: Agency) -> Text:
        """An agency, with the source naming it when that is not the main source."""
        source = self.dataset.source_by_id(agency.source) if agency.source else None
        return agency_line(agency, (source.publisher or source.label) if source else None)

    def _words(self, state: State) -> list[RenderableType]:
        rows: list[RenderableType] = [heading(_("The source's words"))]
        quote = quoted(state.quote) if state.quote else None
        english = (
            Text.assemble((_("English: "), "bold"), state.translation)
            if state.translation
            else None
        )
        # French readers read the source first; English readers the translation first.
        order = (quote, english) if language() == "fr" else (english, quote)
        if quote is None:
            rows.append(Text(_("No quote recorded."), style="dim"))
        rows += [part for part in order if part is not None]
        rows.append(Text())
        return rows

    def _notes(self, state: State) -> list[RenderableType]:
        rows: list[RenderableType] = [heading(_("Other outcomes and data-quality notes"))]
        if not state.notes:
            rows.append(Text(_("None."), style="dim"))
        for note in state.notes:
            rows.append(prose("• ", note))
        return rows


def title(state: State) -> str:
    """The pane title: the name, the source's own name when it differs, and the code."""
    local = state.local_name
    if not local or local == state.name:
        return f"{state.name} ({state.code})"
    if language() == "fr":
        # The French UI names a state one way everywhere: the source's own name only.
        return f"{local} ({state.code})"
    return f"{state.name} ({state.code}) · {local}"
