"""The help screen: every key binding, grouped by where it works."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.actions import ACTIONS, HELP_GROUPS, help_text
from tui.dialogs.scrolling import ScrollBox, dialog_bindings, scroll
from tui.i18n import N_, _, key_names
from tui.widgets.bar_chart import BarChart
from tui.widgets.detail_pane import DetailPane
from tui.widgets.filter_box import FilterBox
from tui.widgets.key_bar import KeyBar
from tui.widgets.state_list import StateList
from tui.widgets.tile_map import TileMap


def key_label(keys: str) -> str:
    """A binding's comma-separated keys in the UI language (``"up,k"`` → ``"↑ k"``)."""
    return key_names(keys)


def binding_table(bindings: list[BindingType]) -> Table:
    """A two-column table of the :class:`Binding` objects in ``bindings``."""
    table = Table.grid(padding=(0, 2))
    table.add_column(min_width=14, style="bold")
    table.add_column()
    for binding in bindings:
        if isinstance(binding, Binding):
            table.add_row(key_label(binding.key), _(help_text(binding)))
    return table


def help_groups(
    several: bool,
    sources: Sequence[BindingType] = (),
    source: Sequence[BindingType] = (),
) -> list[tuple[str, list[BindingType]]]:
    """The help screen's groups: the action table's, and each widget's own keys.

    ``several``: with several operations loaded (their keys are listed apart). ``sources`` and
    ``source``: the keys of the Sources view's list and of one source's view (screens, which a
    dialog does not import: the app passes them).
    """
    from tui.widgets.grid_table import GridTable

    everywhere, map_group, bars_group, sources_group = HELP_GROUPS

    def keyed(*scopes: str, only_several: bool = False) -> list[BindingType]:
        return [
            a.binding()
            for a in ACTIONS
            if a.keys and a.scope in scopes and a.several == only_several
        ]

    groups: list[tuple[str, list[BindingType]]] = [(everywhere[0], keyed(*everywhere[1]))]
    if several:
        groups.append((N_("Several operations"), keyed("explorer", only_several=True)))
    groups += [
        (N_("State list"), list(StateList.BINDINGS)),
        (N_("Detail pane"), list(DetailPane.BINDINGS)),
        (N_("Filter box"), list(FilterBox.BINDINGS)),
        (map_group[0], [*TileMap.BINDINGS, *keyed(*map_group[1])]),
        (bars_group[0], [*BarChart.BINDINGS, *keyed(*bars_group[1])]),
        (
            sources_group[0],
            [*sources, *GridTable.BINDINGS, *keyed(*sources_group[1])],
        ),
        (N_("One source (Enter in Sources)"), list(source)),
    ]
    return groups


class HelpScreen(ModalScreen[None]):
    """Lists every binding, grouped; closes with q, ?, Enter, Backspace or Esc."""

    BINDINGS: ClassVar[list[BindingType]] = dialog_bindings("question_mark", "help")
    """The same keys as every dialog; nothing else acts while it is open."""

    def __init__(
        self,
        *,
        several: bool = False,
        sources: Sequence[BindingType] = (),
        source: Sequence[BindingType] = (),
    ) -> None:
        super().__init__()
        self.groups = help_groups(several, sources, source)

    def compose(self) -> ComposeResult:
        """A scrollable box of binding tables."""
        with ScrollBox(id="help-box") as box:
            box.border_title = _("Keys")
            yield Static(self._content())
        yield KeyBar()

    def _content(self) -> RenderableType:
        parts: list[RenderableType] = []
        for title, bindings in self.groups:
            parts += [Text(_(title), style="bold underline"), binding_table(bindings), Text()]
        parts.append(Text(_("Help and About (dialogs)"), style="bold underline"))
        parts.append(binding_table(dialog_bindings("question_mark,i", "dialog")))
        parts.append(Text(_("Over a dialog only these keys work; nothing acts behind it.")))
        parts.append(Text())
        parts.append(
            Text(_("The list's header marks the sorted column: ▲ ascending, ▼ descending."))
        )
        parts.append(
            Text(
                _(
                    "In the filter box, ! first keeps only the states the sources disagree on:"
                    " ! alone, or !dak (contested and matching)."
                )
            )
        )
        parts.append(Text(_("‡ marks a figure the sources disagree on (S: every source).")))
        parts.append(Text(_("Ctrl+P opens the command palette: every action, and themes.")))
        return Group(*parts)

    def action_scroll(self, how: str) -> None:
        """Scroll the text."""
        scroll(self.query_one("#help-box", ScrollBox), how)
