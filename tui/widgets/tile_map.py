"""The US tile-grid map: one square per state, shaded by a metric, drawn line by line.

The placement, moves and shading come from :mod:`tui.dataset.tiles`; this widget only draws.
A move repaints the two tiles involved and the status line, nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Offset, Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from tui.dataset import LABELS, Metric, State
from tui.dataset.charts import (
    BAR_METRICS,
    Contested,
    cell_name,
    legend_title,
    shade_labels,
    status_text,
    unplaced_note,
    wrap_line,
)
from tui.dataset.tiles import (
    GRID_COLS,
    TILES,
    Cell,
    Direction,
    MapModel,
    Tile,
    build_map,
    neighbour,
)
from tui.i18n import N_, _, number
from tui.widgets.cursor import CURSOR_BINDINGS, OPEN_BINDING, Cursor
from tui.widgets.figures import CONTESTED_MARK
from tui.widgets.tile_cells import (
    GLYPHS,
    LAYOUTS,
    Layout,
    centre,
    choose_layout,
    figure,
    fit,
    wrap_items,
)

MAP_METRICS: tuple[Metric, ...] = BAR_METRICS
"""The metrics `v` cycles through."""


class _Frame(NamedTuple):
    """What one size and metric need: computed once, not per line."""

    key: tuple[int, int, str]
    layout: Layout | None
    legend: list[Strip]
    top: int
    """First line of the grid."""
    after: int
    """Blank lines between the grid and the status line."""
    source: list[str]
    """The source line, wrapped to the width."""


MOVES = ("cursor.up", "cursor.down")
"""The shared moves the map words its own way (to the nearest tile)."""


class TileMap(Cursor, Widget, can_focus=True):
    """The map of one metric, with a highlighted tile that arrows and hjkl move."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", N_("Nearest tile north"), show=False, id="map.up"),
        Binding("down,j", "cursor_down", N_("Nearest tile south"), show=False, id="map.down"),
        Binding("left,h", "cursor_left", N_("Nearest tile west"), show=False, id="map.left"),
        Binding("right,l", "cursor_right", N_("Nearest tile east"), show=False, id="map.right"),
        *(b for b in CURSOR_BINDINGS if isinstance(b, Binding) and b.id not in MOVES),
        OPEN_BINDING,
        Binding("v", "cycle_metric", N_("Metric"), id="map.metric"),
    ]
    """Arrows and hjkl move to the nearest tile that way; Enter opens the state's details."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "tile-map--title",
        "tile-map--outside",
        "tile-map--hidden",
        "tile-map--missing",
        "tile-map--zero",
        "tile-map--shade-1",
        "tile-map--shade-2",
        "tile-map--shade-3",
        "tile-map--shade-4",
        "tile-map--cursor",
        "tile-map--muted",
    }

    DEFAULT_CSS = """
    TileMap {
        height: 1fr;
        & > .tile-map--title { text-style: bold; }
        & > .tile-map--outside { color: $text-muted; }
        & > .tile-map--hidden { color: $text-disabled; text-style: dim; }
        & > .tile-map--missing { color: $warning; background: $warning 15%; }
        & > .tile-map--zero { background: $panel-lighten-1; }
        & > .tile-map--shade-1 { background: $primary 25%; color: $text; }
        & > .tile-map--shade-2 { background: $primary 50%; color: $text; }
        & > .tile-map--shade-3 { background: $primary 75%; color: $text; }
        & > .tile-map--shade-4 { background: $primary; color: $text; text-style: bold; }
        & > .tile-map--cursor { text-style: bold reverse; }
        & > .tile-map--muted { color: $text-muted; }
    }
    """

    metric: reactive[Metric] = reactive[Metric]("victims_rescued", init=False)
    """The metric shown; `v` cycles through :data:`MAP_METRICS`."""

    def __init__(
        self,
        states: Sequence[State],
        shown: Collection[str] | None,
        start: Tile,
        source: str,
        *,
        on_open: Callable[[State], None],
        contested: Contested | None = None,
        metric: Metric = "victims_rescued",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.set_reactive(TileMap.metric, metric)
        self.on_open = on_open
        """Called on Enter, at once: keys typed right after it must see the explorer."""
        self.contested: Contested = contested or {}
        """The figures the sources disagree on, by state: their tiles carry ``‡``."""
        self.states = states
        self.shown = shown
        self.source = source
        self.set_reactive(TileMap.cursor, TILES.index(start))
        self.model: MapModel = build_map(states, self.metric, shown)
        self._styles: dict[str, Style] | None = None
        self._frame_cache: _Frame | None = None

    # -- state ----------------------------------------------------------------------------

    @property
    def tile(self) -> Tile:
        """The highlighted tile."""
        return TILES[self.cursor]

    @tile.setter
    def tile(self, tile: Tile) -> None:
        self.cursor = TILES.index(tile)

    @property
    def positions(self) -> int:
        """One position per tile."""
        return len(TILES)

    @property
    def highlighted(self) -> Cell:
        """The cell under the highlight."""
        return self.model.cell(self.tile.code)

    def watch_cursor(self, old: int, new: int) -> None:
        """Repaint the two tiles and the status line only."""
        if self.is_mounted:
            self._refresh_tiles(TILES[old], TILES[new])

    def watch_metric(self) -> None:
        """Another metric: new shades, new legend."""
        self.model = build_map(self.states, self.metric, self.shown)
        self.refresh()

    def notify_style_update(self) -> None:
        """Theme or CSS changed: drop the cached styles."""
        super().notify_style_update()
        self._styles = None
        self._frame_cache = None

    def on_resize(self, event: events.Resize) -> None:
        """Another size may take another layout."""
        self.refresh()

    def position_at(self, offset: Offset) -> int | None:
        """The tile under ``offset`` of the content (None between tiles or off the grid)."""
        frame = self._frame()
        layout = frame.layout
        if layout is None:
            return None
        left = max(0, (self.content_size.width - layout.size[0]) // 2)
        col, dx = divmod(offset.x - left, layout.width + layout.gap_x)
        row, dy = divmod(offset.y - frame.top, layout.height + layout.gap_y)
        if offset.x < left or offset.y < frame.top or dx >= layout.width or dy >= layout.height:
            return None
        tile = next((t for t in TILES if (t.row, t.col) == (row, col)), None)
        return None if tile is None else TILES.index(tile)

    # -- actions --------------------------------------------------------------------------

    def move(self, direction: Direction) -> None:
        """Move the highlight to the nearest tile in ``direction`` (stay at an edge)."""
        target = neighbour(self.tile, direction)
        if target is not None:
            self.tile = target

    def action_cursor_up(self) -> None:
        """The nearest tile north."""
        self.move("up")

    def action_cursor_down(self) -> None:
        """The nearest tile south."""
        self.move("down")

    def action_cursor_left(self) -> None:
        """The nearest tile west."""
        self.move("left")

    def action_cursor_right(self) -> None:
        """The nearest tile east."""
        self.move("right")

    def action_page_up(self) -> None:
        """As far north as the tiles go."""
        self._farthest("up")

    def action_page_down(self) -> None:
        """As far south as the tiles go."""
        self._farthest("down")

    def _farthest(self, direction: Direction) -> None:
        tile = self.tile
        while (step := neighbour(tile, direction)) is not None:
            tile = step
        self.tile = tile

    def action_cycle_metric(self) -> None:
        """Shade by the next metric."""
        self.metric = MAP_METRICS[(MAP_METRICS.index(self.metric) + 1) % len(MAP_METRICS)]

    async def action_open(self) -> None:
        """Open the highlighted state's details, or say why there are none."""
        cell = self.highlighted
        if cell.state is None:
            self.notify(
                _("{name} is not part of this operation.").format(name=cell_name(cell)),
                timeout=4,
            )
        elif cell.hidden:
            self.notify(
                _("{name} is hidden by the list's filter (back in the list, c clears it).").format(
                    name=cell_name(cell)
                ),
                timeout=4,
            )
        else:
            self.on_open(cell.state)

    # -- geometry -------------------------------------------------------------------------

    def _frame(self) -> _Frame:
        """Layout, legend lines and vertical placement for the current size (cached)."""
        width, height = self.content_size
        key = (width, height, self.model.metric)
        frame = self._frame_cache
        if frame is None or frame.key != key:
            legend = self._legend(width)
            source = wrap_line(self.source, width)
            # Title and status lines, the legend, the source, and the unplaced codes if any.
            chrome = 2 + len(legend) + len(source) + (1 if self.model.unplaced else 0)
            layout = choose_layout(width, height - chrome)
            spare = height - chrome - (layout.size[1] if layout else 0)
            # A blank line above and below the grid when there is room for both.
            pad = 1 if spare >= 2 else 0
            frame = _Frame(key, layout, legend, 1 + pad, pad, source)
            self._frame_cache = frame
        return frame

    def _legend(self, width: int) -> list[Strip]:
        """The legend, wrapped to ``width``: a swatch of each shade and what it means."""
        base, muted = self._style("base"), self._style("muted")
        label = _("{metric}:").format(metric=legend_title(self.model))
        items: list[list[Segment]] = [[Segment(label, self._style("title"))]]
        for shade, meaning in shade_labels(self.model):
            cell = Cell(TILES[0], None, None, shade, False)
            swatch = 2 * (GLYPHS[shade] if self._no_color or shade == "missing" else " ")
            if shade == "outside":
                swatch = "··"
            style = self._tile_style(cell, cursor=False)
            items.append([Segment(swatch, style), Segment(" " + meaning, muted)])
        if any(self.model.metric in figures for figures in self.contested.values()):
            mark = Segment(CONTESTED_MARK, self._style("title"))
            items.append([mark, Segment(" " + _("sources disagree"), muted)])
        sizes = [(i, sum(cell_len(seg.text) for seg in item)) for i, item in enumerate(items)]
        strips = []
        for line in wrap_items(sizes, width):
            segments: list[Segment] = []
            for index in line:
                if segments:
                    segments.append(Segment("  ", base))
                segments += items[index]
            strips.append(Strip(segments).crop(0, width).adjust_cell_length(width, base))
        return strips

    @property
    def _no_color(self) -> bool:
        return bool(getattr(self.app, "no_color", False))

    def _refresh_tiles(self, *tiles: Tile) -> None:
        frame = self._frame()
        layout = frame.layout
        if layout is None:
            return
        width = self.content_size.width
        left = max(0, (width - layout.size[0]) // 2)
        for tile in tiles:
            x = left + tile.col * (layout.width + layout.gap_x)
            y = frame.top + tile.row * (layout.height + layout.gap_y)
            self.refresh(Region(x, y, layout.width, layout.height))
        self.refresh(Region(0, frame.top + layout.size[1] + frame.after, width, 1))

    # -- rendering ------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        if self._styles is None:
            base = self.rich_style
            self._styles = {"base": base}
            for component in self.COMPONENT_CLASSES:
                key = component.removeprefix("tile-map--")
                self._styles[key] = base + self.get_component_rich_style(component)
            # Only attributes: the highlighted tile keeps its shade, reversed.
            self._styles["cursor"] = self.get_component_rich_style("tile-map--cursor", partial=True)
        return self._styles[name]

    def render_line(self, y: int) -> Strip:
        """Line ``y``: title, a line of the grid, status, legend, source or unplaced codes."""
        width, height = self.content_size
        base = self._style("base")
        frame = self._frame()
        layout, legend, top = frame.layout, frame.legend, frame.top
        if layout is None:
            return self._too_small(y, width, height)
        grid_h = layout.size[1]
        if y == 0:
            label = _(LABELS[self.model.metric])
            title = _("{metric} by state · v: next metric").format(metric=label)
            return self._text(title, width, self._style("title"))
        if top <= y < top + grid_h:
            return self._grid_line(y - top, layout, width)
        index = y - top - grid_h - frame.after
        if index == 0:
            return self._text(status_text(self.highlighted), width, base)
        if 1 <= index <= len(legend):
            return legend[index - 1]
        lines = list(frame.source)
        if self.model.unplaced:
            # Only what a line can show: a dataset may have 100,000 codes off the grid.
            lines.append(unplaced_note(self.model.unplaced, limit=width // 3))
        index -= 1 + len(legend)
        if 0 <= index < len(lines):
            return self._text(lines[index], width, self._style("muted"))
        return Strip.blank(width, base)

    def _text(self, text: str, width: int, style: Style) -> Strip:
        return Strip([Segment(fit(text, width), style)], width)

    def _too_small(self, y: int, width: int, height: int) -> Strip:
        need_w, need_h = LAYOUTS[-1].size
        need_h += 3 + len(self._legend(need_w))
        # The terminal's size, not this widget's: count the lines around it (the key bar).
        screen = self.screen.size
        need_w += screen.width - width
        need_h += screen.height - height
        lines = [
            _("Too small for the map"),
            _("(the terminal needs {w}x{h})").format(w=number(need_w), h=number(need_h)),
            _("b: bar chart"),
        ]
        text = lines[y] if y < len(lines) else ""
        return self._text(text, width, self._style("base"))

    def _grid_line(self, line: int, layout: Layout, width: int) -> Strip:
        """One terminal line across the grid (a line of one row of tiles, or a gap)."""
        base = self._style("base")
        step = layout.height + layout.gap_y
        row, inner = divmod(line, step)
        grid_w = layout.size[0]
        left = max(0, (width - grid_w) // 2)
        segments = [Segment(" " * left, base)]
        if inner >= layout.height:
            return Strip.blank(width, base)
        cells = {c.tile.col: c for c in self.model.cells if c.tile.row == row}
        gap = Segment(" " * layout.gap_x, base)
        for col in range(GRID_COLS):
            cell = cells.get(col)
            if cell is None:
                segments.append(Segment(" " * layout.width, base))
            else:
                segments.append(self._tile_segment(cell, inner, layout))
            if col < GRID_COLS - 1:
                segments.append(gap)
        return Strip(segments).adjust_cell_length(width, base)

    def _tile_segment(self, cell: Cell, inner: int, layout: Layout) -> Segment:
        """Line ``inner`` of one tile."""
        w, h = layout.width, layout.height
        value = "" if cell.state is None else figure(cell.value)
        code = cell.tile.code
        if cell.state is not None and self.model.metric in self.contested.get(code, ()):
            # A character, not a colour: it shows under NO_COLOR too.
            marked = code + CONTESTED_MARK
            code = marked if h > 1 or cell_len(marked) <= w else code
            value = value + CONTESTED_MARK if h > 1 and value else value
        if h == 1:
            both = f"{code} {value}".strip()
            text = both if cell_len(both) <= w else code
        elif h == 2:
            text = code if inner == 0 else value
        else:
            # Code and figure on the middle lines, fill above and below.
            top = (h - 1) // 2
            text = {top: code, top + 1: value}.get(inner, "")
        if cell_len(text) > w:
            text = "…" if cell.state is not None else text[:w]
        no_color = self._no_color
        fill = GLYPHS[cell.shade] if (no_color or cell.shade == "missing") else " "
        if cell.hidden:
            fill = " " if not no_color else fill
        return Segment(centre(text, w, fill), self._tile_style(cell))

    def _tile_style(self, cell: Cell, cursor: bool = True) -> Style:
        if cell.shade == "outside":
            style = self._style("outside")
        elif cell.hidden:
            style = self._style("hidden")
        elif cell.shade in ("missing", "zero"):
            style = self._style(cell.shade)
        else:
            style = self._style(f"shade-{cell.shade}")
        if cursor and cell.tile == self.tile:
            style += self._style("cursor")
        return style
