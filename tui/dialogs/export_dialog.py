"""The export dialog: format and path for the current view, written like `export -o`.

The file is written with :func:`tui.output.export.write_atomic` (temporary file, rename,
never over an existing file unless asked). In a browser (textual-serve) the file is offered as
a download.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import ClassVar, Optional

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from tui.dataset import Dataset
from tui.dataset.text import printable
from tui.dataset.view import StateView
from tui.i18n import N_, _, number
from tui.output.cite import EXTENSIONS, view_export

FORMAT_LABELS = {"csv": "CSV", "json": "JSON", "markdown": "Markdown"}
"""Formats in the order offered (names are not translated: they are file formats)."""

DEFAULT_STEM = "unitedfront-view"


class ExportDialog(ModalScreen[Optional[str]]):
    """Ask for a format and a path; dismiss with the path written (or None when cancelled)."""

    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
    }
    #export-box {
        width: 100%;
        max-width: 72;
        height: auto;
        border: round $accent;
        padding: 0 1;
    }
    #export-box RadioSet {
        layout: horizontal;
        height: auto;
        width: 100%;
        margin-bottom: 1;
    }
    #export-box RadioButton {
        margin-right: 2;
    }
    #export-box Checkbox {
        margin: 1 0;
    }
    #export-box Button {
        margin-left: 2;
    }
    #export-box Input {
        width: 100%;
    }
    #export-error {
        color: $error;
        height: auto;
    }
    #export-buttons {
        height: auto;
        align-horizontal: right;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", N_("Cancel"), id="export.cancel"),
    ]
    """Esc cancels, and so does the Cancel button (Tab to it, Enter)."""

    def __init__(self, dataset: Dataset, view: StateView, directory: Path | None = None) -> None:
        super().__init__()
        self.dataset = dataset
        self.view = view
        self.directory = directory if directory is not None else Path.cwd()
        self.format = "csv"

    def compose(self) -> ComposeResult:
        """Format, path, overwrite, and the two buttons."""
        with Vertical(id="export-box") as box:
            box.border_title = _("Export the current view")
            box.border_subtitle = _("Tab: next · Enter: export · Esc: cancel")
            yield Static(self._scope(), markup=False)
            yield Label(_("Format (arrows, then Space)"))
            with RadioSet(id="export-format", compact=True):
                for fmt, label in FORMAT_LABELS.items():
                    yield RadioButton(
                        label, value=fmt == self.format, id=f"format-{fmt}", compact=True
                    )
            yield Label(_("File name (your browser saves it)") if self.app.is_web else _("File"))
            yield Input(
                self._default_path(self.format),
                id="export-path",
                select_on_focus=False,
                compact=True,
            )
            if not self.app.is_web:  # a download never replaces anything
                yield Checkbox(_("Replace the file if it exists"), id="export-force", compact=True)
            yield Static("", id="export-error", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button(_("Export"), variant="primary", id="export-ok", compact=True)
                yield Button(_("Cancel"), id="export-cancel", compact=True)

    def on_mount(self) -> None:
        """Start in the path box: the format has a default."""
        path = self.query_one("#export-path", Input)
        path.cursor_blink = False
        # Now, not deferred (Widget.focus waits for the queue): keys typed right after `e`
        # in the same burst must land in the path box, as they do typed one by one.
        self.set_focus(path)

    def _scope(self) -> str:
        view = self.view
        if view.filtered:
            return _("{shown} of {total} states (filter “{query}”), in the shown order.").format(
                shown=number(len(view)), total=number(len(view.states)), query=view.query.strip()
            )
        return _("All {total} states, in the shown order.").format(total=number(len(view.states)))

    def _default_path(self, fmt: str) -> str:
        name = f"{DEFAULT_STEM}.{EXTENSIONS[fmt]}"
        # In a browser, the server's directory means nothing to the user: a name only.
        return name if self.app.is_web else str(self.directory / name)

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        fmt = (event.pressed.id or "format-csv").removeprefix("format-")
        box = self.query_one("#export-path", Input)
        old_suffix = "." + EXTENSIONS[self.format]
        # Follow the format only while the name still carries the old format's extension.
        if box.value.endswith(old_suffix):
            box.value = box.value[: -len(old_suffix)] + "." + EXTENSIONS[fmt]
        self.format = fmt

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-ok")
    def _submit(self) -> None:
        self.export()

    @on(Button.Pressed, "#export-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    def export(self) -> None:
        """Write the view; on failure say why in the dialog and stay open."""
        from tui.output.export import ExportError, write_atomic

        text = view_export(self.dataset, self.view, self.format)
        raw = self.query_one("#export-path", Input).value.strip()
        if self.app.is_web:
            from tui.web.delivery import download_name

            name = download_name(raw, f"{DEFAULT_STEM}.{EXTENSIONS[self.format]}")
            self.app.deliver_text(io.StringIO(text), save_filename=name)
            self.dismiss(name)
            return
        if not raw:
            self._error(_("Type a file name."))
            return
        path = Path(os.path.expanduser(raw))
        if not path.is_absolute():
            path = self.directory / path
        force = self.query_one("#export-force", Checkbox).value
        try:
            write_atomic(path, text, force)
        except ExportError as exc:
            self._error(error_message(exc, path))
            return
        self.dismiss(str(path))

    def _error(self, message: str) -> None:
        self.query_one("#export-error", Static).update(message)


def error_message(exc: Exception, path: Path) -> str:
    """A write failure in the UI language, the path and reason kept printable."""
    reason = str(exc)
    prefix = f"{path}: "
    if reason.startswith(prefix):
        reason = reason[len(prefix) :]
    if "already exists" in reason:
        reason = _("already exists; tick “Replace the file if it exists” to overwrite it")
    return _("Cannot write {path}: {reason}").format(
        path=printable(str(path), 120), reason=printable(reason, 200)
    )
