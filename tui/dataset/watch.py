"""Notice when a dataset file has a new, complete version, and read it. Pure Python.

Editors save in place (truncate, write) or by writing a temporary file and renaming it over
the old one. Both show in ``os.stat``: the inode changes with a rename, the size and mtime with
a write. A change is read only once the file has stopped changing between two polls, so a save
caught half-way is not reported as an error. Nothing here writes to the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import NamedTuple

from tui.dataset import Dataset, DatasetError, Problem, Totals, compute_totals, load
from tui.dataset.view import StateView

POLL_SECONDS = 0.5
"""How often the explorer looks at the file: a stat call, nothing more."""


class Signature(NamedTuple):
    """What identifies one version of a file: which file, when written, how long."""

    device: int
    inode: int
    mtime_ns: int
    size: int


def signature(path: str) -> Signature | None:
    """The file's current signature, or None when it cannot be seen (missing, say)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return Signature(info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size)


@dataclass(frozen=True)
class Reloaded:
    """The outcome of reading a new version: the dataset, or why it is not valid."""

    path: str
    dataset: Dataset | None
    problems: tuple[Problem, ...] = ()


class FileWatcher:
    """Follows one dataset file between polls; decides when a new version is ready to read."""

    def __init__(self, path: str) -> None:
        """Start following ``path`` from its current version: create the watcher *before*
        loading the file, so that a save made while it loads is not missed."""
        self.path = path
        self._seen = signature(path)
        """The version last read."""
        self._pending: Signature | None = None
        self._has_pending = False

    def poll(self) -> bool:
        """True when the file differs from the version last read and has settled.

        Call it every :data:`POLL_SECONDS`; a change is reported on the poll after the one
        that first saw it, provided the file did not change again in between.
        """
        now = signature(self.path)
        if now == self._seen:
            self._has_pending = False
            return False
        if not self._has_pending or now != self._pending:
            self._pending, self._has_pending = now, True
            return False
        return True

    def read(self) -> Reloaded | None:
        """Read the new version; None when it changed while being read (poll again)."""
        before = signature(self.path)
        try:
            dataset: Dataset | None = load(self.path)
            problems: tuple[Problem, ...] = ()
        except DatasetError as exc:
            dataset, problems = None, exc.problems
        if signature(self.path) != before:
            self._has_pending = False
            return None
        self._seen, self._has_pending = before, False
        return Reloaded(self.path, dataset, problems)


@dataclass(frozen=True)
class Prepared:
    """A dataset with its totals and its view, sorted and filtered like the one on screen.

    Built in the reading thread: at 100,000 rows totals, a sort by name and a filter take
    some 150 ms, which the event loop (and the typist) should not wait for.
    """

    dataset: Dataset
    totals: Totals
    view: StateView


def prepare(dataset: Dataset, like: StateView) -> Prepared:
    """Totals and a view of ``dataset`` with the sort, direction and filter of ``like``."""
    totals = compute_totals(dataset.states)
    view = StateView(dataset.states, totals=totals)
    view.set_sort(like.sort, like.reverse)
    view.set_query(like.query)
    view.totals()
    return Prepared(dataset, totals, view)
