"""Operation totals computed from the states, and their reconciliation with the source."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from tui.dataset.compat import SLOTS
from tui.dataset.model import METRICS, Dataset, Metric, State
from tui.i18n import N_


@dataclass(frozen=True, **SLOTS)
class MetricTotal:
    """The sum of one metric over the states that report it."""

    metric: Metric
    total: int
    reporting: int
    """How many states report this metric (a state that does not is not counted as 0)."""
    of: int
    """How many states were summed over."""


@dataclass(frozen=True, **SLOTS)
class Totals:
    """Per-metric totals over a set of states."""

    states: int
    metrics: tuple[MetricTotal, ...]

    def __getitem__(self, metric: Metric) -> MetricTotal:
        for item in self.metrics:
            if item.metric == metric:
                return item
        raise KeyError(metric)


def compute_totals(states: Iterable[State]) -> Totals:
    """Sum every metric over ``states``, counting only the states that report it."""
    sums = dict.fromkeys(METRICS, 0)
    counts = dict.fromkeys(METRICS, 0)
    n = 0
    # One pass with local lookups: this runs on every filter keystroke at 100k rows.
    for state in states:
        n += 1
        for metric in METRICS:
            value = getattr(state, metric)
            if value is not None:
                sums[metric] += value
                counts[metric] += 1
    return Totals(
        states=n,
        metrics=tuple(MetricTotal(m, sums[m], counts[m], n) for m in METRICS),
    )


Status = Literal["match", "differs", "no-state-figures", "not-reported", "subset"]
"""How a computed total compares with the source's; ``subset``: the totals of some states only
(a filtered view), which are not compared with the source's figure for all of them."""

RECONCILED: tuple[Literal["states", "victims_rescued", "arrests", "medical_services"], ...] = (
    "states",
    "victims_rescued",
    "arrests",
    "medical_services",
)
"""The headline figures a source reports, in display order."""


@dataclass(frozen=True, **SLOTS)
class Reconciliation:
    """One headline figure: what the states add up to against what the source reports."""

    metric: str
    computed: int | None
    """None when no state reports this metric."""
    reported: int | None
    """None when the source states no headline figure for it."""
    reporting: int
    """How many states contribute to ``computed``."""
    of: int
    whole: int | None = None
    """How many states the whole dataset has, when ``computed`` sums a subset of them."""

    @property
    def status(self) -> Status:
        """``match``, ``differs``, or why the two cannot be compared."""
        if self.whole is not None:
            return "subset"
        if self.reported is None:
            return "not-reported"
        if self.computed is None:
            return "no-state-figures"
        return "match" if self.computed == self.reported else "differs"


def reconcile(dataset: Dataset, totals: Totals | None = None) -> tuple[Reconciliation, ...]:
    """Compare the dataset's computed totals with the figures its source reports."""
    totals = totals if totals is not None else compute_totals(dataset.states)
    rows: list[Reconciliation] = []
    n = totals.states
    # A filtered view's totals are those of its states: never "differs" from the whole's.
    whole = dataset.subset_of
    for metric in RECONCILED:
        reported = getattr(dataset.reported, metric)
        if metric == "states":
            rows.append(Reconciliation(metric, n, reported, n, n, whole))
            continue
        item = totals[metric]
        computed = item.total if item.reporting else None
        rows.append(Reconciliation(metric, computed, reported, item.reporting, n, whole))
    return tuple(rows)


LABELS: dict[str, str] = {
    "states": N_("States"),
    "victims_rescued": N_("Victims rescued"),
    "victims_adult": N_("Adult victims"),
    "victims_minor": N_("Minor victims"),
    "arrests": N_("Arrests"),
    "medical_services": N_("Medical services"),
}
"""Human labels for metrics, shared by the CLI, exports and the explorer.

Marked with ``N_``: pass them through ``_`` where shown (files and JSON keep the English)."""

KINDS: dict[str, str] = {
    "primary release": N_("primary release"),
    "wire service": N_("wire service"),
    "news report": N_("news report"),
    "republication": N_("republication"),
}
"""Source kinds in words (fixed keywords of the format, so translated where shown)."""

LEVELS: dict[str, str] = {"federal": N_("federal"), "state": N_("state"), "local": N_("local")}
"""Agency levels in words (the dataset's values are fixed keywords, so they are translated)."""

ROLES: dict[str, str] = {
    "lead": N_("lead"),
    "participant": N_("participant"),
    "partner": N_("partner"),
}
"""Agency roles in words."""
