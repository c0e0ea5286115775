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
from tui.dataset.agreement import FigureAgreement, agreement, agreement_json
from tui.dataset.model import METRICS, OPERATION_FIGURES, Claim, Reported, Source
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


CLAIM_COLUMNS = (
    "scope",
    "code",
    "state",
    "source",
    "publisher",
    "main_source",
    "figure",
    "value",
    "derived",
    "verdict",
    "locator",
)
"""``export --format csv --claims``: one row per state (or the operation) x source x figure."""


def _claim_json(
    source: str, figures: dict[str, int | None], derived: bool, locator: str | None
) -> dict[str, Any]:
    """One source's figures for a state or the operation: only the figures it gives."""
    out: dict[str, Any] = {"source": source}
    out.update({key: value for key, value in figures.items() if value is not None})
    if derived:
        out["victims_derived"] = True
    out["locator"] = locator
    return out


def state_claims(dataset: Dataset, s: State) -> list[dict[str, Any]]:
    """Every source's figures for state ``s``: the main source's own keys first, then claims."""
    main: dict[str, int | None] = {m: s.figure(m) for m in METRICS}
    out = []
    if any(v is not None for v in main.values()):
        out.append(_claim_json(dataset.source.id, main, s.victims_derived, None))
    out += [_claim_of(c, METRICS) for c in s.claims]
    return out


def operation_claims(dataset: Dataset) -> list[dict[str, Any]]:
    """Every source's operation-wide figures: the main source's ``[reported]`` first."""
    reported: Reported = dataset.reported
    main: dict[str, int | None] = {n: reported.figure(n) for n in OPERATION_FIGURES}
    out = []
    if any(v is not None for v in main.values()):
        out.append(_claim_json(dataset.source.id, main, False, None))
    out += [_claim_of(c, OPERATION_FIGURES) for c in reported.claims]
    return out


def _claim_of(claim: Claim, names: tuple[str, ...]) -> dict[str, Any]:
    return _claim_json(
        claim.source, {n: claim.figure(n) for n in names}, claim.victims_derived, claim.locator
    )


def _source_json(source: Source) -> dict[str, Any]:
    """A source for the JSON export: id, publisher, url first; ``read_at`` is where to read
    it (its url, else the first republication's)."""
    plain = _plain(source)
    assert isinstance(plain, dict)
    read_at = source.url or next((v.url for v in source.via if v.url), None)
    return {
        "id": source.id,
        "publisher": source.publisher,
        "url": source.url,
        "read_at": read_at,
        **plain,
    }


def to_claims_csv(dataset: Dataset, raw: bool = False) -> str:
    """The long table of claims: one row per state (or the operation) x source x figure.

    ``verdict`` is the figure's (agreed, single, contested) over every source; ``derived`` is
    ``yes`` for a victims total computed from adults and minors.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CLAIM_COLUMNS)
    text = (lambda value: value) if raw else neutralise
    found = agreement(dataset)
    publishers = {s.id: s.publisher or s.label for s in dataset.all_sources}

    def rows(scope: str, code: str, name: str, figures: tuple[FigureAgreement, ...]) -> None:
        for item in figures:
            for value in item.values:
                writer.writerow(
                    (
                        scope,
                        text(code),
                        text(name),
                        text(value.source),
                        text(publishers.get(value.source, "")),
                        "yes" if value.main else "",
                        item.figure,
                        value.value,
                        "yes" if value.derived else "",
                        item.verdict,
                        text(value.locator or ""),
                    )
                )

    rows("operation", "", "", found.operation.figures)
    for s, figures in zip(dataset.states, found.states):
        rows("state", s.code, s.name, figures.figures)
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


def to_document(dataset: Dataset, sums: bool = True) -> dict[str, Any]:
    """The JSON export as a Python structure (``sums``: each source's sum checks, which only
    mean something over every state)."""
    totals = compute_totals(dataset.states)
    operation = _plain(dataset.operation)
    assert isinstance(operation, dict)
    operation["claims"] = operation_claims(dataset)
    reported = _plain(dataset.reported)
    assert isinstance(reported, dict)
    reported.pop("claims")  # They are operation.claims, with the main source's.
    return {
        "schema_version": 1,
        "operation": operation,
        "source": _source_json(dataset.source),
        "sources": [_source_json(s) for s in dataset.all_sources],
        "reported": reported,
        "agencies": _plain(dataset.agencies),
        "context": {"figures": _plain(dataset.context), "notes": list(dataset.context_notes)},
        "states": [{**_state_json(s), "claims": state_claims(dataset, s)} for s in dataset.states],
        "agreement": agreement_json(dataset, sums),
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


def _md_source_name(source: Source) -> str:
    """A source as the disagreement section names it: publisher, and date when known."""
    name = _md(source.publisher or source.label)
    when = source.published
    if when is not None:
        day = when.date() if isinstance(when, dt.datetime) else when
        name += f" ({day.isoformat()})"
    return name


def _md_disagreement(dataset: Dataset, sums: bool) -> list[str]:
    """ "Where the sources disagree": each contested figure with who gives each value, and
    (with ``sums``) each source's own sums."""
    if len(dataset.all_sources) < 2:
        return []
    found = agreement(dataset)
    names = {s.id: _md_source_name(s) for s in dataset.all_sources}
    lines = ["", "## Where the sources disagree", ""]
    by_code = {s.code: s for s in dataset.states}
    places = [("Operation", found.operation)] + [
        (f"{by_code[code].name} ({code})", found.state(code)) for code in found.contested_states
    ]
    contested = [
        (where, item) for where, figures in places for item in figures.figures if item.contested
    ]
    if not contested:
        lines.append("The sources agree on every figure they share.")
    for where, item in contested:
        groups = []
        for group in item.groups:
            who = ", ".join(
                names.get(v.source, _md(v.source))
                + (" (sum of adults and minors)" if v.derived else "")
                for v in group.sources
            )
            groups.append(f"{group.value:,} according to {who}")
        label = LABELS[item.figure].lower()
        lines.append(f"- **{_md(where)}, {label}**: " + "; ".join(groups) + ".")
    if sums and found.sum_checks:
        lines += [
            "",
            "Each source's own sums (its states' figures against the total it states):",
            "",
            "| Source | Figure | Its states add up to | States giving it | Its total | Check |",
            "|---|---|--:|--:|--:|---|",
        ]
        for c in found.sum_checks:
            mark = "✓ match" if c.status == "match" else "⚠ differs"
            lines.append(
                f"| {names.get(c.source, _md(c.source))} | {LABELS[c.figure]} | {c.states_sum:,} "
                f"| {c.reporting} of {c.of} | {c.stated:,} | {mark} |"
            )
    return lines


def _md_other_sources(dataset: Dataset) -> list[str]:
    """Every source but the main one: publisher, title or description, date, kind, address."""
    others = dataset.all_sources[1:]
    if not others:
        return []
    lines = ["", "## Other sources", ""]
    for src in others:
        parts = [f"**{_md(src.publisher or src.id)}** [{_md(src.id)}]"]
        if src.title:
            parts.append(f"“{_md(src.title)}”")
        if src.description:
            parts.append(_md(src.description))
        facts = [str(x) for x in (src.author, src.published, src.language, src.kind) if x]
        line = " — ".join(parts) + (f" ({_md(', '.join(facts))})" if facts else "")
        if src.url:
            line += f" <{src.url.replace('>', '%3E')}>"
        for via in src.via:
            line += f"; via {_md(via.publisher)}"
            if via.url:
                line += f" <{via.url.replace('>', '%3E')}>"
        lines.append(f"- {line}")
    return lines


def to_markdown(dataset: Dataset, sums: bool = True) -> str:
    """A report to read and cite: figures, the source's words, agencies, context, totals with
    reconciliation, where the sources disagree, notes and the sources (``sums``: each source's
    sum checks, which only mean something over every state)."""
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
    lines += _md_disagreement(dataset, sums)
    lines += ["", "## Source", ""]
    byline = ", ".join(
        _md(str(x)) for x in (src.author, src.publisher, src.published, src.language) if x
    )
    lines.append(f"{_md(src.title)}" + (f" — {byline}" if byline else ""))
    if src.url:
        lines += ["", f"<{src.url.replace('>', '%3E')}>"]
    if src.reports_on:
        lines += ["", f"It reports: {_md(src.reports_on)}."]
    lines += _md_other_sources(dataset)
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
