"""A filtered export's totals are those of the shown states: said so, never "differs".

Filter `Dakota` and export: 2 of 12 states, whose totals are not the operation's. Comparing
them with the source's totals made every row "⚠ differs"; they are a subset, not a
reconciliation, and every format (and every wording of a status) says so.
"""

from __future__ import annotations

import csv
import io
import json
import typing

import pytest

from tui.cli.check import MARKS
from tui.dataset import Dataset, Reconciliation, reconcile
from tui.dataset.totals import Status
from tui.dataset.view import StateView
from tui.output.cite import table_markdown, view_dataset, view_export
from tui.output.export import MARKS as MARKDOWN_MARKS
from tui.widgets.figures import mark
from tui.widgets.totals_footer import compact_mark

SUBSET_NOTE = "2 of 12 states shown; totals of the shown states, not compared with the source."


def dakota(dataset: Dataset) -> StateView:
    """The bundled dataset filtered to the two Dakotas."""
    view = StateView(dataset.states)
    view.set_query("Dakota")
    assert len(view) == 2
    return view


def test_markdown_says_what_the_totals_are(dataset: Dataset) -> None:
    """Markdown: the check column says "shown states only" and a line says of how many."""
    text = view_export(dataset, dakota(dataset), "markdown")
    assert "differs" not in text
    assert "| States | 2 | 12 | 2 of 2 | shown states only |" in text
    assert SUBSET_NOTE in text


def test_json_status_is_subset(dataset: Dataset) -> None:
    """JSON: every reconciliation row has status "subset", and the whole's size is given."""
    document = json.loads(view_export(dataset, dakota(dataset), "json"))
    assert {row["status"] for row in document["reconciliation"]} == {"subset"}
    assert document["subset_of"] == 12
    assert document["view"]["states_shown"] == 2


def test_csv_has_only_the_shown_rows(dataset: Dataset) -> None:
    """CSV carries no totals: only the shown states, so nothing to mislabel."""
    rows = list(csv.DictReader(io.StringIO(view_export(dataset, dakota(dataset), "csv"))))
    assert sorted(r["code"] for r in rows) == ["ND", "SD"]


def test_citation_table_says_shown_states(dataset: Dataset) -> None:
    """`Y`: the totals row is labelled as the shown states' and not checked."""
    text = table_markdown(dataset, dakota(dataset))
    assert "Total of the shown states" in text
    assert "differs" not in text


def test_a_sorted_but_unfiltered_view_is_still_reconciled(dataset: Dataset) -> None:
    """Every state, in another order: the totals are the operation's and are checked."""
    view = StateView(dataset.states)
    view.set_sort("name")
    narrowed = view_dataset(dataset, view)
    assert narrowed.subset_of is None
    assert [r.status for r in reconcile(narrowed)] == [r.status for r in reconcile(dataset)]
    assert "subset_of" not in json.loads(view_export(dataset, view, "json"))


@pytest.mark.parametrize("status", typing.get_args(Status))
def test_every_status_has_words_everywhere(status: Status) -> None:
    """A status added to the model cannot be forgotten by a view of it."""
    rows = {
        "match": Reconciliation("arrests", 3, 3, 2, 2),
        "differs": Reconciliation("arrests", 3, 4, 2, 2),
        "no-state-figures": Reconciliation("arrests", None, 4, 0, 2),
        "not-reported": Reconciliation("arrests", 3, None, 2, 2),
        "subset": Reconciliation("arrests", 3, 4, 2, 2, whole=12),
    }
    row = rows[status]
    assert row.status == status
    assert MARKS[status] and MARKDOWN_MARKS[status]
    assert mark(row).plain
    if status in ("match", "differs", "no-state-figures", "subset"):
        assert compact_mark(row).plain
