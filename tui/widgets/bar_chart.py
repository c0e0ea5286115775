"""Horizontal bars of victims and arrests, one line per state, drawn line by line.

Rows keep the list's order and filter. Bars are scaled to the whole dataset's largest figure
(see :mod:`tui.dataset.charts`); a move repaints the two rows involved and the status line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Offset, Region
from textual.strip import Strip
from textual.widget import Widget

from tui.dataset import LABELS, Metric, State
from tui.dataset.charts import (
    BAR_METRICS,
    MISSING,
    Bar,
    BarScale,
    Contested,
    cells,
    split,
    wrap_line,
)
from tui.dataset.view import display_name
from tui.i18n import _, number, percent
from tui.widgets.cursor import CURSOR_BINDINGS, OPEN_BINDING, Cursor
from tui.widgets.figures import CONTESTED_MARK, VICTIMS_MARK

ADULT, MINOR = "█", "▒"
"""Glyphs of a bar's adult and minor parts: told apart without colour too."""

HEAD, FOOT = 2, 2
"""Lines above the rows (title, column heads) and below them (legend, status), the source's
wrapped lines coming after those."""

MIN_BAR = 4
"""Narrowest useful bar; below it the chart says the window is too small."""


class Columns(NamedTuple):
    """Widths of one line's parts."""

    code: int
    name: int
    bar: int
    label: int


def _fit(text: str, width: int) -> str:
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def label(bar: Bar, mark: str = "") -> str:
    """The text after a bar: the figure (then ``mark``) and its share of the total, e.g.
    ``23 (48.9%)`` or ``23‡ (48.9%)``."""
    if bar.value is None:
        return MISSING + mark
    text = number(bar.value) + mark
    return text if bar.share is None else f"{text} ({percent(100 * bar.share)})"


class BarChart(Cursor, Widget, can_focus=True):
    """Bars of every charted metric for each listed state; arrows move the highlight."""

    BINDINGS: ClassVar[list[BindingType]] = [*CURSOR_BINDINGS, OPEN_BINDING]
    """The list's movement keys; Enter opens the state's details."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "bar-chart--title",
        "bar-chart--head",
        "bar-chart--cursor",
        "bar-chart--victims_rescued",
        "bar-chart--minor",
        "bar-chart--arrests",
        "bar-chart--muted",
    }

    DEFAULT_CSS = """
    BarChart {
        height: 1fr;
        & > .bar-chart--title { text-style: bold; }
        & > .bar-chart--head { text-style: bold; color: $text-muted; }
        & > .bar-chart--cursor { text-style: bold reverse; }
        & > .bar-chart--victims_rescued { color: $primary; }
        & > .bar-chart--minor { color: $accent; }
        & > .bar-chart--arrests { color: $success; }
        & > .bar-chart--muted { color: $text-muted; }
    }
    """

    def __init__(
        self,
        rows: Sequence[State],
        scale: BarScale,
        title: str,
        source: str,
        start: int = 0,
        *,
        on_open: Callable[[State], None],
        marked: bool = False,
        contested: Contested | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.on_open = on_open
        self.contested: Contested = contested or {}
        """The figures the sources disagree on, by state: their labels carry ``‡``."""
        """Called on Enter, at once: keys typed right after it must see the explorer."""
        self.rows = rows
        self.scale = scale
        self.title = title
        self.source = source
        self.marked = marked
        """True when the dataset qualifies its victims total: the header's total carries †."""
        self.top = 0
        """Index of the first row shown."""
        self.set_reactive(BarChart.cursor, max(0, min(start, len(rows) - 1)))
        self._styles: dict[str, Style] | None = None
        self._code = max((cell_len(s.code) for s in rows), default=2)
        self._label_w: int | None = None
        self._wrapped: tuple[int, list[str]] | None = None

    @property
    def highlighted(self) -> State | None:
        """The state of the highlighted row (None when no row is listed)."""
        return self.rows[self.cursor] if self.rows else None

    @property
    def page(self) -> int:
        """How many rows fit."""
        return max(1, self.content_size.height - HEAD - self._foot_height())

    def _source_lines(self) -> list[str]:
        """The source line wrapped to the width (cached per width)."""
        width = self.content_size.width
        if self._wrapped is None or self._wrapped[0] != width:
            self._wrapped = (width, wrap_line(self.source, width))
        return self._wrapped[1]

    def _foot_height(self) -> int:
        """Legend, status, and the source's lines."""
        return FOOT + len(self._source_lines())

    @property
    def positions(self) -> int:
        """One position per row."""
        return len(self.rows)

    def position_at(self, offset: Offset) -> int | None:
        """The row under ``offset`` (None on the header and the footer lines)."""
        if HEAD <= offset.y < HEAD + self.page:
            return self.top + offset.y - HEAD
        return None

    # -- actions --------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        """Scroll if needed; else repaint the two rows and the status line only."""
        top = self.top
        if new < top:
            top = new
        elif new >= top + self.page:
            top = new - self.page + 1
        if top != self.top:
            self.top = top
            self.refresh()
            return
        width = self.content_size.width
        for row in (old, new):
            self.refresh(Region(0, HEAD + row - self.top, width, 1))
        status = self.content_size.height - self._foot_height() + 1
        self.refresh(Region(0, status, width, 1))

    async def action_open(self) -> None:
        """Open the highlighted state's details."""
        state = self.highlighted
        if state is not None:
            self.on_open(state)

    def on_resize(self, event: events.Resize) -> None:
        """Keep the highlight in view."""
        self.top = max(0, min(self.top, self.cursor, len(self.rows) - self.page))
        if self.cursor >= self.top + self.page:
            self.top = self.cursor - self.page + 1
        self.refresh()

    def notify_style_update(self) -> None:
        """Theme or CSS changed: drop the cached styles."""
        super().notify_style_update()
        self._styles = None

    # -- rendering ------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        if self._styles is None:
            base = self.rich_style
            self._styles = {"base": base}
            for component in self.COMPONENT_CLASSES:
                key = component.removeprefix("bar-chart--")
                self._styles[key] = base + self.get_component_rich_style(component)
        return self._styles[name]

    def _label_width(self) -> int:
        """Room for the widest label after a bar (computed once: rows do not change)."""
        if self._label_w is None:
            labels = (self._label(s, m) for s in self.rows for m in BAR_METRICS)
            self._label_w = 1 + max((cell_len(t) for t in labels), default=1)
        return self._label_w

    def columns(self, width: int) -> Columns | None:
        """How ``width`` cells split into code, name, and two bars with labels (None: too few)."""
        label_w = self._label_width()
        code = self._code + 1
        name = 14 if width >= 90 else (10 if width >= 70 else 0)
        bar = (width - code - name - len(BAR_METRICS) * (label_w + 1)) // len(BAR_METRICS)
        if bar < MIN_BAR:
            return None
        return Columns(code, name, bar, label_w)

    def render_line(self, y: int) -> Strip:
        """Title, column heads, a state's bars, legend, status or source."""
        width, height = self.content_size
        base = self._style("base")
        cols = self.columns(width)
        foot = self._foot_height()
        if cols is None or height < HEAD + 1 + foot:
            need_w = next((w for w in range(1, 400) if self.columns(w)), width)
            need_w += self.screen.size.width - width
            need_h = HEAD + 1 + foot + self.screen.size.height - height
            lines = [
                _("Too small for the bar chart"),
                _("(needs {w}x{h})").format(w=number(need_w), h=number(need_h)),
            ]
            return self._text(lines[y] if y < len(lines) else "", width, base)
        if y == 0:
            title = self.title
            if self.contested:
                legend = _("{mark} sources disagree").format(mark=CONTESTED_MARK)
                title = f"{title} · {legend}"
            return self._text(title, width, self._style("title"))
        if y == 1:
            return self._head(cols, width)
        if y >= height - foot:
            return self._foot(y - (height - foot), width)
        row = self.top + y - HEAD
        if row >= len(self.rows):
            text = _("No state matches the filter") if not self.rows and row == 0 else ""
            return self._text(text, width, self._style("muted"))
        return self._row(row, cols, width)

    def _text(self, text: str, width: int, style: Style) -> Strip:
        return Strip([Segment(_fit(text, width), style)], width)

    def _head(self, cols: Columns, width: int) -> Strip:
        style = self._style("head")
        text = _fit(_("State"), cols.code + cols.name)
        for metric in BAR_METRICS:
            mark = VICTIMS_MARK if self.marked and metric == "victims_rescued" else ""
            text += " " + _fit(self.scale.heading(metric, mark), cols.bar + cols.label)
        return self._text(text, width, style)

    def _row(self, row: int, cols: Columns, width: int) -> Strip:
        state = self.rows[row]
        base = self._style("base")
        name_style = base + self._style("cursor") if row == self.cursor else base
        segments = [
            Segment(_fit(state.code, cols.code), name_style),
            Segment(_fit(display_name(state), cols.name), name_style),
        ]
        for metric in BAR_METRICS:
            segments.append(Segment(" ", base))
            segments += self._bar(state, metric, cols)
        return Strip(segments).adjust_cell_length(width, base)

    def _label(self, state: State, metric: Metric) -> str:
        """The bar's figure and share, ``‡`` after it when the sources disagree on it."""
        # A character, not a colour: it shows under NO_COLOR too.
        contested = metric in self.contested.get(state.code, ())
        return label(self.scale.bar(state, metric), CONTESTED_MARK if contested else "")

    def _bar(self, state: State, metric: Metric, cols: Columns) -> list[Segment]:
        """A bar with its label right after its end, padded to the column's width."""
        bar = self.scale.bar(state, metric)
        length = cells(bar.fraction, cols.bar)
        style = self._style(metric)
        if bar.parts is not None:
            adult, minor = split(length, bar.parts)
            drawn = [Segment(ADULT * adult, style), Segment(MINOR * minor, self._style("minor"))]
        else:
            drawn = [Segment(ADULT * length, style)]
        text = self._label(state, metric)
        # No bar for "not reported": the dash sits where a bar would start.
        pad = cols.bar + cols.label - length - cell_len(text) - (1 if length else 0)
        gap = " " if length else ""
        return [*drawn, Segment(gap + text + " " * max(0, pad), self._style("base"))]

    def _foot(self, index: int, width: int) -> Strip:
        """Legend, the highlighted state, and the source."""
        muted = self._style("muted")
        if index == 0:
            return (
                Strip(
                    [
                        Segment(ADULT, self._style("victims_rescued")),
                        Segment(" " + _("victims (adults where split)") + "  ", muted),
                        Segment(MINOR, self._style("minor")),
                        Segment(" " + _("minors") + "  ", muted),
                        Segment(ADULT, self._style("arrests")),
                        Segment(" " + _("arrests") + "  ", muted),
                        Segment(MISSING + " " + _("not reported"), muted),
                    ]
                )
                .crop(0, width)
                .adjust_cell_length(width, self._style("base"))
            )
        if index == 1:
            return self._text(self._status(), width, self._style("base"))
        lines = self._source_lines()
        return self._text(lines[min(index - 2, len(lines) - 1)], width, muted)

    def _status(self) -> str:
        state = self.highlighted
        if state is None:
            return ""
        parts = []
        for metric in BAR_METRICS:
            bar = self.scale.bar(state, metric)
            text = f"{_(LABELS[metric])} {label(bar)}"
            if bar.parts is not None:
                text += " " + _("({adult} adult, {minor} minor)").format(
                    adult=number(bar.parts[0]), minor=number(bar.parts[1])
                )
            parts.append(text)
        name = _("{label}: ").format(label=f"{display_name(state)} ({state.code})")
        return name + " · ".join(parts)
