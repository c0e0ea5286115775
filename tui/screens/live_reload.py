"""``--watch`` in the explorer: poll the dataset files, read new versions off the event loop.

The decisions (has the file changed, has the save finished, did it change while read) are
:mod:`tui.dataset.watch`'s, which knows nothing of the UI. Here a timer polls, a thread reads,
and every screen on the stack is told by a message: :class:`DatasetReloaded` when a valid
version replaced the data in :class:`~tui.screens.loaded.Loaded`, :class:`DatasetInvalid` when
a version did not load (the last good data stays). Each screen showing data handles them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from functools import partial
from typing import Any

from textual.message import Message
from textual.screen import Screen

from tui.dataset import Problem
from tui.dataset.view import StateView
from tui.dataset.watch import POLL_SECONDS, FileWatcher, Prepared, Reloaded, prepare
from tui.screens.loaded import Loaded


class DatasetReloaded(Message):
    """A watched file's new version replaced operation ``index`` of the loaded datasets."""

    def __init__(self, index: int, path: str, prepared: Prepared | None) -> None:
        super().__init__()
        self.index = index
        self.path = path
        self.prepared = prepared
        """Sorted and totalled off the event loop for the shown view (None: not prepared)."""


def new_version(message: DatasetReloaded, operation: int) -> Prepared | None:
    """The new version ``message`` brings of operation ``operation`` (an index in
    :attr:`Loaded.datasets`), sorted and filtered like the explorer; None for another's."""
    return message.prepared if message.index == operation else None


class DatasetInvalid(Message):
    """A watched file's new version did not load: ``problems`` say why."""

    def __init__(self, index: int, path: str, problems: Sequence[Problem]) -> None:
        super().__init__()
        self.index = index
        self.path = path
        self.problems = problems


class LiveReload:
    """Follows the watched files of ``loaded`` on behalf of ``owner`` (the explorer screen)."""

    def __init__(self, owner: Screen[Any], loaded: Loaded, view: Callable[[], StateView]):
        self.owner = owner
        self.loaded = loaded
        self.view = view
        """The view shown now: a new version is sorted and filtered like it, off the loop."""
        self._reading: set[str] = set()
        """Paths being read by a worker: never two reads of one file at once."""

    def start(self) -> None:
        """Poll every :data:`tui.dataset.watch.POLL_SECONDS` (a stat per file; nothing is drawn)."""
        self.owner.set_interval(POLL_SECONDS, self.poll, name="watch")

    def poll(self) -> None:
        """Start a read for each file with a new, settled version."""
        for watcher in self.loaded.watchers:
            if watcher.path not in self._reading and watcher.poll():
                self._reading.add(watcher.path)
                self.owner.run_worker(
                    partial(self._read, watcher),
                    name=f"reload {watcher.path}",
                    group="reload",
                    thread=True,
                )

    def _read(self, watcher: FileWatcher) -> None:
        """Read the new version (in a worker thread), then show it on the event loop."""
        # In a thread: a 30 MB dataset takes seconds to load, typing must not wait for it.
        result = watcher.read()
        prepared = None
        if result is not None and result.dataset is not None:
            # Sorted and filtered like the screen now; the explorer catches up if the
            # user changes either meanwhile.
            prepared = prepare(result.dataset, self.view())
        # RuntimeError: the user quit while the file was read; nothing is left to show it on.
        with suppress(RuntimeError):
            self.owner.app.call_from_thread(self.show, watcher.path, result, prepared)

    def show(self, path: str, result: Reloaded | None, prepared: Prepared | None = None) -> None:
        """On the event loop: record the outcome, then tell every screen."""
        self._reading.discard(path)
        if result is None:
            return  # changed while read: the next polls pick up the newer version
        index = self.loaded.index_of(path)
        message: Callable[[], Message]
        if result.dataset is None:
            self.loaded.invalid.add(path)
            message = partial(DatasetInvalid, index, path, result.problems)
        else:
            self.loaded.invalid.discard(path)
            self.loaded.datasets[index] = result.dataset
            message = partial(DatasetReloaded, index, path, prepared)
        for screen in self.owner.app.screen_stack:
            # One message each: a message is delivered to one node.
            screen.post_message(message())


__all__ = ["DatasetInvalid", "DatasetReloaded", "LiveReload", "new_version"]
