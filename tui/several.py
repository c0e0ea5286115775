"""The explorer's part for several operations: switching, the list (``O``), compare (``C``).

A mixin of :class:`tui.app.UnitedFrontApp`, kept apart so that the app stays about one
operation. Everything here is inert with a single dataset: no key, no palette entry, no help.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from textual.app import SystemCommand
from textual.binding import BindingType

from tui.i18n import _

if TYPE_CHECKING:
    from tui.app import UnitedFrontApp


class SeveralOperations:
    """Actions over ``datasets``: open another operation, list them, compare two."""

    def _explorer(self) -> UnitedFrontApp:
        """This object as the explorer it is mixed into."""
        return cast("UnitedFrontApp", self)

    def bind_operation_keys(self) -> None:
        """Bind ``O`` and ``C``: called only when several operations are loaded."""
        from tui.screens.operations import OPERATION_BINDINGS

        app = self._explorer()
        for binding in OPERATION_BINDINGS:
            app.bind(binding.key, binding.action, description=binding.description)

    def operation_help(self) -> list[tuple[str, list[BindingType]]]:
        """The help screen's group for these keys (none with one operation)."""
        if len(self._explorer().datasets) < 2:
            return []
        from tui.screens.operations import OPERATION_BINDINGS

        return [(_("Several operations"), list(OPERATION_BINDINGS))]

    def operation_commands(self) -> Iterable[SystemCommand]:
        """Command palette entries (none with one operation)."""
        if len(self._explorer().datasets) < 2:
            return ()
        from tui.screens.operations import operation_commands

        return operation_commands(self.action_operations, self.action_compare)

    def show_operation(self, index: int) -> None:
        """Open operation ``index`` of ``datasets`` (keeping selection, filter and sort)."""
        app = self._explorer()
        if index != app.current:
            app.current = index
            app.replace_dataset(app.datasets[index])

    def action_operations(self) -> None:
        """List the operations loaded; Enter opens one."""
        from tui.screens.operations import OperationsScreen

        app = self._explorer()
        screen = OperationsScreen(app.datasets, app.current, self._invalid)
        app.push_screen(screen, self._chosen)

    def _invalid(self) -> set[int]:
        """Indices of the operations whose watched file is invalid now (in the problems panel)."""
        from tui.widgets.problems_panel import ProblemsPanel

        app = self._explorer()
        broken: set[str] = set()
        for panel in app.main_screen.query(ProblemsPanel):
            broken.update(panel.problems)
        return {i for i, w in enumerate(app.watchers) if w.path in broken}

    def _chosen(self, index: int | None) -> None:
        """The operations list closed: open the operation picked, if any."""
        if index is not None:
            self.show_operation(index)

    def action_compare(self) -> None:
        """Two operations side by side, state by state."""
        from tui.screens.compare import CompareScreen

        app = self._explorer()
        if len(app.datasets) > 1:
            app.push_screen(CompareScreen(app.datasets, app.current))
