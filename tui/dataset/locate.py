"""Find the line of a key or table in TOML text, for located schema errors.

The document has already parsed, so a line scanner is enough: it follows table headers,
counts array-of-tables entries, and skips the bodies of multi-line strings. It runs only
when there is an error to locate, never on the happy path.
"""

from __future__ import annotations

import re

Parts = tuple[str | int, ...]

_BARE_OR_QUOTED = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = rf"{_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*"
_ARRAY_HEADER = re.compile(rf"^\[\[\s*({_DOTTED})\s*\]\]")
_TABLE_HEADER = re.compile(rf"^\[\s*({_DOTTED})\s*\]")
_KEY_LINE = re.compile(rf"^({_DOTTED})\s*=\s*(.*)$")
_PIECE = re.compile(_BARE_OR_QUOTED)


def _split_key(dotted: str) -> tuple[str, ...]:
    """Split a dotted TOML key into its parts, unquoting quoted ones."""
    parts: list[str] = []
    for piece in _PIECE.findall(dotted):
        if piece[:1] in "\"'":
            piece = piece[1:-1]
        parts.append(piece)
    return tuple(parts)


def _opens_multiline(value: str) -> str | None:
    """Return the delimiter of a multi-line string that ``value`` opens and does not close."""
    for delim in ('"""', "'''"):
        if value.startswith(delim) and value.count(delim) == 1:
            return delim
    return None


class KeyLocator:
    """Maps key paths such as ``("states", 3, "arrests")`` to 1-based line numbers."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Parts, int] = {}
        self._scan(text)

    def _record(self, parts: Parts, line: int) -> None:
        self._lines.setdefault(parts, line)

    def _scan(self, text: str) -> None:
        current: Parts = ()
        counts: dict[tuple[str, ...], int] = {}
        closing: str | None = None
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if closing is not None:
                if closing in line:
                    closing = None
                continue
            if not line or line.startswith("#"):
                continue
            if match := _ARRAY_HEADER.match(line):
                key = _split_key(match.group(1))
                index = counts.get(key, 0)
                counts[key] = index + 1
                current = (*key, index)
                self._record(key, number)
                self._record(current, number)
            elif match := _TABLE_HEADER.match(line):
                current = _split_key(match.group(1))
                self._record(current, number)
            elif match := _KEY_LINE.match(line):
                self._record((*current, *_split_key(match.group(1))), number)
                closing = _opens_multiline(match.group(2).strip())

    def line_of(self, parts: Parts) -> int | None:
        """Line of ``parts``, or of its nearest enclosing key or table that can be found."""
        while parts:
            line = self._lines.get(parts)
            if line is not None:
                return line
            parts = parts[:-1]
        return None
