"""Exports of a dataset (CSV, JSON, Markdown) and the atomic, no-clobber file write."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.dataset import LABELS, Dataset, State, compute_totals, reconcile
from tui.dataset.agreement import FigureAgreement, agreement, agreement_json
from tui.dataset.model import METRICS, OPERATION_FIGURES, Claim, Reported, Source
from tui.dataset.text import PATH_LIMIT, printable, printable_path
from tui.dataset.totals import KINDS, LEVELS, ROLES, Status
from tui.dataset.view import display_name
from tui.i18n import N_, _, date, date_time, guillemets, language, language_name, number
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
        # A filtered export: totals of the shown states (status "subset"), and of how many.
        **({"subset_of": dataset.subset_of} if dataset.subset_of is not None else {}),
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
    return "—" if value is None else number(value)


def _label(text: str) -> str:
    """``text`` followed by a colon, the UI language's way ("Soins :" in French)."""
    return _("{label}: ").format(label=text).rstrip(" ")


def _md_quote(quote: str | None, translation: str | None) -> str:
    """The source's words (guillemets added unless present) and, in English, their English
    rendering; a French report gives the source's own French words only (as About does)."""
    if not quote:
        return _("no quote recorded")
    words = _md(quote) if quote.lstrip().startswith("«") else guillemets(_md(quote))
    if language() == "fr":
        return words
    return words + (f" — *{_md(translation)}*" if translation else "")


def _md_details(dataset: Dataset) -> list[str]:
    """Sections after the table: the source's words, agencies, context and notes."""
    lines = ["", "## " + _("The source's words"), ""]
    for s in dataset.states:
        name = f"**{_md(display_name(s))} ({_md(s.code)})**"
        lines.append(f"- {_label(name)} {_md_quote(s.quote, s.translation)}")
    if dataset.agencies:
        lines += ["", "## " + _("Agencies"), ""]
        for a in dataset.agencies:
            where = ", ".join(a.states) if a.states else _("operation-wide")
            level = _(LEVELS[a.level]) if a.level else _("level not stated")
            what = ", ".join((level, _(ROLES[a.role])))
            lines.append(f"- {_label('**' + _md(a.name) + '**')} {what}; {_md(where)}")
    if dataset.context:
        lines += ["", "## " + _("National context"), ""]
        for c in dataset.context:
            who = ", ".join(str(x) for x in (c.attributed_to, c.year) if x)
            head = f"{number(c.value)} {_md(c.label)}" + (f" ({_md(who)})" if who else "")
            lines.append(f"- {_label(head)} {_md_quote(c.quote, c.translation)}")
        lines += [f"- {_md(note)}" for note in dataset.context_notes]
    notes = [_md(n) for n in dataset.operation.notes]
    notes += [f"{_label(_md(display_name(s)))} {_md(n)}" for s in dataset.states for n in s.notes]
    if notes:
        lines += ["", "## " + _("Data-quality notes"), ""] + [f"- {n}" for n in notes]
    return lines


def _md_operation(dataset: Dataset) -> list[str]:
    """Who announced the operation and when, and every statement the source makes about it."""
    op = dataset.operation
    lines: list[str] = []
    if op.local_name:
        lines += [f"*{_md(op.local_name)}*", ""]
    who = ", ".join(_md(x) for x in (op.announced_by, op.announced_by_title) if x)
    when = date(op.announced) if op.announced else ""
    if who and when:
        lines += [_("Announced on {date} by {who}.").format(date=when, who=who), ""]
    elif when:
        lines += [_("Announced on {date}.").format(date=when), ""]
    elif who:
        lines += [_("Announced by {who}.").format(who=who), ""]
    if op.facts:
        lines += ["## " + _("The operation"), ""]
        for fact in op.facts:
            lines.append(f"- {_label('**' + _md(fact.topic) + '**')} {_md(fact.text)}")
            if fact.quote:
                lines.append(f"  {_md_quote(fact.quote, fact.translation)}")
        lines.append("")
    return lines


STATE_COLUMNS = (
    N_("Code"),
    N_("State"),
    N_("Victims rescued"),
    N_("Adult"),
    N_("Minor"),
    N_("Arrests"),
    N_("Notes"),
)
"""The Markdown report's state table, translated where written."""

TOTAL_COLUMNS = (N_("Figure"), N_("Computed"), N_("Reported"), N_("States reporting"), N_("Check"))
"""The Markdown report's totals table."""

MARKS: dict[Status, str] = {
    "match": N_("✓ match"),
    "differs": N_("⚠ differs"),
    "no-state-figures": N_("no per-state figures"),
    "not-reported": N_("not reported by source"),
    "subset": N_("shown states only"),
}
"""The totals table's check column, by reconciliation status."""

SUM_COLUMNS = (
    N_("Source"),
    N_("Figure"),
    N_("Its states add up to"),
    N_("States giving it"),
    N_("Its total"),
    N_("Check"),
)
"""The table of each source's own sums, in the report's disagreement section."""


def subset_note(shown: int, whole: int) -> str:
    """What the totals of a filtered export are: the shown states', not compared."""
    return _(
        "{shown} of {whole} states shown; totals of the shown states, not compared with the source."
    ).format(shown=number(shown), whole=number(whole))


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(cells) + " |"


def _md_source_name(source: Source) -> str:
    """A source as the disagreement section names it: publisher, and date when known."""
    name = _md(source.publisher or source.label)
    when = source.published
    if when is not None:
        day = when.date() if isinstance(when, dt.datetime) else when
        name += f" ({date(day)})"
    return name


def _md_disagreement(dataset: Dataset, sums: bool) -> list[str]:
    """ "Where the sources disagree": each contested figure with who gives each value, and
    (with ``sums``) each source's own sums."""
    if len(dataset.all_sources) < 2:
        return []
    found = agreement(dataset)
    names = {s.id: _md_source_name(s) for s in dataset.all_sources}
    lines = ["", "## " + _("Where the sources disagree"), ""]
    by_code = {s.code: s for s in dataset.states}
    places = [(_("Operation"), found.operation)] + [
        (f"{display_name(by_code[code])} ({code})", found.state(code))
        for code in found.contested_states
    ]
    contested = [
        (where, item) for where, figures in places for item in figures.figures if item.contested
    ]
    if not contested:
        lines.append(_("The sources agree on every figure they share."))
    derived = _("(sum of adults and minors)")
    for where, item in contested:
        groups = []
        for group in item.groups:
            who = ", ".join(
                names.get(v.source, _md(v.source)) + (f" {derived}" if v.derived else "")
                for v in group.sources
            )
            groups.append(
                _("{value} according to {sources}").format(value=number(group.value), sources=who)
            )
        label = _(LABELS[item.figure]).lower()
        lines.append(f"- **{_md(where)}, {label}**: " + "; ".join(groups) + ".")
    if sums and found.sum_checks:
        lines += [
            "",
            _("Each source's own sums (its states' figures against the total it states):"),
            "",
            _row(tuple(_(c) for c in SUM_COLUMNS)),
            "|---|---|--:|--:|--:|---|",
        ]
        for c in found.sum_checks:
            giving = _("{reporting} of {of}").format(reporting=number(c.reporting), of=number(c.of))
            cells = (
                names.get(c.source, _md(c.source)),
                _(LABELS[c.figure]),
                number(c.states_sum),
                giving,
                number(c.stated),
                _(MARKS[c.status]),
            )
            lines.append(_row(cells))
    return lines


def _md_other_sources(dataset: Dataset) -> list[str]:
    """Every source but the main one: publisher, title or description, date, kind, address."""
    others = dataset.all_sources[1:]
    if not others:
        return []
    lines = ["", "## " + _("Other sources"), ""]
    for src in others:
        parts = [f"**{_md(src.publisher or src.id)}** [{_md(src.id)}]"]
        if src.title:
            parts.append(
                _md(guillemets(src.title)) if language() == "fr" else f"“{_md(src.title)}”"
            )
        if src.description:
            parts.append(_md(src.description))
        published = date_time(src.published) if src.published else None
        language_ = language_name(src.language) if src.language else None
        kind = _(KINDS[src.kind]) if src.kind else None
        facts = [str(x) for x in (src.author, published, language_, kind) if x]
        line = " — ".join(parts) + (f" ({_md(', '.join(facts))})" if facts else "")
        if src.url:
            line += f" <{src.url.replace('>', '%3E')}>"
        for via in src.via:
            line += "; " + _("via {publisher}").format(publisher=_md(via.publisher))
            if via.url:
                line += f" <{via.url.replace('>', '%3E')}>"
        lines.append(f"- {line}")
    return lines


def to_markdown(dataset: Dataset, sums: bool = True) -> str:
    """A report to read and cite, in the UI language: figures, the source's words, agencies,
    context, totals with reconciliation, where the sources disagree, notes and the sources
    (``sums``: each source's sum checks, which only mean something over every state). Numbers
    and dates are written the UI language's way (1 883, 27 août 2021); the CSV and JSON exports
    stay machine-readable.
    """
    op, src = dataset.operation, dataset.source
    lines = [f"# {_md(op.name)}", ""]
    if op.summary:
        lines += [_md(op.summary), ""]
    lines += _md_operation(dataset)
    lines += [_row(tuple(_(c) for c in STATE_COLUMNS)), "|---|---|--:|--:|--:|--:|---|"]
    for s in dataset.states:
        sum_mark = _("(sum)")
        victims = _md_figure(s.victims_rescued) + (f" {sum_mark}" if s.victims_derived else "")
        lines.append(
            f"| {_md(s.code)} | {_md(display_name(s))} | {victims} | "
            f"{_md_figure(s.victims_adult)} | {_md_figure(s.victims_minor)} | "
            f"{_md_figure(s.arrests)} | {_md(NOTES_SEPARATOR.join(s.notes))} |"
        )
    lines += ["", _("— = not reported by the source (not zero).")]
    lines += _md_details(dataset)
    lines += ["", "## " + _("Totals"), ""]
    lines += [_row(tuple(_(c) for c in TOTAL_COLUMNS)), "|---|--:|--:|--:|---|"]
    note = dataset.reported.victims_note
    for r in reconcile(dataset):
        reported = _md_figure(r.reported) + ("†" if note and r.metric == "victims_rescued" else "")
        reporting = _("{reporting} of {of}").format(reporting=number(r.reporting), of=number(r.of))
        lines.append(
            _row(
                (
                    _(LABELS[r.metric]),
                    _md_figure(r.computed),
                    reported,
                    reporting,
                    _(MARKS[r.status]),
                )
            )
        )
    if dataset.subset_of is not None:
        lines += ["", subset_note(len(dataset.states), dataset.subset_of)]
    if note:
        lines += ["", f"† {_md(note)}"]
    if dataset.reported.quote:
        lines += ["", _md_quote(dataset.reported.quote, dataset.reported.translation)]
    lines += _md_disagreement(dataset, sums)
    lines += ["", "## " + _("Source"), ""]
    published = date_time(src.published) if src.published else None
    language_ = language_name(src.language) if src.language else None
    byline = ", ".join(_md(str(x)) for x in (src.author, src.publisher, published, language_) if x)
    lines.append(f"{_md(src.title)}" + (f" — {byline}" if byline else ""))
    if src.url:
        lines += ["", f"<{src.url.replace('>', '%3E')}>"]
    if src.reports_on:
        lines += ["", _("It reports: {primary}.").format(primary=_md(src.reports_on))]
    lines += _md_other_sources(dataset)
    return "\n".join(lines) + "\n"


FORMATS: dict[str, Callable[[Dataset], str]] = {
    "csv": to_csv,
    "json": to_json,
    "markdown": to_markdown,
}


class ExportError(Exception):
    """An export could not be written; the message says why, in one line.

    ``path`` is the file that could not be written (None when the message names several),
    ``reason`` why, and ``exists`` is True when the only reason is an existing file.
    """

    def __init__(
        self, reason: str, path: str | os.PathLike[str] | None = None, exists: bool = False
    ) -> None:
        self.path = None if path is None else os.fspath(path)
        self.reason = reason
        self.exists = exists
        # "PATH: reason", the colon written the UI language's way ("PATH : raison" in French).
        shown = _("{label}: ").format(label=printable_path(self.path)) if self.path else ""
        super().__init__(shown + printable(reason, 2 * PATH_LIMIT))


class ExportExistsError(ExportError):
    """The target exists and replacing it was not asked for (the UI offers to)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(_("already exists (use --force to overwrite)"), path, exists=True)


TEMP_PREFIX = ".unitedfront-"
"""Temporary files are ``.unitedfront-XXXXXXXX.tmp``: short, so that a target name of up to
255 bytes (the usual limit) can be written, which ``.<name>.XXXX.tmp`` would push past it."""


def working_directory() -> Path:
    """The current directory, or the home directory when the current one was deleted.

    ``Path.cwd()`` raises once the directory a session started in is gone.
    """
    try:
        return Path.cwd()
    except OSError:
        try:
            return Path.home()
        except (KeyError, RuntimeError):
            return Path(os.sep)


def _reason(exc: BaseException) -> str:
    """An OSError's reason as the system words it (``Permission denied``), or the message."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _create_temporary(directory: Path) -> tuple[int, str]:
    """Create an empty temporary file in ``directory``; return its descriptor and path.

    Created with mode 0o666 so that the kernel applies the umask (and any default ACL), as for
    any new file the user makes; :func:`tempfile.mkstemp` would make it 0o600.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _attempt in range(100):
        tmp = os.path.join(directory, f"{TEMP_PREFIX}{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(directory))


def write_atomic(target: str | os.PathLike[str], text: str, force: bool) -> None:
    """Write ``text`` to ``target`` via a temporary file and a rename.

    Without ``force`` an existing file is never replaced, even one created while writing
    (the final step is a hard link, which fails if the name exists). On any failure no
    temporary file is left behind, and every ``OSError`` (or a path the system cannot take)
    becomes an :class:`ExportError` naming the path and the reason. A new file gets the mode
    the umask gives; a replaced file keeps its mode.
    """
    path = Path(target)
    try:
        _write_atomic(path, text, force)
    except (OSError, ValueError) as exc:
        # Unforeseen failures too (a directory that cannot be searched, a name over 255
        # bytes, a NUL in a typed path): one line, never a traceback.
        raise ExportError(_("cannot write: {reason}").format(reason=_reason(exc)), path) from None


def _write_atomic(path: Path, text: str, force: bool) -> None:
    """:func:`write_atomic`'s steps; foreseen failures raise ExportError, others OSError."""
    directory = path.parent
    try:
        status: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        status = None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise ExportError(_("is a directory"), path)
    if status is not None and not stat.S_ISREG(status.st_mode):
        # A device, FIFO or socket (/dev/null, /dev/stdout): renaming over it would replace it.
        raise ExportError(_("is not a regular file; leave out -o to write to stdout"), path)
    if not directory.is_dir():
        raise ExportError(
            _("directory {directory} does not exist").format(directory=printable_path(directory)),
            path,
        )
    if status is not None and not force:
        raise ExportExistsError(path)
    try:
        fd, tmp = _create_temporary(directory)
    except OSError as exc:
        message = _("cannot write in {directory}: {reason}")
        raise ExportError(
            message.format(directory=printable_path(directory), reason=_reason(exc)), path
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if status is not None:
            # The file replaced keeps its permissions (a private file stays private).
            os.chmod(tmp, stat.S_IMODE(status.st_mode))
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise ExportExistsError(path) from None
            except OSError:
                # Filesystems without hard links: the stat above is the guard.
                os.replace(tmp, path)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)
