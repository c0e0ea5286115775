"""The dataset model: loading, validation and totals. Pure Python; never imports textual.

Where the sources disagree is :mod:`tui.dataset.agreement` (imported where it is used: start-up
needs only :mod:`tui.dataset.contested`'s marks)."""

from tui.dataset.errors import DatasetError, Problem
from tui.dataset.loader import load, load_text
from tui.dataset.model import (
    METRICS,
    Agency,
    ContextFigure,
    Dataset,
    Fact,
    Metric,
    Operation,
    Reported,
    Source,
    State,
)
from tui.dataset.totals import LABELS, Reconciliation, Totals, compute_totals, reconcile

__all__ = [
    "LABELS",
    "METRICS",
    "Agency",
    "ContextFigure",
    "Dataset",
    "DatasetError",
    "Fact",
    "Metric",
    "Operation",
    "Problem",
    "Reconciliation",
    "Reported",
    "Source",
    "State",
    "Totals",
    "compute_totals",
    "load",
    "load_text",
    "reconcile",
]
