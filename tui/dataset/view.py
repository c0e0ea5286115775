"""Which states are shown, in which order: sorting and filtering on the model, not on widgets.

Built for 100,000 rows: sort orders and search keys are computed once, lazily, and cached;
a filter keystroke is one pass of substring tests; totals of the shown rows are cached per query.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from tui.dataset.contested import contested_metrics
from tui.dataset.model import METRICS, Metric, State
from tui.dataset.text import fold
from tui.dataset.totals import MetricTotal, Totals
from tui.i18n import N_, _, language, number

SortKey = Literal["source", "name", "victims", "arrests"]
SORT_KEYS: tuple[SortKey, ...] = ("source", "name", "victims", "arrests")
"""The cycle `s` walks through."""
CONTESTED_PREFIX = "!"
"""A query starting with it keeps only contested states (``!`` alone, or ``!dak``)."""


def split_query(query: str) -> tuple[bool, str]:
    """(contested only, the name to match) of a filter query: ``"!dak"`` → ``(True, "dak")``."""
    text = query.strip()
    if text.startswith(CONTESTED_PREFIX):
        return True, text[len(CONTESTED_PREFIX) :].strip()
    return False, text


def display_name(state: State) -> str:
    """The state's name in the UI language: the source's own (``local_name``) in French.

    Every place the UI names a state uses this, so one state is never named two ways on one
    screen ("Dakota du Nord" in the list, the bars, the map and the notifications alike).
    """
    if language() == "fr" and state.local_name:
        return state.local_name
    return state.name


def _search_key(state: State) -> str:
    """Name, code, local name and aliases folded for matching.

    The NULs between them keep a query from matching across two names.
    """
    if state.local_name is None and not state.aliases:
        return fold(f"{state.name}\x00{state.code}")
    names = (state.name, state.code, state.local_name or "", *state.aliases)
    return fold("\x00".join(names))


class StateView:
    """The shown rows of a list of states: a sort (with direction) and a filter query."""

    def __init__(self, states: Sequence[State], totals: Totals | None = None) -> None:
        self.states = states
        self.sort: SortKey = "source"
        self.reverse = False
        self.query = ""
        self._orders: dict[tuple[SortKey, bool, str], list[int]] = {}
        self._search: list[str] | None = None
        self._contested: list[bool] | None = None
        self._columns: dict[Metric, list[int | None]] = {}
        self._totals: dict[str, Totals] = {} if totals is None else {"": totals}
        """Totals per query; ``totals`` (of every state) seeds the unfiltered entry."""
        self.rows: Sequence[int] = range(len(states))
        """Indices into ``states`` of the shown rows, in display order."""

    def __len__(self) -> int:
        return len(self.rows)

    def state_at(self, row: int) -> State:
        """The state shown at display row ``row``."""
        return self.states[self.rows[row]]

    @property
    def filtered(self) -> bool:
        """True when a query hides some states."""
        return bool(self.query)

    def _order(self) -> Sequence[int]:
        # The language is part of the key: names sort as they are shown (Dakota du Nord under D).
        key = (self.sort, self.reverse, language())
        if self.sort == "source":
            n = len(self.states)
            return range(n - 1, -1, -1) if self.reverse else range(n)
        order = self._orders.get(key)
        if order is None:
            order = self._orders[key] = self._sorted()
        return order

    def _sorted(self) -> list[int]:
        states = self.states
        indices = range(len(states))
        if self.sort == "name":
            names = [fold(display_name(s)) for s in states]
            return sorted(indices, key=names.__getitem__, reverse=self.reverse)
        values = self._column("victims_rescued" if self.sort == "victims" else "arrests")
        # Largest first by default; `reverse` flips the direction. Not reported always sorts
        # last: it is not a small number. Ties keep source order (sorted() is stable).
        sign = 1 if self.reverse else -1
        reported = [i for i in indices if values[i] is not None]
        missing = [i for i in indices if values[i] is None]
        reported.sort(key=lambda i: sign * values[i])  # type: ignore[operator,unused-ignore]
        return reported + missing

    def _search_keys(self) -> list[str]:
        if self._search is None:
            self._search = [_search_key(s) for s in self.states]
        return self._search

    def _contested_flags(self) -> list[bool]:
        if self._contested is None:
            self._contested = [bool(contested_metrics(s)) for s in self.states]
        return self._contested

    def _column(self, metric: Metric) -> list[int | None]:
        column = self._columns.get(metric)
        if column is None:
            column = self._columns[metric] = [getattr(s, metric) for s in self.states]
        return column

    def warm(self) -> None:
        """Compute search keys and figure columns now (say, in a thread after the first frame)
        so that the first filter keystroke or sort does not pay for them."""
        self._search_keys()
        for metric in METRICS:
            self._column(metric)

    def _apply(self) -> None:
        order = self._order()
        if not self.query:
            self.rows = order
            return
        contested_only, name = split_query(self.query)
        rows: Sequence[int] = order
        if contested_only:
            flags = self._contested_flags()
            rows = [i for i in rows if flags[i]]
        if name:
            needle = fold(name)
            search = self._search_keys()
            rows = [i for i in rows if needle in search[i]]
        self.rows = rows

    def set_sort(self, sort: SortKey, reverse: bool | None = None) -> None:
        """Sort by ``sort``; keep the direction unless ``reverse`` is given."""
        self.sort = sort
        if reverse is not None:
            self.reverse = reverse
        self._apply()

    def cycle_sort(self) -> SortKey:
        """Move to the next sort key in :data:`SORT_KEYS` (direction reset) and return it."""
        self.set_sort(SORT_KEYS[(SORT_KEYS.index(self.sort) + 1) % len(SORT_KEYS)], False)
        return self.sort

    def toggle_reverse(self) -> None:
        """Reverse the current sort direction."""
        self.set_sort(self.sort, not self.reverse)

    def set_query(self, query: str) -> None:
        """Show only states whose name, code, local name or an alias contains ``query``
        (case and accents ignored); a leading ``!`` keeps contested states only (the sources
        give them different figures), ``!`` alone every contested state."""
        self.query = query if query.strip() else ""
        self._apply()

    def totals(self) -> Totals:
        """Totals over the shown states (independent of the order, cached per query)."""
        cached = self._totals.get(self.query)
        if cached is None:
            cached = self._compute_totals()
            if len(self._totals) > 64:
                self._totals.clear()
            self._totals[self.query] = cached
        return cached

    def _compute_totals(self) -> Totals:
        rows, n = self.rows, len(self.rows)
        metrics: list[MetricTotal] = []
        for metric in METRICS:
            column = self._column(metric)
            # Whole columns when nothing is hidden; otherwise only the shown rows.
            values = column if n == len(column) else [column[i] for i in rows]
            reported = [v for v in values if v is not None]
            metrics.append(MetricTotal(metric, sum(reported), len(reported), n))
        return Totals(states=n, metrics=tuple(metrics))

    def row_of(self, index: int) -> int | None:
        """Display row of the state at ``index`` in ``states``, or None when it is hidden."""
        rows = self.rows
        if isinstance(rows, range):
            return rows.index(index) if index in rows else None
        try:
            return rows.index(index)
        except ValueError:
            return None

    @property
    def order_label(self) -> str:
        """The current order in words, untranslated (``_`` it to show it)."""
        return _ORDER_LABELS[self.sort][self.reverse]

    @property
    def title(self) -> str:
        """A short description for a pane title, e.g. ``"3 of 12 · by name, A to Z"``."""
        total = number(len(self.states))
        shown = _("{shown} of {total}").format(shown=number(len(self.rows)), total=total)
        return f"{shown if self.query else total} · {_(self.order_label)}"


_ORDER_LABELS: dict[SortKey, tuple[str, str]] = {
    "source": (N_("source order"), N_("source order, reversed")),
    "name": (N_("by name, A to Z"), N_("by name, Z to A")),
    "victims": (N_("by victims, high to low"), N_("by victims, low to high")),
    "arrests": (N_("by arrests, high to low"), N_("by arrests, low to high")),
}
"""Marked for translation: pass through ``_`` where shown."""
