"""StateView: sorting, filtering and totals on the model, exact at 12 and at 100,000 rows."""

from __future__ import annotations

import random

import pytest

from tui.dataset import Dataset, State, compute_totals
from tui.dataset.text import _full_fold, fold
from tui.dataset.view import SORT_KEYS, StateView, split_query


def codes(view: StateView) -> list[str]:
    """Codes of the shown rows, in order."""
    return [view.state_at(row).code for row in range(len(view))]


def big_states(n: int, seed: int = 7) -> list[State]:
    """``n`` synthetic states, some figures absent, some accented names."""
    rng = random.Random(seed)
    names = ("Côte", "Rivière", "Mont", "Lac", "Saint-Étienne", "Val", "Dakota", "Ŧest")
    out = []
    for i in range(n):
        victims = None if rng.random() < 0.3 else rng.randrange(0, 50)
        arrests = None if rng.random() < 0.1 else rng.randrange(0, 90)
        name = f"{rng.choice(names)} {i}"
        out.append(State(f"C{i:06d}", name, victims_rescued=victims, arrests=arrests))
    return out


def test_source_order_and_reverse(dataset: Dataset) -> None:
    """Source order is the dataset's; reversed, it runs backwards."""
    view = StateView(dataset.states)
    assert codes(view) == [s.code for s in dataset.states]
    view.toggle_reverse()
    assert codes(view) == [s.code for s in reversed(dataset.states)]
    assert view.title == "12 · source order, reversed"


def test_cycle_resets_direction(dataset: Dataset) -> None:
    """`s` walks source → name → victims → arrests → source, each starting in its default."""
    view = StateView(dataset.states)
    seen = []
    for _ in SORT_KEYS:
        view.toggle_reverse()
        seen.append(view.cycle_sort())
        assert not view.reverse
    assert seen == ["name", "victims", "arrests", "source"]


def test_numeric_sorts_put_not_reported_last_both_ways(dataset: Dataset) -> None:
    """Not reported is not a small number: it sorts last, high-to-low and low-to-high."""
    view = StateView(dataset.states)
    view.set_sort("victims")
    shown = [view.state_at(r).victims_rescued for r in range(len(view))]
    assert shown == [23, 8, 6, 4, 4, 1, 1, None, None, None, None, None]
    view.toggle_reverse()
    shown = [view.state_at(r).victims_rescued for r in range(len(view))]
    assert shown == [1, 1, 4, 4, 6, 8, 23, None, None, None, None, None]
    assert codes(view)[:2] == ["IL", "OK"]  # ties keep source order


def test_filter_is_case_and_accent_insensitive(dataset: Dataset) -> None:
    """Name or code, any case, accents ignored on both sides."""
    view = StateView(dataset.states)
    view.set_query("DAKOTA")
    assert codes(view) == ["ND", "SD"]
    view.set_query("ténnessée")
    assert codes(view) == ["TN"]
    view.set_query("ky")
    assert codes(view) == ["KY"]
    view.set_query("   ")
    assert len(view) == 12 and not view.filtered
    view.set_query("zzz")
    assert len(view) == 0
    assert view.title == "0 of 12 · source order"


def test_filter_keeps_the_sort(dataset: Dataset) -> None:
    """Filtering a sorted list keeps its order."""
    view = StateView(dataset.states)
    view.set_sort("arrests")
    view.set_query("o")
    arrests = [view.state_at(r).arrests or 0 for r in range(len(view))]
    assert arrests == sorted(arrests, reverse=True)


def test_totals_follow_the_filter(dataset: Dataset) -> None:
    """Totals are over the shown states only, and equal compute_totals on them."""
    view = StateView(dataset.states)
    assert view.totals() == compute_totals(dataset.states)
    view.set_query("dakota")
    totals = view.totals()
    assert totals.states == 2
    assert totals["victims_rescued"].total == 6 and totals["victims_rescued"].reporting == 1
    assert totals["arrests"].total == 12


def test_row_of(dataset: Dataset) -> None:
    """row_of finds a state's display row, or None when the filter hides it."""
    view = StateView(dataset.states)
    assert view.row_of(3) == 3
    view.set_query("dakota")
    assert view.row_of(6) == 0
    assert view.row_of(3) is None


@pytest.mark.parametrize(
    "text", ["Saint-Étienne", "Straße", "İstanbul", "東京", "Ελλάδα", "Œuvre", "ﬁne", "e\u0301cole"]
)
def test_fast_fold_agrees_with_full_fold(text: str) -> None:
    """The table-driven fold gives what full Unicode folding gives."""
    assert fold(text) == _full_fold(text)


class TestAtScale:
    """100,000 rows: every answer still exact (speed is measured in benchmarks/, not here)."""

    N = 100_000

    @pytest.fixture(scope="class")
    def states(self) -> list[State]:
        """A large synthetic list, built once."""
        return big_states(self.N)

    def test_sorts(self, states: list[State]) -> None:
        """Each sort orders every row, not reported last."""
        view = StateView(states)
        view.warm()
        view.set_sort("victims")
        values = [view.state_at(r).victims_rescued for r in range(len(view))]
        reported = [v for v in values if v is not None]
        assert reported == sorted(reported, reverse=True)
        assert values[len(reported) :] == [None] * (self.N - len(reported))
        view.set_sort("name")
        names = [fold(view.state_at(r).name) for r in (0, 1, self.N // 2, self.N - 1)]
        assert names == sorted(names)
        assert len(view) == self.N

    def test_filter_and_totals_exact(self, states: list[State]) -> None:
        """Filtered rows and totals equal a brute-force computation."""
        view = StateView(states)
        view.set_query("riviere 9")
        expected = [s for s in states if "riviere 9" in fold(s.name)]
        assert [view.state_at(r) for r in range(len(view))] == expected
        assert view.totals() == compute_totals(expected)
        view.set_query("")
        assert len(view) == self.N
        assert view.totals() == compute_totals(states)


def test_bang_keeps_contested_states_only(dataset: Dataset) -> None:
    """`!` alone: the four states the sources disagree on, in the list's order."""
    view = StateView(dataset.states)
    view.set_query("!")
    assert codes(view) == ["IA", "KY", "OK", "TN"]
    assert view.filtered
    view.set_sort("name", reverse=True)
    assert codes(view) == ["TN", "OK", "KY", "IA"]


def test_bang_before_a_name_narrows_both_ways(dataset: Dataset) -> None:
    """`!ken` is contested and matching; a name alone keeps uncontested states too."""
    view = StateView(dataset.states)
    view.set_query("!ken")
    assert codes(view) == ["KY"]
    view.set_query("  ! o ")
    assert codes(view) == ["IA", "OK"]  # "o" in Iowa and Oklahoma, not Kentucky or Tennessee
    view.set_query("!dak")
    assert codes(view) == []  # the Dakotas: one source each, nothing contested
    view.set_query("dak")
    assert codes(view) == ["ND", "SD"]


def test_bang_totals_are_those_of_the_contested_states(dataset: Dataset) -> None:
    """The shown totals follow a `!` filter like any other."""
    view = StateView(dataset.states)
    view.set_query("!")
    shown = {"IA", "KY", "OK", "TN"}
    arrests = [s.arrests for s in dataset.states if s.code in shown and s.arrests is not None]
    assert view.totals()["arrests"].total == sum(arrests)
    assert view.totals().states == 4


def test_split_query() -> None:
    """The prefix and the name, spaces ignored; `!` inside a name is a character."""
    assert split_query("!dak") == (True, "dak")
    assert split_query(" ! ") == (True, "")
    assert split_query("da!k") == (False, "da!k")
    assert split_query("") == (False, "")


def test_a_single_source_dataset_has_no_contested_state(dataset: Dataset) -> None:
    """Without claims there is nothing to disagree: `!` shows no state."""
    view = StateView([State(s.code, s.name, arrests=s.arrests) for s in dataset.states])
    view.set_query("!")
    assert codes(view) == []
