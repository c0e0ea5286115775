"""Machine-readable diagnostics for editors and CI: every problem of each file, as JSON.

A file that does not load gives its errors; a valid file whose states do not add up to the
source's headline figures gives warnings (the file is right, the source is uneven), located
at the ``[reported]`` key they concern. Pure Python: no textual here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from tui.dataset.agreement import agreement_json
from tui.dataset.errors import DatasetError, Problem
from tui.dataset.loader import load_text, read_text
from tui.dataset.locate import KeyLocator
from tui.dataset.model import Dataset
from tui.dataset.text import printable
from tui.dataset.totals import LABELS, reconcile

Severity = Literal["error", "warning"]
FORMAT_VERSION = 1
"""Version of the JSON document ``check --format json`` prints."""


@dataclass(frozen=True)
class Diagnostic:
    """One located finding about one file."""

    problem: Problem
    severity: Severity = "error"

    def as_dict(self) -> dict[str, object]:
        """The JSON object of one diagnostic (null where the file gives no position)."""
        p = self.problem
        return {
            "file": printable(p.file, 400),
            "line": p.line,
            "column": p.column,
            "field": printable(p.field, 120) if p.field else None,
            "message": printable(p.message, 400),
            "severity": self.severity,
        }


@dataclass(frozen=True)
class FileReport:
    """What checking one file found: the dataset when it loaded, and every diagnostic."""

    file: str
    dataset: Dataset | None
    diagnostics: tuple[Diagnostic, ...]


def check_file(path: str, sources: Mapping[str, str] | None = None) -> FileReport:
    """Load ``path`` and collect its errors, or the warnings of a valid file.

    ``sources`` maps source ids to the user's copy of their text (``check --source``): each
    way the dataset misquotes one of them is a warning too.
    """
    try:
        text = read_text(path)
        dataset = load_text(text, path)
    except DatasetError as exc:
        return FileReport(path, None, tuple(Diagnostic(p) for p in exc.problems))
    warnings = list(_warnings(dataset, text, path))
    if sources:
        from tui.dataset.verify import verify

        for source_id, source_text in sources.items():
            if dataset.source_by_id(source_id) is not None:
                found = verify(dataset, text, path, source_id, source_text)
                warnings += [Diagnostic(p, "warning") for p in found]
    return FileReport(path, dataset, tuple(warnings))


def _warnings(dataset: Dataset, text: str, path: str) -> Iterable[Diagnostic]:
    """A warning per headline figure the states do not add up to, at its [reported] key."""
    locator: KeyLocator | None = None
    for row in reconcile(dataset):
        if row.status != "differs":
            continue
        locator = locator or KeyLocator(text)
        message = (
            f"{LABELS[row.metric]}: the states add up to {row.computed:,}, "
            f"the source reports {row.reported:,}"
        )
        line = locator.line_of(("reported", row.metric))
        yield Diagnostic(Problem(path, message, line, None, f"reported.{row.metric}"), "warning")


def to_json(reports: Iterable[FileReport]) -> str:
    """One JSON document for every file checked: a summary per file, then every diagnostic."""
    reports = list(reports)
    files = [
        {
            "file": printable(r.file, 400),
            "valid": r.dataset is not None,
            "operation": r.dataset.operation.name if r.dataset else None,
            "states": len(r.dataset.states) if r.dataset else None,
            "errors": sum(d.severity == "error" for d in r.diagnostics),
            "warnings": sum(d.severity == "warning" for d in r.diagnostics),
            "agreement": agreement_json(r.dataset) if r.dataset else None,
        }
        for r in reports
    ]
    diagnostics = [d.as_dict() for r in reports for d in r.diagnostics]
    document = {"version": FORMAT_VERSION, "files": files, "diagnostics": diagnostics}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
