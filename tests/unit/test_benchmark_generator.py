"""The benchmark generator writes valid datasets of the requested size (no timings here)."""

from __future__ import annotations

from pathlib import Path

from benchmarks import generate
from tui.dataset import load
from tui.dataset.validate import MAX_CODE


def test_thousand_rows_load_with_the_strict_loader(tmp_path: Path) -> None:
    path = generate.ensure(1_000, path=tmp_path / "synthetic-1k.toml")
    dataset = load(path)
    assert len(dataset.states) == 1_000
    assert dataset.states[0].code == "C000000"
    assert dataset.states[0].name == generate.FIRST_NAME
    assert len({state.code for state in dataset.states}) == 1_000
    assert all(len(state.code) <= MAX_CODE for state in dataset.states)


def test_rows_are_varied_like_real_ones(tmp_path: Path) -> None:
    dataset = load(generate.ensure(1_000, path=tmp_path / "synthetic-1k.toml"))
    states = dataset.states
    assert any(not state.name.isascii() for state in states)
    assert any(state.victims_rescued is None for state in states)
    assert any(state.victims_derived for state in states)
    assert any(state.arrests is None for state in states)
    assert any(state.notes for state in states)
    assert any(state.quote is not None for state in states)
    assert any(state.translation is not None for state in states)


def test_output_is_deterministic_and_about_200_bytes_a_row() -> None:
    text = generate.generate(1_000)
    assert text == generate.generate(1_000)
    assert text != generate.generate(1_000, seed=1)
    assert 150 <= len(text.encode("utf-8")) / 1_000 <= 250


def test_the_first_row_never_matches_a_filter_query() -> None:
    first = next(generate.rows(1))
    for query in generate.FILTER_QUERIES:
        assert query not in first.name.casefold()
