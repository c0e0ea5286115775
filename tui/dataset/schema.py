"""The JSON Schema (draft 2020-12) of dataset formats 1 and 2, shipped beside this module.

Editors validate TOML against it while typing (Taplo / Even Better TOML read a ``#:schema``
comment). It states what a schema can: types, required keys, limits, characters. The loader
(:mod:`tui.dataset.validate`) stays the authority; :data:`CROSS_FIELD_RULES` lists what only
it checks.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).resolve().parent / "schema.json"
"""The schema file inside the package (the wheel carries it)."""

CROSS_FIELD_RULES = (
    "state codes are unique in the file",
    "an agency's states are codes of [[states]] tables of the same file",
    "victims_adult + victims_minor equals victims_rescued (or, with one part, stays within it)",
    "dates are TOML dates, not quoted strings (a TOML-to-JSON view shows both as strings)",
    "figures are TOML integers, not floats such as 1.0 (JSON Schema counts 1.0 as an integer)",
    "source ids are unique in the file",
    "a claim's source, operation.main_source and a fact's or agency's source name [[sources]]",
    "every source is the main one or cited by a claim, a fact or an agency",
    "a source gives a figure at most once per table, and the main source only as its own keys",
)
"""Rules the loader enforces and JSON Schema cannot express (documented, and tested)."""


def schema_text() -> str:
    """The schema as shipped, for printing."""
    return SCHEMA_PATH.read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    """The schema, parsed."""
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded


def as_json(value: object) -> object:
    """A parsed TOML value as JSON sees it: dates and times become ISO 8601 strings.

    This is the view an editor's TOML language server validates against the schema.
    """
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return value
