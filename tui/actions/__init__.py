"""Every action of the explorer, declared once.

One row per action: its id, keys, what it does, where it works and how it shows in the
palette, the help screen and the key bar. :func:`bindings` makes the ``BINDINGS`` of the app
and of each screen from it, the app's ``get_system_commands`` reads the palette entries, the
help screen its groups and the key bar each hint's place. Nothing else declares a key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding, BindingType

from tui.i18n import N_

Scope = Literal["app", "explorer", "map", "bars", "sources"]
"""Where an action works: everywhere (the app), or on one screen's bindings."""


@dataclass(frozen=True)
class Action:
    """One action: a key (or none: palette only), an action string, its texts."""

    id: str
    """Binding id, unique (``scope.name``)."""
    keys: str
    """Textual key names, comma-separated ("" for a palette-only entry)."""
    action: str
    """The action string run on the scope's node (``app`` or the screen)."""
    description: str
    """Short label (key bar) and the help screen's line, marked with ``N_``."""
    scope: Scope
    palette: tuple[str, str] | None = None
    """Palette title and help text (``N_``); None keeps it out of the palette."""
    bar: int | None = None
    """Key-bar rank (0 is never dropped, lower is kept longer); None: not in the key bar."""
    key_display: str | None = None
    several: bool = False
    """Only with several operations loaded (``O``, ``C``)."""
    long: str | None = None
    """The help screen's line when the key bar's label is too short to say it (``N_``)."""
    web_help: str | None = None
    """The palette's help text in a browser session, when it differs (``N_``)."""

    @property
    def key(self) -> str:
        """The first key, as the palette and the key bar show it."""
        return self.key_display or self.keys.split(",")[0]

    def binding(self) -> Binding:
        """This action as a Textual binding (shown in the key bar when it has a rank)."""
        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.bar is not None,
            key_display=self.key_display,
            id=self.id,
            # The help screen's longer wording rides on the binding (see help_text).
            tooltip=self.long or "",
        )


ACTIONS: tuple[Action, ...] = (
    Action(
        "app.help", "question_mark", "help", N_("Help"), "app",
        (N_("Help"), N_("every key binding")), bar=0, key_display="?",
    ),
    Action(
        "app.quit", "q", "quit", N_("Quit"), "app",
        (N_("Quit"), N_("Quit the application as soon as possible")), bar=1,
    ),
    Action(
        "explorer.filter", "slash", "filter", N_("Filter"), "explorer",
        (N_("Filter states"), N_("type to narrow the state list")), bar=8, key_display="/",
    ),
    Action(
        "explorer.sort", "s", "cycle_sort", N_("Sort"), "explorer",
        (N_("Next sort order"), N_("source order, name, victims, arrests")), bar=9,
    ),
    Action(
        "explorer.reverse", "r", "reverse", N_("Reverse"), "explorer",
        (N_("Reverse order"), N_("reverse the list's order")), bar=12,
    ),
    Action(
        "explorer.sort_victims", "v", "sort_by('victims')", N_("Sort by victims"), "explorer",
        (N_("Sort by victims"), N_("most victims first; again: fewest first")),
    ),
    Action(
        "explorer.sort_arrests", "a", "sort_by('arrests')", N_("Sort by arrests"), "explorer",
        (N_("Sort by arrests"), N_("most arrests first; again: fewest first")),
    ),
    Action(
        "explorer.sort_name", "n", "sort_by('name')", N_("Sort by name"), "explorer",
        (N_("Sort by name"), N_("A to Z; again: Z to A")),
    ),
    Action(
        "explorer.sort_source", "o", "sort_by('source')", N_("Source order"), "explorer",
        (N_("Sort by source order"), N_("the source's order; again: reversed")),
    ),
    Action(
        "explorer.clear_filter", "c", "clear_filter", N_("Clear filter"), "explorer",
        (N_("Clear filter"), N_("show every state")),
    ),
    Action(
        "explorer.map", "m", "map", N_("Map"), "explorer",
        (N_("Map"), N_("the states on a US tile-grid map")), bar=5,
    ),
    Action(
        "explorer.bars", "b", "bars", N_("Bars"), "explorer",
        (N_("Bar charts"), N_("victims and arrests per state, as bars")), bar=10,
        long=N_("Bar charts"),
    ),
    Action(
        "app.about", "i", "about", N_("About"), "app",
        (N_("About"), N_("operation, source, reconciliation, notes")), bar=11,
    ),
    Action(
        "explorer.sources", "S", "sources", N_("Sources"), "explorer",
        (N_("Sources"), N_("every source, and each one's figures state by state")),
        long=N_("Sources: every source, and each one's figures state by state"),
    ),
    Action(
        "app.focus_next", "tab", "focus_next", N_("Next pane"), "app",
        (N_("Next pane"), N_("move to the next pane")), key_display="Tab",
    ),
    Action(
        "app.focus_prev", "shift+tab", "focus_previous", N_("Previous pane"), "app",
        (N_("Previous pane"), N_("move to the previous pane")), key_display="Shift+Tab",
    ),
    Action(
        "explorer.cite", "y", "cite_state", N_("Cite"), "explorer",
        (N_("Copy citation"), N_("a Markdown citation of the highlighted state")), bar=3,
        long=N_("Copy a citation of the highlighted state"),
    ),
    Action(
        "explorer.cite_table", "Y", "cite_table", N_("Copy the shown table as Markdown"),
        "explorer", (N_("Copy table"), N_("the shown table as Markdown")),
    ),
    Action(
        "explorer.export", "e", "export_view", N_("Export"), "explorer",
        (N_("Export view"), N_("the shown table to a CSV, JSON or Markdown file")), bar=4,
        long=N_("Export the shown table to a file"),
    ),
    Action(
        "explorer.operations", "O", "operations", N_("Operations"), "explorer",
        (N_("Operations"), N_("List the operations loaded and open one")), bar=7, several=True,
    ),
    Action(
        "explorer.compare", "C", "compare", N_("Compare"), "explorer",
        (N_("Compare operations"), N_("Two operations side by side, state by state")),
        bar=7, several=True,
    ),
    Action(
        "explorer.show_copied", "", "show_copied", N_("Show the copied text"), "explorer",
        (N_("Show the copied text"), N_("The last citation or table copied, to select by hand")),
    ),
    Action(
        "app.screenshot", "", "screenshot_here", N_("Screenshot"), "app",
        (N_("Screenshot"), N_("Save an SVG of the screen in the current directory")),
        web_help=N_("Download an SVG of the screen"),
    ),
    Action(
        "map.close", "m,q,backspace,escape", "close", N_("Back to the list"), "map",
        (N_("Back to the list"), N_("the map's highlighted state selected in the list")), bar=2,
    ),
    Action(
        "map.bars", "b", "bars", N_("Bars"), "map",
        (N_("Bar charts"), N_("victims and arrests per state, as bars")), bar=5,
    ),
    Action(
        "bars.close", "b,q,backspace,escape", "close", N_("Back to the list"), "bars",
        (N_("Back to the list"), N_("the chart's highlighted state selected in the list")),
        bar=2,
    ),
    Action(
        "bars.map", "m", "map", N_("Map"), "bars",
        (N_("Map"), N_("the states on a US tile-grid map")), bar=5,
    ),
    Action(
        "sources.figure", "v", "figure", N_("Victims/arrests"), "sources",
        (N_("Victims or arrests"), N_("the figure the sources table shows")), bar=3,
        long=N_("Victims or arrests in the states × sources table"),
    ),
    Action(
        "sources.next", "tab", "focus_next", N_("Next table"), "sources",
        (N_("Next table"), N_("the sources, or the states × sources table")),
        key_display="Tab",
    ),
    Action(
        "sources.prev", "shift+tab", "focus_previous", N_("Previous table"), "sources",
        (N_("Previous table"), N_("the sources, or the states × sources table")),
        key_display="Shift+Tab",
    ),
    Action(
        "sources.close", "q,S,backspace,escape", "close", N_("Back"), "sources",
        (N_("Back to the list"), N_("close the Sources view")), bar=2, key_display="q",
        long=N_("Back to the list"),
    ),
)  # fmt: skip
"""Every action, in the help screen's order."""

PALETTE_RANK = 6
"""The key bar's rank of the command palette's hint (``^p palette``)."""
WIDGET_RANK = 2
"""The key bar's rank of a widget's own shown keys (``⏎ Details``, ``← Back to list``)."""
LAST_RANK = 99
"""The key bar's rank of a shown key the table does not list."""

BY_ID = {action.id: action for action in ACTIONS}
"""The table by binding id."""

HELP_GROUPS: tuple[tuple[str, tuple[Scope, ...]], ...] = (
    (N_("Everywhere"), ("app", "explorer")),
    (N_("Map (m)"), ("map",)),
    (N_("Bar chart (b)"), ("bars",)),
    (N_("Sources (S)"), ("sources",)),
)
"""Help screen groups of the table (widgets add their own movement keys)."""


EVERYWHERE: tuple[Scope, ...] = HELP_GROUPS[0][1]
"""The scopes of the keys that work everywhere: the app's, and the explorer's under it."""


def help_text(binding: Binding) -> str:
    """The help screen's wording of ``binding`` (msgid): the long one when there is one."""
    return binding.tooltip or binding.description


def actions(scope: Scope, several: bool = True) -> list[Action]:
    """The actions of ``scope`` in table order (those for several operations if ``several``)."""
    return [a for a in ACTIONS if a.scope == scope and (several or not a.several)]


def bindings(scope: Scope) -> list[BindingType]:
    """``BINDINGS`` for the node of ``scope`` (palette-only actions have no key)."""
    return [a.binding() for a in ACTIONS if a.scope == scope and a.keys]


def bar_rank(binding_id: str | None) -> int:
    """A binding's key-bar rank: the table's, or :data:`WIDGET_RANK` for a widget's own key."""
    action = BY_ID.get(binding_id or "")
    if action is not None:
        return LAST_RANK if action.bar is None else action.bar
    return WIDGET_RANK


def bar_order(binding_id: str | None) -> tuple[int, int]:
    """Where a binding's hint stands in the key bar: the focused widget's keys first, then a
    chart's own, then the keys that work everywhere (the app's and the explorer's), each in
    table order."""
    action = BY_ID.get(binding_id or "")
    if action is None:
        return (0, 0)
    return (2 if action.scope in EVERYWHERE else 1, ACTIONS.index(action))


__all__ = [
    "ACTIONS",
    "BY_ID",
    "HELP_GROUPS",
    "LAST_RANK",
    "PALETTE_RANK",
    "WIDGET_RANK",
    "Action",
    "Scope",
    "actions",
    "bar_order",
    "bar_rank",
    "bindings",
    "help_text",
]
