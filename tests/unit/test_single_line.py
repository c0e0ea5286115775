"""Tab and newline, field by field: refused in single-line fields, accepted in prose.

The fields are read from the shipped JSON Schema and checked against the model, so that a field
added to the format is tested without being listed here: a name, code, title or label with a
tab or a line break is refused with a located error (it would break the list's row and borders
or overflow into the next pane); quotes, translations, notes and descriptions keep them and
are rendered as text (tests/functional/test_prose_rendering.py).
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
from collections.abc import Iterator
from typing import Any, Union

import pytest
from jsonschema import Draft202012Validator

from tests.unit.helpers import REPO, document, state
from tests.unit.test_docs import fenced
from tui.dataset import DatasetError, load_text, model
from tui.dataset.compat import tomllib
from tui.dataset.schema import as_json, schema
from tui.dataset.text import PROSE_KEYS, is_prose
from tui.dataset.validate import build

Path_ = tuple[Union[str, int], ...]
"""A value's place in a parsed document: keys and list indexes."""

BREAKS = {"newline": "\n", "tab": "\t", "line separator": "\u2028"}


def resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """``node`` with its ``$ref`` and ``allOf`` merged in (what a validator checks)."""
    merged = dict(node)
    ref = merged.pop("$ref", None)
    if ref is not None:
        target = root
        for part in ref.removeprefix("#/").split("/"):
            target = target[part]
        merged = {**resolve(target, root), **merged}
    for sub in merged.pop("allOf", []):
        merged = {**resolve(sub, root), **merged}
    return merged


def string_fields(node: dict[str, Any], root: dict[str, Any], at: Path_ = ()) -> Iterator[Path_]:
    """Every place in a document where the schema allows free text (not enums, dates)."""
    node = resolve(node, root)
    kind = node.get("type")
    if kind == "object":
        for key, sub in node.get("properties", {}).items():
            yield from string_fields(sub, root, (*at, key))
    elif kind == "array":
        yield from string_fields(node["items"], root, (*at, 0))
    elif kind == "string" and "format" not in node:
        yield at
    elif "anyOf" in node or "enum" in node or "const" in node:
        return


ROOT = schema()
FIELDS = sorted(string_fields(ROOT, ROOT), key=str)


def label(path: Path_) -> str:
    """``states[0].aliases[0]`` for a path."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def key_of(path: Path_) -> str:
    """The key a value sits under (a list entry's: its list's)."""
    return next(part for part in reversed(path) if isinstance(part, str))


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    """The docs' complete example (every key), parsed."""
    text = (REPO / "docs" / "dataset-format.md").read_text(encoding="utf-8")
    (block,) = [b for b in fenced(text, "toml") if b.startswith("schema_version = ")]
    parsed: dict[str, Any] = tomllib.loads(block)
    return parsed


def put(doc: Any, path: Path_, value: str) -> None:
    """Set ``value`` at ``path``, creating the tables and first entries on the way."""
    for i, part in enumerate(path[:-1]):
        following = path[i + 1]
        empty: Any = [] if isinstance(following, int) else {}
        if isinstance(part, int):
            if not doc:
                doc.append(empty)
            doc = doc[part]
        else:
            doc = doc.setdefault(part, empty)
    last = path[-1]
    if isinstance(last, int):
        if doc:
            doc[last] = value
        else:
            doc.append(value)
    else:
        doc[last] = value


def value_for(path: Path_, char: str) -> str:
    """Text with ``char`` inside that is otherwise valid where it goes (codes, urls)."""
    key = key_of(path)
    if key in ("code", "states") and path[0] in ("states", "agencies"):
        return f"K{char}Y"
    if key == "url":
        return f"https://example.org/{char}x"
    return f"a{char}b"


def base_for(path: Path_, example: dict[str, Any]) -> dict[str, Any]:
    """A valid document in which ``path`` is a known key: the docs' example (the newest schema
    version), else a version-1 document (``[source]``, which version 2 replaced)."""
    version_1: dict[str, Any] = tomllib.loads(document(state()))
    for base in (example, version_1):
        doc = copy.deepcopy(base)
        put(doc, path, value_for(path, ""))
        issues = build(doc, "test.toml")[1]
        if not any("unknown key" in message for _parts, _field, message in issues):
            return base
    raise AssertionError(f"no valid document has {label(path)}")


def test_the_field_list_is_derived_and_complete() -> None:
    """The schema's text fields include every str field of the model (a new field cannot be
    left out of these tests), and every prose key is a field of the format."""
    keys = {key_of(path) for path in FIELDS}
    assert {"name", "code", "publisher", "title", "local_name", "aliases", "label"} <= keys
    assert keys >= PROSE_KEYS
    for name, cls in inspect.getmembers(model, dataclasses.is_dataclass):
        for field in dataclasses.fields(cls):
            if "str" not in str(field.type) or field.name == "path":
                continue
            toml_key = "notes" if field.name == "context_notes" else field.name
            assert toml_key in keys, f"{name}.{field.name} is not in the schema"


@pytest.mark.parametrize("char", BREAKS.values(), ids=BREAKS.keys())
@pytest.mark.parametrize("path", FIELDS, ids=[label(p) for p in FIELDS])
def test_every_string_field(path: Path_, char: str, example: dict[str, Any]) -> None:
    """Single-line fields refuse a tab or line break at their place; prose keeps it."""
    doc = copy.deepcopy(base_for(path, example))
    put(doc, path, value_for(path, char))
    # The schema first: the loader frees the document's state tables as it converts them.
    schema_ok = Draft202012Validator(ROOT).is_valid(as_json(doc))
    dataset, issues = build(doc, "test.toml")
    if is_prose(key_of(path)) and char != "\u2028":
        assert dataset is not None, issues
        assert schema_ok
        return
    if is_prose(key_of(path)):
        return  # U+2028 in prose: outside this rule (no terminal breaks a line on it)
    assert dataset is None
    located = [issue for issue in issues if issue[0] == path]
    assert located, f"no error at {label(path)}: {issues}"
    assert not schema_ok, "the schema accepts what the loader refuses"


def test_refusal_is_located_and_named(example: dict[str, Any]) -> None:
    """Through the loader: the line, the field and the character, as every error is."""
    text = (REPO / "data" / "operation-united-front.toml").read_text(encoding="utf-8")
    broken = text.replace('name = "Nebraska"', 'name = "Nebr\\naska"', 1)
    assert broken != text
    with pytest.raises(DatasetError) as raised:
        load_text(broken, "nebraska.toml")
    (problem,) = raised.value.problems
    assert problem.field == "states[NE].name"
    assert problem.line == broken.split("\n").index('name = "Nebr\\naska"') + 1
    assert "U+000A LINE FEED at character 5" in problem.message
    assert "\n" not in problem.format()
