"""``unitedfront-tui export``: write a dataset's figures as CSV, JSON or Markdown."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tui.commands import EXIT_INVALID, EXIT_OK, dataset_paths, err, load_all
from tui.dataset.text import printable

FORMAT_NAMES = ("csv", "json", "markdown")
"""Export formats (tui.export is imported only to export: csv and json cost start-up time)."""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``export`` and its options."""
    export = commands.add_parser(
        "export",
        help="write the figures as CSV, JSON or Markdown",
        description="Export a dataset. Writes to stdout unless -o is given.",
    )
    export.add_argument(
        "--data",
        dest="export_data",
        metavar="PATH",
        action="append",
        help="dataset to export, or a directory of them (repeat it for several operations)",
    )
    export.add_argument("--format", "-f", required=True, choices=FORMAT_NAMES, help="format")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically)")
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def _write_stdout(text: str) -> None:
    """Write an export to stdout as UTF-8 whatever the locale: it is data, like an -o file."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def export(paths: str | Sequence[str], fmt: str, output: str | None, force: bool) -> int:
    """Export datasets (several: one document holding them all) to stdout or ``output``."""
    datasets = load_all([paths] if isinstance(paths, str) else paths)
    if datasets is None:
        return EXIT_INVALID
    from tui.export import FORMATS, ExportError, write_atomic

    if len(datasets) == 1:
        text = FORMATS[fmt](datasets[0])
    else:
        from tui.export_several import SEVERAL

        text = SEVERAL[fmt](datasets)
    if output is None:
        _write_stdout(text)
        return EXIT_OK
    try:
        write_atomic(output, text, force)
    except ExportError as exc:
        err(f"unitedfront-tui: {printable(str(exc), 300)}")
        return EXIT_INVALID
    states = sum(len(d.states) for d in datasets)
    err(f"wrote {printable(output, 200)} ({states:,} states, {fmt})")
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Run ``export`` for parsed arguments."""
    paths = dataset_paths(args.export_data or args.data)
    return export(paths, args.format, args.output, args.force)
