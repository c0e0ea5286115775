"""The UI language: which locale picks French, and figures written the local way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from tui import i18n


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    """Every test leaves the process in English, whatever it switched to."""
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_CA"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_MESSAGES": "fr_BE.UTF-8", "LANG": "en_GB.UTF-8"}, "fr"),
        ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "fr_FR"}, "fr"),
        ({"LC_ALL": "fr_FR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "fr"),
        # LANGUAGE, a list of preferences, comes first (as gettext reads it)...
        ({"LANGUAGE": "fr", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LANGUAGE": "fr_CA:en", "LC_ALL": "de_DE.UTF-8"}, "fr"),
        ({"LANGUAGE": "de:fr", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LANGUAGE": "en:fr", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANGUAGE": "de", "LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANGUAGE": "", "LANG": "fr_FR.UTF-8"}, "fr"),
        # ...except under the C locale, where GNU gettext ignores it.
        ({"LANGUAGE": "fr", "LC_ALL": "C"}, "en"),
        ({"LANGUAGE": "fr"}, "fr"),
    ],
)
def test_language_from_env_follows_posix_precedence(environ: dict[str, str], expected: str) -> None:
    """LC_ALL beats LC_MESSAGES beats LANG; empty values are skipped; fr_* means French."""
    assert i18n.language_from_env(environ) == expected


def test_english_is_the_source_strings() -> None:
    """In English, strings and figures come back as written."""
    i18n.set_language("en")
    assert i18n._("Quit") == "Quit"
    assert i18n.number(1883) == "1,883"
    assert i18n.percent(12.345) == "12.3%"
    assert i18n.date(dt.date(2021, 8, 27)) == "27 August 2021"


def test_french_catalog_and_formats() -> None:
    """The shipped French catalog loads; figures use French separators and month names."""
    i18n.set_language("fr")
    assert i18n.language() == "fr"
    assert i18n._("Quit") == "Quitter"
    assert i18n.number(1883) == "1\u202f883"
    assert i18n.number(47) == "47"
    assert i18n.percent(12.345) == "12,3\u00a0%"
    assert i18n.date(dt.date(2021, 8, 27)) == "27 août 2021"
    assert i18n.date(dt.date(2021, 9, 1)) == "1er septembre 2021"


def test_unknown_language_is_refused() -> None:
    """Only the languages the package ships can be chosen."""
    with pytest.raises(ValueError, match="unknown language"):
        i18n.set_language("de")


def test_key_names_follow_the_language() -> None:
    """Help and the key bar name keys the reader's way: Entrée, Échap, Début, Pg suiv."""
    assert i18n.key_names("enter,escape,home,end,pageup,pagedown") == (
        "Enter Esc Home End PgUp PgDn"
    )
    assert i18n.key_names("up,k") == "↑ k"
    i18n.set_language("fr")
    assert i18n.key_names("enter,escape,backspace,space") == "Entrée Échap Retour arrière Espace"
    assert i18n.key_names("home,end,pageup,pagedown,shift+tab") == (
        "Début Fin Pg préc. Pg suiv. Maj+Tab"
    )
    assert i18n.key_name("question_mark") == "?" and i18n.key_name("x") == "x"


def test_date_time_the_french_way() -> None:
    """A time of day: "à 7 h 55" in French (no-break spaces), "07:55" in English."""
    when = dt.datetime(2021, 9, 1, 7, 55)
    assert i18n.date_time(when) == "1 September 2021, 07:55"
    assert i18n.date_time(dt.date(2021, 9, 1)) == "1 September 2021"
    i18n.set_language("fr")
    assert i18n.date_time(when) == "1er septembre 2021 à 7\u00a0h\u00a055"


def test_fold_accents_keeps_one_character_per_character() -> None:
    """Accents go, length stays (offsets into the folded text are offsets into the text)."""
    for text in ("Thème", "Écran", "Capture d'écran", "œuvre", "Ça"):
        assert len(i18n.fold_accents(text)) == len(text)
    assert i18n.fold_accents("Thème Écran à") == "Theme Ecran a"


def test_language_names() -> None:
    """A language code as a reader says it: "French", "français"."""
    assert i18n.language_name("fr") == "French"
    i18n.set_language("fr")
    assert i18n.language_name("fr") == "français" and i18n.language_name("de") == "de"
