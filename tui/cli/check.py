"""``unitedfront-tui check``: validate datasets and summarise their totals."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tui.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    dataset_paths,
    err,
    silence_stdout,
    write_stdout,
)
from tui.dataset import LABELS, Dataset, DatasetError, compute_totals, load, reconcile
from tui.dataset.resources import bundled_dataset
from tui.dataset.text import printable, printable_path
from tui.dataset.totals import Status
from tui.i18n import N_, _, ngettext, number


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``check`` and its options."""
    check = commands.add_parser(
        "check",
        help=_("validate datasets and summarise their totals"),
        description=_("Validate datasets. Exit 0 when all are valid, 1 when any is not."),
    )
    check.add_argument("paths", nargs="*", metavar=_("PATH"), help=_("datasets (default: bundled)"))
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help=_(
            "text (default), or json: every diagnostic with file, line, column, field, "
            "message and severity, on stdout (for editors and CI)"
        ),
    )


def _figure(value: int | None) -> str:
    return "—" if value is None else number(value)


MARKS: dict[Status, str] = {
    "match": N_("✓ matches the source"),
    "differs": N_("⚠ DIFFERS from the source"),
    "no-state-figures": N_("no per-state figures"),
    "not-reported": N_("no reported figure"),
    "subset": N_("shown states only; not compared with the source"),
}
"""How ``check`` words each reconciliation status."""


def summary(dataset: Dataset, name: str) -> list[str]:
    """A few lines describing a valid dataset: states, totals and reconciliation."""
    totals = compute_totals(dataset.states)
    states = ngettext("{n} state", "{n} states", totals.states).format(n=number(totals.states))
    lines = [
        _("{path}: valid — {operation}, {states}").format(
            path=printable_path(name), operation=printable(dataset.operation.name), states=states
        )
    ]
    rows = reconcile(dataset, totals)
    # English labels fit 17 columns; translations may be longer (Victimes secourues).
    width = max(17, *(len(_(LABELS[r.metric])) + 1 for r in rows))
    for r in rows:
        coverage = (
            ""
            if r.metric == "states"
            else " "
            + ngettext(
                "({reporting} of {of} state reports)",
                "({reporting} of {of} states report)",
                r.of,
            ).format(reporting=number(r.reporting), of=number(r.of))
        )
        reported = _("reported")
        lines.append(
            f"  {_(LABELS[r.metric]):<{width}}{_figure(r.computed):>10}{coverage:<26}"
            f" {reported} {_figure(r.reported):>8}  {_(MARKS[r.status])}"
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
                write_stdout("\n".join(summary(dataset, path)) + "\n")
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
        write_stdout(to_json(reports))
    except BrokenPipeError:
        silence_stdout()
    return EXIT_OK if all(r.dataset is not None for r in reports) else EXIT_INVALID


def run(args: argparse.Namespace) -> int:
    """Run ``check`` for parsed arguments."""
    sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    # Directories stand for their datasets, as with --data.
    paths = dataset_paths(args.paths)
    if args.format == "json":
        return check_json(paths)
    return check(paths)
