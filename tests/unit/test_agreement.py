"""The agreement model: verdicts per figure, contested states, each source's own arithmetic."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.helpers import CLAIM, HEAD_V2, load_ok, state
from tui.dataset import Dataset, Operation, Reported, Source
from tui.dataset.agreement import OPERATION_KEY, FigureAgreement, SourceValue, agreement
from tui.dataset.contested import contested_operation
from tui.dataset.model import OPERATION_FIGURES, Claim

THIRD = '\n[[sources]]\nid = "third"\npublisher = "A third publisher"\ndescription = "A third"\n'


def claim(source: str, locator: str = "row", **figures: int) -> str:
    """A ``[[states.claims]]`` table."""
    body = "".join(f"{key} = {value}\n" for key, value in figures.items())
    return f'\n[[states.claims]]\nsource = "{source}"\n{body}locator = "{locator}"\n'


# -- verdicts of one figure -------------------------------------------------------------------


def test_agreed_single_contested_unreported() -> None:
    """Two sources, one value: agreed; one source: single; two values: contested; none."""
    text = (
        HEAD_V2
        + state(arrests="4", victims_rescued="2")
        + claim("other", arrests=4, victims_minor=1)
    )
    found = agreement(load_ok(text)).state("KY")
    assert found.figure("arrests").verdict == "agreed"
    assert found.figure("victims_rescued").verdict == "single"
    assert found.figure("victims_minor").verdict == "single"
    assert found.figure("medical_services").verdict == "unreported"
    assert found.figure("medical_services").values == ()
    assert not found.contested
    assert found.contested_figures == ()

    text = HEAD_V2 + state(arrests="4") + claim("other", arrests=6)
    arrests = agreement(load_ok(text)).state("KY").figure("arrests")
    assert arrests.verdict == "contested"
    assert arrests.values == (
        SourceValue("main", 4, main=True),
        SourceValue("other", 6, locator="row"),
    )


def test_groups_put_the_main_value_first_and_group_agreeing_sources() -> None:
    """Who says each value: the main source's group first, others in order of appearance."""
    text = (
        HEAD_V2.replace('[[sources]]\nid = "other"', THIRD + '\n[[sources]]\nid = "other"')
        + state(arrests="7")
        + claim("third", arrests=13)
        + claim("other", arrests=7)
    )
    arrests = agreement(load_ok(text)).state("KY").figure("arrests")
    assert [(g.value, g.source_ids) for g in arrests.groups] == [
        (7, ("main", "other")),
        (13, ("third",)),
    ]
    assert arrests.main == SourceValue("main", 7, main=True)
    assert arrests.value_of("third") == 13
    assert arrests.value_of("nobody") is None


def test_a_figure_the_main_source_lacks_is_single_from_a_claim() -> None:
    """Iowa's case: the article gives no victims, one other source does."""
    text = HEAD_V2 + state(arrests="11") + claim("other", victims_rescued=10, arrests=3)
    found = agreement(load_ok(text)).state("KY")
    assert found.figure("victims_rescued").verdict == "single"
    assert found.figure("victims_rescued").main is None
    assert found.contested_figures == ("arrests",)


def test_a_derived_total_is_the_sources_value_marked_derived() -> None:
    """Kentucky: 21 adults + 2 minors = 23 against another source's 21 (minors included)."""
    text = (
        HEAD_V2
        + state(victims_adult="21", victims_minor="2")
        + claim("other", victims_rescued=21, victims_minor=2)
    )
    victims = agreement(load_ok(text)).state("KY").figure("victims_rescued")
    assert victims.verdict == "contested"
    assert victims.values[0] == SourceValue("main", 23, main=True, derived=True)
    assert agreement(load_ok(text)).state("KY").figure("victims_minor").verdict == "agreed"


def test_unknown_state_or_figure_raise_key_error() -> None:
    """Lookups are strict: a typo is a bug, not a silent None."""
    found = agreement(load_ok(HEAD_V2 + state(arrests="4") + CLAIM))
    with pytest.raises(KeyError):
        found.state("ZZ")
    with pytest.raises(KeyError):
        found.state("KY").figure("arrest")
    with pytest.raises(KeyError):
        found.source("nobody")


def test_figure_agreement_is_hashable_and_frozen() -> None:
    """Frozen values: the UI may cache them."""
    item = FigureAgreement("arrests", (SourceValue("a", 1, main=True),))
    assert hash(item) == hash(FigureAgreement("arrests", (SourceValue("a", 1, main=True),)))


# -- sum checks -------------------------------------------------------------------------------


def test_a_source_covering_every_state_gets_a_sum_check() -> None:
    """Its states' figures against the total it states; a partial source gets none."""
    reported = (
        "\n[reported]\nvictims_rescued = 5\narrests = 7\n"
        '\n[[reported.claims]]\nsource = "other"\nvictims_rescued = 9\narrests = 7\n'
        'locator = "totals"\n'
    )
    text = (
        HEAD_V2
        + reported
        + state(victims_rescued="3", arrests="4")
        + claim("other", victims_rescued=3, arrests=4)
        + state(code='"TX"', name='"Texas"', victims_rescued="2", arrests="3")
        + claim("other", victims_rescued=4, arrests=3)
    )
    found = agreement(load_ok(text))
    checks = {(c.source, c.figure): c for c in found.sum_checks}
    assert set(checks) == {
        ("main", "victims_rescued"),
        ("main", "arrests"),
        ("other", "victims_rescued"),
        ("other", "arrests"),
    }
    assert checks["main", "victims_rescued"].status == "match"
    other = checks["other", "victims_rescued"]
    assert (other.states_sum, other.stated, other.reporting, other.of) == (7, 9, 2, 2)
    assert other.status == "differs"
    assert found.contested_figures == ("victims_rescued",)

    # Without a claim for Texas, "other" does not cover every state: no sum check for it.
    partial = text.rsplit("\n[[states.claims]]", 1)[0] + "\n"
    found = agreement(load_ok(partial))
    assert {c.source for c in found.sum_checks} == {"main"}


def test_a_schema1_dataset_has_one_source_and_nothing_contested() -> None:
    """One source: every figure is single or unreported."""
    from tests.unit.helpers import document

    found = agreement(load_ok(document(state(arrests="3"))))
    assert not found.several_sources
    assert found.contested_states == ()
    assert found.state("KY").figure("arrests").verdict == "single"


# -- the bundled dataset ----------------------------------------------------------------------


def test_bundled_contested_states(dataset: Dataset) -> None:
    """Iowa, Kentucky, Oklahoma and Tennessee: the issue's four."""
    found = agreement(dataset)
    assert found.contested_states == ("IA", "KY", "OK", "TN")
    assert found.operation.key == OPERATION_KEY
    assert found.contested_figures == ("victims_rescued",)


def test_bundled_oklahoma_arrests(dataset: Dataset) -> None:
    """7 by the article (and its English edition), 13 by the Kentucky Governor's table."""
    arrests = agreement(dataset).state("OK").figure("arrests")
    assert [(g.value, g.source_ids) for g in arrests.groups] == [
        (7, ("et-fr", "et-en")),
        (13, ("ky-gov",)),
    ]
    assert agreement(dataset).state("OK").figure("victims_rescued").verdict == "agreed"


def test_bundled_victims_total(dataset: Dataset) -> None:
    """47 by six sources, 59 by the Kentucky Governor and Fox News."""
    victims = agreement(dataset).operation.figure("victims_rescued")
    assert [(g.value, g.source_ids) for g in victims.groups] == [
        (47, ("et-fr", "et-en", "mo-ago", "ap", "ia-dps", "hill")),
        (59, ("ky-gov", "fox")),
    ]


def test_bundled_kentucky_governors_table_adds_up_to_57(dataset: Dataset) -> None:
    """The Kentucky table's victims add up to 57 against its 59; its arrests to 102."""
    checks = {(c.source, c.figure): c for c in agreement(dataset).sum_checks}
    victims = checks["ky-gov", "victims_rescued"]
    assert (victims.states_sum, victims.stated, victims.status) == (57, 59, "differs")
    assert checks["ky-gov", "arrests"].status == "match"
    assert checks["ky-gov", "arrests"].states_sum == 102
    assert checks["et-fr", "victims_rescued"].states_sum == 47
    assert checks["et-fr", "victims_rescued"].status == "match"
    assert checks["et-en", "arrests"].status == "match"
    # Sources that give only a few states are not summed.
    assert not {c.source for c in agreement(dataset).sum_checks} & {"ap", "hill", "ia-dps"}


def test_bundled_iowa_and_tennessee(dataset: Dataset) -> None:
    """Iowa's victims come from one source; its arrests are 11 twice against 3."""
    iowa = agreement(dataset).state("IA")
    assert iowa.figure("victims_rescued").verdict == "single"
    assert [(g.value, g.source_ids) for g in iowa.figure("arrests").groups] == [
        (11, ("et-fr", "et-en", "ia-dps")),
        (3, ("ky-gov",)),
    ]
    tennessee = agreement(dataset).state("TN")
    assert tennessee.contested_figures == ("arrests",)
    assert tennessee.figure("victims_rescued").value_of("ky-gov") == 2


def test_a_large_single_source_dataset() -> None:
    """100,000 states of one source: nothing contested, the main source's sums are the totals,
    and a state's figures are still found by code."""
    from tests.unit.test_view import big_states
    from tui.dataset import Operation, Reported, Source, compute_totals

    states = tuple(big_states(100_000))
    totals = compute_totals(states)
    stated = totals["arrests"].total
    data = Dataset(Operation("Big"), Source("t"), Reported(arrests=stated), states)
    found = agreement(data)
    assert found.contested_states == ()
    (check,) = found.sum_checks
    assert (check.figure, check.states_sum, check.stated, check.status) == (
        "arrests",
        stated,
        stated,
        "match",
    )
    assert check.reporting == totals["arrests"].reporting
    last = states[-1]
    assert found.state(last.code).figure("arrests").value_of("source") == last.arrests


figures = st.tuples(*[st.one_of(st.none(), st.integers(0, 3))] * len(OPERATION_FIGURES))
"""Operation-wide figures (in OPERATION_FIGURES' order) from few values, so that sources often
agree and often not."""


@settings(max_examples=200, deadline=None)
@given(main=figures, others=st.lists(figures))
def test_the_footers_shortcut_agrees_with_the_model(
    main: tuple[int | None, ...], others: list[tuple[int | None, ...]]
) -> None:
    """The footer's ``≠`` values (contested_operation, light enough for start-up) are the
    model's: each contested figure's values other than the main source's, in its order."""
    assert OPERATION_FIGURES == (
        "states",
        "victims_rescued",
        "victims_minor",
        "arrests",
        "medical_services",
    )
    claims = tuple(
        Claim(
            f"s{i}",
            "total",
            states=s,
            victims_rescued=v,
            victims_minor=m,
            arrests=a,
            medical_services=c,
        )
        for i, (s, v, m, a, c) in enumerate(others)
    )
    s, v, m, a, c = main
    reported = Reported(
        states=s, victims_rescued=v, victims_minor=m, arrests=a, medical_services=c, claims=claims
    )
    data = Dataset(Operation("Op"), Source("t"), reported, ())
    expected = {}
    for item in agreement(data).operation.figures:
        if item.contested:
            first = item.main
            expected[item.figure] = tuple(
                g.value for g in item.groups if first is None or g.value != first.value
            )
    assert contested_operation(reported) == expected
