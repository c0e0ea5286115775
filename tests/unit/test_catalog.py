"""The French catalog: every UI string translated, placeholders kept, the .mo compiled from the .po.

Strings are extracted from the source the way `make i18n` does (Babel, keywords ``_``, ``N_``
and ``ngettext``), so a string wrapped anywhere in ``tui/`` and left untranslated fails here.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Union

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tui import i18n

PACKAGE = Path(i18n.__file__).resolve().parent.parent
"""The ``tui`` package, whose sources the catalog must cover."""
LOCALE = i18n.LOCALE_DIR
MESSAGES = LOCALE / "fr" / "LC_MESSAGES"
PO = MESSAGES / f"{i18n.DOMAIN}.po"
MO = MESSAGES / f"{i18n.DOMAIN}.mo"

MessageId = Union[str, tuple[str, ...]]

KEYWORDS = {**DEFAULT_KEYWORDS, "Nn_": (1, 2)}
"""Babel's keywords (``_``, ``N_``, ``ngettext``...) plus ``Nn_``, the plural marker, as in
the Makefile's `make i18n`."""


def read_catalog(path: Path) -> Catalog:
    """Parse a .po or .mo file."""
    with path.open("rb") as handle:
        return read_mo(handle) if path.suffix == ".mo" else read_po(handle)


def extracted() -> Iterator[tuple[str, int, MessageId]]:
    """(file, line, msgid) of every string marked for translation under ``tui/``."""
    for filename, line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        yield filename, line, message


def _key(value: object) -> MessageId:
    # The .mo reader gives plural forms as lists, the .po reader as tuples.
    return tuple(value) if isinstance(value, (list, tuple)) else str(value)


def translations(catalog: Catalog) -> dict[MessageId, MessageId]:
    """Translated, non-fuzzy entries of a catalog (the header left out)."""
    out: dict[MessageId, MessageId] = {}
    for m in catalog:
        msgid, msgstr = _key(m.id), _key(m.string)
        complete = all(msgstr) if isinstance(msgstr, tuple) else bool(msgstr)
        if m.id and complete and "fuzzy" not in m.flags:
            out[msgid] = msgstr
    return out


def test_every_ui_string_has_a_french_translation() -> None:
    """A string wrapped in _(), N_() or ngettext() with no French in the .po fails the build."""
    french = translations(read_catalog(PO))
    found = list(extracted())
    assert len(found) > 100, "extraction found almost nothing: is the keyword list right?"
    missing = sorted(
        {f"{file}:{line}: {msgid!r}" for file, line, msgid in found if msgid not in french}
    )
    assert not missing, "untranslated (run `make i18n`, then translate):\n" + "\n".join(missing)


def test_the_compiled_catalog_matches_the_po() -> None:
    """The committed .mo holds exactly the .po's translations (run `make i18n` after editing)."""
    po = translations(read_catalog(PO))
    mo = translations(read_catalog(MO))
    assert mo == po


def test_gettext_reads_the_shipped_mo() -> None:
    """The runtime reads the same file: a translation from the .po comes back from gettext."""
    catalog = gettext.translation(i18n.DOMAIN, LOCALE, languages=["fr"])
    for msgid, msgstr in translations(read_catalog(PO)).items():
        if isinstance(msgid, str):
            assert catalog.gettext(msgid) == msgstr


PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
MARKUP = re.compile(r"\[@click=[a-z_.]+\]|\[/\]")


@pytest.mark.parametrize("kind", [PLACEHOLDER, MARKUP], ids=["placeholders", "markup"])
def test_translations_keep_placeholders_and_markup(kind: re.Pattern[str]) -> None:
    """A translation uses the same {names} and the same [@click] links as its English."""
    for msgid, msgstr in translations(read_catalog(PO)).items():
        ids = (msgid,) if isinstance(msgid, str) else msgid
        strings = (msgstr,) if isinstance(msgstr, str) else msgstr
        wanted = sorted(set(kind.findall(ids[-1])))
        for text in strings:
            assert sorted(set(kind.findall(text))) == wanted, (msgid, text)


def test_no_stale_entries() -> None:
    """Every translated entry is still used somewhere in the source (no dead translations)."""
    used = {msgid for _file, _line, msgid in extracted()}
    stale = [msgid for msgid in translations(read_catalog(PO)) if msgid not in used]
    assert not stale, f"run `make i18n` to drop: {stale}"


LITERAL_IN_FSTRING = re.compile(r"""\{\s*N?_\(\s*['"]""")
"""``{_("...")}`` inside an f-string: Babel extracts it on Python 3.12+ only (PEP 701)."""


def test_no_translated_literal_inside_an_f_string() -> None:
    """On 3.9-3.11 extraction cannot see into f-strings, so such a string would silently stay
    English there: gettext calls on literals are made outside f-strings."""
    found = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if LITERAL_IN_FSTRING.search(line) and re.search(r"""\bf['"]""", line)
    ]
    assert not found, f"translated literal inside an f-string: {found}"


NBSP, NNBSP = "\u00a0", "\u202f"

TYPOGRAPHY = (
    (re.compile(r"[^\u00a0]:(?=\s|$)"), "a colon needs a no-break space (U+00A0) before it"),
    (re.compile(r"(?<!^)[^\u202f]([;!?])(?=\s|$)"), "; ! ? need a narrow no-break space (U+202F)"),
    (re.compile(r"[^\u00a0]»"), "» needs a no-break space (U+00A0) before it"),
    (re.compile(r"«[^\u00a0]"), "« needs a no-break space (U+00A0) after it"),
    (re.compile("’"), "one apostrophe style: the straight ' (as the English strings)"),
)
"""French typography a native reviewer expects in every translation."""


def french_strings() -> Iterator[tuple[MessageId, str]]:
    """Every French translation (both forms of a plural), with its msgid."""
    for msgid, msgstr in translations(read_catalog(PO)).items():
        for text in (msgstr,) if isinstance(msgstr, str) else msgstr:
            yield msgid, text


@pytest.mark.parametrize("rule", TYPOGRAPHY, ids=[why for _rule, why in TYPOGRAPHY])
def test_french_typography(rule: tuple[re.Pattern[str], str]) -> None:
    """No-break spaces before : ; ! ? » and after «, one apostrophe style, in every msgstr."""
    pattern, why = rule
    bad = [f"{msgid!r}: {text!r}" for msgid, text in french_strings() if pattern.search(text)]
    assert not bad, why + ":\n" + "\n".join(bad)


def test_the_typography_rules_catch_what_they_should() -> None:
    """The rules flag the mistakes a reviewer found, and pass their corrections."""
    wrong = ["URL : x", "Langue: fr", "a ; b", "« mot »", "l’État", "fin !"]
    right = [f"URL{NBSP}: x", f"a{NNBSP}; b", f"«{NBSP}mot{NBSP}»", "l'État", f"fin{NNBSP}!"]
    assert all(any(p.search(t) for p, _why in TYPOGRAPHY) for t in wrong)
    assert not [t for t in right if any(p.search(t) for p, _why in TYPOGRAPHY)]
    # A URL, a port, and a key at the start of a line are not punctuation.
    assert not any(p.search(t) for t in ("http://h:8000/", "? aide") for p, _w in TYPOGRAPHY)


def test_printf_placeholders_are_kept() -> None:
    """argparse's messages keep their %(name)s and %s placeholders in French."""
    printf = re.compile(r"%(?:\([a-z_]+\))?[sr]")
    for msgid, msgstr in translations(read_catalog(PO)).items():
        ids = (msgid,) if isinstance(msgid, str) else msgid
        strings = (msgstr,) if isinstance(msgstr, str) else msgstr
        for text in strings:
            assert sorted(printf.findall(text)) == sorted(printf.findall(ids[-1])), (msgid, text)


def test_textual_strings_we_translate_are_textual_s_own() -> None:
    """Each Textual string we translate is still written so in Textual's source: an upgrade
    that rewords one would otherwise leave it English without a failing test."""
    import inspect

    import textual.app
    import textual.command
    import textual.system_commands

    from tui.i18n import textual as ours

    source = "".join(
        inspect.getsource(module)
        for module in (textual.app, textual.command, textual.system_commands)
    )
    strings = [*ours.TEXTUAL_STRINGS, ours.NO_MATCHES, ours.QUIT_TITLE]
    strings += [s.replace("…", "...") for s in (ours.SEARCH_COMMANDS, ours.SEARCH_THEMES)]
    missing = [s for s in strings if s not in source and s.replace("...", "…") not in source]
    assert not missing, missing
    assert "to quit the app" in source and ours.NO_MATCHES_ID in source
