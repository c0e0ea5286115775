"""Totals over the states that report each figure, and reconciliation with the source."""

from __future__ import annotations

import pytest

from tests.unit.helpers import HEAD, document, load_ok, state
from tui.dataset import LABELS, METRICS, Dataset, State, compute_totals, reconcile


def test_bundled_totals(dataset: Dataset) -> None:
    """The bundled dataset: 47 victims from 7 states, 102 arrests from all 12."""
    totals = compute_totals(dataset.states)
    assert totals.states == 12
    assert (totals["victims_rescued"].total, totals["victims_rescued"].reporting) == (47, 7)
    assert (totals["arrests"].total, totals["arrests"].reporting) == (102, 12)
    assert (totals["victims_adult"].total, totals["victims_adult"].reporting) == (21, 1)
    assert (totals["victims_minor"].total, totals["victims_minor"].reporting) == (2, 1)
    assert (totals["medical_services"].total, totals["medical_services"].reporting) == (0, 0)
    assert all(item.of == 12 for item in totals.metrics)


def test_bundled_reconciliation(dataset: Dataset) -> None:
    """States, victims and arrests match the article; medical services have no state figures."""
    rows = {r.metric: r for r in reconcile(dataset)}
    assert list(rows) == ["states", "victims_rescued", "arrests", "medical_services"]
    assert (rows["states"].computed, rows["states"].reported, rows["states"].status) == (
        12,
        12,
        "match",
    )
    assert (rows["victims_rescued"].computed, rows["victims_rescued"].status) == (47, "match")
    assert rows["victims_rescued"].reporting == 7
    assert (rows["arrests"].computed, rows["arrests"].reported) == (102, 102)
    medical = rows["medical_services"]
    assert (medical.computed, medical.reported, medical.status) == (None, 41, "no-state-figures")
    assert (medical.reporting, medical.of) == (0, 12)


def test_not_reported_is_not_zero() -> None:
    """A state that does not report a figure is not counted, unlike one that reports 0."""
    states = [
        State("A", "A", arrests=0),
        State("B", "B", arrests=5),
        State("C", "C"),
    ]
    totals = compute_totals(states)
    assert (totals["arrests"].total, totals["arrests"].reporting, totals["arrests"].of) == (5, 2, 3)
    assert (totals["victims_rescued"].total, totals["victims_rescued"].reporting) == (0, 0)


def test_totals_of_no_states() -> None:
    """An empty selection (a filter with no match) sums to zero states reporting."""
    totals = compute_totals([])
    assert totals.states == 0
    assert [m.metric for m in totals.metrics] == list(METRICS)
    assert all((m.total, m.reporting, m.of) == (0, 0, 0) for m in totals.metrics)


def test_totals_accept_any_iterable(dataset: Dataset) -> None:
    """A generator (a filtered view) gives the same totals as a tuple."""
    kentucky = compute_totals(s for s in dataset.states if s.code == "KY")
    assert kentucky.states == 1
    assert kentucky["victims_rescued"].total == 23
    assert kentucky["arrests"].total == 46


def test_unknown_metric_is_a_key_error(dataset: Dataset) -> None:
    """Asking for a metric that does not exist raises KeyError."""
    totals = compute_totals(dataset.states)
    with pytest.raises(KeyError):
        totals["seized_cash"]  # type: ignore[index]


def test_derived_victims_count_in_the_total() -> None:
    """A total derived from adult + minor counts as a reported figure."""
    data = load_ok(
        document(state(victims_adult="3", victims_minor="1"), state('"MO"', '"Missouri"'))
    )
    totals = compute_totals(data.states)
    assert (totals["victims_rescued"].total, totals["victims_rescued"].reporting) == (4, 1)


def reported_dataset(reported: str, *states: str) -> Dataset:
    """A dataset with a ``[reported]`` table (raw TOML lines) and the given states."""
    return load_ok(HEAD + "\n[reported]\n" + reported + "\n" + "".join(states))


def test_status_match() -> None:
    """Computed equals reported: match."""
    data = reported_dataset("arrests = 5", state(arrests="2"), state('"MO"', '"M"', arrests="3"))
    row = {r.metric: r for r in reconcile(data)}["arrests"]
    assert (row.computed, row.reported, row.reporting, row.of, row.status) == (5, 5, 2, 2, "match")


def test_status_differs_keeps_both_values() -> None:
    """Computed and reported disagree: differs, with both values."""
    data = reported_dataset("victims_rescued = 10\nstates = 3", state(victims_rescued="4"))
    rows = {r.metric: r for r in reconcile(data)}
    assert (rows["victims_rescued"].computed, rows["victims_rescued"].reported) == (4, 10)
    assert rows["victims_rescued"].status == "differs"
    assert (rows["states"].computed, rows["states"].reported, rows["states"].status) == (
        1,
        3,
        "differs",
    )


def test_status_no_state_figures() -> None:
    """Reported, but no state reports the metric: no-state-figures (not a 0 that differs)."""
    data = reported_dataset("medical_services = 41", state(arrests="1"))
    row = {r.metric: r for r in reconcile(data)}["medical_services"]
    assert (row.computed, row.reported, row.status) == (None, 41, "no-state-figures")


def test_status_not_reported() -> None:
    """The source states no headline figure: not-reported, whatever the states add up to."""
    data = load_ok(document(state(arrests="7")))
    rows = {r.metric: r for r in reconcile(data)}
    assert (rows["arrests"].computed, rows["arrests"].reported) == (7, None)
    assert rows["arrests"].status == "not-reported"
    assert rows["states"].status == "not-reported"
    assert rows["medical_services"].status == "not-reported"


def test_reported_zero_against_states_reporting_zero_matches() -> None:
    """A reported 0 matches states that report 0; it differs from no state reporting at all."""
    zero = reported_dataset("arrests = 0", state(arrests="0"))
    silent = reported_dataset("arrests = 0", state(victims_rescued="1"))
    assert {r.metric: r for r in reconcile(zero)}["arrests"].status == "match"
    assert {r.metric: r for r in reconcile(silent)}["arrests"].status == "no-state-figures"


def test_reconcile_uses_the_totals_given(dataset: Dataset) -> None:
    """reconcile() may be handed precomputed totals (a filtered view's)."""
    subset = compute_totals(s for s in dataset.states if s.code in ("KY", "MO"))
    rows = {r.metric: r for r in reconcile(dataset, subset)}
    assert (rows["states"].computed, rows["states"].status) == (2, "differs")
    assert (rows["arrests"].computed, rows["arrests"].status) == (48, "differs")
    assert (rows["victims_rescued"].computed, rows["victims_rescued"].reporting) == (27, 2)


def test_labels_cover_every_metric() -> None:
    """Every metric and the state count has a human label."""
    assert set(METRICS) | {"states"} == set(LABELS)
    assert LABELS["victims_rescued"] == "Victims rescued"
