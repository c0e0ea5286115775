"""Check a dataset against the user's own copy of one source's text (``check --source``).

Every quote attributed to the source must occur in the text byte for byte (no-break spaces
included), and every figure the source states (not a derived sum) must appear in the quote
it comes with: as digits (``1 883``, ``1,883``) or as a number word of the source's language
(``une victime``). Each miss is a located :class:`~tui.dataset.errors.Problem`, to be shown as
a warning: the file is valid; it may not say what the source says. Pure Python.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from tui.dataset.errors import Problem
from tui.dataset.locate import KeyLocator, Parts
from tui.dataset.model import METRICS, OPERATION_FIGURES, Claim, Dataset
from tui.dataset.text import printable
from tui.i18n import _

NUMBER_WORDS: dict[str, dict[int, tuple[str, ...]]] = {
    "fr": {
        0: ("zéro", "aucun", "aucune"),
        1: ("un", "une"),
        2: ("deux",),
        3: ("trois",),
        4: ("quatre",),
        5: ("cinq",),
        6: ("six",),
        7: ("sept",),
        8: ("huit",),
        9: ("neuf",),
        10: ("dix",),
        11: ("onze",),
        12: ("douze",),
        13: ("treize",),
        14: ("quatorze",),
        15: ("quinze",),
        16: ("seize",),
        20: ("vingt",),
    },
    "en": {
        0: ("zero", "none"),
        1: ("one",),
        2: ("two", "both"),
        3: ("three",),
        4: ("four",),
        5: ("five",),
        6: ("six",),
        7: ("seven",),
        8: ("eight",),
        9: ("nine",),
        10: ("ten",),
        11: ("eleven",),
        12: ("twelve",),
        13: ("thirteen",),
        14: ("fourteen",),
        15: ("fifteen",),
        16: ("sixteen",),
        20: ("twenty",),
    },
}
"""Number words a source may write a figure with, by language (the figures of a report)."""

_SEPARATORS = "[ \u00a0\u202f,.']"
"""What may group the digits of a number: spaces (plain, no-break, narrow), comma, dot."""


@dataclass(frozen=True)
class Quoted:
    """One quote attributed to the source, with the figures it must contain."""

    quote: str
    parts: Parts
    """Key path of the quote, for its line."""
    field: str
    """Field path of the quote (``states[KY].quote``)."""
    figures: tuple[tuple[str, int, Parts, str], ...] = ()
    """(figure name, value, key path, field path) of each stated figure."""


def appears(value: int, text: str, language: str | None) -> bool:
    """Whether ``value`` is written in ``text``: digits (grouped or not) or a number word."""
    digits = str(value)
    # Digits grouped by threes from the right, each group optionally after a separator.
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    pattern = f"{_SEPARATORS}?".join(re.escape(g) for g in groups)
    if re.search(rf"(?<![0-9]){pattern}(?![0-9])", text):
        return True
    words = NUMBER_WORDS.get((language or "").split("-")[0].lower(), {}).get(value, ())
    folded = unicodedata.normalize("NFC", text).lower()
    return any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded) for word in words)


def _claim_figures(
    claim: Claim, parts: Parts, label: str, names: tuple[str, ...]
) -> tuple[tuple[str, int, Parts, str], ...]:
    """The stated figures of a claim (a derived victims total is not stated)."""
    out: list[tuple[str, int, Parts, str]] = []
    for name in names:
        value = claim.figure(name)
        if value is None or (name == "victims_rescued" and claim.victims_derived):
            continue
        out.append((name, value, (*parts, name), f"{label}.{name}"))
    return tuple(out)


def quotes_of(dataset: Dataset, source_id: str) -> Iterator[Quoted]:
    """Every quote the dataset attributes to ``source_id``, with the figures it states."""
    main = source_id == dataset.source.id
    for i, state in enumerate(dataset.states):
        label = f"states[{state.code}]"
        if main and state.quote is not None:
            figures: tuple[tuple[str, int, Parts, str], ...] = tuple(
                (m, v, ("states", i, m), f"{label}.{m}")
                for m in METRICS
                if (v := state.figure(m)) is not None
                and not (m == "victims_rescued" and state.victims_derived)
            )
            yield Quoted(state.quote, ("states", i, "quote"), f"{label}.quote", figures)
        for j, claim in enumerate(state.claims):
            if claim.source == source_id and claim.quote is not None:
                cp: Parts = ("states", i, "claims", j)
                cl = f"{label}.claims[{j}]"
                yield Quoted(
                    claim.quote,
                    (*cp, "quote"),
                    f"{cl}.quote",
                    _claim_figures(claim, cp, cl, METRICS),
                )
    reported = dataset.reported
    if main:
        stated = [n for n in OPERATION_FIGURES if reported.figure(n) is not None]
        in_states_quote = reported.states_quote is not None and "states" in stated
        if in_states_quote:
            stated.remove("states")
            yield Quoted(
                reported.states_quote or "",
                ("reported", "states_quote"),
                "reported.states_quote",
                (("states", reported.states or 0, ("reported", "states"), "reported.states"),),
            )
        if reported.quote is not None:
            figures = tuple(
                (n, reported.figure(n) or 0, ("reported", n), f"reported.{n}") for n in stated
            )
            yield Quoted(reported.quote, ("reported", "quote"), "reported.quote", figures)
        for k, figure in enumerate(dataset.context):
            if figure.quote is not None:
                fp, fl = ("context", "figures", k), f"context.figures[{k}]"
                yield Quoted(
                    figure.quote,
                    (*fp, "quote"),
                    f"{fl}.quote",
                    (("value", figure.value, (*fp, "value"), f"{fl}.value"),),
                )
    for j, claim in enumerate(reported.claims):
        if claim.source == source_id and claim.quote is not None:
            rp: Parts = ("reported", "claims", j)
            rl = f"reported.claims[{j}]"
            yield Quoted(
                claim.quote,
                (*rp, "quote"),
                f"{rl}.quote",
                _claim_figures(claim, rp, rl, OPERATION_FIGURES),
            )
    for k, fact in enumerate(dataset.operation.facts):
        if fact.quote is not None and (fact.source == source_id or (main and fact.source is None)):
            fp = ("operation", "facts", k)
            yield Quoted(fact.quote, (*fp, "quote"), f"operation.facts[{k}].quote")
    for k, agency in enumerate(dataset.agencies):
        if agency.quote is not None and (
            agency.source == source_id or (main and agency.source is None)
        ):
            yield Quoted(agency.quote, ("agencies", k, "quote"), f"agencies[{k}].quote")


_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})
"""Spaces a transcription may confuse, mapped to a plain space to find the passage meant."""


def _where_it_differs(quote: str, text: str) -> str:
    """Say where a quote stops matching the text.

    When the quote is in the text but for its kind of spaces, name the first space that
    differs; otherwise, the first character after the longest prefix found in the text.
    """
    at = text.translate(_SPACES).find(quote.translate(_SPACES))
    if at >= 0:
        for n, (ours, theirs) in enumerate(zip(quote, text[at : at + len(quote)])):
            if ours != theirs:
                return _(
                    "it differs at character {n}: {ours} where the source has {theirs}"
                ).format(n=n + 1, ours=f"U+{ord(ours):04X}", theirs=f"U+{ord(theirs):04X}")
    low, high = 0, len(quote)
    # The longest prefix found in the text (binary search: a found prefix's prefixes are found).
    while low < high:
        mid = (low + high + 1) // 2
        if quote[:mid] in text:
            low = mid
        else:
            high = mid - 1
    if low == 0:
        return _("its first character is not in the source")
    at = text.find(quote[:low])
    found = text[at + low] if at + low < len(text) else None
    ours = f"U+{ord(quote[low]):04X}"
    theirs = _("the end of the text") if found is None else f"U+{ord(found):04X}"
    return _("it differs at character {n}: {ours} where the source has {theirs}").format(
        n=low + 1, ours=ours, theirs=theirs
    )


def verify(
    dataset: Dataset, dataset_text: str, path: str, source_id: str, source_text: str
) -> list[Problem]:
    """Every way ``dataset`` misquotes ``source_text`` (the text of source ``source_id``)."""
    source = dataset.source_by_id(source_id)
    language = source.language if source is not None else None
    locator = KeyLocator(dataset_text)
    problems: list[Problem] = []
    for quoted in quotes_of(dataset, source_id):
        if quoted.quote not in source_text:
            message = _("the quote is not in the text of source '{id}': {where}").format(
                id=source_id, where=_where_it_differs(quoted.quote, source_text)
            )
            problems.append(
                Problem(path, message, locator.line_of(quoted.parts), None, quoted.field)
            )
        for name, value, parts, field in quoted.figures:
            if not appears(value, quoted.quote, language):
                message = _("{figure} ({value}) does not appear in its quote ({quote})").format(
                    figure=name, value=value, quote=printable(quoted.field, 80)
                )
                problems.append(Problem(path, message, locator.line_of(parts), None, field))
    problems.sort(key=lambda p: p.line or 0)
    return problems
