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
import unicodedata
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "unitedfront"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "fr")
"""UI languages: English (the source strings) and French (the source article's language)."""

NNBSP = "\u202f"
"""Narrow no-break space: the French thousands separator (1 883), never split by wrapping,
and the space French puts before ; ! ? (and after « and before » in our strings)."""
NBSP = "\u00a0"
"""No-break space: French puts it before a colon, and inside "7 h 55"."""

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


def _base(locale_name: str) -> str:
    """``fr`` of ``fr_CA.UTF-8@euro``: the language part of a locale name."""
    return locale_name.split(".")[0].split("@")[0].split("_")[0].lower()


def language_from_env(environ: Mapping[str, str] | None = None) -> str:
    """The UI language the environment asks for: ``fr`` for any ``fr_*`` locale, else ``en``.

    As GNU gettext reads it: the locale is the first of LC_ALL, LC_MESSAGES and LANG that is
    set; then LANGUAGE, a colon-separated list of preferences (the first language we have
    wins), comes before it, except under the C (POSIX) locale, where GNU gettext ignores it.
    """
    env = os.environ if environ is None else environ
    locale_name = next((v for n in ("LC_ALL", "LC_MESSAGES", "LANG") if (v := env.get(n))), "")
    if _base(locale_name) not in ("c", "posix"):
        for wanted in env.get("LANGUAGE", "").split(":"):
            if wanted and _base(wanted) in LANGUAGES:
                return _base(wanted)
    return "fr" if _base(locale_name) == "fr" else "en"


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


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair for translation without translating it yet; pass it to
    :func:`ngettext` with the count where it is shown (``ngettext(*PAIR, n)``)."""
    return singular, plural


def guillemets(text: str) -> str:
    """``text`` between « », joined to it with no-break spaces (never « alone at a line's end)."""
    return f"«{NBSP}{text}{NBSP}»"


def fold_accents(text: str) -> str:
    """``text`` without its accents, one character for one ("Thème" → "Theme"), so that
    offsets into the result are offsets into ``text`` (for highlighting matches)."""
    return "".join(unicodedata.normalize("NFD", char)[0] for char in text)


def language_name(code: str) -> str:
    """A language code as a reader says it, in the UI language ("fr" → "French", "français")."""
    names = {"fr": N_("French"), "en": N_("English")}
    return _(names[code]) if code in names else code


KEY_NAMES = {
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": N_("PgUp"),
    "pagedown": N_("PgDn"),
    "home": N_("Home"),
    "end": N_("End"),
    "enter": N_("Enter"),
    "escape": N_("Esc"),
    "backspace": N_("Backspace"),
    "space": N_("Space"),
    "tab": "Tab",
    "shift+tab": N_("Shift+Tab"),
    "question_mark": "?",
    "slash": "/",
    "ctrl+p": N_("Ctrl+P"),
    "ctrl+u": N_("Ctrl+U"),
    "ctrl+q": N_("Ctrl+Q"),
}
"""Names of keys as a reader knows them, translated where shown (Entrée, Échap, Début...)."""


def key_name(key: str) -> str:
    """One key of a binding in the UI language, e.g. ``"escape"`` → ``"Esc"`` or ``"Échap"``."""
    key = key.strip()
    name = KEY_NAMES.get(key)
    # Symbols (arrows, ?, /) are not in the catalog and come back unchanged.
    return _(name) if name else key


def key_names(keys: str) -> str:
    """A binding's comma-separated keys in the UI language, e.g. ``"up,k"`` → ``"↑ k"``."""
    return " ".join(key_name(k) for k in keys.split(","))


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


def date_time(value: dt.date) -> str:
    """A date, with its time of day when it has one: "1er septembre 2021 à 7 h 55",
    "1 September 2021, 07:55" (French writes hours with "h", without a leading zero)."""
    if not isinstance(value, dt.datetime):
        return date(value)
    if _language == "fr":
        return f"{date(value.date())} à {value.hour}{NBSP}h{NBSP}{value.minute:02d}"
    return f"{date(value.date())}, {value:%H:%M}"


__all__ = [
    "DOMAIN",
    "KEY_NAMES",
    "LANGUAGES",
    "LOCALE_DIR",
    "NBSP",
    "NNBSP",
    "N_",
    "Nn_",
    "_",
    "date",
    "date_time",
    "fold_accents",
    "guillemets",
    "key_name",
    "key_names",
    "language",
    "language_from_env",
    "language_name",
    "ngettext",
    "number",
    "percent",
    "set_language",
]
