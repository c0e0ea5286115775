"""Synthetic operations, generated at test time (never bundled: only the article's data is real).

Names and figures are made up and say so; codes are real USPS codes so that two operations
share some states and not others.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    # Optional, not `X | None`: mypy reads aliases as run-time expressions, and 3.9 has no `|`.
    Row = tuple[str, str, Optional[int], Optional[int]]
    """(code, name, victims rescued, arrests); None is *not reported*."""

ALPHA: Sequence[Row] = (
    ("KS", "Kansas", 3, 5),
    ("MO", "Missouri", 2, None),
    ("CO", "Colorado", None, 4),
)
"""Fictional Operation Alpha: three states."""

BRAVO: Sequence[Row] = (
    ("MO", "Missouri", 9, 1),
    ("AR", "Arkansas", 0, 2),
)
"""Fictional Operation Bravo: shares Missouri with Alpha."""


def operation_toml(name: str, announced: str, rows: Sequence[Row], arrests: int | None) -> str:
    """A valid dataset of ``rows``; ``arrests`` is the source's reported total (or none)."""
    lines = [
        "# Synthetic test operation: every name and figure is made up.",
        "schema_version = 1",
        "",
        "[operation]",
        f'name = "{name}"',
        f"announced = {announced}",
        "",
        "[source]",
        f'title = "Synthetic source for {name}"',
    ]
    if arrests is not None:
        lines += ["", "[reported]", f"arrests = {arrests}"]
    for code, state, victims, arrested in rows:
        lines += ["", "[[states]]", f'code = "{code}"', f'name = "{state}"']
        if victims is not None:
            lines.append(f"victims_rescued = {victims}")
        if arrested is not None:
            lines.append(f"arrests = {arrested}")
    return "\n".join(lines) + "\n"


def write_operations(directory: Path) -> tuple[Path, Path]:
    """Write Operation Alpha and Operation Bravo into ``directory``; return their paths."""
    alpha = directory / "alpha.toml"
    bravo = directory / "bravo.toml"
    alpha.write_text(operation_toml("Operation Alpha", "2030-01-02", ALPHA, 9), encoding="utf-8")
    bravo.write_text(operation_toml("Operation Bravo", "2031-03-04", BRAVO, 3), encoding="utf-8")
    return alpha, bravo
