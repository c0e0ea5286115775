"""``unitedfront-tui check``: validate datasets and summarise their totals."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tui.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    dataset_paths,
    err,
    silence_stdout,
    write_stdout,
)
from tui.dataset import LABELS, Dataset, DatasetError, compute_totals, load, reconcile
from tui.dataset.errors import Problem
from tui.dataset.loader import read_text
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
    check.add_argument(
        "--source",
        action="append",
        default=[],
        metavar=_("ID=FILE"),
        help=_(
            "verify the quotes of source ID against your copy of its text (UTF-8): each quote "
            "must occur in it byte for byte, and each figure stated in its quote; every miss "
            "is a warning (repeatable)"
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
    return lines + agreement_lines(dataset)


SUM_MARKS = {"match": N_("✓ adds up"), "differs": N_("⚠ does not add up")}
"""How ``check`` words a source's own sum check."""


def agreement_lines(dataset: Dataset) -> list[str]:
    """Where a dataset's sources disagree, and each source's own arithmetic (several only)."""
    if len(dataset.all_sources) < 2:
        return []
    from tui.dataset.agreement import agreement  # not imported by the explorer's start-up

    found = agreement(dataset)
    main = dataset.source
    count = len(found.sources)
    lines = [
        "  "
        + ngettext(
            "{n} source; main: {id} ({publisher})", "{n} sources; main: {id} ({publisher})", count
        ).format(n=number(count), id=main.id, publisher=printable(main.publisher or main.label, 80))
    ]
    names = {state.code: state.name for state in dataset.states}
    sets = (found.operation, *(found.state(code) for code in found.contested_states))
    contested = [
        (_("Operation") if figures is found.operation else printable(names[figures.key], 60), item)
        for figures in sets
        for item in figures.figures
        if item.contested
    ]
    if not contested:
        lines.append("  " + _("The sources agree on every figure they share."))
    else:
        lines.append("  " + _("Where the sources disagree:"))
        for where, item in contested:
            values = "; ".join(
                f"{number(g.value)} ({', '.join(g.source_ids)})" for g in item.groups
            )
            lines.append(f"    {where}, {_(LABELS[item.figure])}: {values}")
    if found.sum_checks:
        lines.append("  " + _("Each source's own sums (its states against its total):"))
        width = max(len(c.source) for c in found.sum_checks)
        for c in found.sum_checks:
            states = ngettext(
                "{reporting} of {of} state", "{reporting} of {of} states", c.of
            ).format(reporting=number(c.reporting), of=number(c.of))
            total = _("total")
            lines.append(
                f"    {c.source:<{width}}  {_(LABELS[c.figure]):<17}{number(c.states_sum):>8}"
                f" {'(' + states + ')':<20} {total} {number(c.stated):>6}  {_(SUM_MARKS[c.status])}"
            )
    return lines


def warning(problem: Problem) -> str:
    """A located warning line: ``PATH:LINE: field: warning: message``."""
    flagged = _("warning: {message}").format(message=problem.message)
    return Problem(problem.file, flagged, problem.line, problem.column, problem.field).format()


def check(paths: Sequence[str], sources: dict[str, str] | None = None) -> int:
    """Validate each dataset; report every error of every file, and every misquote of
    ``sources`` (id -> the user's text of that source) as a warning."""
    from tui.dataset.verify import verify

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
        for source_id, source_text in (sources or {}).items():
            if dataset.source_by_id(source_id) is None:
                continue
            try:
                text = read_text(path)
            except DatasetError:  # pragma: no cover - the file was read a moment ago
                continue
            for problem in verify(dataset, text, path, source_id, source_text):
                err(warning(problem))
        if reader:
            try:
                write_stdout("\n".join(summary(dataset, path)) + "\n")
            except BrokenPipeError:
                # `check ... | head`: keep validating (errors go to stderr) and keep the status.
                reader = False
                silence_stdout()
    return status


def check_json(paths: Sequence[str], sources: dict[str, str] | None = None) -> int:
    """Validate each dataset; print one JSON document of every diagnostic on stdout."""
    from tui.dataset.diagnostics import check_file, to_json

    reports = [check_file(path, sources) for path in paths or [str(bundled_dataset())]]
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
    sources = read_sources(args.source)
    if sources is None:
        return EXIT_USAGE
    if sources:
        ids = set()
        for path in paths or [str(bundled_dataset())]:
            try:
                ids |= {s.id for s in load(path).all_sources}
            except DatasetError:
                continue
        unknown = [source_id for source_id in sources if ids and source_id not in ids]
        if unknown:
            for source_id in unknown:
                err(
                    _("check: --source: no dataset has a source '{id}' (sources: {ids})").format(
                        id=printable(source_id, 40), ids=", ".join(sorted(ids))
                    )
                )
            return EXIT_USAGE
    if args.format == "json":
        return check_json(paths, sources)
    return check(paths, sources)


def read_sources(values: Sequence[str]) -> dict[str, str] | None:
    """Read each ``ID=FILE`` of ``--source``; None (after saying why) when one cannot be."""
    out: dict[str, str] = {}
    for value in values:
        source_id, equals, name = value.partition("=")
        if not equals or not source_id or not name:
            err(
                _("check: --source expects ID=FILE, not '{value}'").format(
                    value=printable(value, 80)
                )
            )
            return None
        try:
            with open(name, "rb") as handle:
                data = handle.read()
            out[source_id] = data.decode("utf-8")
        except OSError as exc:
            err(
                _("check: --source {id}: cannot read {file}: {reason}").format(
                    id=printable(source_id, 40),
                    file=printable(name, 200),
                    reason=exc.strerror or exc,
                )
            )
            return None
        except UnicodeDecodeError as exc:
            err(
                _("check: --source {id}: {file} is not valid UTF-8 (byte {offset})").format(
                    id=printable(source_id, 40), file=printable(name, 200), offset=exc.start
                )
            )
            return None
    return out
