"""Small text builders shared by the panes and screens. Data strings stay literal ``Text``."""

from __future__ import annotations

from rich.text import Text

from tui.dataset import Agency, Reconciliation
from tui.dataset.totals import LABELS, LEVELS, ROLES
from tui.i18n import N_, _, number
from tui.widgets.nobreak import NoBreak, bind_guillemets

MISSING = "—"
"""Shown for a figure the source does not report (never 0)."""

CONTESTED_MARK = "‡"
"""Marks a figure the sources disagree on (list, map, bars, the Sources view)."""

VICTIMS_MARK = "†"
"""Marks a victims total the dataset qualifies (``reported.victims_note``), wherever shown."""


def figure(value: int | None) -> str:
    """Format a figure with thousands separators, or the *not reported* dash."""
    return MISSING if value is None else number(value)


def bar(part: int, whole: int, width: int = 20) -> str:
    """A text bar of ``part`` / ``whole``, readable without colour."""
    filled = round(width * part / whole) if whole else 0
    return "█" * filled + "░" * (width - filled)


def mark(row: Reconciliation) -> Text:
    """✓ when computed and reported agree, ⚠ with both numbers when they differ."""
    status = row.status
    if status == "match":
        return Text("✓", style="bold")
    if status == "differs":
        text = _("⚠ {computed} ≠ {reported} reported").format(
            computed=figure(row.computed), reported=figure(row.reported)
        )
        return Text(text, style="bold reverse")
    if status == "no-state-figures":
        return Text(
            _("({reported} reported)").format(reported=figure(row.reported)), style="italic"
        )
    if status == "subset":
        # Some states' total is not the operation's: nothing to check it against.
        return Text(_("(shown states only; not compared)"), style="italic")
    return Text(_("(source gives no total)"), style="italic")


SHORT_LABELS = {
    "states": N_("States"),
    "victims_rescued": N_("Victims"),
    "arrests": N_("Arrests"),
    "medical_services": N_("Medical"),
}
"""Labels for the one-line footer."""


def reconciliation_line(row: Reconciliation, short: bool = False) -> Text:
    """One headline figure with its check mark, e.g. ``Arrests 102 ✓``."""
    label = SHORT_LABELS.get(row.metric, row.metric) if short else LABELS[row.metric]
    text = Text(f"{_(label)} ", style="bold")
    text.append(figure(row.computed))
    text.append(" ")
    text.append_text(mark(row))
    return text


def agency_line(agency: Agency, source: str | None = None) -> Text:
    """An agency with its level and role, e.g. ``FBI — federal · partner``; then what it did
    and ``source`` (who names it, when not the main source), as literal text."""
    text = Text("• ")
    text.append(agency.name, style="bold")
    level = _(LEVELS[agency.level]) if agency.level else _("level not stated")
    text.append(f" — {level} · {_(ROLES[agency.role])}", style="italic")
    if agency.task:
        text.append(". ")
        text.append(Text(agency.task))
    if source:
        text.append(" ")
        text.append(_("(according to {source})").format(source=source), style="dim")
    return text


def prose(prefix: str, text: str, style: str | None = None) -> NoBreak:
    """``prefix`` then dataset ``text`` (literal), with any guillemets kept with their words."""
    line = Text(prefix)
    line.append(Text(bind_guillemets(text), style=style or ""))
    return NoBreak(line)


def quoted(text: str, style: str = "italic") -> NoBreak:
    """The source's words between guillemets (unless they carry their own), kept together.

    Guillemets are joined to their words with no-break spaces when rendering, never in the
    dataset, so a line never starts with » or ends with «.
    """
    stripped = text.strip()
    shown = text if stripped.startswith("«") else f"« {text} »"
    return NoBreak(Text(bind_guillemets(shown), style=style))


def heading(title: str) -> Text:
    """A section heading."""
    return Text(title, style="bold underline")
