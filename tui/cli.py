"""Command line: launch the explorer, ``check`` datasets, ``export`` them.

Datasets are loaded and validated before anything draws on the screen, so a bad file prints
its errors and exits 1 with the terminal untouched. Textual is imported only to launch.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from tui import __version__
from tui.dataset import LABELS, Dataset, DatasetError, compute_totals, load, reconcile
from tui.dataset.text import printable
from tui.resources import bundled_dataset

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
FORMAT_NAMES = ("csv", "json", "markdown")
"""Export formats (tui.export is imported only to export: csv and json cost start-up time)."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``unitedfront-tui``."""
    parser = argparse.ArgumentParser(
        prog="unitedfront-tui",
        description=(
            "Explore, check and export the figures of Operation United Front, state by state. "
            "With no command, opens the explorer."
        ),
        epilog="Run 'unitedfront-tui COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data",
        metavar="PATH",
        help="dataset to open (default: the bundled dataset)",
    )
    parser.add_argument(
        "--no-mouse", action="store_true", help="turn mouse reporting off (lets you select text)"
    )
    parser.add_argument("--theme", metavar="NAME", help="Textual theme, e.g. textual-dark, nord")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="validate datasets and summarise their totals",
        description="Validate datasets. Exit 0 when all are valid, 1 when any is not.",
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="datasets (default: bundled)")
    export = commands.add_parser(
        "export",
        help="write the figures as CSV, JSON or Markdown",
        description="Export a dataset. Writes to stdout unless -o is given.",
    )
    export.add_argument("--data", dest="export_data", metavar="PATH", help="dataset to export")
    export.add_argument("--format", "-f", required=True, choices=FORMAT_NAMES, help="format")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically)")
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    return parser


def _err(line: str) -> None:
    print(line, file=sys.stderr)


def _dataset_path(value: str | None) -> str:
    return value if value is not None else str(bundled_dataset())


def _figure(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def _count(n: int, noun: str) -> str:
    """``1 state``, ``12 states``."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def summary(dataset: Dataset, name: str) -> list[str]:
    """A few lines describing a valid dataset: states, totals and reconciliation."""
    totals = compute_totals(dataset.states)
    lines = [
        f"{printable(name, 200)}: valid — {printable(dataset.operation.name)}, "
        f"{_count(totals.states, 'state')}"
    ]
    marks = {
        "match": "✓ matches the source",
        "differs": "⚠ DIFFERS from the source",
        "no-state-figures": "no per-state figures",
        "not-reported": "no reported figure",
    }
    for r in reconcile(dataset, totals):
        coverage = (
            ""
            if r.metric == "states"
            else f" ({r.reporting} of {_count(r.of, 'state')} report{'s' if r.of == 1 else ''})"
        )
        lines.append(
            f"  {LABELS[r.metric]:<17}{_figure(r.computed):>10}{coverage:<26}"
            f" reported {_figure(r.reported):>8}  {marks[r.status]}"
        )
    return lines


def _silence_stdout() -> None:
    """Point stdout at /dev/null once its reader has gone, so the final flush cannot fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def run_check(paths: Sequence[str]) -> int:
    """Validate each dataset; report every error of every file."""
    status = EXIT_OK
    reader = True
    for path in paths or [str(bundled_dataset())]:
        try:
            dataset = load(path)
        except DatasetError as exc:
            status = EXIT_INVALID
            for problem in exc.problems:
                _err(problem.format())
            continue
        if reader:
            try:
                print("\n".join(summary(dataset, path)), flush=True)
            except BrokenPipeError:
                # `check ... | head`: keep validating (errors go to stderr) and keep the status.
                reader = False
                _silence_stdout()
    return status


def _write_stdout(text: str) -> None:
    """Write an export to stdout as UTF-8 whatever the locale: it is data, like an -o file."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def run_export(path: str, fmt: str, output: str | None, force: bool) -> int:
    """Export one dataset to stdout or, atomically, to ``output``."""
    try:
        dataset = load(path)
    except DatasetError as exc:
        for problem in exc.problems:
            _err(problem.format())
        return EXIT_INVALID
    from tui.export import FORMATS, ExportError, write_atomic

    text = FORMATS[fmt](dataset)
    if output is None:
        _write_stdout(text)
        return EXIT_OK
    try:
        write_atomic(output, text, force)
    except ExportError as exc:
        _err(f"unitedfront-tui: {printable(str(exc), 300)}")
        return EXIT_INVALID
    _err(f"wrote {printable(output, 200)} ({len(dataset.states):,} states, {fmt})")
    return EXIT_OK


def terminal_problem() -> str | None:
    """Why the explorer cannot draw here, or None when it can."""
    if os.environ.get("TERM") == "dumb":
        return "this terminal (TERM=dumb) cannot show the explorer"
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        return "the explorer needs a terminal, but input or output is not one"
    return None


def run_explorer(path: str, mouse: bool, theme: str | None) -> int:
    """Load the dataset, then hand it to the explorer (which imports textual)."""
    # Parsing makes objects by the million and no cycles: collecting during it is wasted time.
    gc.disable()
    try:
        dataset = load(path)
    except DatasetError as exc:
        for problem in exc.problems:
            _err(problem.format())
        return EXIT_INVALID
    finally:
        gc.enable()
    # The dataset lives until exit; spare the collector from scanning it again.
    gc.freeze()
    why = terminal_problem()
    if why is not None:
        _err(
            f"unitedfront-tui: {why}. For text output, use: "
            "unitedfront-tui export --format markdown"
        )
        return EXIT_INVALID
    from tui.app import UnitedFrontApp, UnknownThemeError

    try:
        app = UnitedFrontApp(dataset, theme=theme)
    except UnknownThemeError as exc:
        _err(f"unitedfront-tui: {exc}")
        return EXIT_USAGE
    app.run(mouse=mouse)
    return app.return_code or EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``unitedfront-tui`` command."""
    # Never die on an unencodable character in messages (LANG=C and friends).
    sys.stderr.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
            return run_check(args.paths)
        if args.command == "export":
            return run_export(
                _dataset_path(args.export_data or args.data), args.format, args.output, args.force
            )
        return run_explorer(_dataset_path(args.data), not args.no_mouse, args.theme)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `unitedfront-tui export ... | head`: the reader left; that is not an error.
        _silence_stdout()
        return EXIT_OK
