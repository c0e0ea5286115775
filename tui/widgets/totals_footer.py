"""The totals footer: operation totals computed from the data, checked against the source.

Each of its two lines is one line whatever the width: when the full wording does not fit,
shorter wordings are tried in turn (compact marks, then abbreviated labels), so that the
filtered subtotal on the second line never wraps out of sight. The shortening is by measured
width, not by language: translated labels of any length get the same treatment.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.dataset import Dataset, Reconciliation, Totals
from tui.dataset.contested import contested_operation
from tui.i18n import N_, _, ngettext, number
from tui.widgets.figures import VICTIMS_MARK, figure, mark

CONTESTED = "‡"
"""Marks an operation total the sources disagree on; the other sources' figures follow it."""

SEPARATOR = " │ "

LABELS: dict[str, tuple[str, str]] = {
    "states": (N_("States"), N_("St.")),
    "victims_rescued": (N_("Victims"), N_("Vict.")),
    "arrests": (N_("Arrests"), N_("Arr.")),
    "medical_services": (N_("Medical"), N_("Med.")),
}
"""Full and abbreviated footer labels per metric."""


def compact_mark(row: Reconciliation) -> Text:
    """The reconciliation mark in few cells: ✓, ⚠≠50 (the source's figure), (rep. 41)."""
    status = row.status
    if status == "match":
        return Text("✓", style="bold")
    if status == "differs":
        return Text(f"⚠≠{figure(row.reported)}", style="bold reverse")
    if status == "no-state-figures":
        return Text(_("(rep. {n})").format(n=figure(row.reported)), style="italic")
    if status == "subset":
        return Text(_("(shown)"), style="italic")
    return Text("")


def operation_line(
    rows: tuple[Reconciliation, ...],
    tier: int,
    marked: bool = False,
    others: dict[str, tuple[int, ...]] | None = None,
) -> Text:
    """The operation's totals with their marks; each tier is shorter than the one before.

    ``marked`` adds :data:`VICTIMS_MARK` to the victims total (the dataset qualifies it).
    ``others`` maps a contested figure to the other values other sources give: the total gets
    :data:`CONTESTED` and ``≠ 59`` (``Victims 47† ✓ ‡≠ 59``).

    0: everything; 1: without figures neither the states nor the source give; 2: compact
    marks; 3: abbreviated labels; 4: only the figures that can be checked against the source.
    """
    text = Text()
    shown = [
        r
        for r in rows
        if (tier < 1 or r.computed is not None or r.reported is not None)
        and (tier < 4 or r.status in ("match", "differs"))
    ]
    for i, row in enumerate(shown):
        if i:
            text.append(SEPARATOR, style="dim")
        full, short = LABELS.get(row.metric, (row.metric, row.metric))
        text.append(_(short if tier >= 3 else full) + " ", style="bold")
        text.append(figure(row.computed))
        if marked and row.metric == "victims_rescued":
            text.append(VICTIMS_MARK)
        row_mark = mark(row) if tier <= 1 else compact_mark(row)
        if row_mark.plain:
            text.append(" ")
            text.append_text(row_mark)
        contested = (others or {}).get(row.metric)
        if contested:
            values = ", ".join(figure(v) for v in contested)
            text.append(f" {CONTESTED}≠ {values}", style="bold")
    return text


def contested_totals(dataset: Dataset | None) -> dict[str, tuple[int, ...]]:
    """For each operation-wide figure the sources disagree on, the values other than the main
    source's (every value when the main source gives none)."""
    if dataset is None:
        return {}
    return contested_operation(dataset.reported)


def shown_line(shown: Totals, all_states: int | None, tier: int, marked: bool = False) -> Text:
    """The totals of the states a filter leaves; higher tiers are shorter. ``marked`` adds
    :data:`VICTIMS_MARK` to the victims total, as on the operation's line."""
    victims, arrests = shown["victims_rescued"], shown["arrests"]
    text = Text()
    if tier < 2:
        count = _("Shown {shown} of {total}")
    elif tier == 2:
        count = _("Shown {shown}/{total}")
    else:
        count = "{shown}/{total}"
    text.append(count.format(shown=figure(shown.states), total=figure(all_states)), style="bold")
    names = ("Victims", "Arrests") if tier < 2 else ("Vict.", "Arr.") if tier == 2 else ("V", "A")
    text.append(SEPARATOR + _(names[0]) + " ")
    text.append(figure(victims.total if victims.reporting else None))
    if marked and victims.reporting:
        text.append(VICTIMS_MARK)
    if tier == 0:
        text.append(
            " "
            + ngettext("({n} state reporting)", "({n} states reporting)", victims.reporting).format(
                n=number(victims.reporting)
            ),
            style="dim",
        )
    text.append(SEPARATOR + _(names[1]) + " ")
    text.append(figure(arrests.total if arrests.reporting else None))
    return text


def all_shown_line(shown: Totals | None, tier: int) -> Text:
    """No filter: say so, and (room permitting) how many states report victims."""
    text = Text(_("All states shown"), style="italic")
    victims = shown["victims_rescued"] if shown else None
    if victims is not None and tier == 0:
        text.append(
            " · "
            + ngettext(
                "victims reported by {n} of {of} state",
                "victims reported by {n} of {of} states",
                victims.of,
            ).format(n=number(victims.reporting), of=number(victims.of)),
            style="italic",
        )
    if tier <= 1:
        text.append(" · " + _("— = not reported"), style="italic")
    return text


def fitting(build: Callable[[int], Text], width: int, tiers: int = 4) -> Text:
    """The first tier of ``build`` that fits ``width`` cells, else the last one, cut."""
    for tier in range(tiers):
        text = build(tier)
        if cell_len(text.plain) <= width:
            return text
    text.truncate(max(0, width), overflow="ellipsis")
    return text


class TotalsFooter(Widget):
    """Two lines: the whole operation with reconciliation marks, and the shown states."""

    DEFAULT_CSS = """
    TotalsFooter {
        height: 2;
        padding: 0 1;
        background: $panel;
    }
    """

    shown: reactive[Totals | None] = reactive(None)
    """Totals of the states the list shows (differs from the whole while a filter is on)."""

    def __init__(
        self,
        reconciliation: tuple[Reconciliation, ...],
        *,
        victims_marked: bool = False,
        contested: dict[str, tuple[int, ...]] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.reconciliation = reconciliation
        self.victims_marked = victims_marked
        """True when the dataset qualifies its victims total (explained in details and About)."""
        self.contested: dict[str, tuple[int, ...]] = contested or {}
        """Contested operation totals: the other values other sources give, by figure
        (:func:`contested_totals`)."""

    def set_reconciliation(self, reconciliation: tuple[Reconciliation, ...]) -> None:
        """Show another dataset's totals and their checks."""
        self.reconciliation = reconciliation
        self.refresh(layout=True)

    def render(self) -> Text:
        """Operation line, then the shown-states line, each fitted to the width."""
        width = self.content_region.width
        rows = self.reconciliation
        marked = self.victims_marked
        others = self.contested
        text = fitting(lambda tier: operation_line(rows, tier, marked, others), width, 5)
        text.append("\n")
        shown = self.shown
        all_states = rows[0].computed if rows else None
        if shown is None or shown.states == all_states:
            text.append_text(fitting(lambda tier: all_shown_line(shown, tier), width, 3))
        else:
            text.append_text(
                fitting(lambda tier: shown_line(shown, all_states, tier, marked), width)
            )
        text.no_wrap = True
        text.overflow = "ellipsis"
        return text
