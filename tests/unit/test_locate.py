"""KeyLocator: the line of a key or table in TOML text, for located schema errors."""

from __future__ import annotations

import pytest

from tests.unit.helpers import HEAD, document, line_of, problem_at, state
from tui.dataset.compat import tomllib
from tui.dataset.locate import KeyLocator

TEXT = """\
# a comment = not a key
schema_version = 1

[operation]
name = "Op"
summary = \"\"\"
fake = "inside a multi-line string"
[[states]]
\"\"\"

[[operation.facts]]
topic = "first"

[[operation.facts]]
topic = "second"
'quoted key' = 1
"dotted.in.quotes" = 2
a . b = 3

[[states]]
code = "MO"

[[states]] # trailing comment
code = "KY"
notes = [
  '''
arrests = "not a key either"
''', "ok",
]
arrests = -1
inline = { x = 1 }
"""


@pytest.fixture(scope="module")
def locator() -> KeyLocator:
    """A locator over TEXT (which must itself be valid TOML)."""
    tomllib.loads(TEXT)
    return KeyLocator(TEXT)


@pytest.mark.parametrize(
    ("parts", "needle", "occurrence"),
    [
        (("schema_version",), "schema_version = 1", 1),
        (("operation",), "[operation]", 1),
        (("operation", "name"), 'name = "Op"', 1),
        (("operation", "summary"), "summary =", 1),
        (("operation", "facts"), "[[operation.facts]]", 1),
        (("operation", "facts", 0), "[[operation.facts]]", 1),
        (("operation", "facts", 1), "[[operation.facts]]", 2),
        (("operation", "facts", 0, "topic"), 'topic = "first"', 1),
        (("operation", "facts", 1, "topic"), 'topic = "second"', 1),
        (("operation", "facts", 1, "quoted key"), "'quoted key'", 1),
        (("operation", "facts", 1, "dotted.in.quotes"), '"dotted.in.quotes"', 1),
        (("operation", "facts", 1, "a", "b"), "a . b = 3", 1),
        (("states",), "[[states]]", 2),
        (("states", 0), "[[states]]", 2),
        (("states", 0, "code"), 'code = "MO"', 1),
        (("states", 1), "[[states]] # trailing", 1),
        (("states", 1, "code"), 'code = "KY"', 1),
        (("states", 1, "notes"), "notes = [", 1),
        (("states", 1, "arrests"), "arrests = -1", 1),
        (("states", 1, "inline"), "inline = {", 1),
    ],
)
def test_lines_of_keys_and_tables(
    locator: KeyLocator, parts: tuple[str | int, ...], needle: str, occurrence: int
) -> None:
    """Keys, tables and array-of-tables entries map to their own lines."""
    assert locator.line_of(parts) == line_of(TEXT, needle, occurrence)


def test_multiline_string_contents_are_not_keys(locator: KeyLocator) -> None:
    """Text inside multi-line strings (even after ``[``) is never taken for a key or header."""
    assert locator.line_of(("operation", "fake")) == line_of(TEXT, "[operation]")
    # The [[states]] inside the summary is not counted: there are two entries, not three, so
    # states[2] falls back to the first real header.
    assert locator.line_of(("states", 2)) == line_of(TEXT, "[[states]]", 2)


def test_unknown_parts_fall_back_to_the_enclosing_table(locator: KeyLocator) -> None:
    """A key that is not written (inline table member, missing key) gives its table's line."""
    assert locator.line_of(("states", 1, "inline", "x")) == line_of(TEXT, "inline = {")
    assert locator.line_of(("states", 0, "name")) == line_of(TEXT, "[[states]]", 2)
    assert locator.line_of(("source", "title")) is None
    assert locator.line_of(()) is None


def test_first_definition_wins() -> None:
    """A path is recorded at its first line."""
    text = "[t]\nk = 1\n[t.sub]\n[t]\n"
    assert KeyLocator(text).line_of(("t",)) == 1


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x1c", "\x1d", "\x1e"])
def test_only_newline_ends_a_line(separator: str) -> None:
    """U+2028, NEL and friends in a comment do not shift line numbers (TOML counts "\\n")."""
    text = f"# a{separator}b\n[t]\nk = 1\n"
    assert KeyLocator(text).line_of(("t", "k")) == 3


def test_crlf_line_endings() -> None:
    """CRLF files give the same lines."""
    text = "a = 1\r\n[t]\r\nk = '''\r\nx = 2\r\n'''\r\ny = 3\r\n"
    tomllib.loads(text)
    locator = KeyLocator(text)
    assert locator.line_of(("t", "k")) == 3
    assert locator.line_of(("t", "y")) == 6
    assert locator.line_of(("t", "x")) == 2


@pytest.mark.parametrize(
    "value",
    [
        '"a \\"\\"\\" b"',
        '\'a """ b\'',
        '"x" # """',
        '"""one line"""',
        '"""quotes at the end"""""',
        "'''literal'''''",
    ],
)
def test_triple_quotes_that_open_nothing(value: str) -> None:
    """Triple quotes inside strings or comments, or closed on the same line, open nothing."""
    text = f"[t]\nv = {value}\nk = 1\n"
    assert tomllib.loads(text)["t"]["k"] == 1
    assert KeyLocator(text).line_of(("t", "k")) == 3


def test_escaped_quotes_inside_multiline_basic_string() -> None:
    """``\\\"\"\"`` inside a multi-line basic string does not close it."""
    text = '[t]\nv = """\nstill \\""" open\nk = 9\n"""\nk = 1\n'
    assert tomllib.loads(text)["t"]["k"] == 1
    assert KeyLocator(text).line_of(("t", "k")) == 6


def test_multiline_string_opened_inside_an_array() -> None:
    """A multi-line string that opens after ``[`` is skipped like any other."""
    text = 'v = ["""\nk = 2\n"""]\nk = 1\n'
    assert tomllib.loads(text)["k"] == 1
    assert KeyLocator(text).line_of(("k",)) == 4


def test_located_error_after_a_multiline_string_in_notes() -> None:
    """End to end: a key-like line inside a note does not steal the error's line."""
    text = document(state(notes='[\n"""\narrests = 1\n""",\n]', arrests="-1"))
    found = problem_at(text, "states[KY].arrests")
    assert found.line == line_of(text, "arrests = -1")


def test_located_error_after_unicode_line_separator_in_a_quote() -> None:
    """End to end: U+2028 inside a string does not shift the next error's line."""
    text = document(state(quote='"a\u2028b"', arrests="-1"))
    found = problem_at(text, "states[KY].arrests")
    assert found.line == line_of(text, "arrests = -1")


def test_dotted_keys_and_headers_define_their_tables() -> None:
    """``a.b = 1`` defines ``a`` on its line; ``[x.y]`` defines ``x`` on its line."""
    text = "top = 0\na.b = 1\na.c = 2\n[x.y]\nk = 1\n[x]\n"
    tomllib.loads(text)
    locator = KeyLocator(text)
    assert locator.line_of(("a",)) == 2
    assert locator.line_of(("a", "c")) == 3
    assert locator.line_of(("x",)) == 4
    assert locator.line_of(("x", "y", "k")) == 5


def test_unknown_dotted_top_level_key_is_located() -> None:
    """End to end: an unknown top-level key written as a dotted key gets its line."""
    text = document(
        head=HEAD.replace("schema_version = 1\n", "schema_version = 1\nextra.thing = 1\n")
    )
    found = problem_at(text, "extra")
    assert found.line == line_of(text, "extra.thing")


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ('"a\\tb"', "a\tb"),
        ('"\\u00c0"', "À"),
        ('"\\""', '"'),
        ("'c:\\d'", "c:\\d"),
        ('"x.y"', "x.y"),
    ],
)
def test_quoted_keys_with_escapes(written: str, key: str) -> None:
    """Basic-string keys are unescaped before matching; literal keys are taken as written."""
    text = f"first = 1\n{written} = 2\n"
    assert tomllib.loads(text)[key] == 2
    assert KeyLocator(text).line_of((key,)) == 2
