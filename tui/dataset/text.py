"""Rules for strings that reach a terminal: what is refused, how it is echoed and searched."""

from __future__ import annotations

import os
import re
import unicodedata
from functools import cache

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0/C1 controls (newline and tab excepted), DEL, and bidi embedding/override/isolate marks.

These can move the cursor, retitle the window, make hyperlinks or reorder what a reader sees;
none has a place in a figure's text.
"""


@cache
def _echo_unsafe() -> re.Pattern[str]:
    """What :func:`printable` escapes: every control, bidi mark and line separator, and the lone
    surrogates that stand for undecodable bytes in a file name (no terminal can be sent them).

    Compiled on first use: its character set is costly to build, and start-up never needs it.
    """
    return re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


PATH_LIMIT = 4096
"""Longest path Linux accepts: a path is shown whole, never cut."""


LINE_BREAK = re.compile("[\t\n\u2028\u2029]")
"""Tab, newline and the Unicode line and paragraph separators: refused in single-line fields.

A newline in a state's name would push the list's next row down and break both borders; a tab
would overflow the row into the detail pane. Names, codes, titles and labels are one line.
"""

PROSE_KEYS = frozenset(
    {
        "quote",
        "translation",
        "notes",
        "summary",
        "text",
        "victims_note",
        "states_quote",
        "states_translation",
    }
)
"""Keys whose strings are prose, in any table: they may hold tabs and newlines, which are
rendered as Textual renders text (tabs expanded, a newline a line break inside the pane).
Every other string key is a single line, so a key added to the format is one unless listed."""

_CONTROL_NAMES = {
    "\t": "CHARACTER TABULATION",
    "\n": "LINE FEED",
}


def is_prose(key: str) -> bool:
    """True when ``key``'s strings may span several lines (see :data:`PROSE_KEYS`)."""
    return key in PROSE_KEYS


def first_line_break(text: str) -> str | None:
    """Describe the first tab or line break in ``text``, or return None when there is none."""
    match = LINE_BREAK.search(text)
    if match is None:
        return None
    return _describe(match)


def _describe(match: re.Match[str]) -> str:
    char = match.group()
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "control character")
    return f"U+{ord(char):04X} {name} at character {match.start() + 1}"


def first_unsafe(text: str) -> str | None:
    """Describe the first refused character in ``text``, or return None when it is clean."""
    match = UNSAFE.search(text)
    if match is None:
        return None
    return _describe(match)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, limit: int = 80) -> str:
    """Return ``text`` safe to print on one terminal line: controls escaped, long text cut."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _echo_unsafe().sub(_escape, text)


def printable_path(path: str | os.PathLike[str]) -> str:
    """A path as literal text on one line: controls (ESC, BEL, newline...) made visible.

    A folder named with an escape sequence must not retitle the terminal or move its cursor
    when a message or a dialog shows it.
    """
    return printable(os.fspath(path), PATH_LIMIT)


def _full_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


_LATIN: dict[str, str] = {}
"""Latin-1 and Latin Extended letters folded once: most accented names need only this table.
Filled by the first accented name folded (after the first frame, not at start-up)."""
_NON_ASCII = re.compile("[^\x00-\x7f]")


def _latin(match: re.Match[str]) -> str:
    char = match.group()
    return _LATIN.get(char, char)


def fold(text: str) -> str:
    """Fold ``text`` for searching: case- and accent-insensitive ("Dakota du Nord" ~ "dakota")."""
    if text.isascii():
        return text.lower()
    if not _LATIN:
        # Another thread may see it half filled: a letter not in it yet takes the full fold
        # below, with the same result.
        _LATIN.update((chr(cp), _full_fold(chr(cp))) for cp in range(0xC0, 0x250))
    # Only the accented letters are looked up; 100,000 names fold in a fraction of a second.
    quick = _NON_ASCII.sub(_latin, text)
    # Anything the table did not cover (other scripts, combining marks) takes the full path.
    return quick.lower() if quick.isascii() else _full_fold(text)
