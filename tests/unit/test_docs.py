"""docs/dataset-format.md stays true: its example loads and it names every key and limit."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.unit.helpers import REPO
from tui.cli.main import summary
from tui.dataset import load_text
from tui.dataset.compat import tomllib
from tui.dataset.loader import MAX_FILE_BYTES
from tui.dataset.model import SOURCE_KINDS
from tui.dataset.text import UNSAFE
from tui.dataset.validate import (
    AGENCY_KEYS,
    AGENCY_KEYS_V2,
    CONTEXT_KEYS,
    FACT_KEYS,
    FACT_KEYS_V2,
    FIGURE_KEYS,
    LEVELS,
    MAX_CODE,
    MAX_INT,
    MAX_LIST,
    MAX_STRING,
    OPERATION_CLAIM_KEYS,
    OPERATION_KEYS,
    OPERATION_KEYS_V2,
    REPORTED_KEYS,
    REPORTED_KEYS_V2,
    ROLES,
    SCHEMA_VERSION,
    SOURCE_KEYS,
    SOURCES_KEYS,
    STATE_CLAIM_KEYS,
    STATE_KEYS,
    STATE_KEYS_V2,
    TOP_KEYS,
    TOP_KEYS_V2,
    VIA_KEYS,
)

DOC = REPO / "docs" / "dataset-format.md"
SCHEMA_V1 = {
    (): TOP_KEYS,
    ("operation",): OPERATION_KEYS,
    ("operation", "facts"): FACT_KEYS,
    ("source",): SOURCE_KEYS,
    ("reported",): REPORTED_KEYS,
    ("agencies",): AGENCY_KEYS,
    ("context",): CONTEXT_KEYS,
    ("context", "figures"): FIGURE_KEYS,
    ("states",): STATE_KEYS,
}
"""Every table of schema version 1 and the keys it allows."""
SCHEMA = {
    (): TOP_KEYS_V2,
    ("operation",): OPERATION_KEYS_V2,
    ("operation", "facts"): FACT_KEYS_V2,
    ("sources",): SOURCES_KEYS,
    ("sources", "via"): VIA_KEYS,
    ("reported",): REPORTED_KEYS_V2,
    ("reported", "claims"): OPERATION_CLAIM_KEYS,
    ("agencies",): AGENCY_KEYS_V2,
    ("context",): CONTEXT_KEYS,
    ("context", "figures"): FIGURE_KEYS,
    ("states",): STATE_KEYS_V2,
    ("states", "claims"): STATE_CLAIM_KEYS,
}
"""Every table of schema version 2 (the complete example's) and the keys it allows."""


@pytest.fixture(scope="module")
def text() -> str:
    """The documentation page."""
    return DOC.read_text(encoding="utf-8")


def fenced(text: str, language: str) -> list[str]:
    """The contents of the fenced code blocks of ``text`` in ``language`` ('' for none).

    Every block is matched, whatever its language, so that a closing fence is never taken
    for the opening of a block without one.
    """
    blocks = re.findall(r"^```([a-z]*)\n(.*?)^```$", text, flags=re.S | re.M)
    return [body for lang, body in blocks if lang == language]


@pytest.fixture(scope="module")
def example(text: str) -> str:
    """The complete example: the one ```toml block that is a whole dataset."""
    blocks = [b for b in fenced(text, "toml") if b.startswith("schema_version = ")]
    assert len(blocks) == 1, f"expected one complete example, found {len(blocks)}"
    return blocks[0]


def test_example_loads(example: str) -> None:
    """The complete example is a valid dataset."""
    data = load_text(example, "example.toml")
    assert data.operation.name == "Operation Example"
    assert [s.code for s in data.states] == ["AREA-1", "AREA-2", "AREA-3"]
    assert data.states[0].victims_derived


def test_example_uses_every_key(example: str) -> None:
    """The example shows every key of every table of the schema."""
    doc = tomllib.loads(example)
    missing: list[str] = []
    for path, keys in SCHEMA.items():
        tables: list[dict[str, Any]] = [doc]
        for part in path:
            nested: list[dict[str, Any]] = []
            for table in tables:
                value = table.get(part)
                nested += value if isinstance(value, list) else [value] if value else []
            tables = nested
        used = {key for table in tables for key in table}
        missing += [".".join((*path, key)) for key in keys if key not in used]
    assert not missing, f"keys not shown in the example: {missing}"


def test_every_key_is_documented(text: str) -> None:
    """Every key and enum value of the schema is named in the documentation."""
    names = {key for keys in (*SCHEMA.values(), *SCHEMA_V1.values()) for key in keys}
    names |= set(LEVELS) | set(ROLES) | set(SOURCE_KINDS)
    undocumented = sorted(name for name in names if f"`{name}`" not in text)
    assert not undocumented


def test_limits_are_documented(text: str) -> None:
    """The documented limits are the loader's."""
    assert SCHEMA_VERSION == 2
    assert f"**{MAX_STRING:,} characters**" in text
    assert f"**{MAX_LIST} entries**" in text
    assert f"**{MAX_FILE_BYTES // 2**20} MiB**" in text
    assert f"({MAX_FILE_BYTES:,} bytes)" in text
    assert MAX_INT == 2**53
    assert f"2^53\n({MAX_INT:,})" in text
    assert f"1 to {MAX_CODE} characters" in text


def test_refused_characters_are_the_documented_ones() -> None:
    """The refused set is exactly C0 (but tab and newline), DEL, C1, bidi U+202A-E and U+2066-9."""
    documented = (
        {c for c in range(0x20) if c not in (0x09, 0x0A)}
        | set(range(0x7F, 0xA0))
        | set(range(0x202A, 0x202F))
        | set(range(0x2066, 0x206A))
    )
    refused = {c for c in range(0x3000) if UNSAFE.fullmatch(chr(c))}
    assert refused == documented


def test_documented_check_output(text: str, example: str) -> None:
    """The ``check`` output shown for the example is what check prints."""
    shown = [b for b in fenced(text, "") if b.startswith("example.toml: valid")]
    assert len(shown) == 1
    data = load_text(example, "example.toml")
    assert shown[0].rstrip("\n").split("\n") == summary(data, "example.toml")


def test_documented_snippets_are_toml(text: str) -> None:
    """Every ```toml block of the page parses."""
    blocks = fenced(text, "toml")
    assert blocks
    for block in blocks:
        tomllib.loads(block)
