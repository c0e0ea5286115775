"""The explorer's cite and export actions: `y`, `Y`, `e`, and their palette entries.

A base class of the app, so that app.py only lists the bindings. The citation builders (and
the exports they share code with: csv, json) are imported when first used, not at start-up.

Copying uses OSC 52 (``App.copy_to_clipboard``), which travels over SSH and through tmux
(``set-clipboard on``) but cannot report whether the terminal accepted it: the notification
says so and points to the "show the copied text" dialog, which is also in the palette.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.markup import escape

from tui.dataset import Dataset, State
from tui.dataset.text import printable_path
from tui.dataset.view import StateView, display_name
from tui.i18n import N_, _
from tui.i18n.textual import LocalizedPalette

CITE_BINDINGS: list[BindingType] = [
    Binding(
        "y",
        "cite_state",
        N_("Copy a citation of the highlighted state"),
        show=False,
        id="app.cite",
    ),
    Binding(
        "Y",
        "cite_table",
        N_("Copy the shown table as Markdown"),
        show=False,
        id="app.cite_table",
    ),
    Binding(
        "e",
        "export_view",
        N_("Export the shown table to a file"),
        show=False,
        id="app.export",
    ),
]
"""Listed in help and the palette; left out of the key bar, which must fit 80 columns."""


class CiteActions(LocalizedPalette):
    """Copy citations (OSC 52), show the copied text, export the current view."""

    dataset: Dataset
    view: StateView
    copied: tuple[str, str] | None = None
    """The last text copied, with the title to show it under."""

    @property
    def victims_note(self) -> str | None:
        """What the source's victims total counts, when the dataset qualifies it."""
        return self.dataset.reported.victims_note

    def _highlighted(self) -> State | None:
        # The list's cursor, not the detail pane's selection: that one follows a frame later,
        # and `y` may come in the same burst as the keys that moved the cursor.
        from tui.widgets import StateList

        lists = self.screen_stack[0].query(StateList)
        return lists.first().highlighted if lists else None

    def _copy(self, text: str, title: str, copied: str) -> None:
        """Send ``text`` with OSC 52; say so (``copied``: a sentence, markup escaped)."""
        self.copy_to_clipboard(text)
        self.copied = (text, title)
        self.notify(
            copied
            + " "
            + _(
                "If it is not there, [@click=app.show_copied]show the text[/] "
                "(or Ctrl+P: “Show the copied text”)."
            ),
            title=_("Copied"),
        )

    def action_cite_state(self) -> None:
        """Copy a Markdown citation of the highlighted state."""
        state = self._highlighted()
        if state is None:
            self.notify(_("No state is highlighted: nothing to cite."), severity="warning")
            return
        title = _("Citation: {state}").format(state=display_name(state))
        # The name is data: escaped, so it cannot make markup in the notification.
        copied = _("Citation of {state} copied to the clipboard (OSC 52).").format(
            state=escape(display_name(state))
        )
        from tui.output.cite import state_citation

        self._copy(state_citation(self.dataset, state), title, copied)

    def action_cite_table(self) -> None:
        """Copy the shown table (its filter and order) as Markdown."""
        if not len(self.view):
            self.notify(_("No state is shown: nothing to copy."), severity="warning")
            return
        from tui.output.cite import table_markdown

        table = table_markdown(self.dataset, self.view)
        copied = _("The shown table copied to the clipboard (OSC 52).")
        self._copy(table, _("The shown table"), copied)

    async def action_show_copied(self) -> None:
        """Show the last copied text, to select it by hand."""
        from tui.dialogs.copied_text import CopiedTextScreen

        if self.copied is None:
            self.notify(_("Nothing copied yet: y copies a citation, Y the table."))
            return
        text, title = self.copied
        # Awaited: the key router routes the next key once the dialog is there to take it.
        await self.push_screen(CopiedTextScreen(text, title))

    async def action_export_view(self) -> None:
        """Ask for a format and a path, then write the current view."""
        from tui.dialogs.export_dialog import ExportDialog

        def done(written: str | None) -> None:
            if written is None:
                return
            # A path is data: no markup from it, and its control characters made visible.
            if self.is_web:
                message = _("Sent {name} to your browser.").format(name=printable_path(written))
            else:
                message = _("Wrote {path}").format(path=printable_path(written))
            self.notify(message, title=_("Exported"), markup=False)

        # Awaited: the key router routes the next key once the dialog is there to take it.
        await self.push_screen(ExportDialog(self.dataset, self.view), done)

    def cite_commands(self) -> Iterable[SystemCommand]:
        """Palette entries for citing, showing the copied text and exporting (with their keys,
        as the app's other entries)."""
        entries = (
            ("y", N_("Copy citation"), N_("a Markdown citation of the highlighted state")),
            ("Y", N_("Copy table"), N_("the shown table as Markdown")),
            ("e", N_("Export view"), N_("the shown table to a CSV, JSON or Markdown file")),
        )
        actions = (self.action_cite_state, self.action_cite_table, self.action_export_view)
        for (key, title, help_text), action in zip(entries, actions):
            yield SystemCommand(
                _("{title} ({key})").format(title=_(title), key=key),
                _("Key {key}: {help}").format(key=key, help=_(help_text)),
                # Scheduled, not called: the palette does not await coroutine callbacks.
                partial(self.call_later, action),
            )
        yield SystemCommand(
            _("Show the copied text"),
            _("The last citation or table copied, to select by hand"),
            partial(self.call_later, self.action_show_copied),
        )
