"""The panel a broken save opens: the file's located errors, until a save fixes them."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace

from rich.text import Text
from textual.widget import Widget

from tui.dataset import Problem
from tui.dataset.text import printable
from tui.i18n import _, ngettext

SHOWN = 6
"""Errors listed per file; `check` lists them all."""


class ProblemsPanel(Widget):
    """Docked above the totals: which files are invalid, and why (literal text)."""

    DEFAULT_CSS = """
    ProblemsPanel {
        height: auto;
        max-height: 10;
        padding: 0 1;
        border-top: heavy $error;
        background: $boost;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.problems: dict[str, tuple[Problem, ...]] = {}
        """The located errors of each invalid file, by path."""

    def set_problems(self, path: str, problems: Sequence[Problem]) -> None:
        """Record ``path``'s errors (none: it is valid again) and redraw."""
        if problems:
            self.problems[path] = tuple(problems)
        else:
            self.problems.pop(path, None)
        self.refresh(layout=True)

    def render(self) -> Text:
        """For each invalid file: a heading, then its first errors, one line each."""
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        for n, (path, problems) in enumerate(self.problems.items()):
            if n:
                text.append("\n")
            # The file's name, not its path: the lines are short, the panel narrow.
            name = os.path.basename(path) or path
            heading = _("{name} is not valid: still showing its last good version").format(
                name=printable(name, 80)
            )
            text.append(f"⚠ {heading}", style="bold")
            for problem in problems[:SHOWN]:
                text.append("\n  ")
                text.append(replace(problem, file=name).format())
            if len(problems) > SHOWN:
                more = len(problems) - SHOWN
                text.append("\n  ")
                text.append(
                    ngettext("… and {n} more error", "… and {n} more errors", more).format(n=more),
                    style="italic",
                )
        return text
