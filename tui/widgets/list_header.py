"""The state list's column header: labels that fit, and the sort mark on the sorted column."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from tui.dataset.view import SortKey
from tui.i18n import N_, _

ASCENDING, DESCENDING = "▲", "▼"
"""Marks on the sorted column's header: first to last / A to Z / low to high, or the reverse."""

HEADERS: dict[str, tuple[str, ...]] = {
    "code": (N_("Code"),),
    "name": (N_("State"),),
    "victims": (N_("Victims"), N_("Vict."), N_("V")),
    "arrests": (N_("Arrests"), N_("Arr."), N_("A")),
    "source": (N_("Source order"), N_("Order"), N_("#")),
}
"""Column labels, longest first: the first that fits (in the UI's language) is shown."""

SORTED_COLUMN: dict[SortKey, str] = {
    "source": "code",
    "name": "name",
    "victims": "victims",
    "arrests": "arrests",
}
"""The column whose header carries the sort mark (source order: the code column, whose label
then names the order, ``#▲``: the list is not sorted by code)."""


def direction_mark(sort: SortKey, reverse: bool) -> str:
    """▲ or ▼ for the current order, as the rows read from top to bottom."""
    # Figures sort largest first unless reversed; names and source order the other way.
    descending = reverse if sort in ("source", "name") else not reverse
    return DESCENDING if descending else ASCENDING


def marked_label(column: str, sort: SortKey, reverse: bool, width: int) -> str:
    """The label of the column that carries the sort mark, with the mark.

    Sorted by a column, its own label (``Victims▼``); in source order, the order's own label
    (``#▲``, or ``Source order▲`` where there is room), whichever column carries it.
    """
    mark = direction_mark(sort, reverse)
    return header_label("source" if sort == "source" else column, width, mark)


def header_label(column: str, width: int, mark: str = "") -> str:
    """The longest label of ``column`` that fits ``width`` cells with ``mark`` after it."""
    room = width - cell_len(mark)
    labels = [_(label) for label in HEADERS[column]]
    label = next((text for text in labels if cell_len(text) <= room), labels[-1])
    if cell_len(label) > room:
        label = set_cell_size(label, max(0, room - 1)) + "…" if room > 1 else ""
    return label + mark
