"""``unitedfront-tui export``: write a dataset's figures as CSV, JSON or Markdown."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import PurePath

from tui.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    dataset_paths,
    err,
    load_all,
    write_or_report,
)
from tui.dataset.text import printable
from tui.i18n import _, ngettext, number

FORMAT_NAMES = ("csv", "json", "markdown", "svg")
"""Export formats (tui.output.export is imported only to export: it costs start-up time)."""

ALIASES = {"md": "markdown"}
"""Other names accepted by ``--format`` and as ``-o`` extensions."""


class UsageError(ValueError):
    """The options contradict each other or say too little (exit status 2)."""


def format_of(fmt: str | None, output: str | None) -> str:
    """The export format: ``--format``, else ``-o``'s extension; they must agree when both given."""
    named = ALIASES.get(fmt, fmt) if fmt else None
    suffix = PurePath(output).suffix.lower().lstrip(".") if output else ""
    inferred = ALIASES.get(suffix, suffix) if suffix else None
    if inferred not in FORMAT_NAMES:
        inferred = None
    if named is None:
        if inferred is not None:
            return inferred
        known = ", ".join(f".{name}" for name in (*FORMAT_NAMES, *ALIASES))
        if output is None:
            raise UsageError(_("give --format, or -o FILE with a known extension"))
        message = _(
            "cannot tell the format of '{file}' from its extension ({known}); give --format"
        )
        raise UsageError(message.format(file=printable(output, 200), known=known))
    if inferred is not None and inferred != named:
        message = _(
            "--format {format} contradicts the extension of '{file}' ({inferred}); "
            "drop one or make them agree"
        )
        raise UsageError(
            message.format(format=fmt, file=printable(output or "", 200), inferred=inferred)
        )
    return named


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``export`` and its options."""
    export = commands.add_parser(
        "export",
        help=_("write the figures as CSV, JSON, Markdown or an SVG chart"),
        description=_("Export a dataset. Writes to stdout unless -o is given."),
    )
    export.add_argument(
        "--data",
        dest="export_data",
        metavar="PATH",
        action="append",
        help=_("dataset to export, or a directory of them (repeat it for several operations)"),
    )
    export.add_argument(
        "--format",
        "-f",
        choices=(*FORMAT_NAMES, *ALIASES),
        help=_("format (default: from -o's extension: .csv, .json, .md, .markdown or .svg)"),
    )
    export.add_argument(
        "--view", choices=("map", "bars"), help=_("svg only: the tile-grid map (default) or bars")
    )
    export.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE (atomically)"))
    export.add_argument("--force", action="store_true", help=_("overwrite FILE if it exists"))
    export.add_argument(
        "--csv-raw",
        action="store_true",
        help=_(
            "CSV: write text cells exactly, without the leading ' that keeps spreadsheets "
            "from running cells starting with = + - @ as formulas (for programs)"
        ),
    )
    export.add_argument(
        "--claims",
        action="store_true",
        help=_(
            "CSV: the long table of every source's figures instead, one row per state (or the "
            "operation), source and figure, with each figure's verdict (agreed, single, "
            "contested)"
        ),
    )
    # Usage errors found after parsing (format vs extension) print this command's usage.
    export.set_defaults(export_parser=export)


def _write_stdout(text: str) -> None:
    """Write an export to stdout as UTF-8 whatever the locale: it is data, like an -o file."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def export(
    paths: str | Sequence[str],
    fmt: str,
    output: str | None,
    force: bool,
    csv_raw: bool = False,
    view: str | None = None,
    claims: bool = False,
) -> int:
    """Export datasets (several: one document holding them all) to stdout or ``output``."""
    if view is not None and fmt != "svg":
        err(_("unitedfront-tui export: --view applies to --format svg only"))
        return EXIT_USAGE
    datasets = load_all([paths] if isinstance(paths, str) else paths)
    if datasets is None:
        return EXIT_INVALID
    from tui.output.export import FORMATS, to_csv

    if len(datasets) > 1:
        from tui.output.several import SEVERAL, several_csv

        if claims:
            err(_("unitedfront-tui export: --claims takes one dataset"))
            return EXIT_USAGE
        if fmt not in SEVERAL:
            err(_("unitedfront-tui export: --format {format} takes one dataset").format(format=fmt))
            return EXIT_USAGE
        text = several_csv(datasets, raw=csv_raw) if fmt == "csv" else SEVERAL[fmt](datasets)
    elif fmt == "svg":
        from tui.output.svg import to_svg

        text = to_svg(datasets[0], view or "map")
    elif fmt == "csv" and claims:
        from tui.output.export import to_claims_csv

        text = to_claims_csv(datasets[0], raw=csv_raw)
    elif fmt == "csv":
        text = to_csv(datasets[0], raw=csv_raw)
    else:
        text = FORMATS[fmt](datasets[0])
    if output is None:
        _write_stdout(text)
        return EXIT_OK
    if not write_or_report(output, text, force):
        return EXIT_INVALID
    count = sum(len(d.states) for d in datasets)
    states = ngettext("{n} state", "{n} states", count).format(n=number(count))
    err(
        _("wrote {path} ({states}, {format})").format(
            path=printable(output, 200), states=states, format=fmt
        )
    )
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Run ``export`` for parsed arguments."""
    try:
        fmt = format_of(args.format, args.output)
        if args.csv_raw and fmt != "csv":
            raise UsageError(_("--csv-raw applies to CSV only, not {format}").format(format=fmt))
        if args.claims and fmt != "csv":
            raise UsageError(_("--claims applies to CSV only, not {format}").format(format=fmt))
    except UsageError as exc:
        parser: argparse.ArgumentParser = args.export_parser
        parser.error(str(exc))  # usage and the message on stderr, exit status 2
        return EXIT_USAGE
    paths = dataset_paths(args.export_data or args.data)
    return export(paths, fmt, args.output, args.force, args.csv_raw, args.view, args.claims)
