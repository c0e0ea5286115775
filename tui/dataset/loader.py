"""Read a dataset file: every way it can fail becomes a located, one-line :class:`Problem`."""

from __future__ import annotations

import os
import re
import stat
from typing import Any

from tui.dataset.compat import tomllib
from tui.dataset.errors import DatasetError, Problem
from tui.dataset.locate import KeyLocator
from tui.dataset.model import Dataset
from tui.dataset.text import printable
from tui.dataset.validate import build
from tui.i18n import _, language

MAX_FILE_BYTES = 32 * 1024 * 1024
"""Largest dataset read (about 140,000 state tables): past it, refuse rather than stall."""

# Patterns for failed parses only: `re` compiles them on first use, not at every start-up.
_TOML_POSITION = r"\s*\(at line (\d+), column (\d+)\)$"
_TOML_END = r"\s*\(at end of document\)$"
_LONG_NUMBER = r"(?:^|[=\[,{])[ \t]*([+-]?[0-9](?:_?[0-9]){1000,})"
"""A decimal number of more than 1,000 digits in a value position (after =, [, , or {)."""


def read_text(path: str | os.PathLike[str]) -> str:
    """Return the file's text, or raise :class:`DatasetError` saying why it cannot be read."""
    name = os.fspath(path)

    def fail(message: str, line: int | None = None, column: int | None = None) -> DatasetError:
        return DatasetError([Problem(name, message, line, column)])

    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise fail(_("no such file")) from None
    except PermissionError:
        raise fail(_("permission denied")) from None
    except (OSError, ValueError) as exc:
        raise fail(
            _("cannot read: {reason}").format(reason=getattr(exc, "strerror", None) or exc)
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise fail(_("is a directory, not a dataset file"))
    if not stat.S_ISREG(info.st_mode):
        raise fail(_("is not a regular file"))
    if info.st_size > MAX_FILE_BYTES:
        size = f"{info.st_size / 2**20:.1f}"
        raise fail(
            _("is {size} MiB; the limit is {limit} MiB").format(
                size=size.replace(".", ",") if language() == "fr" else size,
                limit=MAX_FILE_BYTES // 2**20,
            )
        )
    try:
        with open(name, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise fail(_("permission denied")) from None
    except OSError as exc:
        raise fail(_("cannot read: {reason}").format(reason=exc.strerror or exc)) from None
    if len(data) > MAX_FILE_BYTES:
        raise fail(_("is larger than the {limit} MiB limit").format(limit=MAX_FILE_BYTES // 2**20))
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _position(data, nul)
        raise fail(_("is not a text file (NUL byte)"), line, column)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        byte = f"0x{data[exc.start]:02x}"
        raise fail(_("is not valid UTF-8 (byte {byte})").format(byte=byte), line, column) from None
    if not text.strip(" \t\r\n\ufeff"):
        raise fail(_("is empty (no TOML in it)"))
    return text.removeprefix("\ufeff")


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset."""
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1


def parse(text: str, name: str) -> dict[str, Any]:
    """Parse TOML text; syntax errors carry the parser's line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line: int | None = None
        column: int | None = None
        if match := re.search(_TOML_POSITION, message):
            line, column = int(match.group(1)), int(match.group(2))
            message = message[: match.start()]
        elif match := re.search(_TOML_END, message):
            # TOML ends lines at "\n" only (str.splitlines() also splits at U+2028 and others).
            lines = text.split("\n")
            if len(lines) > 1 and not lines[-1]:
                lines.pop()
            line, column = len(lines), len(lines[-1].removesuffix("\r")) + 1
            message = message[: match.start()] + " " + _("at end of file")
        syntax = _("TOML syntax error: {message}").format(message=message)
        raise DatasetError([Problem(name, syntax, line, column)]) from None
    except RecursionError:
        raise DatasetError([Problem(name, _("TOML nesting is too deep to read"))]) from None
    except ValueError as exc:
        # tomllib lets int() refuse a number of more than sys.get_int_max_str_digits() digits.
        line = column = None
        if match := re.search(_LONG_NUMBER, text, re.M):
            start = match.start(1)
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
        message = _("a number has too many digits to read") if match else printable(str(exc), 120)
        syntax = _("TOML syntax error: {message}").format(message=message)
        raise DatasetError([Problem(name, syntax, line, column)]) from None


def load_text(text: str, name: str = "<dataset>") -> Dataset:
    """Parse and validate dataset text (``name`` labels messages)."""
    doc = parse(text, name)
    dataset, issues = build(doc, name)
    if dataset is None or issues:
        locator = KeyLocator(text)
        problems = [
            Problem(name, message, locator.line_of(parts), None, field or None)
            for parts, field, message in issues
        ]
        # In file order (a stable sort): what is missing altogether, with no line, first.
        problems.sort(key=lambda p: p.line or 0)
        raise DatasetError(problems)
    return dataset


def load(path: str | os.PathLike[str]) -> Dataset:
    """Read, parse and validate the dataset at ``path``; raise :class:`DatasetError` otherwise."""
    name = os.fspath(path)
    return load_text(read_text(name), name)
