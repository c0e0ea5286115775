"""The Markdown report carries the source's words; JSON never turns "not reported" into 0."""

from __future__ import annotations

import json
import re

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
        assert f"«\u00a0{state.quote}\u00a0» — *{state.translation}*" in report
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
    assert re.search("«[ \u00a0\u202f]Grâce à des opérations", report)


def test_markdown_report_in_french(dataset: Dataset) -> None:
    """`--lang fr export --format md`: French from title to last line, French dates and numbers."""
    from tui import i18n

    i18n.set_language("fr")
    try:
        report = to_markdown(dataset)
    finally:
        i18n.set_language("en")
    for english in (
        "## The source's words",
        "## Agencies",
        "## National context",
        "## Totals",
        "## Data-quality notes",
        "| State |",
        "Victims rescued",
        "— = not reported",
        "not reported by source",
        "Announced on",
        "2021-08-27",
        "- 1,883 ",
        "North Dakota: 6 victims",
        "North Dakota",
        "operation-wide",
        "of 12",
        "match",
        "primary release",
        "wire service",
        "news report",
    ):
        assert english not in report, english
    for french in (
        "## Les mots de la source",
        "## Totaux",
        "| Code | État | Victimes secourues |",
        "— = non communiqué par la source (pas zéro).",
        "Annoncée le 27 août 2021 par Eric Schmitt",
        "1\u202f883 ",
        "| ND | Dakota du Nord | 6 |",
        "12 sur 12",
        "1er septembre 2021 à 7\u00a0h\u00a055",
        "français",
        "niveau fédéral, partenaire",
        "chef de file",
        "anglais, agence de presse)",
    ):
        assert french in report, french


def test_json_and_csv_stay_machine_readable_in_french(dataset: Dataset) -> None:
    """Whatever the UI language, JSON and CSV keep ISO dates, plain numbers and English names."""
    from tui import i18n
    from tui.output.export import to_csv

    english = (to_json(dataset), to_csv(dataset))
    i18n.set_language("fr")
    try:
        assert (to_json(dataset), to_csv(dataset)) == english
    finally:
        i18n.set_language("en")
    assert '"announced": "2021-08-27"' in english[0] and "North Dakota" in english[1]
