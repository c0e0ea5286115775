"""The operations the explorer was started with: shared by the app and the screens showing data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.dataset import Dataset

if TYPE_CHECKING:  # imported by --watch only
    from tui.dataset.watch import FileWatcher


@dataclass
class Loaded:
    """Every operation loaded (``--data`` given several times), which one is shown, and the
    watched files whose newest version is invalid (their last good version is kept)."""

    datasets: list[Dataset]
    watchers: Sequence[FileWatcher] = ()
    """``--watch``: one per dataset file, in the order of ``datasets``."""
    current: int = 0
    """Index in ``datasets`` of the operation shown."""
    invalid: set[str] = field(default_factory=set)
    """Paths of watched files whose newest version did not load."""

    @property
    def dataset(self) -> Dataset:
        """The operation shown."""
        return self.datasets[self.current]

    @property
    def several(self) -> bool:
        """More than one operation: the operations list and compare view exist."""
        return len(self.datasets) > 1

    def invalid_indices(self) -> set[int]:
        """Indices of the operations whose watched file is invalid now."""
        return {i for i, w in enumerate(self.watchers) if w.path in self.invalid}

    def index_of(self, path: str) -> int:
        """Index of the operation read from the watched file ``path``."""
        return next(i for i, w in enumerate(self.watchers) if w.path == path)
