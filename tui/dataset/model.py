"""Frozen, typed records for one operation's dataset. Pure Python: no textual here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from tui.dataset.compat import SLOTS

Level = Literal["federal", "state", "local"]
Role = Literal["lead", "participant", "partner"]
Metric = Literal["victims_rescued", "victims_adult", "victims_minor", "arrests", "medical_services"]
SourceKind = Literal["primary release", "wire service", "news report", "republication"]
OperationFigure = Literal[
    "states", "victims_rescued", "victims_minor", "arrests", "medical_services"
]

SOURCE_KINDS: tuple[SourceKind, ...] = (
    "primary release",
    "wire service",
    "news report",
    "republication",
)
"""What a ``[[sources]]`` entry is (schema version 2)."""

OPERATION_FIGURES: tuple[OperationFigure, ...] = (
    "states",
    "victims_rescued",
    "victims_minor",
    "arrests",
    "medical_services",
)
"""Operation-wide figures a source can state (``[reported]`` and its claims), in display order."""

MAIN_SOURCE_ID = "source"
"""The id a schema-1 file's single ``[source]`` gets (schema 2 names its sources itself)."""

METRICS: tuple[Metric, ...] = (
    "victims_rescued",
    "victims_adult",
    "victims_minor",
    "arrests",
    "medical_services",
)
"""Per-state integer figures, in display order."""


@dataclass(frozen=True, **SLOTS)
class Claim:
    """What one source other than the main one says about a state or the whole operation.

    ``None`` means the source gives no such figure. ``states`` is set for operation-wide
    claims only.
    """

    source: str
    """The id of a ``[[sources]]`` entry."""
    locator: str
    """Where in the source the figures are, in the dataset's words ("state table, Iowa row")."""
    victims_rescued: int | None = None
    victims_adult: int | None = None
    victims_minor: int | None = None
    arrests: int | None = None
    medical_services: int | None = None
    states: int | None = None
    quote: str | None = None
    translation: str | None = None
    victims_derived: bool = False
    """True when ``victims_rescued`` was computed from the adult/minor breakdown."""

    def figure(self, name: str) -> int | None:
        """Return the value of figure ``name`` (a metric, or ``states``) in this claim."""
        value: int | None = getattr(self, name)
        return value


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
    claims: tuple[Claim, ...] = ()
    """Other sources' figures for this state (schema 2); the state's own figures are the main
    source's."""
    began: dt.date | None = None
    """First day of this state's operation, when it differs from the operation's (schema 2)."""
    ended: dt.date | None = None
    """Last day of this state's operation, when it differs from the operation's (schema 2)."""

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
    source: str | None = None
    """Id of the source that names the agency; None means the main source (schema 2)."""
    task: str | None = None
    """What the agency did, in the dataset's words ("led the McCracken County operation")."""

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
    source: str | None = None
    """Id of the source that states the fact; None means the main source (schema 2)."""


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
    began: dt.date | None = None
    """First day of the operation (schema 2; None when no source dates it)."""
    ended: dt.date | None = None
    """Last day of the operation (schema 2)."""


@dataclass(frozen=True, **SLOTS)
class Via:
    """The page a source was actually read on, when it is a republication."""

    publisher: str
    url: str | None = None


@dataclass(frozen=True, **SLOTS)
class Source:
    """Where figures come from: the main source, or (schema 2) one of several."""

    title: str
    """The title; empty when a schema-2 source has only a ``description``."""
    publisher: str | None = None
    author: str | None = None
    published: dt.date | dt.datetime | None = None
    language: str | None = None
    url: str | None = None
    reports_on: str | None = None
    """The primary document the source itself reports (a press release, say)."""
    id: str = MAIN_SOURCE_ID
    kind: SourceKind | None = None
    description: str | None = None
    """What the source is, in the dataset's words, when it has no title (schema 2)."""
    via: tuple[Via, ...] = ()
    """Pages that republish the source, the one read first (schema 2)."""

    @property
    def label(self) -> str:
        """The title, or the description when there is no title."""
        return self.title or self.description or ""


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
    victims_minor: int | None = None
    """Minor victims in total (schema 2)."""
    states_quote: str | None = None
    """The main source's words for ``states`` when ``quote`` does not contain it (schema 2)."""
    states_translation: str | None = None
    claims: tuple[Claim, ...] = ()
    """Other sources' operation-wide figures (schema 2)."""

    def figure(self, name: str) -> int | None:
        """Return operation-wide figure ``name`` as the main source states it."""
        value: int | None = getattr(self, name)
        return value


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
    sources: tuple[Source, ...] = ()
    """Every source, the main one (``source``) first; empty is read as ``(source,)``."""
    schema_version: int = 1
    subset_of: int | None = None
    """Set on a filtered view (an export of the shown rows): how many states the whole dataset
    has. Totals are then those of the shown states, never reconciled with the source's."""

    @property
    def all_sources(self) -> tuple[Source, ...]:
        """Every source, the main one first (a schema-1 file has only the main one)."""
        return self.sources or (self.source,)

    def source_by_id(self, source_id: str) -> Source | None:
        """The source whose id is ``source_id``, or None."""
        for source in self.all_sources:
            if source.id == source_id:
                return source
        return None

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
