"""The dataset model: loading, validation and totals. Pure Python; never imports textual."""

from tui.dataset.agreement import Agreement, FigureAgreement, agreement
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
    "Agreement",
    "ContextFigure",
    "Dataset",
    "DatasetError",
    "Fact",
    "FigureAgreement",
    "Metric",
    "Operation",
    "Problem",
    "Reconciliation",
    "Reported",
    "Source",
    "State",
    "Totals",
    "agreement",
    "compute_totals",
    "load",
    "load_text",
    "reconcile",
]
