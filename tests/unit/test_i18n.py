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
