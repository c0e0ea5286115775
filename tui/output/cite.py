"""Citations to paste: one state, or the shown table, as Markdown in the UI language.

Pure text (no textual), so the builders are tested without an app. Dataset strings are
escaped for Markdown and never translated; labels go through :func:`tui.i18n._`. In French
the source's words come first and the English translation second; in English, the reverse.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Sequence

from tui.dataset import Dataset, Source, State, Totals
from tui.dataset.agreement import FigureAgreement, agreement
from tui.dataset.contested import contested_metrics
from tui.dataset.view import StateView
from tui.i18n import N_, _, date, guillemets, language, ngettext, number
from tui.output.markdown import escape as md

FIGURE_WORDS = {
    "victims_rescued": N_("victims rescued"),
    "victims_adult": N_("adult victims"),
    "victims_minor": N_("minor victims"),
    "arrests": N_("arrests"),
    "medical_services": N_("people given medical services"),
    "states": N_("states"),
}
"""A figure in words, inside a sentence ("7 arrests according to ...")."""

CONTESTED_MARK = "‡"
"""Marks a figure the sources disagree on, in a citation's table."""

LANGUAGE_NAMES = {"fr": N_("French"), "en": N_("English")}
"""Names of source languages the citations spell out (others are shown as their tag)."""


def figure(value: int | None) -> str:
    """A figure the local way, or the *not reported* dash."""
    return "—" if value is None else number(value)


def display_name(state: State) -> str:
    """The state's name for a citation: the source's name first in French, English first
    otherwise; the other one in brackets when they differ."""
    local = state.local_name
    if not local or local == state.name:
        return f"{state.name} ({state.code})"
    if language() == "fr":
        return f"{local} ({state.name}, {state.code})"
    return f"{state.name} ({local}, {state.code})"


def _language_name(tag: str | None) -> str:
    """The source's language in words ("French"), or its tag when it has no name here."""
    if tag is None:
        return _("the source's language")
    name = LANGUAGE_NAMES.get(tag.split("-")[0].lower())
    return _(name) if name else tag


def _when(value: dt.date | None) -> str | None:
    """A date or date-time as a date in words (the time of day is not part of a citation)."""
    if value is None:
        return None
    return date(value.date() if isinstance(value, dt.datetime) else value)


def source_line(source: Source) -> str:
    """The source as one Markdown line: author, title, publisher, date, url when present."""
    title = guillemets(md(source.title)) if language() == "fr" else f"“{md(source.title)}”"
    parts = [md(source.author)] if source.author else []
    parts.append(title)
    if source.publisher:
        parts.append(f"*{md(source.publisher)}*")
    published = _when(source.published)
    if published:
        parts.append(published)
    line = ", ".join(parts) + "."
    if source.url:
        line += f" <{source.url.replace('>', '%3E')}>"
    return _("Source: {source}").format(source=line)


_BLOCK_START = re.compile(r"[#>+=-]|\d+[.)]")
"""What would make a line a heading, quote, list item or rule in Markdown."""


def _blockquote(text: str) -> list[str]:
    """``text`` as a Markdown block quote, line by line, inert as Markdown."""
    lines = []
    for line in text.strip().split("\n"):
        escaped = md(line.strip())
        start = _BLOCK_START.match(escaped)
        if start:
            # Escape the marker itself: "\#", "\-", and "1\." (a digit cannot be escaped).
            cut = start.end() - 1
            escaped = escaped[:cut] + "\\" + escaped[cut:]
        lines.append(f"> {escaped}" if escaped else ">")
    return lines


def words(quote: str | None, translation: str | None, source: Source) -> list[str]:
    """The source's words and their English translation as a Markdown block quote."""
    if not quote:
        # gettext calls stay outside f-strings: Babel sees into them only on Python 3.12+.
        none = _("No quote recorded.")
        return [f"*{none}*"] if not translation else _blockquote(translation)
    original = quote if quote.lstrip().startswith("«") else guillemets(quote.strip())
    said = _("The source's words ({language}):").format(language=_language_name(source.language))
    if language() == "fr":
        lines = [said, "", *_blockquote(original)]
        if translation:
            lines += [
                "",
                _("English translation (made for this dataset):"),
                "",
                *_blockquote(translation),
            ]
        return lines
    if not translation:
        return [said, "", *_blockquote(original)]
    return [
        _("English translation (made for this dataset):"),
        "",
        *_blockquote(translation),
        "",
        said,
        "",
        *_blockquote(original),
    ]


def primary_line(source: Source) -> str | None:
    """The primary document the source reports, as reported by it (None when not given)."""
    if not source.reports_on:
        return None
    return _("Primary source: {primary}, as reported by {source}.").format(
        primary=md(source.reports_on), source=f"*{md(source.publisher or source.label)}*"
    )


def source_lines(dataset: Dataset) -> list[str]:
    """The main source, then the primary document it reports."""
    lines = [source_line(dataset.source)]
    primary = primary_line(dataset.source)
    # A blank line between: Markdown would join two adjacent lines into one.
    return [*lines, "", primary] if primary else lines


def _who(dataset: Dataset, source_id: str) -> str:
    """A source in a sentence: its publisher, and its date when known."""
    source = dataset.source_by_id(source_id)
    if source is None:
        return md(source_id)
    name = md(source.publisher or source.label)
    when = _when(source.published)
    return f"{name} ({when})" if when else name


def disagreement(dataset: Dataset, where: str, item: FigureAgreement) -> str:
    """One contested figure in words: "Oklahoma: 7 arrests according to A; 13 according to B." """
    parts = []
    for n, group in enumerate(item.groups):
        sources = ", ".join(_who(dataset, v.source) for v in group.sources)
        if n == 0:
            part = _("{value} {figure} according to {sources}").format(
                value=number(group.value), figure=_(FIGURE_WORDS[item.figure]), sources=sources
            )
        else:
            part = _("{value} according to {sources}").format(
                value=number(group.value), sources=sources
            )
        parts.append(part)
    french = language() == "fr"
    colon, semicolon = (" :", " ; ") if french else (":", "; ")
    return f"{md(where)}{colon} " + semicolon.join(parts) + "."


def state_citation(dataset: Dataset, state: State) -> str:
    """A Markdown citation of one state: figures, the source's words, translation, source."""
    lines = [f"**{md(display_name(state))}** — {md(dataset.operation.name)}", ""]
    victims = figure(state.victims_rescued)
    if state.victims_adult is not None or state.victims_minor is not None:
        parts = {"adult": figure(state.victims_adult), "minor": figure(state.victims_minor)}
        if state.victims_derived:
            breakdown = _("({adult} adult, {minor} minor; the total is their sum)")
        else:
            breakdown = _("({adult} adult, {minor} minor)")
        victims += " " + breakdown.format(**parts)
    rows = [(_("Victims rescued"), victims), (_("Arrests"), figure(state.arrests))]
    if state.medical_services is not None:
        rows.append((_("Medical services"), figure(state.medical_services)))
    colon = "\u00a0:" if language() == "fr" else ":"
    lines += [f"- {label}{colon} {value}" for label, value in rows]
    if state.victims_rescued is None or state.arrests is None:
        missing = _("— = not reported by the source (not zero)")
        lines.append(f"- *{missing}*")
    contested = []
    if contested_metrics(state):
        contested = [f for f in agreement(dataset).state(state.code).figures if f.contested]
    if contested:
        heading = _("The sources disagree:")
        lines += ["", f"**{heading}**", ""]
        lines += [f"- {disagreement(dataset, state.name, item)}" for item in contested]
    lines += ["", *words(state.quote, state.translation, dataset.source)]
    lines += ["", *source_lines(dataset)]
    return "\n".join(lines) + "\n"


def _totals_row(totals: Totals, label: str, marked: bool = False) -> str:
    """The table's last row: victims and arrests summed over the shown states; the victims
    total carries † when ``marked`` (the dataset qualifies it, and says why below)."""
    victims, arrests = totals["victims_rescued"], totals["arrests"]
    v = figure(victims.total if victims.reporting else None)
    if marked and victims.reporting:
        v += "†"
    a = figure(arrests.total if arrests.reporting else None)
    return f"| | **{md(label)}** | **{v}** | **{a}** |"


def table_markdown(dataset: Dataset, view: StateView) -> str:
    """The shown table (its filter and order) as Markdown, with its totals and the source."""
    shown: Sequence[State] = [view.state_at(row) for row in range(len(view))]
    lines = [f"**{md(dataset.operation.name)}** — {md(view_description(view))}", ""]
    head = (_("Code"), _("State"), _("Victims rescued"), _("Arrests"))
    lines += ["| " + " | ".join(head) + " |", "|---|---|--:|--:|"]
    found = agreement(dataset)
    disputes: list[str] = []
    for state in shown:
        contested = contested_metrics(state)
        cells = []
        for name in ("victims_rescued", "arrests"):
            cell = figure(state.figure(name))
            if name in contested:
                cell += CONTESTED_MARK
                item = found.state(state.code).figure(name)
                disputes.append(disagreement(dataset, state.name, item))
            cells.append(cell)
        lines.append(f"| {md(state.code)} | {md(_table_name(state))} | {cells[0]} | {cells[1]} |")
    totals = view.totals()
    label = _("Total of the shown states") if view.filtered else _("Total")
    note = dataset.reported.victims_note
    lines.append(_totals_row(totals, label, marked=bool(note)))
    lines += ["", _("— = not reported by the source (not zero).")]
    victims = totals["victims_rescued"]
    lines.append(
        ngettext(
            "Victims are reported by {reporting} of {of} shown state.",
            "Victims are reported by {reporting} of {of} shown states.",
            victims.of,
        ).format(reporting=number(victims.reporting), of=number(victims.of))
    )
    if note:
        about = _("About the source's victims total: {note}").format(note=md(note))
        lines.append(f"† {about}")
    if disputes:
        heading = _("{mark} The sources disagree:").format(mark=CONTESTED_MARK)
        lines += ["", heading, "", *(f"- {line}" for line in disputes)]
    lines += ["", *source_lines(dataset)]
    return "\n".join(lines) + "\n"


def _table_name(state: State) -> str:
    """Name cell: the local name beside the English one when they differ."""
    local = state.local_name
    if not local or local == state.name:
        return state.name
    return f"{local} ({state.name})" if language() == "fr" else f"{state.name} ({local})"


def view_description(view: StateView) -> str:
    """The view in words: how many states, which filter, which order."""
    total = len(view.states)
    if view.filtered:
        count = ngettext(
            "{shown} of {total} state, filter “{query}”",
            "{shown} of {total} states, filter “{query}”",
            total,
        ).format(shown=number(len(view)), total=number(total), query=view.query.strip())
    else:
        count = ngettext("the {total} state", "all {total} states", total).format(
            total=number(total)
        )
    return f"{count}, {_(view.order_label)}"


EXTENSIONS = {"csv": "csv", "json": "json", "markdown": "md"}
"""File name extension of each export format."""


def view_dataset(dataset: Dataset, view: StateView) -> Dataset:
    """The dataset narrowed to the shown states, in the shown order."""
    shown = tuple(view.state_at(row) for row in range(len(view)))
    # A filter makes a subset: its totals are not the operation's, so they are not reconciled.
    subset_of = len(view.states) if view.filtered else None
    return dataclasses.replace(dataset, states=shown, subset_of=subset_of)


def view_export(dataset: Dataset, view: StateView, fmt: str) -> str:
    """The CLI's export of ``fmt`` applied to the current view (its filter and order).

    JSON gains a ``view`` object and Markdown a line saying which states are shown, so a
    partial file is never mistaken for the whole operation.
    """
    from tui.output.export import FORMATS, to_document, to_markdown

    narrowed = view_dataset(dataset, view)
    # A source's own sums compare its states with its total: over a filtered view they would
    # "differ" for no reason, so filtered views leave them out.
    sums = not view.filtered
    if fmt == "json":
        document = to_document(narrowed, sums)
        document["view"] = {
            "query": view.query,
            "sort": view.sort,
            "reverse": view.reverse,
            "states_shown": len(view),
            "states_total": len(view.states),
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    text = to_markdown(narrowed, sums) if fmt == "markdown" else FORMATS[fmt](narrowed)
    if fmt != "markdown" or not view.filtered:
        return text
    title, rest = text.split("\n", 1)
    scope = _("Shown: {view}. Totals are those of the shown states.").format(
        view=md(view_description(view))
    )
    return f"{title}\n\n{scope}\n{rest}"
