"""``unitedfront-tui check``: validate datasets and summarise their totals."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tui.commands import EXIT_INVALID, EXIT_OK, err, silence_stdout
from tui.dataset import LABELS, Dataset, DatasetError, compute_totals, load, reconcile
from tui.dataset.text import printable
from tui.resources import bundled_dataset


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``check`` and its options."""
    check = commands.add_parser(
        "check",
        help="validate datasets and summarise their totals",
        description="Validate datasets. Exit 0 when all are valid, 1 when any is not.",
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="datasets (default: bundled)")
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default), or json: every diagnostic with file, line, column, field, "
        "message and severity, on stdout (for editors and CI)",
    )


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


def check(paths: Sequence[str]) -> int:
    """Validate each dataset; report every error of every file."""
    status = EXIT_OK
    reader = True
    for path in paths or [str(bundled_dataset())]:
        try:
            dataset = load(path)
        except DatasetError as exc:
            status = EXIT_INVALID
            for problem in exc.problems:
                err(problem.format())
            continue
        if reader:
            try:
                print("\n".join(summary(dataset, path)), flush=True)
            except BrokenPipeError:
                # `check ... | head`: keep validating (errors go to stderr) and keep the status.
                reader = False
                silence_stdout()
    return status


def check_json(paths: Sequence[str]) -> int:
    """Validate each dataset; print one JSON document of every diagnostic on stdout."""
    from tui.dataset.diagnostics import check_file, to_json

    reports = [check_file(path) for path in paths or [str(bundled_dataset())]]
    try:
        print(to_json(reports), end="", flush=True)
    except BrokenPipeError:
        silence_stdout()
    return EXIT_OK if all(r.dataset is not None for r in reports) else EXIT_INVALID


def run(args: argparse.Namespace) -> int:
    """Run ``check`` for parsed arguments."""
    sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    if args.format == "json":
        return check_json(args.paths)
    return check(args.paths)
