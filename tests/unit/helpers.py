"""Builders for small dataset documents, and helpers to read the problems they produce."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.dataset import Dataset, DatasetError, Problem, load_text

REPO = Path(__file__).resolve().parents[2]


def shared(*parts: str) -> Path:
    """A file of the shared material beside the repository (``../shared``).

    A worktree elsewhere may point at it with ``UNITEDFRONT_SHARED``.
    """
    base = Path(os.environ.get("UNITEDFRONT_SHARED") or REPO.parent / "shared")
    return base.joinpath(*parts)


ARTICLE = shared("sources", "000_7c2b3711e17018b2.txt")
"""The French article the bundled dataset's main source is (not ours to ship: tests skip
without it)."""

HEAD = """\
schema_version = 1

[operation]
name = "Operation Test"

[source]
title = "A test source"
"""
"""The smallest valid head of a dataset: everything but the states."""

HEAD_V2 = """\
schema_version = 2

[operation]
name = "Operation Test"
main_source = "main"

[[sources]]
id = "main"
publisher = "A test publisher"
title = "A test source"

[[sources]]
id = "other"
publisher = "Another publisher"
description = "Another report"
"""
"""The head of a schema-2 dataset with two sources; ``other`` must be cited by a claim."""

CLAIM = '\n[[states.claims]]\nsource = "other"\narrests = 5\nlocator = "table, row 1"\n'
"""A claim of source ``other`` for the state before it."""


def state(code: str = '"KY"', name: str = '"Kentucky"', **fields: str) -> str:
    """A ``[[states]]`` table; ``code``, ``name`` and ``fields`` are raw TOML values.

    Pass ``code=""`` or ``name=""`` (empty Python string) to leave that key out.
    """
    lines = ["", "[[states]]"]
    if code:
        lines.append(f"code = {code}")
    if name:
        lines.append(f"name = {name}")
    lines += [f"{key} = {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"


def document(*blocks: str, head: str = HEAD) -> str:
    """A document made of ``head`` and ``blocks`` (a valid state is added when none is given)."""
    body = "".join(blocks)
    if "[[states]]" not in body:
        body += state()
    return head + body


def load_ok(text: str) -> Dataset:
    """Load ``text``, failing the test with every problem when it does not load."""
    try:
        return load_text(text, "test.toml")
    except DatasetError as exc:  # pragma: no cover - only on failure
        pytest.fail(f"expected a valid dataset, got:\n{exc}")


def problems(text: str) -> tuple[Problem, ...]:
    """The problems ``text`` produces; fails the test when it loads."""
    with pytest.raises(DatasetError) as info:
        load_text(text, "test.toml")
    assert info.value.problems, "DatasetError without problems"
    return info.value.problems


def only_problem(text: str) -> Problem:
    """The single problem ``text`` produces (fails when there are none or several)."""
    found = problems(text)
    assert len(found) == 1, "\n".join(p.format() for p in found)
    return found[0]


def problem_at(text: str, field: str) -> Problem:
    """The one problem of ``text`` whose field is ``field``."""
    found = problems(text)
    matching = [p for p in found if p.field == field]
    assert len(matching) == 1, f"no single problem for {field}:\n" + "\n".join(
        p.format() for p in found
    )
    return matching[0]


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the ``occurrence``-th line of ``text`` that contains ``needle``."""
    seen = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found {occurrence} time(s)")


def run_cli(
    *args: str,
    cwd: Path | None = None,
    timeout: float = 60,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m tui ARGS`` in a fresh interpreter; capture output as UTF-8 text.

    The repository is put on ``PYTHONPATH`` so this works with or without an install;
    it runs in the current directory (each test's own, see tests/conftest.py) unless ``cwd``
    is given; ``env`` adds to (or overrides) the environment.
    """
    full = dict(os.environ)
    full["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), full.get("PYTHONPATH", "")]))
    full["PYTHONIOENCODING"] = "utf-8"
    full.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=cwd,
        env=full,
        timeout=timeout,
        check=False,
    )
