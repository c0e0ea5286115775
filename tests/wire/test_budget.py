"""Byte budgets per key: the wire layer's bytes are deterministic, so they are tested exactly."""

from __future__ import annotations

import pytest

from tests.wire.budget import CASES, PER_CELL, START_MAX, Case
from tests.wire.harness import KeyCost, session
from tui.dataset import Dataset


def over_budget(case: Case, cost: KeyCost) -> list[str]:
    """Why ``cost`` breaks ``case``'s budget (empty when it does not)."""
    problems = []
    if cost.bytes > PER_CELL * cost.changed:
        problems.append(f"{cost.bytes} B for {cost.changed} changed cells (> {PER_CELL}/cell)")
    if case.max_bytes is not None and cost.bytes > case.max_bytes:
        problems.append(f"{cost.bytes} B > {case.max_bytes} B")
    if cost.frames > 1:
        problems.append(f"{cost.frames} frames (one per key)")
    return [f"{case.name}: {problem}" for problem in problems]


async def measure(dataset: Dataset, cases: tuple[Case, ...], width: int, height: int) -> list[str]:
    """Press each case's key in a fresh explorer; return every broken budget.

    At 80x24 every case changes the screen; on a bigger one a dialog or a table may fit, and
    a key that scrolls it then changes nothing.
    """
    problems = []
    for case in cases:
        async with session(dataset, width, height) as run:
            for key in case.before:
                await run.press(key)
            cost = await run.press(case.key)
            assert cost.textual_bytes > 0 or cost.changed == 0, "cells changed, Textual wrote none"
            if (width, height) == (80, 24):
                # Nothing changed: a key the screen lacks (the case went stale).
                assert cost.changed > 0, f"{case.name}: the key changed nothing"
            problems += over_budget(case, cost)
    return problems


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
async def test_key_within_budget_at_80x24(dataset: Dataset, case: Case) -> None:
    """Each key costs at most 6 B per changed cell, in one frame (cursor keys <= 3,000 B)."""
    assert await measure(dataset, (case,), 80, 24) == []


async def test_key_costs_a_fraction_of_textuals_own(dataset: Dataset) -> None:
    """The saving is real: ``down`` costs under a tenth of what Textual alone writes."""
    async with session(dataset) as run:
        cost = await run.press("down")
    assert cost.changed > 100
    assert cost.bytes * 10 < cost.textual_bytes


async def test_start_within_budget(dataset: Dataset) -> None:
    """The first full frame at 80x24 costs at most 3x VisiData's start."""
    async with session(dataset) as run:
        start = sum(len(frame.encode()) for frame in run.driver.frames)
    assert 1_000 < start <= START_MAX


@pytest.mark.slow
@pytest.mark.parametrize(
    ("env", "width", "height"),
    [({"COLORTERM": "truecolor"}, 120, 40), ({"NO_COLOR": "1"}, 80, 24), ({}, 120, 40)],
    ids=["truecolor-120x40", "no-color-80x24", "256-120x40"],
)
async def test_budgets_hold_in_other_terminals(
    dataset: Dataset,
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    width: int,
    height: int,
) -> None:
    """The per-cell budget and one frame per key hold at 120x40, in truecolor, without colour."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    cases = tuple(Case(c.key, c.before, None, c.name) for c in CASES)
    assert await measure(dataset, cases, width, height) == []
