"""States' local names and aliases: read, validated like every string, and found by the filter."""

from __future__ import annotations

import pytest

from tests.unit.helpers import document, line_of, load_ok, only_problem, problem_at, state
from tui.dataset import Dataset
from tui.dataset.validate import MAX_LIST, MAX_STRING
from tui.dataset.view import StateView


def codes(view: StateView) -> list[str]:
    """Codes of the shown rows, in order."""
    return [view.state_at(row).code for row in range(len(view))]


def test_local_name_and_aliases_are_read() -> None:
    """Both keys reach the model; aliases keep their order."""
    text = document(state(local_name='"Kentucky (fr)"', aliases='["Bluegrass State", "K-Y"]'))
    only = load_ok(text).states[0]
    assert only.local_name == "Kentucky (fr)"
    assert only.aliases == ("Bluegrass State", "K-Y")


def test_both_are_optional() -> None:
    """Files written before the keys existed stay valid: no local name, no aliases."""
    only = load_ok(document(state())).states[0]
    assert only.local_name is None
    assert only.aliases == ()


def test_bundled_dataset_uses_the_articles_names(dataset: Dataset) -> None:
    """Every state carries the name the article uses; the Dakotas are French."""
    names = {s.code: s.local_name for s in dataset.states}
    assert names["SD"] == "Dakota du Sud"
    assert names["ND"] == "Dakota du Nord"
    assert names["TX"] == "Texas"
    assert all(names.values())


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"local_name": "3"}, "states[KY].local_name", "must be a string, not an integer"),
        ({"local_name": '"a\\u001bb"'}, "states[KY].local_name", "U+001B"),
        ({"local_name": '"a\\u202eb"'}, "states[KY].local_name", "U+202E"),
        ({"aliases": '"KY"'}, "states[KY].aliases", "must be an array of strings, not a string"),
        ({"aliases": '["ok", ""]'}, "states[KY].aliases[1]", "must not be empty"),
        ({"aliases": '["ok", 7]'}, "states[KY].aliases[1]", "must be a string, not an integer"),
        ({"aliases": '["a\\u0007"]'}, "states[KY].aliases[0]", "U+0007"),
    ],
)
def test_bad_values_are_located(fields: dict[str, str], field: str, message: str) -> None:
    """Wrong types, empty aliases and control or bidi characters: one located error each."""
    text = document(state(**fields))
    problem = only_problem(text)
    assert problem.field == field
    assert message in problem.message
    assert problem.line == line_of(text, next(iter(fields)))


def test_limits() -> None:
    """Strings over the length limit and lists over the entry limit are refused."""
    long_name = state(local_name='"' + "x" * (MAX_STRING + 1) + '"')
    assert "the limit is" in problem_at(document(long_name), "states[KY].local_name").message
    many = "[" + ", ".join(f'"a{i}"' for i in range(MAX_LIST + 1)) + "]"
    problem = problem_at(document(state(aliases=many)), "states[KY].aliases")
    assert f"the limit is {MAX_LIST}" in problem.message


def test_a_state_with_a_bad_alias_is_dropped_not_half_read() -> None:
    """An invalid alias makes the whole file invalid (the loader never returns half a state)."""
    text = document(state(aliases='["", "x"]'), state('"TX"', '"Texas"'))
    assert only_problem(text).field == "states[KY].aliases[0]"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dakota du sud", ["SD"]),
        ("Dakota du Sud", ["SD"]),
        ("sud", ["SD"]),
        ("SUD", ["SD"]),
        ("dakota du nord", ["ND"]),
        ("nord", ["ND"]),
        ("dakota", ["ND", "SD"]),
        ("south dakota", ["SD"]),
        ("sd", ["SD"]),
        ("Caroline", []),
        ("du sud dakota", []),
    ],
)
def test_filter_matches_french_names(dataset: Dataset, query: str, expected: list[str]) -> None:
    """The filter finds a state by its local name as well as its name and code."""
    view = StateView(dataset.states)
    view.set_query(query)
    assert codes(view) == expected


def test_filter_matches_aliases_accent_insensitively() -> None:
    """Aliases are searched, accents and case ignored; a query never spans two names."""
    text = document(
        state('"QC"', '"Quebec"', local_name='"Québec"', aliases='["Belle Province"]'),
        state('"ON"', '"Ontario"'),
    )
    view = StateView(load_ok(text).states)
    for query in ("quebec", "QUÉBEC", "belle prov", "BELLE PROVINCE", "qc"):
        view.set_query(query)
        assert codes(view) == ["QC"], query
    view.set_query("provincequebec")
    assert codes(view) == []
    view.set_query("ecbel")
    assert codes(view) == []
