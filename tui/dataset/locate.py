"""Find the line of a key or table in TOML text, for located schema errors.

The document has already parsed, so a line scanner is enough: it follows table headers,
counts array-of-tables entries, and skips the bodies of multi-line strings. It runs only
when there is an error to locate, never on the happy path.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Union

from tui.dataset.compat import tomllib

Parts = tuple[Union[str, int], ...]

_BARE_OR_QUOTED = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = rf"{_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*"


class _Patterns:
    """The line scanner's expressions."""

    def __init__(self) -> None:
        self.array_header = re.compile(rf"^\[\[\s*({_DOTTED})\s*\]\]")
        self.table_header = re.compile(rf"^\[\s*({_DOTTED})\s*\]")
        self.key_line = re.compile(rf"^({_DOTTED})\s*=\s*(.*)$")
        self.piece = re.compile(_BARE_OR_QUOTED)
        self.string_or_comment = re.compile("[\"'#]")


@cache
def _patterns() -> _Patterns:
    """Compiled on first use: the happy path never locates anything, so start-up skips them."""
    return _Patterns()


def _unescape(quoted: str) -> str:
    """The value of a quoted basic-string key (``"a\\tb"``), escapes and all."""
    if "\\" not in quoted:
        return quoted[1:-1]
    try:
        value = tomllib.loads(f"k = {quoted}")["k"]
    except tomllib.TOMLDecodeError:
        return quoted[1:-1]
    return value if isinstance(value, str) else quoted[1:-1]


def _split_key(dotted: str) -> tuple[str, ...]:
    """Split a dotted TOML key into its parts, unquoting quoted ones."""
    parts: list[str] = []
    for piece in _patterns().piece.findall(dotted):
        if piece[:1] == "'":
            piece = piece[1:-1]
        elif piece[:1] == '"':
            piece = _unescape(piece)
        parts.append(piece)
    return tuple(parts)


def _open_string_after(text: str, closing: str | None = None) -> str | None:
    """Scan one line's TOML text; return the multi-line string delimiter still open at its end.

    ``closing`` is the delimiter of a multi-line string already open when the line starts.
    Single-line strings and comments are skipped: triple quotes inside them open nothing.
    """
    i = 0
    while True:
        if closing is not None:
            end = _find_close(text, i, closing)
            if end < 0:
                return closing
            i, closing = end, None
        match = _patterns().string_or_comment.search(text, i)
        if match is None:
            return None
        char, i = match.group(), match.start()
        if char == "#":
            return None
        if text.startswith(char * 3, i):
            closing = char * 3
            i += 3
            continue
        i = _find_close(text, i + 1, char)
        if i < 0:
            return None


def _find_close(text: str, start: int, delim: str) -> int:
    """Index just past the ``delim`` that closes a string whose body starts at ``start``, or -1.

    In basic strings (``"``) a quote preceded by an odd number of backslashes is escaped.
    A multi-line string may end with up to two extra quotes, which belong to its value.
    """
    i = start
    while True:
        j = text.find(delim, i)
        if j < 0:
            return -1
        if delim[0] == '"':
            k = j
            while k > start and text[k - 1] == "\\":
                k -= 1
            if (j - k) % 2:
                i = j + 1
                continue
        end = j + len(delim)
        if len(delim) == 3:
            while end < len(text) and end - j < 5 and text[end] == delim[0]:
                end += 1
        return end


def _resolve(key: tuple[str, ...], last: dict[tuple[str, ...], int]) -> Parts:
    """``key`` with the index of the latest entry after each enclosing array of tables."""
    out: list[str | int] = []
    for n, piece in enumerate(key):
        out.append(piece)
        prefix = key[: n + 1]
        if n < len(key) - 1 and prefix in last:
            out.append(last[prefix])
    return tuple(out)


class KeyLocator:
    """Maps key paths such as ``("states", 3, "arrests")`` to 1-based line numbers."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Parts, int] = {}
        self._scan(text)

    def _record(self, parts: Parts, line: int, prefix: int = 0) -> None:
        """Record ``parts`` at ``line``, and its ancestors of at least ``prefix`` parts.

        A dotted key or header also defines the tables it names: ``a.b = 1`` defines ``a``.
        """
        for end in range(max(1, prefix), len(parts)):
            self._lines.setdefault(parts[:end], line)
        self._lines.setdefault(parts, line)

    def _scan(self, text: str) -> None:
        current: Parts = ()
        counts: dict[Parts, int] = {}
        last: dict[tuple[str, ...], int] = {}
        """The index of the latest entry of each array of tables, by its dotted key."""
        closing: str | None = None
        patterns = _patterns()
        # TOML ends lines at "\n" only: str.splitlines() would also split at U+2028, U+0085...
        for number, raw in enumerate(text.split("\n"), start=1):
            if closing is not None:
                closing = _open_string_after(raw, closing)
                continue
            line = raw.strip(" \t\r")
            if not line or line.startswith("#"):
                continue
            if match := patterns.array_header.match(line):
                key = _split_key(match.group(1))
                # [[states.claims]] belongs to the latest [[states]]: ("states", 3, "claims", 0).
                resolved = _resolve(key, last)
                index = counts.get(resolved, 0)
                counts[resolved] = index + 1
                last[key] = index
                current = (*resolved, index)
                self._record(resolved, number)
                self._record(current, number)
            elif match := patterns.table_header.match(line):
                current = _resolve(_split_key(match.group(1)), last)
                self._record(current, number, prefix=1)
            elif match := patterns.key_line.match(line):
                self._record((*current, *_split_key(match.group(1))), number, len(current) + 1)
                value = match.group(2)
                if '"' in value or "'" in value:
                    closing = _open_string_after(value)
            elif '"' in line or "'" in line:
                closing = _open_string_after(line)

    def line_of(self, parts: Parts) -> int | None:
        """Line of ``parts``, or of its nearest enclosing key or table that can be found."""
        while parts:
            line = self._lines.get(parts)
            if line is not None:
                return line
            parts = parts[:-1]
        return None
