"""Which figures the sources disagree on, from the records alone. Pure Python.

What the list, the footer and the charts mark with ``‡`` as they draw: cheap enough for every
painted row, and light to import (start-up needs it; :mod:`tui.dataset.agreement`, which
explains each disagreement, is imported when something asks for the explanation).
"""

from __future__ import annotations

from tui.dataset.model import METRICS, OPERATION_FIGURES, Reported, State


def contested_metrics(state: State) -> frozenset[str]:
    """The figures of ``state`` its sources disagree on, from the state alone (its own figures
    are the main source's, its claims the others'): cheap enough for every painted row."""
    if not state.claims:
        return frozenset()
    out = set()
    for metric in METRICS:
        values = {claim.figure(metric) for claim in state.claims}
        values.add(state.figure(metric))
        values.discard(None)
        if len(values) > 1:
            out.add(metric)
    return frozenset(out)


def contested_operation(reported: Reported) -> dict[str, tuple[int, ...]]:
    """For each operation-wide figure the sources disagree on, the values other than the main
    source's (every value when the main source gives none), in order of first appearance."""
    out: dict[str, tuple[int, ...]] = {}
    for name in OPERATION_FIGURES:
        main = reported.figure(name)
        given = (main, *(claim.figure(name) for claim in reported.claims))
        values = dict.fromkeys(value for value in given if value is not None)
        if len(values) > 1:
            out[name] = tuple(value for value in values if value != main)
    return out
