"""The Markdown report carries the source's words; JSON never turns "not reported" into 0."""

from __future__ import annotations

import json

from tui.dataset import Dataset
from tui.output.export import to_json, to_markdown


def test_json_total_of_an_unreported_metric_is_null(dataset: Dataset) -> None:
    """No state reports medical services: the total is null, as in the reconciliation."""
    doc = json.loads(to_json(dataset))
    assert doc["totals"]["medical_services"] == {"total": None, "reporting": 0}
    assert doc["totals"]["arrests"] == {"total": 102, "reporting": 12}
    medical = next(r for r in doc["reconciliation"] if r["metric"] == "medical_services")
    assert medical["computed"] is None and medical["reported"] == 41


def test_markdown_report_cites_the_source(dataset: Dataset) -> None:
    """Every state's quote and translation, the agencies, the context and the notes."""
    report = to_markdown(dataset)
    for state in dataset.states:
        assert state.quote is not None and state.translation is not None
        assert f"« {state.quote} » — *{state.translation}*" in report
    for section in (
        "## The source's words",
        "## Agencies",
        "## National context",
        "## Data-quality notes",
        "## Totals",
        "## Source",
    ):
        assert section in report
    assert "**Federal Bureau of Investigation (FBI)**: federal, partner; operation-wide" in report
    assert "1,883 Human trafficking offences reported (FBI, 2019)" in report
    assert "Iowa: Seized cash" in report


def test_markdown_does_not_double_guillemets(dataset: Dataset) -> None:
    """A quote that already opens with « is not wrapped again."""
    report = to_markdown(dataset)
    assert "« «" not in report
    assert "« Grâce à des opérations" in report
