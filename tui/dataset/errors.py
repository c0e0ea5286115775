"""Located problems in a dataset, and the error that carries them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tui.dataset.compat import SLOTS
from tui.dataset.text import printable


@dataclass(frozen=True, **SLOTS)
class Problem:
    """One thing wrong with a dataset, located as precisely as the file allows."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    field: str | None = None
    """Dotted path of the offending value, e.g. ``states[KY].arrests``."""

    def format(self) -> str:
        """Render as ``FILE:LINE:COL: message`` or ``FILE:LINE: field: message``, on one line."""
        where = printable(self.file, limit=400)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = printable(self.message, limit=400)
        if self.field:
            text = f"{printable(self.field, limit=120)}: {text}"
        return f"{where}: {text}"


class DatasetError(Exception):
    """A dataset could not be read or is not valid; ``problems`` lists every reason."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(p.format() for p in self.problems))
