"""Small statistics for the harness: medians, percentiles and side-by-side comparisons."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by the nearest-rank method."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Series:
    """Samples of one figure (seconds, or KiB for memory)."""

    label: str
    unit: str = "s"
    values: list[float] = field(default_factory=list)
    missing: int = 0
    """Samples that timed out (no frame, or the expected content never drawn)."""

    def add(self, value: float | None) -> None:
        """Record one sample (None counts as missing)."""
        if value is None:
            self.missing += 1
        else:
            self.values.append(value)

    @property
    def median(self) -> float:
        """Median of the samples (nan when there are none)."""
        return statistics.median(self.values) if self.values else math.nan

    @property
    def low(self) -> float:
        """Smallest sample."""
        return min(self.values) if self.values else math.nan

    @property
    def high(self) -> float:
        """Largest sample."""
        return max(self.values) if self.values else math.nan

    @property
    def p95(self) -> float:
        """95th percentile (nearest rank)."""
        return percentile(self.values, 95)

    def show(self, value: float) -> str:
        """Format ``value`` in this series' unit."""
        if math.isnan(value):
            return "n/a"
        if self.unit == "s":
            return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
        if self.unit == "KiB":
            return f"{value / 1024:.1f} MiB"
        return f"{value:g} {self.unit}"

    def describe(self, p95: bool = False) -> str:
        """``median (min-max)``, with the 95th percentile and timeouts when asked or present."""
        text = f"{self.show(self.median)} ({self.show(self.low)}-{self.show(self.high)})"
        if p95:
            text += f", p95 {self.show(self.p95)}"
        text += f", n={len(self.values)}"
        if self.missing:
            text += f", {self.missing} timed out"
        return text


@dataclass
class Verdict:
    """One target of the issue: a measured ratio (or absolute figure) against its limit."""

    target: str
    figure: str
    measured: float
    limit: float
    kind: str = "ratio"
    """``ratio`` (measured is A/B) or ``ms`` (an absolute time in milliseconds)."""
    detail: str = ""

    @property
    def passed(self) -> bool:
        """True when the measured figure is within the limit (never for a missing figure)."""
        return not math.isnan(self.measured) and self.measured <= self.limit

    def shown(self) -> str:
        """The measured figure as text."""
        if math.isnan(self.measured):
            return "n/a"
        return f"{self.measured:.2f}x" if self.kind == "ratio" else f"{self.measured:.1f} ms"

    def limit_shown(self) -> str:
        """The limit as text."""
        return f"≤ {self.limit:.2f}x" if self.kind == "ratio" else f"≤ {self.limit:.0f} ms"


def ratio(a: Series, b: Series) -> float:
    """Median of ``a`` over median of ``b``."""
    if not a.values or not b.values or b.median == 0:
        return math.nan
    return a.median / b.median
