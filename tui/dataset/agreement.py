"""Where the sources agree and where they disagree: pure, derived from a :class:`Dataset`.

Usage::

    from tui.dataset.agreement import agreement

    found = agreement(dataset)                   # Agreement (compute once per dataset)
    ok = found.state("OK")                       # FigureSet of Oklahoma (KeyError if unknown)
    arrests = ok.figure("arrests")               # FigureAgreement
    arrests.verdict                              # "contested"
    arrests.values                               # (SourceValue("et-fr", 7, main=True), ...)
    arrests.groups                               # 7: (et-fr, et-en); 13: (ky-gov,)
    ok.contested                                 # True: some figure of the state is contested
    ok.contested_figures                         # ("arrests",)
    found.contested_states                       # ("IA", "KY", "OK", "TN")
    found.operation.figure("victims_rescued")    # 47 (et-fr, ...) against 59 (ky-gov, fox)
    found.sum_checks                             # each source's states against its own total
    found.source("ky-gov")                       # the Source (publisher, date, url, via)

The marks drawn for every row (:func:`~tui.dataset.contested.contested_metrics`, from a State
alone) are in :mod:`tui.dataset.contested`, which start-up imports instead of this module.

Verdicts (:data:`Verdict`): ``agreed`` (two sources or more, one value), ``single`` (one
source gives the figure), ``contested`` (two values or more), ``unreported`` (no source).

A state's figures are :data:`~tui.dataset.model.METRICS`; the operation's are
:data:`~tui.dataset.model.OPERATION_FIGURES`. The main source's value comes first in
``values``, then the claims in file order; a derived victims total (adult + minor) is the
source's value, with ``derived`` set.

A *sum check* (:class:`SumCheck`) is made for each source that gives figures for every state of
the dataset (the main source always does): for each operation-wide figure the source states
and some state of its gives, the sum of its state figures against that total. The Kentucky
Governor's table adds up to 57 victims against its own 59.

Values are frozen and hashable (:class:`Agreement` itself compares by identity: it holds the
dataset). Building an :class:`Agreement` is cheap at 100,000 states: a state's
:class:`FigureSet` is made when asked for. Nothing here imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from tui.dataset.compat import SLOTS
from tui.dataset.contested import contested_metrics
from tui.dataset.model import METRICS, OPERATION_FIGURES, Claim, Dataset, Source, State
from tui.dataset.totals import compute_totals

Verdict = Literal["agreed", "single", "contested", "unreported"]
SumStatus = Literal["match", "differs"]

OPERATION_KEY = "operation"
"""The ``key`` of the operation-wide :class:`FigureSet`."""

SUMMED: tuple[str, ...] = ("victims_rescued", "victims_minor", "arrests", "medical_services")
"""Operation-wide figures that are sums of state figures (``states`` is a count, not a sum)."""


@dataclass(frozen=True, **SLOTS)
class SourceValue:
    """One source's value for one figure."""

    source: str
    """The source's id (:meth:`Agreement.source` gives its publisher, date, url)."""
    value: int
    main: bool = False
    """True for the main source (the table's own keys)."""
    derived: bool = False
    """True when the value is the source's adult + minor victims, not a stated total."""
    locator: str | None = None
    """Where in the source the value is (claims only; the main source has its quotes)."""


@dataclass(frozen=True, **SLOTS)
class ValueGroup:
    """One value and every source that gives it."""

    value: int
    sources: tuple[SourceValue, ...]

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The ids of the sources giving this value, in order."""
        return tuple(v.source for v in self.sources)


@dataclass(frozen=True, **SLOTS)
class FigureAgreement:
    """Every source's value for one figure of one state (or of the operation)."""

    figure: str
    """A metric (``arrests``...) or, operation-wide, ``states``."""
    values: tuple[SourceValue, ...] = ()
    """Each source that gives the figure: the main source first, then claims in file order."""

    @property
    def verdict(self) -> Verdict:
        """``agreed``, ``single``, ``contested`` or ``unreported``."""
        if not self.values:
            return "unreported"
        if len({v.value for v in self.values}) > 1:
            return "contested"
        return "single" if len(self.values) == 1 else "agreed"

    @property
    def contested(self) -> bool:
        """True when the sources give different values."""
        return self.verdict == "contested"

    @property
    def groups(self) -> tuple[ValueGroup, ...]:
        """The values with the sources giving each: the main source's value first, then in
        order of first appearance (agreeing sources grouped)."""
        order: dict[int, list[SourceValue]] = {}
        for value in sorted(self.values, key=lambda v: not v.main):
            order.setdefault(value.value, []).append(value)
        return tuple(ValueGroup(value, tuple(group)) for value, group in order.items())

    @property
    def main(self) -> SourceValue | None:
        """The main source's value, if it gives one."""
        return next((v for v in self.values if v.main), None)

    def value_of(self, source: str) -> int | None:
        """The value source ``source`` gives, or None."""
        return next((v.value for v in self.values if v.source == source), None)


@dataclass(frozen=True, **SLOTS)
class FigureSet:
    """The agreement on each figure of one state, or of the whole operation."""

    key: str
    """The state's code, or :data:`OPERATION_KEY`."""
    figures: tuple[FigureAgreement, ...]

    def figure(self, name: str) -> FigureAgreement:
        """The agreement on figure ``name`` (KeyError when the set has no such figure)."""
        for item in self.figures:
            if item.figure == name:
                return item
        raise KeyError(name)

    @property
    def contested_figures(self) -> tuple[str, ...]:
        """The figures the sources disagree on, in display order."""
        return tuple(f.figure for f in self.figures if f.contested)

    @property
    def contested(self) -> bool:
        """True when any figure is contested."""
        return any(f.contested for f in self.figures)

    @property
    def sources(self) -> tuple[str, ...]:
        """Ids of the sources giving any figure here, main first."""
        seen: dict[str, None] = {}
        for item in self.figures:
            for value in item.values:
                if value.main:
                    seen = {value.source: None, **seen}
                else:
                    seen.setdefault(value.source, None)
        return tuple(seen)


@dataclass(frozen=True, **SLOTS)
class SumCheck:
    """One source's own arithmetic: its state figures against the total it states."""

    source: str
    figure: str
    states_sum: int
    """The sum over the states for which the source gives the figure."""
    reporting: int
    """How many states it gives the figure for."""
    of: int
    """How many states the dataset has."""
    stated: int
    """The operation-wide figure the source states."""

    @property
    def status(self) -> SumStatus:
        """``match`` or ``differs``."""
        return "match" if self.states_sum == self.stated else "differs"


@dataclass(frozen=True, eq=False, **SLOTS)
class Agreement:
    """The agreement of every source on every figure of a dataset.

    Cheap to build at 100,000 states: a state's :class:`FigureSet` is made when asked for
    (:meth:`state`, :attr:`states`); contested states are found from the claims alone.
    Compared by identity (it holds the whole dataset).
    """

    dataset: Dataset
    operation: FigureSet
    """The operation-wide figures (:data:`~tui.dataset.model.OPERATION_FIGURES`)."""
    sum_checks: tuple[SumCheck, ...]
    """Each complete source's sum checks, main source first."""
    contested_states: tuple[str, ...]
    """Codes of the states with a contested figure, in the dataset's order."""
    _index: dict[str, int] = field(default_factory=dict, repr=False)
    """State code -> position, filled on the first :meth:`state`."""

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source, main first (as :attr:`Dataset.all_sources`)."""
        return self.dataset.all_sources

    @property
    def states(self) -> tuple[FigureSet, ...]:
        """One :class:`FigureSet` per state, in the dataset's order (built on each call)."""
        main_id = self.dataset.source.id
        return tuple(_state(state, main_id) for state in self.dataset.states)

    def state(self, code: str) -> FigureSet:
        """The agreement on state ``code`` (KeyError when the dataset has no such state)."""
        states = self.dataset.states
        if not self._index:
            self._index.update((s.code, i) for i, s in enumerate(states))
        return _state(states[self._index[code]], self.dataset.source.id)

    def source(self, source_id: str) -> Source:
        """The source whose id is ``source_id`` (KeyError when there is none)."""
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

    @property
    def contested_figures(self) -> tuple[str, ...]:
        """The operation-wide figures the sources disagree on."""
        return self.operation.contested_figures

    @property
    def several_sources(self) -> bool:
        """True when the dataset has more than one source (else every verdict is single)."""
        return len(self.sources) > 1


def _values(
    name: str, main_id: str, main: int | None, main_derived: bool, claims: tuple[Claim, ...]
) -> FigureAgreement:
    """The agreement on one figure: the main source's value, then each claim's."""
    values: list[SourceValue] = []
    if main is not None:
        values.append(SourceValue(main_id, main, main=True, derived=main_derived))
    for claim in claims:
        value = claim.figure(name)
        if value is not None:
            derived = name == "victims_rescued" and claim.victims_derived
            values.append(SourceValue(claim.source, value, False, derived, claim.locator))
    return FigureAgreement(name, tuple(values))


def _state(state: State, main_id: str) -> FigureSet:
    """The agreement on each figure of one state."""
    figures = tuple(
        _values(
            metric,
            main_id,
            state.figure(metric),
            metric == "victims_rescued" and state.victims_derived,
            state.claims,
        )
        for metric in METRICS
    )
    return FigureSet(state.code, figures)


def _sum_checks(dataset: Dataset, operation: FigureSet) -> list[SumCheck]:
    """Each source giving figures for every state, checked against its own totals.

    The main source's figures are every state's own keys (it covers every state); another
    source covers them when it has a claim for each.
    """
    n = len(dataset.states)
    main_id = dataset.source.id
    covered: dict[str, int] = {}
    sums: dict[tuple[str, str], list[int]] = {}
    for state in dataset.states:
        if not state.claims:
            continue
        for source_id in {claim.source for claim in state.claims}:
            covered[source_id] = covered.get(source_id, 0) + 1
        for claim in state.claims:
            for name in SUMMED:
                value = claim.figure(name)
                if value is not None:
                    acc = sums.setdefault((claim.source, name), [0, 0])
                    acc[0] += value
                    acc[1] += 1
    totals = compute_totals(dataset.states)
    checks: list[SumCheck] = []
    for source in dataset.all_sources:
        for name in SUMMED:
            stated = operation.figure(name).value_of(source.id)
            if stated is None:
                continue
            if source.id == main_id:
                total = totals[name]  # type: ignore[index]
                if total.reporting:
                    checks.append(SumCheck(main_id, name, total.total, total.reporting, n, stated))
            elif n and covered.get(source.id) == n and (source.id, name) in sums:
                value, count = sums[source.id, name]
                checks.append(SumCheck(source.id, name, value, count, n, stated))
    return checks


def agreement(dataset: Dataset) -> Agreement:
    """Gather every source's value for every figure of ``dataset`` and judge their agreement."""
    main_id = dataset.source.id
    reported = dataset.reported
    operation = FigureSet(
        OPERATION_KEY,
        tuple(
            _values(name, main_id, reported.figure(name), False, reported.claims)
            for name in OPERATION_FIGURES
        ),
    )
    contested = tuple(s.code for s in dataset.states if s.claims and contested_metrics(s))
    return Agreement(dataset, operation, tuple(_sum_checks(dataset, operation)), contested)


def agreement_json(dataset: Dataset, sums: bool = True) -> dict[str, object]:
    """The agreement of a dataset's sources as JSON: contested figures and (unless not
    ``sums``) each source's sum checks."""
    found = agreement(dataset)
    sets = (found.operation, *(found.state(code) for code in found.contested_states))
    contested = [
        {
            "state": None if figures is found.operation else figures.key,
            "figure": item.figure,
            "values": [
                {"value": group.value, "sources": list(group.source_ids)} for group in item.groups
            ],
        }
        for figures in sets
        for item in figures.figures
        if item.contested
    ]
    checks = [
        {
            "source": c.source,
            "figure": c.figure,
            "states_sum": c.states_sum,
            "reporting": c.reporting,
            "of": c.of,
            "stated": c.stated,
            "status": c.status,
        }
        for c in found.sum_checks
    ]
    out: dict[str, object] = {
        "sources": [s.id for s in found.sources],
        "main_source": dataset.source.id,
        "contested": contested,
    }
    if sums:
        out["sum_checks"] = checks
    return out
