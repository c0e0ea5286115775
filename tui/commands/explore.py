"""The explorer (no command): load and validate first, then hand the dataset to the app."""

from __future__ import annotations

import argparse
import gc
import os
import sys

from tui.commands import EXIT_INVALID, EXIT_OK, EXIT_USAGE, dataset_path, err, load_or_report
from tui.i18n import _


def terminal_problem() -> str | None:
    """Why the explorer cannot draw here, or None when it can."""
    if os.environ.get("TERM") == "dumb":
        return _("this terminal (TERM=dumb) cannot show the explorer")
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        return _("the explorer needs a terminal, but input or output is not one")
    return None


def explore(path: str, mouse: bool, theme: str | None) -> int:
    """Load the dataset, then hand it to the explorer (which imports textual)."""
    # Parsing makes objects by the million and no cycles: collecting during it is wasted time.
    gc.disable()
    try:
        dataset = load_or_report(path)
    finally:
        gc.enable()
    if dataset is None:
        return EXIT_INVALID
    # The dataset lives until exit; spare the collector from scanning it again.
    gc.freeze()
    why = terminal_problem()
    if why is not None:
        err(
            "unitedfront-tui: "
            + _("{why}. For text output, use: {command}").format(
                why=why, command="unitedfront-tui export --format markdown"
            )
        )
        return EXIT_INVALID
    from tui.app import UnitedFrontApp, UnknownThemeError

    try:
        app = UnitedFrontApp(dataset, theme=theme)
    except UnknownThemeError as exc:
        err(f"unitedfront-tui: {exc}")
        return EXIT_USAGE
    app.run(mouse=mouse)
    return app.return_code or EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Open the explorer for parsed (top-level) arguments."""
    return explore(dataset_path(args.data), not args.no_mouse, args.theme)
