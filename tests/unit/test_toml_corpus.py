"""The TOML conformance corpus (toml-test): every file gives a clean error, in one ``check`` call.

Files under ``tests/invalid`` are not TOML: each must give a located error (PATH:LINE:COL).
Files under ``tests/valid`` are TOML but not datasets: each must give a clean error. All of
them go to a single ``python -m tui check`` run, whose stderr is split per file.
"""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from tests.unit.helpers import REPO, run_cli

CORPUS = REPO.parent / "shared" / "toml-test" / "tests"
"""CI runs with a copy of ``shared/`` beside the clone, so the corpus is found here."""

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=(
        f"TOML CONFORMANCE CORPUS NOT FOUND at {CORPUS}: put a copy of shared/toml-test "
        "beside the repository to run these tests"
    ),
)

LOCATED = re.compile(r"^:(\d+):(\d+): \S")
"""What follows the path in a located syntax error."""
SCHEMA = re.compile(r"^:\d+: .+: \S")
"""What follows the path in a schema error about a key or table that is in the file."""
UNLOCATED = re.compile(
    r"^: (?:(?:schema_version|states|operation|source): is required\b.*"
    r"|is empty \(no TOML in it\))$"
)
"""The only errors without a line: a required top-level item that is absent, an empty file."""


def corpus_files(kind: str) -> list[Path]:
    """Every file under ``tests/<kind>``, sorted."""
    return sorted(p for p in (CORPUS / kind).rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def files() -> dict[str, list[Path]]:
    """The corpus files, by kind."""
    found = {"invalid": corpus_files("invalid"), "valid": corpus_files("valid")}
    assert len(found["invalid"]) > 400, "the invalid corpus looks truncated"
    assert len(found["valid"]) > 200, "the valid corpus looks truncated"
    return found


@pytest.fixture(scope="module")
def result(files: dict[str, list[Path]]) -> subprocess.CompletedProcess[str]:
    """One ``check`` run over every corpus file."""
    everything = [str(p) for p in files["invalid"] + files["valid"]]
    return run_cli("check", *everything, timeout=300)


@pytest.fixture(scope="module")
def messages(
    files: dict[str, list[Path]], result: subprocess.CompletedProcess[str]
) -> dict[str, list[str]]:
    """stderr lines grouped by file; each value is what follows the file's path."""
    by_file: dict[str, list[str]] = defaultdict(list)
    names = sorted((str(p) for p in files["invalid"] + files["valid"]), key=len, reverse=True)
    for line in result.stderr.splitlines():
        name = next((n for n in names if line.startswith(n + ":")), None)
        assert name is not None, f"stderr line for no corpus file: {line!r}"
        by_file[name].append(line[len(name) :])
    return by_file


def test_single_run_exits_1_without_traceback(result: subprocess.CompletedProcess[str]) -> None:
    """The run fails cleanly: exit 1, no traceback, nothing deemed valid."""
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_every_invalid_file_gives_a_located_error(
    files: dict[str, list[Path]], messages: dict[str, list[str]]
) -> None:
    """Each file under tests/invalid: exactly one ``PATH:LINE:COL: message`` line."""
    bad = []
    for path in files["invalid"]:
        lines = messages.get(str(path), [])
        if len(lines) != 1 or not LOCATED.match(lines[0]):
            bad.append(f"{path.relative_to(CORPUS)}: {lines!r}")
    assert not bad, f"{len(bad)} invalid files without one located error:\n" + "\n".join(bad)


def test_every_valid_file_gives_a_clean_error(
    files: dict[str, list[Path]], messages: dict[str, list[str]]
) -> None:
    """Each file under tests/valid: clean errors (schema, or TOML 1.1 syntax), all located.

    Only a missing top-level item, or an empty file, has no line to point at.
    """
    bad = []
    for path in files["valid"]:
        lines = messages.get(str(path), [])
        clean = lines and all(
            LOCATED.match(x) or SCHEMA.match(x) or UNLOCATED.match(x) for x in lines
        )
        if not clean:
            bad.append(f"{path.relative_to(CORPUS)}: {lines!r}")
    assert not bad, f"{len(bad)} valid files without clean errors:\n" + "\n".join(bad)


def test_valid_toml_files_mostly_reach_the_schema(
    files: dict[str, list[Path]], messages: dict[str, list[str]]
) -> None:
    """Valid TOML 1.0 files parse and are refused by the schema, not by the parser."""
    listed = CORPUS / "files-toml-1.0.0"
    if not listed.is_file():
        pytest.skip("files-toml-1.0.0 is missing from the corpus")
    toml10 = {
        str(CORPUS / name)
        for name in listed.read_text().split()
        if name.startswith("valid/") and name.endswith(".toml")
    }
    assert toml10
    syntax = [n for n in sorted(toml10) if any("TOML syntax error" in x for x in messages[n])]
    assert not syntax, "TOML 1.0 files refused as syntax errors:\n" + "\n".join(syntax)
