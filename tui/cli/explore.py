"""The explorer (no command): load and validate first, then hand the dataset to the app."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from tui.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, dataset_paths, err, load_all
from tui.cli.preview import Preview
from tui.i18n import _


def terminal_problem() -> str | None:
    """Why the explorer cannot draw here, or None when it can."""
    if os.environ.get("TERM") == "dumb":
        return _("this terminal (TERM=dumb) cannot show the explorer")
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        return _("the explorer needs a terminal, but input or output is not one")
    return None


def explore(paths: str | Sequence[str], mouse: bool, theme: str | None, watch: bool = False) -> int:
    """Load the datasets, then hand them to the explorer (which imports textual)."""
    paths = [paths] if isinstance(paths, str) else list(paths)
    watchers = []
    if watch:
        from tui.dataset.watch import FileWatcher

        # Before loading: a save made while the file loads is then seen as a change.
        watchers = [FileWatcher(path) for path in paths]
    # Parsing makes objects by the million and no cycles: collecting during it is wasted time.
    gc.disable()
    try:
        datasets = load_all(paths)
    finally:
        gc.enable()
    if datasets is None:
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
    options = [f"theme={theme or ''}", f"watch={watch}"]
    preview = Preview.for_start(paths, options)
    try:
        if preview is not None:
            preview.show()
        from tui.app import UnitedFrontApp, UnknownThemeError

        try:
            app = UnitedFrontApp(datasets, theme=theme, watchers=watchers, preview=preview)
        except UnknownThemeError as exc:
            if preview is not None:
                preview.close()  # first: the message goes to the main screen
            err(f"unitedfront-tui: {exc}")
            return EXIT_USAGE
        app.run(mouse=mouse)
    finally:
        if preview is not None:
            preview.close()
    return app.return_code or EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Open the explorer for parsed (top-level) arguments."""
    return explore(dataset_paths(args.data), not args.no_mouse, args.theme, args.watch)
