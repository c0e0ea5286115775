"""The export dialog: format and path for the current view, written like `export -o`.

The file is written with :func:`tui.output.export.write_atomic` (temporary file, rename,
never over an existing file unless asked). In a browser (textual-serve) the file is offered as
a download.
"""

from __future__ import annotations

import io
import os
from pathlib import Path, PurePath
from typing import ClassVar, Optional

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from tui.dataset import Dataset
from tui.dataset.text import PATH_LIMIT, printable, printable_path
from tui.dataset.view import StateView
from tui.i18n import N_, _, ngettext, number
from tui.output.cite import EXTENSIONS, view_export
from tui.output.export import ExportError, working_directory
from tui.widgets.nobreak import NoBreak

FORMAT_LABELS = {"csv": "CSV", "json": "JSON", "markdown": "Markdown"}
"""Formats in the order offered (names are not translated: they are file formats)."""

DEFAULT_STEM = "unitedfront-view"

PRINTABLE_PATH = "[^\x00-\x1f\x7f-\x9f]*"
"""What the path box accepts: no control characters (a paste with one is refused)."""


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
        self.directory = directory if directory is not None else working_directory()
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
                # A pasted control character would reach the terminal raw: refused.
                restrict=PRINTABLE_PATH,
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
            return ngettext(
                "{shown} of {total} state (filter “{query}”), in the shown order.",
                "{shown} of {total} states (filter “{query}”), in the shown order.",
                len(view.states),
            ).format(
                shown=number(len(view)),
                total=number(len(view.states)),
                query=printable(view.query.strip()),
            )
        total = len(view.states)
        return ngettext(
            "The {total} state, in the shown order.",
            "All {total} states, in the shown order.",
            total,
        ).format(total=number(total))

    def _default_path(self, fmt: str) -> str:
        name = f"{DEFAULT_STEM}.{EXTENSIONS[fmt]}"
        if self.app.is_web:
            # In a browser, the server's directory means nothing to the user: a name only.
            return name
        shown = str(self.directory / name)
        # A directory whose name holds control characters (an escape sequence) cannot be shown
        # in the box as it is: the bare name, written relative to it, says as much.
        return shown if printable_path(shown) == shown else name

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        fmt = (event.pressed.id or "format-csv").removeprefix("format-")
        box = self.query_one("#export-path", Input)
        old_suffix = "." + EXTENSIONS[self.format]
        # Follow the format only while the name still carries the old format's extension.
        if box.value.endswith(old_suffix):
            box.value = box.value[: -len(old_suffix)] + "." + EXTENSIONS[fmt]
            # At the end, as after typing: a key typed next lands after the extension.
            box.cursor_position = len(box.value)
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
        from tui.output.export import write_atomic

        text = view_export(self.dataset, self.view, self.format)
        raw = self.query_one("#export-path", Input).value.strip()
        named = format_named_by(raw)
        if named is not None and named != self.format:
            # As the command line refuses `--format json -o view.csv` (exit 2).
            message = _(
                "The name ends in .{extension}, which is not the chosen format ({format}): "
                "change the name or the format."
            )
            extension = PurePath(raw).suffix.lstrip(".")
            self._error(message.format(extension=extension, format=FORMAT_LABELS[self.format]))
            return
        if self.app.is_web:
            from tui.output.download import download_name

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
            self._error(error_message(exc))
            return
        self.dismiss(str(path))

    def _error(self, message: str) -> None:
        # Held no-break spaces: Textual wraps at any space, so French "existe déjà ; cochez"
        # put ";" at the start of a line.
        self.query_one("#export-error", Static).update(NoBreak(Text(message)))


NAMED_FORMATS = {
    "csv": "csv",
    "json": "json",
    "md": "markdown",
    "markdown": "markdown",
    "svg": "svg",
}
"""Extensions that name a format (as ``export -o`` infers it), lower case."""


def format_named_by(name: str) -> str | None:
    """The format the extension of ``name`` names (``None``: no extension, or an unknown one)."""
    return NAMED_FORMATS.get(PurePath(name).suffix.lower().lstrip("."))


def error_message(exc: ExportError) -> str:
    """A write failure in the UI language, the path and reason kept printable."""
    reason = exc.reason
    if exc.exists:
        reason = _("already exists; tick “Replace the file if it exists” to overwrite it")
    return _("Cannot write {path}: {reason}").format(
        path=printable_path(exc.path or ""), reason=printable(reason, 2 * PATH_LIMIT)
    )
