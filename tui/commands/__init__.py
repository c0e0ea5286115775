"""Subcommands of ``unitedfront-tui``: one module each, with ``add_parser`` and ``run``.

A command module must stay cheap to import (the explorer's start-up parses every command's
options): heavy imports go inside ``run``.
"""

from __future__ import annotations

import os
import sys

from tui.dataset import Dataset, DatasetError, load
from tui.resources import bundled_dataset

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

__all__ = [
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "dataset_path",
    "err",
    "load_or_report",
    "silence_stdout",
]


def err(line: str) -> None:
    """Print one message line on stderr."""
    print(line, file=sys.stderr)


def dataset_path(value: str | None) -> str:
    """The dataset named on the command line, or the bundled one."""
    return value if value is not None else str(bundled_dataset())


def load_or_report(path: str) -> Dataset | None:
    """Load ``path``; on failure print its located problems on stderr and return None."""
    try:
        return load(path)
    except DatasetError as exc:
        for problem in exc.problems:
            err(problem.format())
        return None


def silence_stdout() -> None:
    """Point stdout at /dev/null once its reader has gone, so the final flush cannot fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
