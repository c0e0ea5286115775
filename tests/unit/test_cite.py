"""Citation builders (tui/output/cite.py): exact Markdown in English and French, views, exports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest

from tests.unit.helpers import document, load_ok, state
from tui import i18n
from tui.dataset import Dataset, State
from tui.dataset.view import StateView
from tui.output.cite import source_line, state_citation, table_markdown, view_export


@pytest.fixture
def french() -> Iterator[None]:
    """The French UI for one test, English again afterwards."""
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


def by_code(dataset: Dataset, code: str) -> State:
    """The bundled state with ``code``."""
    return next(s for s in dataset.states if s.code == code)


def test_state_citation_in_english(dataset: Dataset) -> None:
    """English: figures, then the translation, then the source's words, then the source."""
    text = state_citation(dataset, by_code(dataset, "SD"))
    assert text == (
        "**South Dakota (Dakota du Sud, SD)** — Operation United Front\n"
        "\n"
        "- Victims rescued: —\n"
        "- Arrests: 9\n"
        "- *— = not reported by the source (not zero)*\n"
        "\n"
        "English translation (made for this dataset):\n"
        "\n"
        "> South Dakota: 9 arrests\n"
        "\n"
        "The source's words (French):\n"
        "\n"
        "> « Dakota du Sud\u202f: 9 arrestations »\n"
        "\n"
        "Source: Allen Zhong, “États-Unis\u202f: 47 victimes secourues, 102 arrestations dans le "
        "cadre d’une opération contre la traite des êtres humains”, *Epoch Times (French "
        "edition)*, 1 September 2021.\n"
        "\n"
        "Primary source: the Missouri Attorney General's Office's release of 27 August 2021, as "
        "reported by *Epoch Times (French edition)*.\n"
    )


@pytest.mark.usefixtures("french")
def test_state_citation_in_french_puts_the_source_first(dataset: Dataset) -> None:
    """French: the source's name and words first, the English translation second."""
    text = state_citation(dataset, by_code(dataset, "KY"))
    lines = text.splitlines()
    assert lines[0] == "**Kentucky (KY)** — Operation United Front"
    words = lines.index(
        "> « Kentucky\u202f: 21 victimes adultes secourues, 2 victimes mineures "
        "secourues, 46 arrestations effectuées »"
    )
    english = lines.index(
        "> Kentucky: 21 adult victims rescued, 2 minor victims rescued, 46 arrests made"
    )
    assert words < english
    assert "1er septembre 2021" in lines[-3]
    assert "« États-Unis" in lines[-3]
    assert lines[-1].startswith("Source primaire : the Missouri Attorney General's Office's")
    sd = state_citation(dataset, by_code(dataset, "SD"))
    assert sd.startswith("**Dakota du Sud (South Dakota, SD)**")


def test_derived_victims_say_so(dataset: Dataset) -> None:
    """Kentucky's total is the sum of its adult and minor victims, and the citation says so."""
    text = state_citation(dataset, by_code(dataset, "KY"))
    assert "- Victims rescued: 23 (21 adult, 2 minor; the total is their sum)" in text


def test_markdown_in_data_is_escaped() -> None:
    """Dataset text cannot make links, emphasis or tables in the pasted Markdown."""
    data = load_ok(document(state(name='"*Bold* [x](y) | z"', quote='"a_b"')))
    text = state_citation(data, data.states[0])
    assert "\\*Bold\\* \\[x\\](y) \\| z" in text
    assert "a\\_b" in text


def test_source_line_with_url_and_no_author() -> None:
    """The url, when present, ends the line; absent parts are left out, not 'None'."""
    head = """schema_version = 1
[operation]
name = "Op"
[source]
title = "T"
url = "https://example.org/a>b"
"""
    data = load_ok(document(state(), head=head))
    assert source_line(data.source) == "Source: “T”. <https://example.org/a%3Eb>"


def test_table_of_a_filtered_sorted_view(dataset: Dataset) -> None:
    """Y copies exactly the shown rows in the shown order, with their totals and the caveat."""
    view = StateView(dataset.states)
    view.set_query("dakota")
    view.set_sort("arrests")
    text = table_markdown(dataset, view)
    assert text.splitlines()[:7] == [
        "**Operation United Front** — 2 of 12 states, filter “dakota”, by arrests, high to low",
        "",
        "| Code | State | Victims rescued | Arrests |",
        "|---|---|--:|--:|",
        "| SD | South Dakota (Dakota du Sud) | — | 9 |",
        "| ND | North Dakota (Dakota du Nord) | 6 | 3 |",
        "| | **Total of the shown states** | **6** | **12** |",
    ]
    assert "Victims are reported by 1 of 2 shown states." in text
    assert "victims and sex workers" in text


def test_table_unfiltered_totals_match_the_source(dataset: Dataset) -> None:
    """With nothing hidden the totals row is the operation's: 47 and 102."""
    text = table_markdown(dataset, StateView(dataset.states))
    assert "| | **Total** | **47** | **102** |" in text
    assert text.count("\n| ") == 1 + 12 + 1  # header, states, totals


def test_view_export_csv_keeps_filter_and_order(dataset: Dataset) -> None:
    """The CSV of a view has the shown rows only, in the shown order."""
    view = StateView(dataset.states)
    view.set_query("dakota")
    view.set_sort("name", reverse=True)
    rows = list(csv.DictReader(io.StringIO(view_export(dataset, view, "csv"))))
    assert [r["code"] for r in rows] == ["SD", "ND"]


def test_view_export_json_says_what_is_shown(dataset: Dataset) -> None:
    """JSON carries a view object so a partial file is not taken for the operation."""
    view = StateView(dataset.states)
    view.set_query("sud")
    doc = json.loads(view_export(dataset, view, "json"))
    assert [s["code"] for s in doc["states"]] == ["SD"]
    assert doc["view"] == {
        "query": "sud",
        "sort": "source",
        "reverse": False,
        "states_shown": 1,
        "states_total": 12,
    }


def test_view_export_markdown_names_the_filter(dataset: Dataset) -> None:
    """Markdown of a filtered view says so under its title."""
    view = StateView(dataset.states)
    view.set_query("tex")
    text = view_export(dataset, view, "markdown")
    assert text.splitlines()[2] == (
        "Shown: 1 of 12 states, filter “tex”, source order. Totals are those of the shown states."
    )
    assert "| TX | Texas |" in text
    assert "| MO |" not in text


def test_markdown_export_carries_what_the_source_says_of_the_operation(dataset: Dataset) -> None:
    """Who announced it and when, leadership, coordination, training, Schmitt's words, and
    the "victims and sex workers" caveat right under the totals."""
    from tui.output.export import to_markdown

    text = to_markdown(dataset)
    assert "Announced on 2021-08-27 by Eric Schmitt, Missouri Attorney General." in text
    for topic in ("Leadership", "Coordination", "Training", "Statement"):
        assert f"- **{topic}**: " in text
    assert "«\u202fL’opération Front uni est une opération sans précédent" in text
    assert "said Mr Schmitt" in text
    totals = text.index("| Victims rescued | 47 | 47† |")
    caveat = text.index("† The source counts the 47 as")
    assert 0 < caveat - totals < 400


def test_quotes_cannot_become_headings_or_lists() -> None:
    """A quote line that starts like Markdown block syntax stays text inside the block quote."""
    data = load_ok(document(state(quote='"# Title\\n- item\\n1. first\\nplain"')))
    text = state_citation(data, data.states[0])
    assert "> « \\# Title" not in text  # the guillemet comes first on the first line
    assert "> « # Title" in text
    assert "> \\- item" in text
    assert "> 1\\. first" in text
    assert "> plain »" in text
