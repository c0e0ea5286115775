"""``unitedfront-tui export``: write a dataset's figures as CSV, JSON or Markdown."""

from __future__ import annotations

import argparse
import sys

from tui.commands import EXIT_INVALID, EXIT_OK, dataset_path, err, load_or_report
from tui.dataset.text import printable
from tui.i18n import _, ngettext, number

FORMAT_NAMES = ("csv", "json", "markdown")
"""Export formats (tui.export is imported only to export: csv and json cost start-up time)."""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``export`` and its options."""
    export = commands.add_parser(
        "export",
        help=_("write the figures as CSV, JSON or Markdown"),
        description=_("Export a dataset. Writes to stdout unless -o is given."),
    )
    export.add_argument("--data", dest="export_data", metavar="PATH", help=_("dataset to export"))
    export.add_argument("--format", "-f", required=True, choices=FORMAT_NAMES, help=_("format"))
    export.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE (atomically)"))
    export.add_argument("--force", action="store_true", help=_("overwrite FILE if it exists"))


def _write_stdout(text: str) -> None:
    """Write an export to stdout as UTF-8 whatever the locale: it is data, like an -o file."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def export(path: str, fmt: str, output: str | None, force: bool) -> int:
    """Export one dataset to stdout or, atomically, to ``output``."""
    dataset = load_or_report(path)
    if dataset is None:
        return EXIT_INVALID
    from tui.export import FORMATS, ExportError, write_atomic

    text = FORMATS[fmt](dataset)
    if output is None:
        _write_stdout(text)
        return EXIT_OK
    try:
        write_atomic(output, text, force)
    except ExportError as exc:
        err(f"unitedfront-tui: {printable(str(exc), 300)}")
        return EXIT_INVALID
    states = ngettext("{n} state", "{n} states", len(dataset.states)).format(
        n=number(len(dataset.states))
    )
    err(
        _("wrote {path} ({states}, {format})").format(
            path=printable(output, 200), states=states, format=fmt
        )
    )
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Run ``export`` for parsed arguments."""
    return export(dataset_path(args.export_data or args.data), args.format, args.output, args.force)
