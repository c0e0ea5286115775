"""Frozen, typed records for one operation's dataset. Pure Python: no textual here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from tui.dataset.compat import SLOTS

Level = Literal["federal", "state", "local"]
Role = Literal["lead", "participant", "partner"]
Metric = Literal["victims_rescued", "victims_adult", "victims_minor", "arrests", "medical_services"]

METRICS: tuple[Metric, ...] = (
    "victims_rescued",
    "victims_adult",
    "victims_minor",
    "arrests",
    "medical_services",
)
"""Per-state integer figures, in display order."""


@dataclass(frozen=True, **SLOTS)
class State:
    """One state's (or other area's) outcomes, as the source reports them.

    ``None`` means *not reported*, which is never the same as 0.
    """

    code: str
    name: str
    victims_rescued: int | None = None
    """Victims rescued: as stated, or the sum of adult and minor when only those are given."""
    victims_adult: int | None = None
    victims_minor: int | None = None
    arrests: int | None = None
    medical_services: int | None = None
    notes: tuple[str, ...] = ()
    """Other outcomes (seized cash) and data-quality remarks."""
    quote: str | None = None
    """The source's own words for this state's figures."""
    translation: str | None = None
    """English rendering of ``quote``."""
    victims_derived: bool = False
    """True when ``victims_rescued`` was computed from the adult/minor breakdown."""
    local_name: str | None = None
    """The state's name in the source's language ("Dakota du Sud"), when the source names it."""
    aliases: tuple[str, ...] = ()
    """Other names readers may search for (abbreviations, former names)."""

    def figure(self, metric: Metric) -> int | None:
        """Return the value of ``metric`` for this state."""
        value: int | None = getattr(self, metric)
        return value


@dataclass(frozen=True, **SLOTS)
class Agency:
    """An agency named by the source, and the part it played."""

    name: str
    role: Role
    level: Level | None = None
    """None when the source does not say whether the agency is federal, state or local."""
    states: tuple[str, ...] = ()
    """State codes the agency acted in; empty means operation-wide."""
    quote: str | None = None
    translation: str | None = None

    @property
    def operation_wide(self) -> bool:
        """True when the agency is not tied to particular states."""
        return not self.states


@dataclass(frozen=True, **SLOTS)
class Fact:
    """One statement about the operation (coordination, training...), with its source words."""

    topic: str
    text: str
    quote: str | None = None
    translation: str | None = None


@dataclass(frozen=True, **SLOTS)
class Operation:
    """The operation as a whole."""

    name: str
    local_name: str | None = None
    """The name as the source's language renders it."""
    announced: dt.date | None = None
    announced_by: str | None = None
    announced_by_title: str | None = None
    summary: str | None = None
    facts: tuple[Fact, ...] = ()
    notes: tuple[str, ...] = ()
    """Operation-wide data-quality notes."""


@dataclass(frozen=True, **SLOTS)
class Source:
    """Where the figures come from."""

    title: str
    publisher: str | None = None
    author: str | None = None
    published: dt.date | dt.datetime | None = None
    language: str | None = None
    url: str | None = None
    reports_on: str | None = None
    """The primary document the source itself reports (a press release, say)."""


@dataclass(frozen=True, **SLOTS)
class Reported:
    """Headline figures exactly as the source states them, for reconciliation."""

    states: int | None = None
    victims_rescued: int | None = None
    arrests: int | None = None
    medical_services: int | None = None
    quote: str | None = None
    translation: str | None = None
    victims_note: str | None = None
    """What the source's victims total counts, when it is not plainly victims; shown beside
    every victims total."""


@dataclass(frozen=True, **SLOTS)
class ContextFigure:
    """A national context figure (the source's FBI statistics, say)."""

    label: str
    value: int
    year: int | None = None
    attributed_to: str | None = None
    quote: str | None = None
    translation: str | None = None


@dataclass(frozen=True, **SLOTS)
class Dataset:
    """One operation's validated dataset."""

    operation: Operation
    source: Source
    reported: Reported
    states: tuple[State, ...]
    agencies: tuple[Agency, ...] = ()
    context: tuple[ContextFigure, ...] = ()
    context_notes: tuple[str, ...] = ()
    path: str | None = field(default=None, compare=False)
    """Where the dataset was read from (for messages only)."""
    subset_of: int | None = None
    """Set on a filtered view (an export of the shown rows): how many states the whole dataset
    has. Totals are then those of the shown states, never reconciled with the source's."""

    def agencies_for(self, code: str) -> tuple[Agency, ...]:
        """Agencies tied to state ``code``."""
        return tuple(a for a in self.agencies if code in a.states)

    @property
    def operation_wide_agencies(self) -> tuple[Agency, ...]:
        """Agencies not tied to particular states (leads and partners)."""
        return tuple(a for a in self.agencies if a.operation_wide)

    @property
    def leads(self) -> tuple[Agency, ...]:
        """Agencies whose role is ``lead``."""
        return tuple(a for a in self.agencies if a.role == "lead")
