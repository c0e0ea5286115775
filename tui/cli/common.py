"""Subcommands of ``unitedfront-tui``: one module each, with ``add_parser`` and ``run``.

A command module must stay cheap to import (the explorer's start-up parses every command's
options): heavy imports go inside ``run``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from tui.dataset import Dataset, DatasetError, load
from tui.dataset.resources import bundled_dataset
from tui.dataset.text import printable, printable_path
from tui.i18n import _

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

__all__ = [
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "dataset_path",
    "dataset_paths",
    "err",
    "load_all",
    "load_or_report",
    "os_error_line",
    "silence_stdout",
    "write_or_report",
    "write_stdout",
]


def err(line: str) -> None:
    """Print one message line on stderr."""
    print(line, file=sys.stderr)


def dataset_path(value: str | Sequence[str] | None) -> str:
    """The (first) dataset named on the command line, or the bundled one."""
    if value is None or isinstance(value, str):
        return value if value is not None else str(bundled_dataset())
    return dataset_paths(value)[0] if value else str(bundled_dataset())


def dataset_paths(values: Sequence[str] | None) -> list[str]:
    """The datasets named by ``--data`` (repeatable), or the bundled one.

    A directory stands for its ``*.toml`` files, sorted by name; a directory with none stays
    as it is, so that loading it says what is wrong. A file named twice (or also through its
    directory) counts once: the same operation twice would double every total.
    """
    paths: list[str] = []
    seen: set[str] = set()
    for value in values or [str(bundled_dataset())]:
        found = sorted(Path(value).glob("*.toml")) if os.path.isdir(value) else []
        for path in [str(p) for p in found] or [value]:
            real = os.path.realpath(path)
            if real not in seen:
                seen.add(real)
                paths.append(path)
    return paths


def load_all(paths: Sequence[str]) -> list[Dataset] | None:
    """Load every dataset; print every problem of every file; None when any is invalid."""
    loaded = [load_or_report(path) for path in paths]
    valid = [d for d in loaded if d is not None]
    return valid if len(valid) == len(loaded) else None


def load_or_report(path: str) -> Dataset | None:
    """Load ``path``; on failure print its located problems on stderr and return None."""
    try:
        return load(path)
    except DatasetError as exc:
        for problem in exc.problems:
            err(problem.format())
        return None


def write_or_report(path: str, text: str, force: bool) -> bool:
    """Write ``text`` to ``path`` atomically (never over a file unless ``force``).

    On failure print one line on stderr and return False.
    """
    from tui.output.export import ExportError, write_atomic

    try:
        write_atomic(path, text, force)
    except ExportError as exc:
        err(f"unitedfront-tui: {exc}")  # already one printable line
        return False
    return True


def write_stdout(text: str, utf8: bool = False) -> None:
    """Write ``text`` to stdout and flush it (``utf8``: as UTF-8 bytes whatever the locale).

    A failure other than a reader that left (BrokenPipeError) is re-raised naming standard
    output, so that :func:`os_error_line` can say which file could not be written.
    """
    try:
        buffer = getattr(sys.stdout, "buffer", None) if utf8 else None
        if buffer is None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), _("standard output")) from None


def os_error_line(exc: OSError) -> str:
    """One line for a failed read or write: the file (printable) and the system's reason."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename is None:
        return f"unitedfront-tui: {printable(reason, 300)}"
    return f"unitedfront-tui: {printable_path(exc.filename)}: {printable(reason, 300)}"


def silence_stdout() -> None:
    """Point stdout at /dev/null once its reader has gone, so the final flush cannot fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
