"""Standalone SVG charts for publication: the tile-grid map and the bar chart.

Pure Python (no textual). The SVG carries its own title, legend and source line, and refers
to nothing outside itself: no fonts to fetch (generic font families), no scripts, no images.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from tui.dataset import Dataset
from tui.dataset.agreement import agreement
from tui.dataset.charts import (
    BAR_METRICS,
    MISSING,
    BarScale,
    legend_title,
    shade_labels,
    source_line,
    unplaced_note,
)
from tui.dataset.contested import contested_metrics
from tui.dataset.model import State
from tui.dataset.tiles import GRID_COLS, GRID_ROWS, MapModel, Shade, build_map
from tui.dataset.view import display_name
from tui.i18n import _, date, guillemets, number, percent

VIEWS = ("map", "bars")
"""What ``export --format svg --view`` can draw."""

FONT = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"
INK, MUTED, RULE = "#1a1a1a", "#5f5f5f", "#c8c8c8"
FILLS: dict[Shade, str] = {
    "outside": "#ffffff",
    "zero": "#eeeeee",
    "missing": "url(#not-reported)",
    "1": "#c6dbef",
    "2": "#6baed6",
    "3": "#2171b5",
    "4": "#08306b",
}
"""A sequential blue scale (ColorBrewer Blues), hatching for not reported, white outside."""
DARK: frozenset[Shade] = frozenset({"3", "4"})
"""Shades dark enough to need white text."""
VICTIMS, MINORS, ARRESTS = "#2171b5", "#9ecae1", "#d94801"

MARGIN = 24
TILE, GAP = 50, 4


def _text(
    x: float, y: float, text: str, size: int = 12, *, weight: str = "normal", **attrs: str
) -> str:
    extra = "".join(f" {key.replace('_', '-')}={quoteattr(value)}" for key, value in attrs.items())
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}" font-weight="{weight}"{extra}>'
        f"{escape(text)}</text>"
    )


def _rect(x: float, y: float, w: float, h: float, fill: str, **attrs: str) -> str:
    extra = "".join(f" {key.replace('_', '-')}={quoteattr(value)}" for key, value in attrs.items())
    return f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" fill="{fill}"{extra}/>'


VICTIMS_MARK = "†"
"""Marks a victims total the dataset qualifies (as in the terminal; the note is in the footer)."""


def _wrap(text: str, chars: int) -> list[str]:
    """Split ``text`` at spaces into lines of about ``chars`` characters."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _document(width: float, height: float, title: str, body: Sequence[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
        f'viewBox="0 0 {width:g} {height:g}" font-family={quoteattr(FONT)} fill="{INK}">\n'
        f"<title>{escape(title)}</title>\n"
        '<defs><pattern id="not-reported" width="6" height="6" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#fff4e0"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#c77c00" stroke-width="2"/></pattern></defs>\n'
        f"{_rect(0, 0, width, height, '#ffffff')}\n"
    )
    return head + "\n".join(body) + "\n</svg>\n"


CONTESTED = "‡"
"""Marks a figure the sources disagree on (a mark, not a colour: it survives print)."""


def _mark(state: State, metric: str) -> str:
    """The contested mark when the sources disagree on ``metric`` of ``state``."""
    return CONTESTED if metric in contested_metrics(state) else ""


def _footer(
    dataset: Dataset, y: float, width: float, marked: bool = False
) -> tuple[list[str], float]:
    """The sources (and the article's title), wrapped to ``width``, after the † note when
    ``marked`` (a victims total above carries †); returns the parts and end y."""
    chars = int((width - 2 * MARGIN) / 6.2)
    note = dataset.reported.victims_note
    lines = _wrap(f"{VICTIMS_MARK} {note}", chars) if marked and note else []
    if agreement(dataset).contested_states:
        lines += _wrap(
            _(
                "{mark} the sources disagree on this figure; the figures shown are the main "
                "source's."
            ).format(mark=CONTESTED),
            chars,
        )
    lines += _wrap(source_line(dataset), chars)
    lines += _wrap(guillemets(dataset.source.title), chars)
    if dataset.source.url:
        lines.append(dataset.source.url)
    if dataset.source.reports_on:
        lines += _wrap(
            _("Primary source: {primary}, as reported by {source}.").format(
                primary=dataset.source.reports_on,
                source=dataset.source.publisher or dataset.source.label,
            ),
            chars,
        )
    others = dataset.all_sources[1:]
    if others:
        names = "; ".join(
            f"{s.publisher or s.label}" + (f" ({date(_day(s.published))})" if s.published else "")
            for s in others
        )
        lines += _wrap(_("Other sources: {sources}.").format(sources=names), chars)
    parts = [_text(MARGIN, y + 15 * i, line, 11, fill=MUTED) for i, line in enumerate(lines)]
    return parts, y + 15 * len(lines)


def _day(value: object) -> dt.date:
    """The day of a date or date-time."""
    assert isinstance(value, dt.date)
    return value.date() if isinstance(value, dt.datetime) else value


def _heading(dataset: Dataset, title: str) -> list[str]:
    """The title, and who announced the figures when (as far as the dataset says)."""
    parts = [_text(MARGIN, 34, title, 20, weight="bold")]
    operation = dataset.operation
    who = operation.announced_by
    if who and operation.announced_by_title:
        who = f"{who}, {operation.announced_by_title}"
    if operation.announced and who:
        line = _("Announced {date} by {who}").format(date=date(operation.announced), who=who)
    elif operation.announced:
        line = _("Announced {date}").format(date=date(operation.announced))
    elif who:
        line = _("Announced by {who}").format(who=who)
    else:
        return parts
    return [*parts, _text(MARGIN, 56, line, 13, fill=MUTED)]


def _map_panel(model: MapModel, x0: float, y0: float) -> tuple[list[str], float]:
    """One metric's grid and legend at (x0, y0); returns the parts and the panel's bottom."""
    parts = [_text(x0, y0 + 14, legend_title(model), 15, weight="bold")]
    top = y0 + 26
    for cell in model.cells:
        x = x0 + cell.tile.col * (TILE + GAP)
        y = top + cell.tile.row * (TILE + GAP)
        stroke = RULE if cell.shade in ("outside", "zero") else "none"
        opacity = "0.35" if cell.hidden else "1"
        parts.append(f'<g opacity="{opacity}">')
        parts.append(_rect(x, y, TILE, TILE, FILLS[cell.shade], stroke=stroke, rx="3"))
        ink = "#ffffff" if cell.shade in DARK else (MUTED if cell.state is None else INK)
        centre = x + TILE / 2
        parts.append(
            _text(centre, y + 21, cell.tile.code, 13, weight="bold", fill=ink, text_anchor="middle")
        )
        if cell.state is not None:
            figure = MISSING if cell.value is None else number(cell.value)
            figure += _mark(cell.state, model.metric)
            parts.append(_text(centre, y + 38, figure, 12, fill=ink, text_anchor="middle"))
        parts.append("</g>")
    y = top + GRID_ROWS * (TILE + GAP) + 8
    x = x0
    for shade, meaning in shade_labels(model):
        stroke = RULE if shade in ("outside", "zero") else "none"
        parts.append(_rect(x, y, 14, 14, FILLS[shade], stroke=stroke))
        parts.append(_text(x + 19, y + 11, meaning, 11))
        x += 19 + 6.5 * len(meaning) + 14
    return parts, y + 22


def map_svg(dataset: Dataset) -> str:
    """The tile-grid map of victims rescued and of arrests, one above the other."""
    width = 2 * MARGIN + GRID_COLS * (TILE + GAP) - GAP
    title = _("{operation}: results by state").format(operation=dataset.operation.name)
    parts = _heading(dataset, title)
    y = 66.0
    for metric in BAR_METRICS:
        panel, y = _map_panel(build_map(dataset.states, metric), MARGIN, y + 12)
        parts += panel
    unplaced = build_map(dataset.states, BAR_METRICS[0]).unplaced
    if unplaced:
        note = unplaced_note(unplaced)
        for line in _wrap(note, int((width - 2 * MARGIN) / 6.2)):
            parts.append(_text(MARGIN, y + 14, line, 11))
            y += 15
    footer, y = _footer(dataset, y + 20, width)
    return _document(width, y + MARGIN - 10, title, parts + footer)


def bars_svg(dataset: Dataset) -> str:
    """Victims and arrests per state as horizontal bars, in dataset order, with shares."""
    scale = BarScale.of(dataset.states)
    name_w, bar_w, label_w, row_h = 150, 220, 90, 22
    width = 2 * MARGIN + name_w + len(BAR_METRICS) * (bar_w + label_w)
    title = _("{operation}: results by state").format(operation=dataset.operation.name)
    parts = _heading(dataset, title)
    y = 82.0
    colours = {"victims_rescued": VICTIMS, "arrests": ARRESTS}
    for i, metric in enumerate(BAR_METRICS):
        x = MARGIN + name_w + i * (bar_w + label_w)
        head = scale.heading(metric)
        if metric == "victims_rescued" and dataset.reported.victims_note:
            head = scale.heading(metric, VICTIMS_MARK)
        parts.append(_text(x, y, head, 12, weight="bold"))
    y += 10
    for state in dataset.states:
        parts.append(_text(MARGIN, y + 15, f"{display_name(state)} ({state.code})", 12))
        for i, metric in enumerate(BAR_METRICS):
            x = MARGIN + name_w + i * (bar_w + label_w)
            bar = scale.bar(state, metric)
            if bar.value is None:
                mark = _mark(state, metric)
                label = f"{MISSING} " + _("not reported") + (f" ({mark})" if mark else "")
                parts.append(_text(x, y + 15, label, 12, fill=MUTED))
                continue
            length = bar.fraction * bar_w
            parts += _bar_shapes(x, y + 4, length, bar.parts, colours[metric])
            text = number(bar.value) + _mark(state, metric)
            if bar.share is not None:
                text += f" ({percent(100 * bar.share)})"
            parts.append(_text(x + length + 5, y + 15, text, 12))
        y += row_h
    parts += _bars_legend(y + 10)
    footer, y = _footer(dataset, y + 46, width, marked=True)
    return _document(width, y + MARGIN - 10, title, parts + footer)


def _bar_shapes(
    x: float, y: float, length: float, split: tuple[int, int] | None, colour: str
) -> list[str]:
    if split is None or sum(split) == 0:
        return [_rect(x, y, length, 14, colour)]
    adult = length * split[0] / sum(split)
    return [_rect(x, y, adult, 14, colour), _rect(x + adult, y, length - adult, 14, MINORS)]


def _bars_legend(y: float) -> list[str]:
    items = [
        (VICTIMS, _("victims (adults where split)")),
        (MINORS, _("minors")),
        (ARRESTS, _("arrests")),
    ]
    parts, x = [], float(MARGIN)
    for colour, meaning in items:
        parts += [_rect(x, y, 14, 14, colour), _text(x + 19, y + 11, meaning, 11)]
        x += 19 + 6.5 * len(meaning) + 14
    parts.append(_text(x, y + 11, f"{MISSING} " + _("not reported (no bar, not zero)"), 11))
    return parts


def to_svg(dataset: Dataset, view: str = "map") -> str:
    """The chart ``view`` (one of :data:`VIEWS`) of ``dataset`` as an SVG document."""
    if view == "bars":
        return bars_svg(dataset)
    if view == "map":
        return map_svg(dataset)
    raise ValueError(f"unknown view {view!r}; choose one of: {', '.join(VIEWS)}")


__all__ = ["VIEWS", "bars_svg", "map_svg", "to_svg"]
