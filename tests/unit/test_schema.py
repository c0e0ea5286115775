"""The shipped JSON Schema agrees with the loader wherever JSON Schema can state a rule.

Each invalid document below is refused by both; each rule JSON Schema cannot express is
refused by the loader and (knowingly) accepted by the schema, and documented.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.unit.helpers import CLAIM, HEAD_V2, REPO, document, state
from tests.unit.test_docs import fenced
from tui.cli.new import skeleton
from tui.dataset import DatasetError, load_text
from tui.dataset.compat import tomllib
from tui.dataset.schema import CROSS_FIELD_RULES, as_json, schema

HOSTILE = REPO / "tests" / "data" / "hostile"
CORPUS = REPO.parent / "shared" / "toml-test" / "tests" / "valid"
TEMPLATE_LINE = re.compile(r'# (\[|[a-z_]+ = |    "|\])')
"""A commented-out line of TOML in the skeleton (a key, a table header, a list's lines)."""


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    """A validator for the shipped schema."""
    return Draft202012Validator(schema())


def schema_accepts(validator: Draft202012Validator, text: str) -> bool:
    """Whether the schema accepts TOML ``text`` as an editor sees it (dates as strings)."""
    return bool(validator.is_valid(as_json(tomllib.loads(text))))


def loader_accepts(text: str) -> bool:
    """Whether the loader accepts ``text``."""
    try:
        load_text(text, "test.toml")
    except DatasetError:
        return False
    return True


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    """Editors refuse a malformed schema silently; check it against the metaschema."""
    loaded = schema()
    assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(loaded)


def test_accepts_the_bundled_dataset(validator: Draft202012Validator, bundled_path: Path) -> None:
    """The real dataset validates in an editor."""
    text = bundled_path.read_text(encoding="utf-8")
    errors = [e.message for e in validator.iter_errors(as_json(tomllib.loads(text)))]
    assert errors == []


def test_accepts_the_docs_example(validator: Draft202012Validator) -> None:
    """The complete example of docs/dataset-format.md (every key) validates."""
    text = (REPO / "docs" / "dataset-format.md").read_text(encoding="utf-8")
    (example,) = [block for block in fenced(text, "toml") if "schema_version" in block]
    assert schema_accepts(validator, example)


def test_accepts_the_skeleton(validator: Draft202012Validator) -> None:
    """`new` writes a file the schema accepts, and so does every commented key once uncommented
    (the skeleton's comments are a template: each must be a key the schema knows)."""
    text = skeleton()
    assert schema_accepts(validator, text)
    uncommented = "\n".join(
        line[2:] if TEMPLATE_LINE.match(line) else line for line in text.split("\n")
    )
    assert uncommented != text
    # Uncommenting gives `states = ["XX"]` and every table: still only known keys and types.
    errors = [e.message for e in validator.iter_errors(as_json(tomllib.loads(uncommented)))]
    assert errors == []


def test_accepts_per_state_local_name_and_aliases(validator: Draft202012Validator) -> None:
    """The optional per-state `local_name` and `aliases` of the format are known keys."""
    text = document(state(local_name='"Kentucky (fr)"', aliases='["Bluegrass State"]'))
    assert schema_accepts(validator, text)
    assert not schema_accepts(validator, document(state(aliases='[""]')))
    assert not schema_accepts(validator, document(state(local_name="3")))


BAD_STRINGS = {
    "escape": '"a\\u001bb"',
    "carriage return": '"a\\rb"',
    "NUL": '"a\\u0000b"',
    "DEL": '"a\\u007fb"',
    "C1 CSI": '"a\\u009bb"',
    "bidi override": '"a\\u202eb"',
    "bidi isolate": '"a\\u2066b"',
    "too long": '"' + "x" * 10_001 + '"',
}

V2 = HEAD_V2 + state(arrests="4") + CLAIM
"""A valid schema-2 document."""

INVALID: dict[str, str] = {
    "v2 without sources": V2.replace("[[sources]]", "[[nothing]]"),
    "v2 without main_source": V2.replace('main_source = "main"\n', ""),
    "v2 with a [source] table": V2 + '\n[source]\ntitle = "x"\n',
    "v2 source id in upper case": V2.replace('id = "other"', 'id = "OTHER"'),
    "v2 source without publisher": V2.replace('publisher = "Another publisher"\n', ""),
    "v2 source without title or description": V2.replace('description = "Another report"\n', ""),
    "v2 unknown kind": V2.replace('id = "main"', 'id = "main"\nkind = "blog"'),
    "v2 claim without locator": V2.replace('locator = "table, row 1"\n', ""),
    "v2 claim without figure": V2.replace("arrests = 5\n", ""),
    "v2 claim with a negative figure": V2.replace("arrests = 5", "arrests = -5"),
    "v2 claim with an unknown key": V2.replace("arrests = 5", "arrests = 5\nextra = 1"),
    "v1 with claims": document(state() + CLAIM),
    "v1 with main_source": document().replace(
        'name = "Operation Test"', 'name = "Operation Test"\nmain_source = "x"'
    ),
    "no schema_version": document().replace("schema_version = 1\n", ""),
    "schema_version 2": document().replace("schema_version = 1", "schema_version = 2"),
    "schema_version string": document().replace("schema_version = 1", 'schema_version = "1"'),
    "unknown top-level key": document() + "\nextra = 1\n",
    "unknown state key": document(state(arest="3")),
    "no operation name": document().replace('name = "Operation Test"', 'local_name = "x"'),
    "blank operation name": document().replace('"Operation Test"', '"   "'),
    "no states": document("[context]\n").split("[[states]]")[0],
    "empty states": document("states = []\n").split("[[states]]")[0],
    "state without code": document(state(code="")),
    "lower-case code": document(state(code='"ky"')),
    "code too long": document(state(code='"' + "A" * 17 + '"')),
    "negative figure": document(state(arrests="-1")),
    "figure above 2^53": document(state(arrests=str(2**53 + 1))),
    "boolean figure": document(state(arrests="true")),
    "string figure": document(state(arrests='"3"')),
    "fractional figure": document(state(arrests="1.5")),
    "empty note": document(state(notes='[""]')),
    "201 notes": document(state(notes="[" + ", ".join(['"n"'] * 201) + "]")),
    "url without scheme": document().replace(
        'title = "A test source"', 'title = "A test source"\nurl = "example.org"'
    ),
    "unknown role": document('\n[[agencies]]\nname = "Agency"\nrole = "boss"\n'),
    "unknown level": document('\n[[agencies]]\nname = "A"\nrole = "lead"\nlevel = "city"\n'),
    "agency without role": document('\n[[agencies]]\nname = "A"\n'),
    "announced is a time": document().replace(
        'name = "Operation Test"', 'name = "Operation Test"\nannounced = 07:55:00'
    ),
    "context figure without value": document('\n[[context.figures]]\nlabel = "Offences"\n'),
    **{f"state name: {what}": document(state(name=value)) for what, value in BAD_STRINGS.items()},
    **{f"quote: {what}": document(state(quote=value)) for what, value in BAD_STRINGS.items()},
}
"""Documents the loader refuses for a rule JSON Schema can state."""


@pytest.mark.parametrize("text", INVALID.values(), ids=INVALID.keys())
def test_rejects_what_the_loader_rejects(validator: Draft202012Validator, text: str) -> None:
    """Refused by both."""
    assert not loader_accepts(text)
    assert not schema_accepts(validator, text)


CROSS_FIELD: dict[str, str] = {
    "duplicate codes": document(state(), state()),
    "agency names an absent state": document(
        '\n[[agencies]]\nname = "A"\nrole = "lead"\nstates = ["TX"]\n'
    ),
    "adult and minor disagree with the total": document(
        state(victims_rescued="3", victims_adult="1", victims_minor="1")
    ),
    "date written as a string": document().replace(
        'name = "Operation Test"', 'name = "Operation Test"\nannounced = "2021-08-27"'
    ),
    "float that is a whole number": document(state(arrests="3.0")),
    "duplicate source ids": V2.replace('id = "other"', 'id = "main"'),
    "claim names an absent source": V2 + state(code='"TX"') + CLAIM.replace('"other"', '"x"'),
    "source cited nowhere": HEAD_V2 + state(),
    "two claims of one source for one figure": V2 + CLAIM,
}
"""Refused by the loader, accepted by the schema: the rules listed in CROSS_FIELD_RULES."""


@pytest.mark.parametrize("text", CROSS_FIELD.values(), ids=CROSS_FIELD.keys())
def test_rules_the_schema_cannot_express(validator: Draft202012Validator, text: str) -> None:
    """Only `check` catches these; the schema's description and the docs say so."""
    assert not loader_accepts(text)
    assert schema_accepts(validator, text)


def test_accepts_a_schema2_document(validator: Draft202012Validator) -> None:
    """A minimal version-2 file passes both."""
    assert loader_accepts(V2)
    assert schema_accepts(validator, V2)


def test_the_limits_are_documented() -> None:
    """Each rule the schema cannot express is listed in the authoring guide."""
    assert len(CROSS_FIELD) == len(CROSS_FIELD_RULES)
    guide = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    for rule in CROSS_FIELD_RULES:
        assert rule in guide


def hostile_files() -> list[Path]:
    """The hostile datasets TOML can parse (NUL and invalid UTF-8 never reach a schema)."""
    out = []
    for path in sorted(HOSTILE.glob("*.toml")):
        try:
            tomllib.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        out.append(path)
    return out


@pytest.mark.parametrize("path", hostile_files(), ids=lambda p: p.stem)
def test_schema_and_loader_agree_on_hostile_files(
    validator: Draft202012Validator, path: Path
) -> None:
    """Same verdict on every hostile file, except the one cross-field rule they break."""
    text = path.read_text(encoding="utf-8")
    expected = loader_accepts(text) or path.stem == "duplicate-codes"
    assert schema_accepts(validator, text) == expected


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"TOML corpus not found at {CORPUS}")
def test_schema_refuses_every_non_dataset_of_the_toml_corpus(
    validator: Draft202012Validator,
) -> None:
    """toml-test's valid files are TOML, not datasets: the loader refuses all; so must this."""
    accepted: list[str] = []
    count = 0
    for path in sorted(CORPUS.rglob("*.toml")):
        try:
            doc: Any = tomllib.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError):
            continue
        count += 1
        if validator.is_valid(as_json(doc)):
            accepted.append(str(path))
    assert count > 200
    assert accepted == []


def test_schema_knows_every_key_the_loader_knows() -> None:
    """Table by table, the schema's keys are the loader's, of either version (the schema's
    ``then`` branch forbids version 2's keys in a version-1 file)."""
    from tests.unit.test_docs import SCHEMA as LOADER_V2
    from tests.unit.test_docs import SCHEMA_V1 as LOADER_V1

    loaded = schema()
    properties = loaded["properties"]
    defs = loaded["$defs"]
    tables: dict[tuple[str, ...], Any] = {
        (): loaded,
        ("operation",): properties["operation"],
        ("operation", "facts"): properties["operation"]["properties"]["facts"]["items"],
        ("source",): properties["source"],
        ("sources",): properties["sources"]["items"],
        ("sources", "via"): properties["sources"]["items"]["properties"]["via"]["items"],
        ("reported",): properties["reported"],
        ("reported", "claims"): defs["operationClaims"]["items"],
        ("agencies",): properties["agencies"]["items"],
        ("context",): properties["context"],
        ("context", "figures"): properties["context"]["properties"]["figures"]["items"],
        ("states",): properties["states"]["items"],
        ("states", "claims"): defs["stateClaims"]["items"],
    }
    assert set(tables) == set(LOADER_V1) | set(LOADER_V2)
    for where in tables:
        keys = set(LOADER_V1.get(where, ())) | set(LOADER_V2.get(where, ()))
        assert set(tables[where]["properties"]) == keys, where
        assert tables[where]["additionalProperties"] is False, where
    # What a version-1 file may not use is exactly what version 2 adds.
    then = loaded["then"]["properties"]
    assert set(then) == {"sources", "operation", "reported", "agencies", "states"}
    assert set(then["operation"]["properties"]) == {"main_source", "began", "ended", "facts"}
    assert set(then["reported"]["properties"]) == set(LOADER_V2[("reported",)]) - set(
        LOADER_V1[("reported",)]
    )
    assert set(then["states"]["items"]["properties"]) == set(LOADER_V2[("states",)]) - set(
        LOADER_V1[("states",)]
    )
    assert set(then["agencies"]["items"]["properties"]) == set(LOADER_V2[("agencies",)]) - set(
        LOADER_V1[("agencies",)]
    )
