"""Schema version 2: several sources, claims, and their located errors; schema 1 unchanged."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.unit.helpers import ARTICLE, CLAIM, HEAD_V2, REPO, document, load_ok, problem_at, state
from tui.dataset import Dataset, load
from tui.dataset.model import MAIN_SOURCE_ID, METRICS

SCHEMA1 = REPO / "tests" / "data" / "schema1" / "operation-united-front.toml"
"""The bundled dataset as it was in schema version 1 (kept as a fixture: it must still load)."""


def v2(*blocks: str) -> str:
    """A schema-2 document: ``HEAD_V2`` and ``blocks`` (one state citing ``other`` if none)."""
    body = "".join(blocks)
    if "[[states]]" not in body:
        body += state(arrests="4") + CLAIM
    return HEAD_V2 + body


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the ``occurrence``-th line containing ``needle``."""
    lines = [i for i, line in enumerate(text.split("\n"), 1) if needle in line]
    return lines[occurrence - 1]


# -- schema 1 ---------------------------------------------------------------------------------


def test_the_schema1_fixture_still_loads_as_one_source() -> None:
    """The bundled dataset of schema 1 loads unchanged: one source, no claims."""
    old = load(SCHEMA1)
    assert old.schema_version == 1
    assert old.all_sources == (old.source,)
    assert old.source.id == MAIN_SOURCE_ID
    assert old.source.publisher == "Epoch Times (French edition)"
    assert all(s.claims == () for s in old.states)
    assert old.reported.claims == ()


def test_the_schema2_dataset_keeps_the_schema1_figures(dataset: Dataset) -> None:
    """Converting the bundled dataset to schema 2 changed no figure of the main source."""
    old = load(SCHEMA1)
    assert [s.code for s in dataset.states] == [s.code for s in old.states]
    for new, before in zip(dataset.states, old.states):
        assert [new.figure(m) for m in METRICS] == [before.figure(m) for m in METRICS]
        assert new.quote is not None and before.quote is not None
        # Only the no-break spaces of the article differ: schema 1 had plain spaces.
        assert new.quote.replace("\u202f", " ").replace("\xa0", " ") == before.quote
    for key in ("states", "victims_rescued", "arrests", "medical_services"):
        assert dataset.reported.figure(key) == old.reported.figure(key)


def test_a_schema1_file_may_not_use_schema2_keys() -> None:
    """Claims are version 2: in a version-1 file they are unknown keys, located."""
    text = document(state(arrests="3") + CLAIM)
    found = problem_at(text, "states[KY].claims")
    assert found.message.startswith("unknown key 'claims'")


# -- schema 2: what loads ---------------------------------------------------------------------


def test_a_schema2_file_loads_with_its_sources_and_claims() -> None:
    """Sources come main first; a state's claims keep their figures and locator."""
    data = load_ok(v2())
    assert data.schema_version == 2
    assert [s.id for s in data.all_sources] == ["main", "other"]
    assert data.source.id == "main"
    assert data.source_by_id("other") is not None
    assert data.source_by_id("nobody") is None
    (claim,) = data.states[0].claims
    assert (claim.source, claim.arrests, claim.locator) == ("other", 5, "table, row 1")
    assert claim.victims_rescued is None


def test_main_source_need_not_come_first_in_the_file() -> None:
    """``operation.main_source`` decides which source is main, not the file order."""
    text = v2().replace('main_source = "main"', 'main_source = "other"')
    text = text.replace('source = "other"\narrests', 'source = "main"\narrests')
    data = load_ok(text)
    assert data.source.id == "other"
    assert [s.id for s in data.all_sources] == ["other", "main"]


def test_a_claim_derives_victims_from_adults_and_minors() -> None:
    """As for a state: adult + minor without a total gives a derived total."""
    claim = '\n[[states.claims]]\nsource = "other"\nvictims_adult = 2\nvictims_minor = 1\n'
    data = load_ok(v2(state(arrests="1") + claim + 'locator = "row"\n'))
    (c,) = data.states[0].claims
    assert (c.victims_rescued, c.victims_derived) == (3, True)


def test_operation_claims_sources_via_dates_and_agency_tasks() -> None:
    """Every schema-2 key reaches the model."""
    text = (
        HEAD_V2.replace(
            'main_source = "main"', 'main_source = "main"\nbegan = 2021-08-26\nended = 2021-08-27'
        )
        + '\n[[sources.via]]\npublisher = "A station"\nurl = "https://example.org/x"\n'
        + '\n[reported]\nvictims_rescued = 47\nvictims_minor = 2\nstates_quote = "12 States"\n'
        + '\n[[reported.claims]]\nsource = "other"\nvictims_rescued = 59\nstates = 12\n'
        + 'locator = "totals"\n'
        + '\n[[agencies]]\nname = "A"\nrole = "participant"\nsource = "other"\ntask = "Led"\n'
        + state(began="2021-08-06", ended="2021-08-12", arrests="9")
    )
    data = load_ok(text)
    assert (data.operation.began, data.operation.ended) == (
        dt.date(2021, 8, 26),
        dt.date(2021, 8, 27),
    )
    other = data.source_by_id("other")
    assert other is not None and other.via[0].publisher == "A station"
    assert other.label == "Another report"
    assert data.reported.victims_minor == 2
    assert data.reported.claims[0].victims_rescued == 59
    assert data.reported.claims[0].states == 12
    assert data.agencies[0].task == "Led" and data.agencies[0].source == "other"
    assert data.states[0].began == dt.date(2021, 8, 6)


# -- schema 2: located errors -----------------------------------------------------------------


def test_unknown_source_in_a_claim_is_located() -> None:
    """A claim naming no [[sources]] entry: its line, its field, and a hint."""
    text = v2(state(arrests="4") + CLAIM.replace('"other"', '"othr"'))
    found = problem_at(text, "states[KY].claims[0].source")
    assert found.message == "unknown source 'othr'; did you mean 'other'?"
    assert found.line == line_of(text, 'source = "othr"')


def test_a_source_cited_by_no_claim_is_an_error() -> None:
    """A source nobody cites is located at its id."""
    text = v2(state(arrests="4"))
    found = problem_at(text, "sources[other].id")
    assert found.message == "'other' is cited by no claim, fact or agency"
    assert found.line == line_of(text, 'id = "other"')


def test_a_fact_or_agency_cites_a_source() -> None:
    """Facts and agencies count as citing their source."""
    fact = '\n[[operation.facts]]\ntopic = "T"\ntext = "X"\nsource = "other"\n'
    text = HEAD_V2.replace('\n[[sources]]\nid = "main"', fact + '\n[[sources]]\nid = "main"')
    assert load_ok(text + state(arrests="1")).operation.facts[0].source == "other"


def test_two_claims_of_one_source_for_one_figure() -> None:
    """The second claim's figure is the error, and it names the first claim."""
    text = v2(state(arrests="4") + CLAIM + CLAIM.replace("arrests = 5", "arrests = 6"))
    found = problem_at(text, "states[KY].claims[1].arrests")
    assert found.message == "a second claim of source 'other' for arrests (first: claims[0])"
    assert found.line == line_of(text, "arrests = 6")


def test_one_source_may_give_different_figures_in_two_claims() -> None:
    """Two claims of one source are fine when they give different figures."""
    second = CLAIM.replace("arrests = 5", "victims_rescued = 2")
    data = load_ok(v2(state(arrests="4") + CLAIM + second))
    assert len(data.states[0].claims) == 2


def test_a_claim_of_the_main_source_is_refused() -> None:
    """The main source's figures are the table's own keys."""
    text = v2(state(arrests="4") + CLAIM + CLAIM.replace('"other"', '"main"'))
    found = problem_at(text, "states[KY].claims[1].source")
    assert "is the main source" in found.message


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (('locator = "table, row 1"\n', ""), "states[KY].claims[0].locator", "is required"),
        (("arrests = 5\n", ""), "states[KY].claims[0]", "gives no figure"),
        (("arrests = 5", "arrests = -5"), "states[KY].claims[0].arrests", "must not be negative"),
        (("arrests = 5", "states = 5"), "states[KY].claims[0].states", "unknown key 'states'"),
        (('main_source = "main"\n', ""), "operation.main_source", "is required"),
        (('main_source = "main"', 'main_source = "x"'), "operation.main_source", "unknown source"),
        (('id = "other"', 'id = "Other"'), "sources[1].id", "may only use a-z"),
        (('id = "other"', 'id = "main"'), "sources[main].id", "duplicate id 'main'"),
        (('publisher = "Another publisher"\n', ""), "sources[other].publisher", "is required"),
        (('description = "Another report"\n', ""), "sources[other].title", "or a description"),
        (
            ('[[sources]]\nid = "other"', '[[sources]]\nkind = "blog"\nid = "other"'),
            "sources[other].kind",
            "must be one of primary release",
        ),
        (
            ('title = "A test source"', 'title = "A"\nurl = "example.org"'),
            "sources[main].url",
            "must start with https://",
        ),
    ],
)
def test_schema2_errors_are_located(change: tuple[str, str], field: str, message: str) -> None:
    """Each rule of version 2 names the field and finds its line."""
    text = v2().replace(*change, 1)
    found = problem_at(text, field)
    assert message in found.message
    assert found.line is not None


def test_a_claim_breaking_the_adult_minor_rule() -> None:
    """A claim's victims must agree with its adult and minor parts, as a state's must."""
    claim = '\n[[states.claims]]\nsource = "other"\nvictims_rescued = 2\nvictims_minor = 3\n'
    text = v2(state(arrests="1") + claim + 'locator = "row"\n')
    found = problem_at(text, "states[KY].claims[0].victims_rescued")
    assert "do not agree" in found.message


def test_an_operation_that_ends_before_it_began() -> None:
    """Dates in order."""
    text = v2().replace(
        'main_source = "main"', 'main_source = "main"\nbegan = 2021-08-27\nended = 2021-08-26'
    )
    assert problem_at(text, "operation.ended").message == "is 2021-08-26, before began (2021-08-27)"


def test_the_claims_of_the_second_state_are_located_under_it() -> None:
    """[[states.claims]] belongs to the [[states]] above it: the line is the second state's."""
    bad = CLAIM.replace("arrests = 5", "arrests = -1")
    text = v2(state(arrests="4") + CLAIM + state(code='"TX"', name='"Texas"') + bad)
    found = problem_at(text, "states[TX].claims[0].arrests")
    assert found.line == line_of(text, "arrests = -1")


def test_a_schema1_source_table_in_a_schema2_file() -> None:
    """Version 2 has [[sources]]; [source] is an unknown key there."""
    text = v2() + '\n[source]\ntitle = "x"\n'
    assert problem_at(text, "source").message.startswith("unknown key 'source'")


def test_bundled_quotes_are_the_articles_bytes(dataset: Dataset) -> None:
    """Every quote of the main source is a substring of the article, no-break spaces included."""
    if not ARTICLE.is_file():
        pytest.skip(f"article not found at {ARTICLE}")
    text = ARTICLE.read_text(encoding="utf-8")
    quotes = [s.quote for s in dataset.states] + [dataset.reported.quote]
    quotes += [dataset.reported.states_quote, dataset.source.title]
    quotes += [f.quote for f in dataset.operation.facts] + [a.quote for a in dataset.agencies]
    quotes += [c.quote for c in dataset.context]
    assert "Missouri\u202f: 4 victimes" in text
    for quote in quotes:
        assert quote is None or quote in text, quote
