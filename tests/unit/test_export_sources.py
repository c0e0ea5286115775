"""Exports and citations carry every source: JSON sources and claims, the CSV long table,
Markdown's "Where the sources disagree", citations of contested states, the SVG footer."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.unit.helpers import REPO, document, load_ok, state
from tui import i18n
from tui.cli.main import EXIT_OK, EXIT_USAGE, main
from tui.dataset import Dataset, State, load
from tui.dataset.model import METRICS
from tui.dataset.view import StateView
from tui.output.cite import state_citation, table_markdown, view_export
from tui.output.export import CLAIM_COLUMNS, to_claims_csv, to_document, to_markdown
from tui.output.svg import bars_svg, map_svg

Capsys = pytest.CaptureFixture[str]
SCHEMA1 = REPO / "tests" / "data" / "schema1" / "operation-united-front.toml"


@pytest.fixture
def french() -> Iterator[None]:
    """The French UI for one test, English again afterwards."""
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


def by_code(dataset: Dataset, code: str) -> State:
    """The bundled state with ``code``."""
    return next(s for s in dataset.states if s.code == code)


def state_doc(doc: dict[str, Any], code: str) -> dict[str, Any]:
    """The JSON object of state ``code``."""
    found: dict[str, Any] = next(s for s in doc["states"] if s["code"] == code)
    return found


# -- JSON -------------------------------------------------------------------------------------


def test_json_lists_every_source(dataset: Dataset) -> None:
    """A top-level "sources" list, main first, each with at least id, url and publisher."""
    doc = to_document(dataset)
    ids = [s["id"] for s in doc["sources"]]
    assert ids == [
        "et-fr", "et-en", "mo-ago", "ap", "ia-dps",
        "hill", "ky-gov", "ksp-wdrb", "fox", "ap-sturgis",
    ]  # fmt: skip
    for source in doc["sources"]:
        assert {"id", "url", "publisher"} <= set(source)
    ky = next(s for s in doc["sources"] if s["id"] == "ky-gov")
    assert ky["publisher"] == "Office of Kentucky Governor Andy Beshear"
    assert ky["url"] is None
    assert ky["read_at"] == ky["via"][0]["url"]
    assert ky["via"][0]["publisher"] == "WCPO / LEX 18"
    assert ky["kind"] == "primary release"
    assert doc["source"]["id"] == "et-fr"


def test_json_state_claims_include_the_main_source(dataset: Dataset) -> None:
    """Oklahoma: the article's 7 (its own keys), the English edition's 7, the Kentucky
    table's 13; only the figures each source gives."""
    claims = state_doc(to_document(dataset), "OK")["claims"]
    assert claims == [
        {"source": "et-fr", "victims_rescued": 1, "arrests": 7, "locator": None},
        {
            "source": "et-en",
            "victims_rescued": 1,
            "arrests": 7,
            "locator": "the state-by-state list, Oklahoma",
        },
        {
            "source": "ky-gov",
            "victims_rescued": 1,
            "arrests": 13,
            "locator": "state table, Oklahoma row",
        },
    ]
    kentucky = state_doc(to_document(dataset), "KY")["claims"][0]
    assert kentucky == {
        "source": "et-fr",
        "victims_rescued": 23,
        "victims_adult": 21,
        "victims_minor": 2,
        "arrests": 46,
        "victims_derived": True,
        "locator": None,
    }


def test_json_operation_claims(dataset: Dataset) -> None:
    """The operation's claims: the article's [reported] first, then 47s and 59s."""
    doc = to_document(dataset)
    claims = doc["operation"]["claims"]
    assert claims[0] == {
        "source": "et-fr",
        "states": 12,
        "victims_rescued": 47,
        "arrests": 102,
        "medical_services": 41,
        "locator": None,
    }
    assert {c["source"]: c["victims_rescued"] for c in claims}["ky-gov"] == 59
    assert "claims" not in doc["reported"]
    assert doc["agreement"]["contested"][0]["figure"] == "victims_rescued"


def test_json_of_a_schema1_file_names_its_one_source() -> None:
    """One source, id "source", and the claims are the main source's only."""
    doc = to_document(load(SCHEMA1))
    assert [s["id"] for s in doc["sources"]] == ["source"]
    assert state_doc(doc, "OK")["claims"] == [
        {"source": "source", "victims_rescued": 1, "arrests": 7, "locator": None}
    ]
    assert doc["agreement"]["contested"] == []


def test_a_state_without_any_figure_has_no_main_claim() -> None:
    """No figure from the main source: no empty claim object."""
    doc = to_document(load_ok(document(state())))
    assert state_doc(doc, "KY")["claims"] == []


# -- CSV --claims -----------------------------------------------------------------------------


def test_claims_csv_is_a_long_table(dataset: Dataset) -> None:
    """One row per state (or the operation) x source x figure, with the figure's verdict."""
    rows = list(csv.DictReader(io.StringIO(to_claims_csv(dataset))))
    assert tuple(rows[0]) == CLAIM_COLUMNS
    oklahoma = [
        (r["source"], r["value"], r["main_source"], r["verdict"])
        for r in rows
        if r["code"] == "OK" and r["figure"] == "arrests"
    ]
    assert oklahoma == [
        ("et-fr", "7", "yes", "contested"),
        ("et-en", "7", "", "contested"),
        ("ky-gov", "13", "", "contested"),
    ]
    ky = next(
        r
        for r in rows
        if r["code"] == "KY" and r["source"] == "et-fr" and r["figure"] == "victims_rescued"
    )
    assert (ky["value"], ky["derived"]) == ("23", "yes")
    fox = next(
        r
        for r in rows
        if r["scope"] == "operation" and r["source"] == "fox" and r["figure"] == "victims_rescued"
    )
    assert (fox["value"], fox["publisher"], fox["verdict"]) == ("59", "Fox News", "contested")
    # Every claimed figure is one row: 12 states' and the operation's.
    count = sum(1 for r in rows if r["scope"] == "state")
    assert count == sum(
        int(s.figure(m) is not None) + sum(int(c.figure(m) is not None) for c in s.claims)
        for s in dataset.states
        for m in METRICS
    )


def test_export_claims_option(tmp_path: Path, capsys: Capsys) -> None:
    """``export --format csv --claims``; --claims with another format is a usage error."""
    target = tmp_path / "claims.csv"
    assert main(["export", "--format", "csv", "--claims", "-o", str(target)]) == EXIT_OK
    assert target.read_text(encoding="utf-8").startswith(",".join(CLAIM_COLUMNS) + "\n")
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "json", "--claims"])
    assert info.value.code == EXIT_USAGE
    assert "--claims applies to CSV only" in capsys.readouterr().err


# -- Markdown ---------------------------------------------------------------------------------


def test_markdown_says_where_the_sources_disagree(dataset: Dataset) -> None:
    """The section lists each contested figure with who says each value, and the sums."""
    text = to_markdown(dataset)
    section = text[text.index("## Where the sources disagree") : text.index("## Source\n")]
    assert (
        "- **Oklahoma (OK), arrests**: 7 according to Epoch Times (French edition) "
        "(1 September 2021), The Epoch Times (English edition); 13 according to Office of "
        "Kentucky Governor Andy Beshear (1 September 2021).\n" in section
    )
    assert "(sum of adults and minors)" in section
    assert (
        "| Office of Kentucky Governor Andy Beshear (1 September 2021) | Victims rescued | 57 "
        "| 9 of 12 | 59 | ⚠ differs |" in section
    )
    others = text[text.index("## Other sources") :]
    assert "via KTTN <https://www.kttn.com/" in others
    assert "[ap-sturgis]" in others


def test_markdown_of_one_source_has_no_disagreement_section() -> None:
    """A schema-1 file: nothing to compare, no section."""
    text = to_markdown(load(SCHEMA1))
    assert "Where the sources disagree" not in text and "Other sources" not in text


def test_a_filtered_view_leaves_out_the_sums(dataset: Dataset) -> None:
    """Sums over a filtered view would differ for no reason: left out of views."""
    view = StateView(dataset.states)
    view.set_query("oklahoma")
    text = view_export(dataset, view, "markdown")
    assert "Oklahoma (OK), arrests" in text
    assert "own sums" not in text
    document_ = json.loads(view_export(dataset, view, "json"))
    assert "sum_checks" not in document_["agreement"]


# -- citations --------------------------------------------------------------------------------


def test_citation_of_a_contested_state_names_both_figures(dataset: Dataset) -> None:
    """``y`` on Oklahoma: 7 and 13, each with its sources; the primary source is named."""
    text = state_citation(dataset, by_code(dataset, "OK"))
    assert (
        "- Oklahoma: 7 arrests according to Epoch Times (French edition) (1 September 2021), "
        "The Epoch Times (English edition); 13 according to Office of Kentucky Governor Andy "
        "Beshear (1 September 2021).\n" in text
    )
    assert text.index("**The sources disagree:**") < text.index("English translation")
    assert text.endswith(
        "Primary source: the Missouri Attorney General's Office's release of 27 August 2021, "
        "as reported by *Epoch Times (French edition)*.\n"
    )
    assert "English translation (made for this dataset):" in text


def test_citation_of_an_uncontested_state_says_nothing_of_disagreement(dataset: Dataset) -> None:
    """Missouri: every source agrees."""
    text = state_citation(dataset, by_code(dataset, "MO"))
    assert "disagree" not in text
    assert "Primary source:" in text


@pytest.mark.usefixtures("french")
def test_citation_of_a_contested_state_in_french(dataset: Dataset) -> None:
    """French labels and punctuation; the dataset's text as it is."""
    text = state_citation(dataset, by_code(dataset, "OK"))
    assert "**Les sources divergent\u00a0:**" in text
    assert (
        "- Oklahoma : 7 arrestations selon Epoch Times (French edition) (1er septembre 2021), "
        "The Epoch Times (English edition) ; 13 selon Office of Kentucky Governor Andy Beshear "
        "(1er septembre 2021).\n" in text
    )
    assert "Traduction anglaise (faite pour ce jeu de données)\u00a0:" in text
    assert "Source primaire\u00a0: the Missouri Attorney General's Office's release" in text


def test_table_citation_marks_contested_cells(dataset: Dataset) -> None:
    """The shown table: ‡ on contested figures, and who says what below it."""
    text = table_markdown(dataset, StateView(dataset.states))
    assert "| OK | Oklahoma | 1 | 7‡ |" in text
    assert "| KY | Kentucky | 23‡ | 46 |" in text
    assert "| MO | Missouri | 4 | 2 |" in text
    assert "‡ The sources disagree:" in text
    assert "- Tennessee: 4 arrests according to" in text
    assert "Primary source:" in text


# -- SVG --------------------------------------------------------------------------------------


def test_svg_footer_names_the_sources_and_the_mark(dataset: Dataset) -> None:
    """The contested mark is explained, the other sources named, the primary source too."""
    for svg in (map_svg(dataset), bars_svg(dataset)):
        assert "‡ the sources disagree on this figure" in svg
        assert "Other sources: The Epoch Times (English edition); Missouri Attorney" in svg
        assert "Primary source: the Missouri Attorney General" in svg
    assert ">7‡<" in map_svg(dataset)


def test_svg_of_one_source_has_no_mark() -> None:
    """A schema-1 file: no mark, no other sources."""
    svg = map_svg(load(SCHEMA1))
    assert "‡" not in svg and "Other sources" not in svg
