"""What the bar chart and the charts' source line show, computed once for the terminal and SVG.

Pure Python (no textual). Bars are scaled to the largest figure of the whole dataset, and
shares are of the whole dataset's total, so that a filter hides rows without changing them.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tui.dataset.contested import contested_metrics
from tui.dataset.model import Dataset, Metric, State
from tui.dataset.tiles import Cell, MapModel, Shade, shade_ranges
from tui.dataset.totals import LABELS
from tui.dataset.view import display_name
from tui.i18n import N_, _, date, language, ngettext, number

MISSING = "—"
"""Shown for a figure the source does not report (never 0)."""

BAR_METRICS: tuple[Metric, ...] = ("victims_rescued", "arrests")
"""The metrics charted: the two every state of the source may report."""


Contested = Mapping[str, frozenset[str]]
"""State code → the figures the sources disagree on (only contested states are keys)."""


def contested_figures(dataset: Dataset) -> Contested:
    """Which figures of which states the sources disagree on (nothing with one source)."""
    found = ((s.code, contested_metrics(s)) for s in dataset.states if s.claims)
    return {code: figures for code, figures in found if figures}


def source_line(dataset: Dataset) -> str:
    """The source in one line: publisher, author, date, and the document it reports."""
    source = dataset.source
    parts = [source.publisher or source.title]
    if source.author:
        parts.append(source.author)
    published = source.published
    if isinstance(published, dt.datetime):
        published = published.date()
    if published is not None:
        parts.append(date(published))
    line = _("Source: {source}").format(source=", ".join(parts))
    if source.reports_on:
        line += " " + _("(reporting: {document})").format(document=source.reports_on)
    return line


def wrap_line(text: str, width: int, most: int = 3) -> list[str]:
    """``text`` cut into lines of at most ``width`` characters at spaces (never at no-break
    spaces), at most ``most`` of them, the last one ending in "…" when the text goes on."""
    if width <= 0:
        return [""]
    lines = textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    if len(lines) > most:
        rest = " ".join(lines[most - 1 :])
        lines = [*lines[: most - 1], rest[: width - 1] + "…"]
    return lines


@dataclass(frozen=True)
class Bar:
    """One metric of one state, ready to draw."""

    value: int | None
    """None: not reported (drawn as a dash, never as a bar)."""
    share: float | None
    """Fraction of the dataset's total of this metric (None when not reported or no total)."""
    fraction: float
    """Length of the bar as a fraction of the longest (0 for 0 or not reported)."""
    parts: tuple[int, int] | None = None
    """(adults, minors) when the source splits the figure (victims only)."""


@dataclass(frozen=True)
class BarScale:
    """The largest figure and the total of each charted metric over the whole dataset."""

    top: dict[Metric, int]
    total: dict[Metric, int | None]
    """None when no state reports the metric: there is no total, which is not 0."""

    @classmethod
    def of(cls, states: Sequence[State]) -> BarScale:
        """Scale for ``states`` (normally every state of the dataset)."""
        top: dict[Metric, int] = {}
        total: dict[Metric, int | None] = {}
        for metric in BAR_METRICS:
            values = [v for s in states if (v := s.figure(metric)) is not None]
            top[metric] = max(values, default=0)
            total[metric] = sum(values) if values else None
        return cls(top, total)

    def heading(self, metric: Metric, mark: str = "") -> str:
        """A bar column's heading: the metric and the total its shares are of (``mark``
        after it: the victims total's qualifier).

        With no state reporting the metric there are no shares: say so, rather than "share
        of 0" (the source may well report a total for the operation).
        """
        total = self.total[metric]
        if total is None:
            return _("{metric} (no state reports it)").format(metric=_(LABELS[metric]))
        return _("{metric} (share of {total})").format(
            metric=_(LABELS[metric]), total=number(total) + mark
        )

    def bar(self, state: State, metric: Metric) -> Bar:
        """The bar of ``metric`` for ``state``."""
        value = state.figure(metric)
        if value is None:
            return Bar(None, None, 0.0)
        top, total = self.top[metric], self.total[metric]
        parts = None
        adult, minor = state.victims_adult, state.victims_minor
        if metric == "victims_rescued" and adult is not None and minor is not None:
            parts = (adult, minor)
        return Bar(
            value,
            value / total if total else None,
            value / top if top else 0.0,
            parts,
        )


def cells(fraction: float, width: int) -> int:
    """Whole cells of a bar ``fraction`` of ``width`` long; a non-zero figure gets at least one."""
    if fraction <= 0 or width <= 0:
        return 0
    return max(1, min(width, round(fraction * width)))


def split(length: int, parts: tuple[int, int]) -> tuple[int, int]:
    """Cut a bar ``length`` cells long into adult and minor cells, each non-zero part visible."""
    adult, minor = parts
    whole = adult + minor
    if length <= 0 or whole <= 0:
        return 0, 0
    minor_cells = round(length * minor / whole)
    if minor and not minor_cells and length > 1:
        minor_cells = 1
    if adult and minor_cells == length and length > 1:
        minor_cells = length - 1
    return length - minor_cells, minor_cells


def shade_labels(model: MapModel) -> list[tuple[Shade, str]]:
    """What each shade of ``model`` means, darkest last, then not reported, 0 and outside."""
    labels: list[tuple[Shade, str]] = [
        (cls, number(low) if low == high else f"{number(low)}–{number(high)}")
        for cls, low, high in shade_ranges(model.breaks)
    ]
    shades = {cell.shade for cell in model.cells}
    if "zero" in shades:
        labels.append(("zero", "0"))
    labels.append(("missing", _("— not reported")))
    if "outside" in shades:
        labels.append(("outside", _("not in the operation")))
    return labels


BINNINGS = {"jenks": N_("natural breaks"), "quantiles": N_("quantiles")}
"""How the map's classes were chosen, in words."""


def legend_title(model: MapModel) -> str:
    """The legend's title: the metric, and how its classes were chosen."""
    return _("{metric} ({binning})").format(
        metric=_(LABELS[model.metric]), binning=_(BINNINGS[model.binning])
    )


def cell_name(cell: Cell) -> str:
    """The name of a tile's state in the UI language, whether or not the dataset has it."""
    if cell.state is not None:
        return display_name(cell.state)
    return cell.tile.french if language() == "fr" else cell.tile.name


def status_text(cell: Cell) -> str:
    """One line about a tile: the state's name and figures, or why it has none."""
    state = cell.state
    if state is None:
        return _("{name} ({code}): not part of this operation").format(
            name=cell_name(cell), code=cell.tile.code
        )
    figures = []
    for metric in BAR_METRICS:
        value = state.figure(metric)
        text = f"{_(LABELS[metric])} {MISSING if value is None else number(value)}"
        if metric == "victims_rescued" and state.victims_adult is not None:
            text += " " + _("({adult} adult, {minor} minor)").format(
                adult=number(state.victims_adult),
                minor=MISSING if state.victims_minor is None else number(state.victims_minor),
            )
        figures.append(text)
    name = _("{label}: ").format(label=f"{display_name(state)} ({state.code})")
    line = name + " · ".join(figures)
    if cell.hidden:
        line += " · " + _("hidden by the filter")
    return line


def unplaced_note(codes: Sequence[str], limit: int = 40) -> str:
    """Which codes the map cannot place: how many, then the first ``limit`` of them."""
    count = len(codes)
    head = ngettext(
        "Not on the map ({count} code, not a US state): {codes}",
        "Not on the map ({count} codes, not US states): {codes}",
        count,
    )
    shown = ", ".join(codes[:limit]) + (", …" if count > limit else "")
    return head.format(count=number(count), codes=shown)
