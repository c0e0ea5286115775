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
from tui.dataset.text import PATH_LIMIT, printable, printable_path
from tui.dataset.totals import LEVELS, ROLES, Status
from tui.dataset.view import display_name
from tui.i18n import N_, _, date, date_time, guillemets, language, language_name, number

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


def _md(text: str) -> str:
    """Escape text for a Markdown table cell: pipes, markup characters and line breaks."""
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", " ")


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


def subset_note(shown: int, whole: int) -> str:
    """What the totals of a filtered export are: the shown states', not compared."""
    return _(
        "{shown} of {whole} states shown; totals of the shown states, not compared with the source."
    ).format(shown=number(shown), whole=number(whole))


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(cells) + " |"


def to_markdown(dataset: Dataset) -> str:
    """A report to read and cite, in the UI language: figures, the source's words, agencies,
    context, totals with reconciliation, notes and the source. Numbers and dates are written
    the UI language's way (1 883, 27 août 2021); the CSV and JSON exports stay machine-readable.
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
    lines += ["", "## " + _("Source"), ""]
    published = date_time(src.published) if src.published else None
    language_ = language_name(src.language) if src.language else None
    byline = ", ".join(_md(str(x)) for x in (src.author, src.publisher, published, language_) if x)
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
