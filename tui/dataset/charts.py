"""What the bar chart and the charts' source line show, computed once for the terminal and SVG.

Pure Python (no textual). Bars are scaled to the largest figure of the whole dataset, and
shares are of the whole dataset's total, so that a filter hides rows without changing them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tui.dataset.agreement import contested_metrics
from tui.dataset.model import Dataset, Metric, State
from tui.dataset.tiles import Cell, MapModel, Shade, shade_ranges
from tui.dataset.totals import LABELS
from tui.i18n import _, date, ngettext, number

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
    total: dict[Metric, int]

    @classmethod
    def of(cls, states: Sequence[State]) -> BarScale:
        """Scale for ``states`` (normally every state of the dataset)."""
        top: dict[Metric, int] = {}
        total: dict[Metric, int] = {}
        for metric in BAR_METRICS:
            values = [v for s in states if (v := s.figure(metric)) is not None]
            top[metric] = max(values, default=0)
            total[metric] = sum(values)
        return cls(top, total)

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
        for cls, low, high in shade_ranges(model.top)
    ]
    shades = {cell.shade for cell in model.cells}
    if "zero" in shades:
        labels.append(("zero", "0"))
    labels.append(("missing", _("— not reported")))
    labels.append(("outside", _("not in the operation")))
    return labels


def status_text(cell: Cell) -> str:
    """One line about a tile: the state's name and figures, or why it has none."""
    state = cell.state
    if state is None:
        return _("{name} ({code}): not part of this operation").format(
            name=cell.tile.name, code=cell.tile.code
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
    line = f"{state.name} ({state.code}): {' · '.join(figures)}"
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
