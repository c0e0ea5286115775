"""User-interface language: gettext catalogs, and numbers and dates written the local way.

Pure Python (no textual), so the command line and the model's messages can use it too.
Dataset text is never translated here: only the program's own strings go through :func:`_`.

Strings defined at import time (binding descriptions, labels in tables) are marked with
:func:`N_` and translated with :func:`_` where they are shown, so that switching the language
after import (``--lang``, tests) takes effect everywhere.
"""

from __future__ import annotations

import datetime as dt
import gettext
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "unitedfront"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "fr")
"""UI languages: English (the source strings) and French (the source article's language)."""

NNBSP = "\u202f"
"""Narrow no-break space: the French thousands separator (1 883), never split by wrapping."""

_FRENCH_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

_ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""Spelled out here: strftime's %B follows the C locale, not the UI language."""

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def language_from_env(environ: Mapping[str, str] | None = None) -> str:
    """The UI language the locale asks for: ``fr`` for any ``fr_*`` locale, else ``en``.

    Follows POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG (the first one set wins).
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "fr" if value.split(".")[0].split("_")[0].lower() == "fr" else "en"
    return "en"


def set_language(language: str) -> None:
    """Use ``language`` ("en" or "fr") for every string translated from now on."""
    global _current, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of: {', '.join(LANGUAGES)}")
    if language == "en":
        _current = gettext.NullTranslations()
    else:
        # fallback=False: a missing catalog is a packaging bug the tests must see.
        _current = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
    _language = language


def language() -> str:
    """The UI language in use ("en" or "fr")."""
    return _language


def _(message: str) -> str:
    """Translate ``message`` into the UI language."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the count ``n``."""
    return _current.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it yet (translated where shown)."""
    return message


def number(value: int) -> str:
    """An integer with the UI language's thousands separator (1,883 or 1 883)."""
    text = f"{value:,}"
    return text.replace(",", NNBSP) if _language == "fr" else text


def percent(value: float, digits: int = 1) -> str:
    """A percentage the local way (12.5% or 12,5 %)."""
    text = f"{value:.{digits}f}"
    if _language == "fr":
        return text.replace(".", ",") + "\u00a0%"
    return text + "%"


def date(value: dt.date) -> str:
    """A date in words (27 August 2021, 27 août 2021)."""
    if _language == "fr":
        day = "1er" if value.day == 1 else str(value.day)
        return f"{day} {_FRENCH_MONTHS[value.month - 1]} {value.year}"
    return f"{value.day} {_ENGLISH_MONTHS[value.month - 1]} {value.year}"


__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_DIR",
    "NNBSP",
    "N_",
    "_",
    "date",
    "language",
    "language_from_env",
    "ngettext",
    "number",
    "percent",
    "set_language",
]
