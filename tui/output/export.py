"""Exports of a dataset (CSV, JSON, Markdown) and the atomic, no-clobber file write."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.dataset import LABELS, Dataset, State, compute_totals, reconcile
from tui.output.markdown import escape as _md

CSV_COLUMNS = (
    "code",
    "state",
    "victims_rescued",
    "victims_adult",
    "victims_minor",
    "arrests",
    "notes",
    "medical_services",
    "victims_derived",
    "quote",
    "translation",
)
"""CSV header: the first seven columns are fixed; tools may rely on their names and order."""


NOTES_SEPARATOR = " · "
"""Joins a state's notes in one CSV cell or Markdown table cell (the same in both).

Notes are sentences that end with a full stop; "; " made ".;" of them. A spaced middle dot
reads as a list in a spreadsheet and in Markdown, and is no CSV or Markdown syntax. The JSON
export keeps the notes as a list.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A CSV cell starting with one of these is a formula to a spreadsheet (OWASP: CSV injection)."""


def _cell(value: int | None) -> str:
    return "" if value is None else str(value)


def neutralise(text: str) -> str:
    """Prefix a cell a spreadsheet would run as a formula with ``'`` (OWASP's advice).

    The apostrophe makes Excel, LibreOffice and Google Sheets show the text as typed.
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(dataset: Dataset, raw: bool = False) -> str:
    """One row per state, in dataset order; an empty cell means *not reported*.

    Text cells that a spreadsheet would take for a formula are neutralised unless ``raw``
    (for programs that read the CSV and want the text exactly).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    text = (lambda value: value) if raw else neutralise
    for s in dataset.states:
        writer.writerow(
            (
                text(s.code),
                text(s.name),
                _cell(s.victims_rescued),
                _cell(s.victims_adult),
                _cell(s.victims_minor),
                _cell(s.arrests),
                text(NOTES_SEPARATOR.join(s.notes)),
                _cell(s.medical_services),
                "yes" if s.victims_derived else "",
                text(s.quote or ""),
                text(s.translation or ""),
            )
        )
    return out.getvalue()


def _state_json(s: State) -> dict[str, Any]:
    return {
        "code": s.code,
        "state": s.name,
        "victims_rescued": s.victims_rescued,
        "victims_adult": s.victims_adult,
        "victims_minor": s.victims_minor,
        "arrests": s.arrests,
        "notes": list(s.notes),
        "medical_services": s.medical_services,
        "victims_derived": s.victims_derived,
        "quote": s.quote,
        "translation": s.translation,
    }


def _plain(value: object) -> object:
    """Make dataclass field values JSON-friendly (dates as ISO strings, tuples as lists)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(getattr(value, k)) for k in value.__dataclass_fields__}
    return value


def to_document(dataset: Dataset) -> dict[str, Any]:
    """The JSON export as a Python structure."""
    totals = compute_totals(dataset.states)
    return {
        "schema_version": 1,
        "operation": _plain(dataset.operation),
        "source": _plain(dataset.source),
        "reported": _plain(dataset.reported),
        "agencies": _plain(dataset.agencies),
        "context": {"figures": _plain(dataset.context), "notes": list(dataset.context_notes)},
        "states": [_state_json(s) for s in dataset.states],
        "totals": {
            "states": totals.states,
            # No state reporting a figure means no total, not 0 (as in the reconciliation).
            **{
                m.metric: {"total": m.total if m.reporting else None, "reporting": m.reporting}
                for m in totals.metrics
            },
        },
        "reconciliation": [
            {
                "metric": r.metric,
                "computed": r.computed,
                "reported": r.reported,
                "reporting": r.reporting,
                "status": r.status,
            }
            for r in reconcile(dataset, totals)
        ],
    }


def to_json(dataset: Dataset) -> str:
    """JSON export: the per-state CSV fields plus operation, source, totals and reconciliation."""
    return json.dumps(to_document(dataset), ensure_ascii=False, indent=2) + "\n"


def _md_figure(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def _md_quote(quote: str | None, translation: str | None) -> str:
    """The source's words (guillemets added unless present) and the English rendering."""
    if not quote:
        return "no quote recorded"
    words = _md(quote) if quote.lstrip().startswith("«") else f"« {_md(quote)} »"
    return words + (f" — *{_md(translation)}*" if translation else "")


def _md_details(dataset: Dataset) -> list[str]:
    """Sections after the table: the source's words, agencies, context and notes."""
    lines = ["", "## The source's words", ""]
    for s in dataset.states:
        lines.append(f"- **{_md(s.name)} ({_md(s.code)})**: {_md_quote(s.quote, s.translation)}")
    if dataset.agencies:
        lines += ["", "## Agencies", ""]
        for a in dataset.agencies:
            where = ", ".join(a.states) if a.states else "operation-wide"
            level = a.level or "level not stated"
            lines.append(f"- **{_md(a.name)}**: {level}, {a.role}; {_md(where)}")
    if dataset.context:
        lines += ["", "## National context", ""]
        for c in dataset.context:
            who = ", ".join(str(x) for x in (c.attributed_to, c.year) if x)
            lines.append(
                f"- {c.value:,} {_md(c.label)}"
                + (f" ({_md(who)})" if who else "")
                + f": {_md_quote(c.quote, c.translation)}"
            )
        lines += [f"- {_md(note)}" for note in dataset.context_notes]
    notes = [_md(n) for n in dataset.operation.notes]
    notes += [f"{_md(s.name)}: {_md(n)}" for s in dataset.states for n in s.notes]
    if notes:
        lines += ["", "## Data-quality notes", ""] + [f"- {n}" for n in notes]
    return lines


def _md_operation(dataset: Dataset) -> list[str]:
    """Who announced the operation and when, and every statement the source makes about it."""
    op = dataset.operation
    lines: list[str] = []
    if op.local_name:
        lines += [f"*{_md(op.local_name)}*", ""]
    who = ", ".join(_md(x) for x in (op.announced_by, op.announced_by_title) if x)
    when = op.announced.isoformat() if op.announced else ""
    if who or when:
        said = "Announced" + (f" on {when}" if when else "") + (f" by {who}" if who else "")
        lines += [said + ".", ""]
    if op.facts:
        lines += ["## The operation", ""]
        for fact in op.facts:
            lines.append(f"- **{_md(fact.topic)}**: {_md(fact.text)}")
            if fact.quote:
                lines.append(f"  {_md_quote(fact.quote, fact.translation)}")
        lines.append("")
    return lines


def to_markdown(dataset: Dataset) -> str:
    """A report to read and cite: figures, the source's words, agencies, context, totals with
    reconciliation, notes and the source."""
    op, src = dataset.operation, dataset.source
    lines = [f"# {_md(op.name)}", ""]
    if op.summary:
        lines += [_md(op.summary), ""]
    lines += _md_operation(dataset)
    lines += [
        "| Code | State | Victims rescued | Adult | Minor | Arrests | Notes |",
        "|---|---|--:|--:|--:|--:|---|",
    ]
    for s in dataset.states:
        victims = _md_figure(s.victims_rescued) + (" (sum)" if s.victims_derived else "")
        lines.append(
            f"| {_md(s.code)} | {_md(s.name)} | {victims} | {_md_figure(s.victims_adult)} | "
            f"{_md_figure(s.victims_minor)} | {_md_figure(s.arrests)} | "
            f"{_md(NOTES_SEPARATOR.join(s.notes))} |"
        )
    lines += ["", "— = not reported by the source (not zero)."]
    lines += _md_details(dataset)
    lines += ["", "## Totals", ""]
    lines += [
        "| Figure | Computed | Reported | States reporting | Check |",
        "|---|--:|--:|--:|---|",
    ]
    marks = {
        "match": "✓ match",
        "differs": "⚠ differs",
        "no-state-figures": "no per-state figures",
        "not-reported": "not reported by source",
    }
    note = dataset.reported.victims_note
    for r in reconcile(dataset):
        reported = _md_figure(r.reported) + ("†" if note and r.metric == "victims_rescued" else "")
        lines.append(
            f"| {LABELS[r.metric]} | {_md_figure(r.computed)} | {reported} | "
            f"{r.reporting} of {r.of} | {marks[r.status]} |"
        )
    if note:
        lines += ["", f"† {_md(note)}"]
    if dataset.reported.quote:
        lines += ["", _md_quote(dataset.reported.quote, dataset.reported.translation)]
    lines += ["", "## Source", ""]
    byline = ", ".join(
        _md(str(x)) for x in (src.author, src.publisher, src.published, src.language) if x
    )
    lines.append(f"{_md(src.title)}" + (f" — {byline}" if byline else ""))
    if src.url:
        lines += ["", f"<{src.url.replace('>', '%3E')}>"]
    return "\n".join(lines) + "\n"


FORMATS: dict[str, Callable[[Dataset], str]] = {
    "csv": to_csv,
    "json": to_json,
    "markdown": to_markdown,
}


class ExportError(Exception):
    """An export could not be written; the message says why, in one line."""


def write_atomic(target: str | os.PathLike[str], text: str, force: bool) -> None:
    """Write ``text`` to ``target`` via a temporary file and a rename.

    Without ``force`` an existing file is never replaced, even one created while writing
    (the final step is a hard link, which fails if the name exists). On any failure no
    temporary file is left behind.
    """
    path = Path(target)
    directory = path.parent
    if path.is_dir():
        raise ExportError(f"{path}: is a directory")
    if path.exists() and not path.is_file():
        # A device, FIFO or socket (/dev/null, /dev/stdout): renaming over it would replace it.
        raise ExportError(f"{path}: is not a regular file; leave out -o to write to stdout")
    if not directory.is_dir():
        raise ExportError(f"{path}: directory {directory} does not exist")
    if path.exists() and not force:
        raise ExportError(f"{path}: already exists (use --force to overwrite)")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write in {directory}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise ExportError(f"{path}: already exists (use --force to overwrite)") from None
            except OSError:
                # Filesystems without hard links: the exists() check above is the guard.
                os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
