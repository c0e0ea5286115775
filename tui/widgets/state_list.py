"""A virtual list of states: renders only the visible lines, so 100,000 rows cost what 12 do."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Offset, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.dataset import State
from tui.dataset.contested import contested_metrics
from tui.dataset.view import StateView, display_name
from tui.i18n import _
from tui.widgets.cursor import CURSOR_BINDINGS, OPEN_BINDING, Cursor
from tui.widgets.list_header import SORTED_COLUMN, header_label, marked_label

MISSING = "—"
"""Shown for a figure the source does not report (never 0)."""

CONTESTED = "‡"
"""After a figure the sources disagree on: a mark, not a colour, so NO_COLOR shows it too."""


def _fit(text: str, width: int) -> str:
    """Pad or cut ``text`` to exactly ``width`` cells, marking a cut with an ellipsis."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def _figure(value: int | None, width: int, mark: str | None = None) -> str:
    """A figure right-aligned in ``width`` cells; with ``mark`` (a mark or a space) the last
    cell is the mark's, so figures stay aligned whether marked or not."""
    if mark is not None:
        return _figure(value, width - 1) + mark
    text = MISSING if value is None else f"{value:,}"
    return text.rjust(width) if len(text) <= width else text[: width - 1] + "…"


class StateList(Cursor, ScrollView, can_focus=True):
    """The state list pane: a sticky header line, then one line per shown state."""

    BINDINGS: ClassVar[list[BindingType]] = [*CURSOR_BINDINGS, OPEN_BINDING]
    """Cursor movement; Enter moves into the detail pane."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "state-list--header",
        "state-list--cursor",
        "state-list--missing",
        "state-list--code",
    }

    DEFAULT_CSS = """
    StateList {
        overflow-x: hidden;
        & > .state-list--header { text-style: bold; }
        & > .state-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .state-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .state-list--missing { color: $text-muted; }
        & > .state-list--code { color: $text-muted; }
    }
    """

    class Highlighted(Message):
        """The highlighted state changed (None: the list is empty)."""

        def __init__(self, state: State | None) -> None:
            self.state = state
            super().__init__()

    class ViewChanged(Message):
        """The shown rows changed (sort or filter)."""

    class Opened(Message):
        """Enter was pressed on a state (sent when no ``on_open`` callback is given)."""

    def __init__(
        self,
        view: StateView,
        *,
        on_open: Callable[[], None] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.on_open = on_open
        """Called at once on Enter: keys typed right after it must see focus already moved."""
        self.view = view
        self._marks: bool | None = None
        """Whether any state has other sources' claims (then a cell is kept for the mark)."""
        self._code_width: int | None = None
        self._styles: _LineStyles | None = None
        self._last_state: State | None = None
        self._sync_size()

    # -- geometry -------------------------------------------------------------------------

    def _sync_size(self) -> None:
        self.virtual_size = Size(0, len(self.view) + 1)

    @property
    def page(self) -> int:
        """How many state lines fit (the header takes one)."""
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_offset.y)
        if self.cursor < top:
            top = self.cursor
        elif self.cursor >= top + self.page:
            top = self.cursor - self.page + 1
        self.scroll_to(y=top, animate=False, immediate=True)

    def on_mount(self) -> None:
        """The app reads the first highlight directly; later ones arrive as messages."""
        self._last_state = self.highlighted

    def on_resize(self, event: events.Resize) -> None:
        """Keep the cursor in view when the terminal changes size."""
        self._scroll_to_cursor()

    # -- state ----------------------------------------------------------------------------

    @property
    def highlighted(self) -> State | None:
        """The state under the cursor, if any."""
        return self.view.state_at(self.cursor) if len(self.view) else None

    @property
    def positions(self) -> int:
        """One position per shown state."""
        return len(self.view)

    def position_at(self, offset: Offset) -> int | None:
        """The row under ``offset`` of the content (None on the header line)."""
        return round(self.scroll_offset.y) + offset.y - 1 if offset.y >= 1 else None

    def watch_cursor(self, old: int, new: int) -> None:
        """Redraw the two affected lines, scroll, and announce a new highlight."""
        self._scroll_to_cursor()
        self.refresh()
        state = self.highlighted
        if state is not self._last_state:
            self._last_state = state
            self.post_message(self.Highlighted(state))

    def change_view(self, change: Callable[[StateView], object]) -> None:
        """Apply ``change`` (a sort or filter) to the view, keeping the highlighted state."""
        # Remember the highlighted state by its index in the dataset: finding it again is then
        # one search of integers, not 100,000 dataclass comparisons.
        keep = self.view.rows[self.cursor] if len(self.view) else None
        change(self.view)
        self._sync_size()
        found = None if keep is None else self.view.row_of(keep)
        self.post_message(self.ViewChanged())
        self.cursor = found if found is not None else 0
        self.refresh()

    def set_view(self, view: StateView, cursor: int) -> None:
        """Show another view (a reloaded or another dataset) with the cursor on row ``cursor``.

        Unlike :meth:`change_view`, posts no ``ViewChanged``: the caller, which replaced the
        data, updates what follows the view at once (a message could arrive after exit).
        """
        self.view = view
        self._code_width = None
        self._marks = None
        self._sync_size()
        self.cursor = cursor
        self.refresh()

    def notify_style_update(self) -> None:
        """Styles changed (theme, focus, CSS): drop the cached line styles."""
        super().notify_style_update()
        self._styles = None

    def on_focus(self) -> None:
        """The cursor's look depends on focus."""
        self._styles = None
        self.refresh()

    def on_blur(self) -> None:
        """The cursor's look depends on focus."""
        self._styles = None
        self.refresh()

    # -- actions --------------------------------------------------------------------------

    def action_open(self) -> None:
        """Ask the app to show the highlighted state's details."""
        if not len(self.view):
            return
        if self.on_open is not None:
            self.on_open()
        else:
            self.post_message(self.Opened())

    # -- rendering ------------------------------------------------------------------------

    def _columns(self, width: int) -> tuple[int, int, int]:
        """Widths of the code, name and figure columns for a line ``width`` cells wide."""
        # With several sources, one more cell for the contested mark after each figure.
        figure = (8 if width >= 30 else 5) + (1 if self.marks else 0)
        if self._code_width is None:
            longest = max((len(s.code) for s in self.view.states), default=2)
            self._code_width = max(4, min(8, longest))
        # Two cells past the code: room for the source-order mark and a gap before the name.
        code = self._code_width + 2 if width >= 34 else 0
        name = max(1, width - code - 2 * figure - 1)
        return code, name, figure

    def _line_styles(self) -> _LineStyles:
        """Styles for the lines of one frame, computed once rather than per line."""
        if self._styles is None:
            base = self.rich_style
            cursor = base + self.get_component_rich_style("state-list--cursor")
            missing = Style(color=self.get_component_rich_style("state-list--missing").color)
            code = Style(color=self.get_component_rich_style("state-list--code").color)
            header = base + self.get_component_rich_style("state-list--header")
            # Only foregrounds for muted parts: the cursor's background must span the row.
            self._styles = _LineStyles(
                base,
                header,
                (base, base + missing, base + code),
                (cursor, cursor + missing, cursor + code),
            )
        return self._styles

    def render_line(self, y: int) -> Strip:
        """Render line ``y`` of the viewport: the header, a state, or blank."""
        width = self.scrollable_content_region.width
        styles = self._line_styles()
        if y == 0:
            return self._header(width, styles.header)
        row = round(self.scroll_offset.y) + y - 1
        if row >= len(self.view):
            if row == 0:
                text = " " + _("No state matches the filter")
                return Strip([Segment(_fit(text, width), styles.base)])
            return Strip.blank(width, styles.base)
        row_styles = styles.cursor if row == self.cursor else styles.row
        return self._row(self.view.state_at(row), row_styles, width)

    def _header(self, width: int, style: Style) -> Strip:
        code_w, name_w, fig_w = self._columns(width)
        marked = SORTED_COLUMN[self.view.sort]
        if marked == "code" and not code_w:
            marked = "name"  # no code column on very narrow terminals

        def label(column: str, cells: int) -> str:
            if column == marked:
                return marked_label(column, self.view.sort, self.view.reverse, cells)
            return header_label(column, cells)

        # Over figures that keep a cell for the contested mark, the labels keep it too.
        cells, pad = (fig_w - 1, " ") if self.marks else (fig_w, "")
        text = (
            _fit(label("code", code_w - 1), code_w)
            + _fit(label("name", name_w - 1), name_w)
            + label("victims", cells).rjust(cells)
            + pad
            + " "
            + label("arrests", cells).rjust(cells)
            + pad
        )
        return Strip([Segment(_fit(text, width), style)], width)

    @property
    def marks(self) -> bool:
        """True when the states carry several sources' figures: a contested figure is marked
        with :data:`CONTESTED` (and every figure column keeps a cell for it)."""
        if self._marks is None:
            self._marks = any(s.claims for s in self.view.states)
        return self._marks

    def _row(self, state: State, styles: tuple[Style, Style, Style], width: int) -> Strip:
        code_w, name_w, fig_w = self._columns(width)
        style, muted, code_style = styles
        victims, arrests = state.victims_rescued, state.arrests
        v_mark = a_mark = None
        if self.marks:
            contested = contested_metrics(state)
            v_mark = CONTESTED if "victims_rescued" in contested else " "
            a_mark = CONTESTED if "arrests" in contested else " "
        segments = [
            Segment(_fit(state.code, code_w), code_style),
            Segment(_fit(display_name(state), name_w), style),
            Segment(_figure(victims, fig_w, v_mark), muted if victims is None else style),
            Segment(" ", style),
            Segment(_figure(arrests, fig_w, a_mark), muted if arrests is None else style),
        ]
        return Strip(segments).adjust_cell_length(width, style)


class _LineStyles(NamedTuple):
    """Rich styles for one frame of the list."""

    base: Style
    header: Style
    row: tuple[Style, Style, Style]
    """Plain, muted (not reported) and code styles of an ordinary row."""
    cursor: tuple[Style, Style, Style]
    """The same for the highlighted row."""
