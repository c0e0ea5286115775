"""``--watch`` in the explorer: poll the dataset files, read new versions off the event loop.

The decisions (has the file changed, has the save finished, did it change while read) are
:mod:`tui.dataset.watch`'s, which knows nothing of the UI. Here a timer polls, a thread reads,
and the app shows the outcome: a valid version replaces the data (``replace_dataset``), an
invalid one opens the problems panel and leaves the last good data on screen.
"""

from __future__ import annotations

from contextlib import suppress
from functools import partial
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from tui.dataset.watch import POLL_SECONDS, FileWatcher, Prepared, Reloaded, prepare
from tui.widgets.problems_panel import ProblemsPanel

if TYPE_CHECKING:
    from tui.app import UnitedFrontApp


@runtime_checkable
class FollowsDatasets(Protocol):
    """A screen showing the operations (the list, the compare view): it redraws on reload."""

    def datasets_changed(self) -> None:
        """The app's ``datasets`` changed."""


class LiveReload:
    """Follows the app's watched files while it runs."""

    def __init__(self, app: UnitedFrontApp) -> None:
        self.app = app
        self._reading: set[str] = set()
        """Paths being read by a worker: never two reads of one file at once."""

    def start(self) -> None:
        """Poll every :data:`tui.dataset.watch.POLL_SECONDS` (a stat per file; nothing is drawn)."""
        self.app.set_interval(POLL_SECONDS, self.poll, name="watch")

    def poll(self) -> None:
        """Start a read for each file with a new, settled version."""
        for watcher in self.app.watchers:
            if watcher.path not in self._reading and watcher.poll():
                self._reading.add(watcher.path)
                self.app.run_worker(
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
            # Sorted and filtered like the screen now; replace_dataset catches up if the
            # user changes either meanwhile.
            prepared = prepare(result.dataset, self.app.view)
        # RuntimeError: the user quit while the file was read; nothing is left to show it on.
        with suppress(RuntimeError):
            self.app.call_from_thread(self.show, watcher.path, result, prepared)

    def show(self, path: str, result: Reloaded | None, prepared: Prepared | None = None) -> None:
        """On the event loop: apply a valid version, or list the errors of an invalid one."""
        self._reading.discard(path)
        if result is None:
            return  # changed while read: the next polls pick up the newer version
        panel = self._panel()
        if result.dataset is None:
            if panel is None:
                panel = ProblemsPanel(id="problems")
                main = self.app.main_screen
                main.mount(panel, before=main.query_one("#totals"))
            panel.set_problems(path, result.problems)
            self._follow()
            return
        index = next(i for i, w in enumerate(self.app.watchers) if w.path == path)
        self.app.datasets[index] = result.dataset
        if index == self.app.current:
            self.app.replace_dataset(result.dataset, prepared)
        if panel is not None:
            panel.set_problems(path, ())
            if not panel.problems:
                panel.remove()
        self._follow()

    def _follow(self) -> None:
        """Let the open operations list or compare view show the new data (or marks)."""
        for screen in self.app.screen_stack[1:]:
            if isinstance(screen, FollowsDatasets):
                screen.datasets_changed()

    def _panel(self) -> ProblemsPanel | None:
        """The problems panel, when one is open."""
        found = self.app.main_screen.query(ProblemsPanel)
        return found.first() if found else None
