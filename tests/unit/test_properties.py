"""Properties: whatever the input, the loader returns a dataset or raises DatasetError."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.helpers import HEAD
from tui.dataset import Dataset, DatasetError, load_text
from tui.dataset.compat import tomllib
from tui.dataset.locate import KeyLocator
from tui.dataset.validate import STATE_KEYS, TOP_KEYS, build

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SHAPES = settings(SETTINGS, max_examples=50)
"""Fewer examples for nested documents: generating them is what takes the time."""

KEYS = st.sampled_from(
    [*TOP_KEYS, *STATE_KEYS, "name", "title", "role", "level", "facts", "figures", "value"]
) | st.text(min_size=0, max_size=8)

SCALARS: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.integers(min_value=0, max_value=40_000).map(lambda n: (1 << n) * (-1) ** n),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["KY", "MO", "lead", "federal", "", " ", "\x1b", "\u202e", "\x85"]),
    st.integers(min_value=10_000, max_value=10_001).map(lambda n: "x" * n),
    st.dates(),
    st.datetimes(),
    st.times(),
)

VALUES: st.SearchStrategy[Any] = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=25,
)

STATE = st.fixed_dictionaries(
    {"code": st.sampled_from(["KY", "MO", "ky", "", "A" * 17]) | VALUES},
    optional={
        key: VALUES | st.integers(min_value=0, max_value=50) for key in STATE_KEYS if key != "code"
    },
)

DOCUMENTS = st.fixed_dictionaries(
    {},
    optional={
        "schema_version": st.sampled_from([1, 1, 1, 2, "1", True]),
        "operation": st.fixed_dictionaries({}, optional={"name": VALUES | st.just("Op")}) | VALUES,
        "source": st.fixed_dictionaries({}, optional={"title": VALUES | st.just("T")}) | VALUES,
        "reported": st.dictionaries(KEYS, VALUES, max_size=4),
        "agencies": st.lists(st.dictionaries(KEYS, VALUES, max_size=5), max_size=3) | VALUES,
        "states": st.lists(STATE, max_size=4) | VALUES,
        "context": st.dictionaries(KEYS, VALUES, max_size=3) | VALUES,
        "extra": VALUES,
    },
)


def _check_outcome(dataset: Dataset | None, issues: list[Any]) -> None:
    """``build``'s contract: a dataset with no issues, or no dataset and some issues."""
    if dataset is None:
        assert issues
    else:
        assert issues == []
        assert dataset.states
    for parts, field, message in issues:
        assert isinstance(parts, tuple)
        assert isinstance(field, str)
        assert isinstance(message, str)
        assert message


@SHAPES
@given(DOCUMENTS)
def test_build_never_crashes_on_document_shapes(doc: dict[str, Any]) -> None:
    """Any dictionary of TOML-like values is either a dataset or a list of issues."""
    dataset, issues = build(doc, "prop.toml")
    _check_outcome(dataset, issues)


@SHAPES
@given(st.dictionaries(KEYS, VALUES, max_size=8))
def test_build_never_crashes_on_arbitrary_dicts(doc: dict[str, Any]) -> None:
    """Arbitrary dictionaries, not shaped like a dataset at all, give issues, not exceptions."""
    dataset, issues = build(doc, "prop.toml")
    _check_outcome(dataset, issues)


@SETTINGS
@given(st.text(max_size=300))
def test_load_text_on_arbitrary_text(text: str) -> None:
    """Any text loads or raises DatasetError, never anything else."""
    try:
        load_text(text, "prop.toml")
    except DatasetError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == "prop.toml"
            assert "\n" not in problem.format()


TOML_PIECES = st.sampled_from(
    [
        "schema_version = 1\n",
        "schema_version = 2\n",
        "[operation]\n",
        'name = "Op"\n',
        "[source]\n",
        'title = "T"\n',
        "[[states]]\n",
        'code = "KY"\n',
        'code = "MO"\n',
        'name = "Kentucky"\n',
        "arrests = 3\n",
        "arrests = -3\n",
        "victims_adult = 2\n",
        "victims_minor = 1\n",
        "victims_rescued = 3\n",
        "victims_rescued = 9\n",
        'notes = ["a", """\nb = 1\n"""]\n',
        "[[agencies]]\n",
        'role = "lead"\n',
        'states = ["KY", "ZZ"]\n',
        "[reported]\n",
        "[context]\n",
        "[[context.figures]]\n",
        "value = 1\n",
        'label = "x"\n',
        "a.b.c = 1\n",
        '"quo\\u0074ed" = 1\n',
        "x = [\n",
        "]\n",
        'q = """\n',
        "# comment\n",
        "\n",
        "\r\n",
        "= 1\n",
        "[[\n",
        "key = 'unterminated\n",
        "\u2028\n",
        'k = "\\u001b"\n',
        "arrests = 0x" + "f" * 2000 + "\n",
        "big = 1" + "0" * 5000 + "\n",
    ]
)


@SETTINGS
@given(st.lists(TOML_PIECES, max_size=30), st.text(max_size=10))
def test_load_text_on_toml_ish_documents(pieces: list[str], tail: str) -> None:
    """Documents assembled from dataset-like lines load or raise DatasetError; errors are
    located within the document when they have a line."""
    text = "".join(pieces) + tail
    try:
        dataset = load_text(text, "prop.toml")
    except DatasetError as exc:
        assert exc.problems
        lines = text.count("\n") + 1
        for problem in exc.problems:
            if problem.line is not None:
                assert 1 <= problem.line <= lines, problem
    else:
        assert dataset.states


@SETTINGS
@given(st.lists(TOML_PIECES, max_size=30))
def test_locator_never_crashes(pieces: list[str]) -> None:
    """The line scanner accepts any text and only ever answers lines that exist."""
    text = "".join(pieces)
    locator = KeyLocator(text)
    count = text.count("\n") + 1
    for parts in [("states", 0, "arrests"), ("operation",), ("a", "b", "c"), ("x",)]:
        line = locator.line_of(parts)
        assert line is None or 1 <= line <= count


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=2**53),
            st.integers(min_value=0, max_value=1000),
            st.integers(min_value=0, max_value=1000),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_valid_figures_round_trip(rows: list[tuple[int, int, int]]) -> None:
    """Valid figures written as TOML load back exactly; adult + minor derive the total."""
    blocks = []
    for i, (arrests, adult, minor) in enumerate(rows):
        blocks.append(
            f'\n[[states]]\ncode = "S{i}"\nname = "State {i}"\narrests = {arrests}\n'
            f"victims_adult = {adult}\nvictims_minor = {minor}\n"
        )
    data = load_text(HEAD + "".join(blocks), "prop.toml")
    assert [(s.arrests, s.victims_adult, s.victims_minor) for s in data.states] == rows
    assert all(s.victims_rescued == s.victims_adult + s.victims_minor for s in data.states)  # type: ignore[operator]
    assert data.operation.announced is None or isinstance(data.operation.announced, dt.date)


DECOY_VALUES = [
    "1",
    '"k1 = \\"\\"\\" k2"',
    "'[[a]] = 1'",
    '"""\nk1 = 1\n[[a]]\nk2 = \'\'\'\n"""',
    '"""ends with quotes\nk3 = 2"""""',
    "'''\nk2 = 2\n[t1]\n\"\"\"\n'''",
    '["""\n[[a]]\nk1 = 3\n""", "w"]',
    '"""\\\n  k3 = 4 \\""" still open\n[t2.sub]\n"""',
    "{ inline = 1 }",
    '1 # k1 = 2 """',
]
"""Values whose text looks like keys, headers or string openers; none of it is a real key."""

BLOCKS = st.lists(
    st.tuples(
        st.sampled_from(["", "[t1]", "[t2.sub]", "[[a]]", "[[a]]"]),
        st.lists(
            st.tuples(st.sampled_from(["k1", "k2", "k3", '"k 4"']), st.sampled_from(DECOY_VALUES)),
            unique_by=lambda kv: kv[0],
            max_size=4,
        ),
    ),
    max_size=6,
)


@SETTINGS
@given(BLOCKS)
def test_locator_finds_every_key_on_its_own_line(blocks: list[tuple[str, list[Any]]]) -> None:
    """In documents full of decoys inside strings, every real key is found on its line."""
    lines: list[str] = []
    expected: dict[tuple[str | int, ...], int] = {}
    seen_tables: set[str] = set()
    entries = 0
    for header, items in blocks:
        if header in seen_tables or (header == "" and lines):
            continue  # a table may be opened once; root keys only come first
        if header == "[[a]]":
            path: tuple[str | int, ...] = ("a", entries)
            entries += 1
        elif header:
            seen_tables.add(header)
            path = tuple(header.strip("[]").split("."))
        else:
            path = ()
        if header:
            lines.append(header)
            expected[path] = len(lines)
        for key, value in items:
            lines.append(f"{key} = {value}")
            parts = (*path, key.strip('"'))
            expected[parts] = len(lines)
            lines[-1:] = lines[-1].split("\n")
    text = "\n".join(lines) + "\n"
    tomllib.loads(text)
    locator = KeyLocator(text)
    for parts, line in expected.items():
        assert locator.line_of(parts) == line, (parts, text)
