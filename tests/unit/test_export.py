"""Exports: CSV columns, JSON round trip, Markdown escaping."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from tests.unit.helpers import document, load_ok, state
from tui.dataset import METRICS, Dataset, compute_totals, reconcile
from tui.output.export import CSV_COLUMNS, FORMATS, to_csv, to_document, to_json, to_markdown

FIXED_HEADER = "code,state,victims_rescued,victims_adult,victims_minor,arrests,notes"


def csv_rows(text: str) -> list[dict[str, str]]:
    """Parse CSV export text into dictionaries."""
    return list(csv.DictReader(io.StringIO(text)))


# -- CSV --------------------------------------------------------------------------------------


def test_csv_header_starts_with_the_fixed_columns(dataset: Dataset) -> None:
    """The first seven columns are fixed by name and order."""
    first_line = to_csv(dataset).split("\n", 1)[0]
    assert first_line.startswith(FIXED_HEADER + ",") or first_line == FIXED_HEADER
    assert ",".join(CSV_COLUMNS[:7]) == FIXED_HEADER


def test_csv_one_row_per_state_in_dataset_order(dataset: Dataset) -> None:
    """One row per state, in the order of the dataset."""
    rows = csv_rows(to_csv(dataset))
    assert [r["code"] for r in rows] == [s.code for s in dataset.states]
    assert [r["state"] for r in rows] == [s.name for s in dataset.states]


def test_csv_cells(dataset: Dataset) -> None:
    """Empty cell for not reported, derived Kentucky total 23, notes joined with " · "."""
    rows = {r["code"]: r for r in csv_rows(to_csv(dataset))}
    assert rows["KY"]["victims_rescued"] == "23"
    assert rows["KY"]["victims_derived"] == "yes"
    assert (rows["KY"]["victims_adult"], rows["KY"]["victims_minor"]) == ("21", "2")
    assert rows["MO"]["victims_derived"] == ""
    assert rows["NE"]["victims_rescued"] == ""
    assert rows["NE"]["arrests"] == "7"
    assert rows["MO"]["victims_adult"] == ""
    assert all(r["medical_services"] == "" for r in rows.values())
    wisconsin = next(s for s in dataset.states if s.code == "WI")
    assert rows["WI"]["notes"] == " · ".join(wisconsin.notes)
    assert " · " in rows["WI"]["notes"]
    assert rows["MN"]["notes"] == ""
    assert rows["IA"]["quote"].startswith("Iowa\u202f: 11 arrestations")


def test_csv_zero_is_not_empty() -> None:
    """A reported 0 is written as 0, not as an empty cell."""
    data = load_ok(document(state(arrests="0")))
    assert csv_rows(to_csv(data))[0]["arrests"] == "0"


def test_csv_quotes_commas_quotes_and_newlines() -> None:
    """Values with commas, quotes and newlines survive a CSV round trip."""
    data = load_ok(
        document(state(name='"Kent, \\"ucky\\""', notes='["a, b", "c\\nd"]', quote='"x\\ny"'))
    )
    (row,) = csv_rows(to_csv(data))
    assert row["state"] == 'Kent, "ucky"'
    assert row["notes"] == "a, b · c\nd"
    assert row["quote"] == "x\ny"


# -- JSON -------------------------------------------------------------------------------------


def test_json_round_trip_gives_the_same_figures(dataset: Dataset) -> None:
    """JSON export, parsed back, gives every state's figures exactly as the model has them."""
    doc = json.loads(to_json(dataset))
    assert doc["schema_version"] == 1
    assert [s["code"] for s in doc["states"]] == [s.code for s in dataset.states]
    for exported, state_ in zip(doc["states"], dataset.states):
        assert exported["state"] == state_.name
        for metric in METRICS:
            assert exported[metric] == state_.figure(metric), (state_.code, metric)
        assert exported["notes"] == list(state_.notes)
        assert exported["victims_derived"] == state_.victims_derived
        assert (exported["quote"], exported["translation"]) == (state_.quote, state_.translation)


def test_json_uses_the_csv_field_names(dataset: Dataset) -> None:
    """Each state object has exactly the CSV columns as keys, then every source's claims."""
    doc = json.loads(to_json(dataset))
    assert all(list(s) == [*CSV_COLUMNS, "claims"] for s in doc["states"])


def test_json_not_reported_is_null(dataset: Dataset) -> None:
    """Not reported is null in JSON, never 0."""
    doc = json.loads(to_json(dataset))
    nebraska = next(s for s in doc["states"] if s["code"] == "NE")
    assert nebraska["victims_rescued"] is None
    assert nebraska["arrests"] == 7


def test_json_totals_and_reconciliation(dataset: Dataset) -> None:
    """Totals and reconciliation in the JSON equal those computed from the model."""
    doc = json.loads(to_json(dataset))
    totals = compute_totals(dataset.states)
    assert doc["totals"]["states"] == totals.states
    for item in totals.metrics:
        total = item.total if item.reporting else None  # nothing reported: no total, not 0
        assert doc["totals"][item.metric] == {"total": total, "reporting": item.reporting}
    expected = [
        {
            "metric": r.metric,
            "computed": r.computed,
            "reported": r.reported,
            "reporting": r.reporting,
            "status": r.status,
        }
        for r in reconcile(dataset)
    ]
    assert doc["reconciliation"] == expected
    assert doc["totals"]["victims_rescued"] == {"total": 47, "reporting": 7}


def test_json_operation_source_and_context(dataset: Dataset) -> None:
    """Operation, source, reported figures, agencies and context are exported too."""
    doc: dict[str, Any] = json.loads(to_json(dataset))
    assert doc["operation"]["name"] == dataset.operation.name
    assert doc["operation"]["announced"] == "2021-08-27"
    assert len(doc["operation"]["facts"]) == len(dataset.operation.facts)
    assert doc["source"]["published"] == "2021-09-01T07:55:00"
    assert doc["source"]["author"] == "Allen Zhong"
    assert doc["reported"]["arrests"] == 102
    assert [a["name"] for a in doc["agencies"]] == [a.name for a in dataset.agencies]
    assert [f["value"] for f in doc["context"]["figures"]] == [f.value for f in dataset.context]
    assert doc["context"]["notes"] == list(dataset.context_notes)


def test_json_is_plain_utf8_text(dataset: Dataset) -> None:
    """Accented text is written as is (not \\u-escaped), and the document ends in a newline."""
    text = to_json(dataset)
    assert "États-Unis" in text
    assert text.endswith("}\n")
    assert to_document(dataset) == json.loads(text)


# -- Markdown ---------------------------------------------------------------------------------


def test_markdown_escapes_pipes_and_markup() -> None:
    """Pipes, backticks, stars and brackets in cells cannot break the table or add markup."""
    data = load_ok(document(state(name='"A|B *c* `d` [e](f) <g>"', notes='["x|y", "two\\nlines"]')))
    text = to_markdown(data)
    row = next(line for line in text.splitlines() if line.startswith("| KY |"))
    assert "A\\|B \\*c\\* \\`d\\` \\[e\\](f) \\<g\\>" in row
    assert "x\\|y · two lines" in row
    # Unescaped pipes are exactly the cell separators: 8 for 7 columns.
    assert row.replace("\\|", "").count("|") == 8


def test_markdown_report(dataset: Dataset) -> None:
    """The report has the operation, one row per state, totals with checks and the source."""
    text = to_markdown(dataset)
    assert text.startswith("# Operation United Front\n")
    rows = [line for line in text.splitlines() if line.startswith("| ") and line[2:4].isupper()]
    assert [r.split(" | ")[0][2:] for r in rows] == [s.code for s in dataset.states]
    kentucky = next(r for r in rows if r.startswith("| KY |"))
    assert "23 (sum)" in kentucky
    nebraska = next(r for r in rows if r.startswith("| NE |"))
    assert "| — |" in nebraska
    assert "| Victims rescued | 47 | 47† | 7 of 12 | ✓ match |" in text
    assert '† The source counts the 47 as "victims and sex workers"' in text
    assert "| Medical services | — | 41 | 0 of 12 | no per-state figures |" in text
    assert "Allen Zhong" in text


def test_markdown_url_cannot_break_out_of_its_brackets() -> None:
    """A '>' in the source URL is percent-encoded in the autolink."""
    text = document(state()).replace(
        'title = "A test source"', 'title = "T"\nurl = "https://e.org/a>b"'
    )
    assert "<https://e.org/a%3Eb>" in to_markdown(load_ok(text))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_ends_with_a_newline(dataset: Dataset, fmt: str) -> None:
    """Every export is complete lines of text."""
    assert FORMATS[fmt](dataset).endswith("\n")
    assert sorted(FORMATS) == ["csv", "json", "markdown"]


def test_notes_separator_reads_well_and_is_the_same_in_csv_and_markdown(dataset: Dataset) -> None:
    """Notes end with a full stop: never joined as ".;"; CSV and Markdown join them alike."""
    from tui.output.export import NOTES_SEPARATOR

    csv_text, md_text = to_csv(dataset), to_markdown(dataset)
    assert ".;" not in csv_text and ".;" not in md_text
    wisconsin = next(s for s in dataset.states if s.code == "WI")
    joined = NOTES_SEPARATOR.join(wisconsin.notes)
    assert len(wisconsin.notes) > 1 and wisconsin.notes[0].endswith(".")
    assert csv_rows(csv_text)[[s.code for s in dataset.states].index("WI")]["notes"] == joined
    assert joined.replace("|", "\\|") in md_text


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_neutralise_formula_starts(start: str) -> None:
    """OWASP's list: each leading character gets an apostrophe; other text is unchanged."""
    from tui.output.export import neutralise

    assert neutralise(f"{start}1+1") == f"'{start}1+1"
    assert neutralise(f"a{start}1") == f"a{start}1"
    assert neutralise("") == ""
