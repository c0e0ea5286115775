"""Every rule of schema version 1 (tui/dataset/validate.py): field path, line and message."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.unit.helpers import (
    HEAD,
    document,
    line_of,
    load_ok,
    only_problem,
    problem_at,
    problems,
    state,
)
from tui.dataset import Dataset, DatasetError, load_text
from tui.dataset.validate import MAX_CODE, MAX_INT, MAX_LIST, MAX_STRING, build

FULL = """\
schema_version = 1

[operation]
name = "Op"
local_name = "Op locale"
announced = 2021-08-27
announced_by = "Someone"
announced_by_title = "Attorney General"
summary = "Summary"
notes = ["note one", "note two"]

[[operation.facts]]
topic = "Leadership"
text = "Led by X."
quote = "Dirigée par X."
translation = "Led by X."

[source]
title = "Title"
publisher = "Publisher"
author = "Author"
published = 2021-09-01T07:55:00
language = "fr"
url = "https://example.org/a"
reports_on = "A communiqué"

[reported]
states = 2
victims_rescued = 5
arrests = 4
medical_services = 1
quote = "q"
translation = "t"

[[agencies]]
name = "Agency"
level = "federal"
role = "partner"
states = ["KY"]
quote = "aq"
translation = "at"

[context]
notes = ["context note"]

[[context.figures]]
label = "Offences"
value = 1883
year = 2019
attributed_to = "FBI"
quote = "fq"
translation = "ft"

[[states]]
code = "KY"
name = "Kentucky"
victims_adult = 3
victims_minor = 2
arrests = 3
medical_services = 1
notes = ["n1"]
quote = "sq"
translation = "st"

[[states]]
code = "US-MO2"
name = "Missouri"
"""
"""A document that uses every key of the schema once."""


def replace_line(text: str, old: str, new: str) -> str:
    """Replace the single line of ``text`` equal to ``old`` with ``new`` (which may be empty)."""
    lines = text.split("\n")
    assert lines.count(old) == 1, f"{old!r} is not a single line of the document"
    lines[lines.index(old)] = new
    return "\n".join(lines)


# -- the happy path -----------------------------------------------------------------------


def test_minimal_document_loads() -> None:
    """Head plus one state is a complete dataset; absent figures are None, not 0."""
    data = load_ok(document(state(arrests="3")))
    assert data.operation.name == "Operation Test"
    assert data.source.title == "A test source"
    (ky,) = data.states
    assert (ky.code, ky.name, ky.arrests) == ("KY", "Kentucky", 3)
    assert ky.victims_rescued is None
    assert ky.medical_services is None
    assert ky.notes == ()
    assert data.agencies == ()
    assert data.reported.victims_rescued is None
    assert data.path == "test.toml"


def test_every_field_is_read() -> None:
    """Each value of the full document lands in its model field."""
    d = load_ok(FULL)
    op = d.operation
    assert op.local_name == "Op locale"
    assert op.announced == dt.date(2021, 8, 27)
    assert (op.announced_by, op.announced_by_title, op.summary) == (
        "Someone",
        "Attorney General",
        "Summary",
    )
    assert op.notes == ("note one", "note two")
    assert len(op.facts) == 1
    assert (op.facts[0].topic, op.facts[0].text) == ("Leadership", "Led by X.")
    assert (op.facts[0].quote, op.facts[0].translation) == ("Dirigée par X.", "Led by X.")
    src = d.source
    assert src.published == dt.datetime(2021, 9, 1, 7, 55)
    assert (src.publisher, src.author, src.language, src.url, src.reports_on) == (
        "Publisher",
        "Author",
        "fr",
        "https://example.org/a",
        "A communiqué",
    )
    rep = d.reported
    assert (rep.states, rep.victims_rescued, rep.arrests, rep.medical_services) == (2, 5, 4, 1)
    assert (rep.quote, rep.translation) == ("q", "t")
    (agency,) = d.agencies
    assert (agency.name, agency.level, agency.role, agency.states) == (
        "Agency",
        "federal",
        "partner",
        ("KY",),
    )
    assert (agency.quote, agency.translation) == ("aq", "at")
    assert d.agencies_for("KY") == (agency,)
    assert d.agencies_for("US-MO2") == ()
    assert d.context_notes == ("context note",)
    (fig,) = d.context
    assert (fig.label, fig.value, fig.year, fig.attributed_to) == ("Offences", 1883, 2019, "FBI")
    assert (fig.quote, fig.translation) == ("fq", "ft")
    ky, mo = d.states
    assert (ky.victims_adult, ky.victims_minor) == (3, 2)
    assert (ky.victims_rescued, ky.victims_derived) == (5, True)
    assert (ky.medical_services, ky.notes, ky.quote, ky.translation) == (1, ("n1",), "sq", "st")
    assert mo.code == "US-MO2"
    assert mo.arrests is None


def test_bundled_dataset_is_valid(dataset: Dataset) -> None:
    """The bundled dataset loads (through the shared fixture) with its twelve states in order."""
    codes = [s.code for s in dataset.states]
    assert codes == ["MO", "IL", "IA", "KY", "MN", "NE", "ND", "OK", "TN", "TX", "WI", "SD"]


def test_optional_sections_may_be_absent() -> None:
    """[reported], [[agencies]] and [context] are optional."""
    data = load_ok(document())
    assert data.reported.states is None
    assert data.context == ()
    assert data.context_notes == ()


def test_all_errors_are_collected() -> None:
    """One run reports every problem of the document, not just the first."""
    text = document(
        "\n[reported]\narrest = 1\n",
        state(arrests="-1"),
        state('"KY"', '"Again"'),
        state('"ky"'),
    )
    fields = {p.field for p in problems(text)}
    assert {
        "reported.arrest",
        "states[KY].arrests",
        "states[KY].code",
        "states[2].code",
    } <= fields


def test_problems_carry_the_file_name() -> None:
    """Every problem names the file it comes from."""
    with pytest.raises(DatasetError) as info:
        load_text(document(state(arrests="-1")), "some/where.toml")
    assert all(p.file == "some/where.toml" for p in info.value.problems)
    assert str(info.value).startswith("some/where.toml:")


# -- schema_version ---------------------------------------------------------------------------


def test_schema_version_missing() -> None:
    """A document without schema_version is refused, and the message says what to write."""
    text = document().replace("schema_version = 1\n", "")
    found = problem_at(text, "schema_version")
    assert "is required" in found.message
    assert "schema_version = 2" in found.message
    assert found.line is None


@pytest.mark.parametrize(
    ("value", "kind"),
    [('"1"', "a string"), ("1.0", "a float"), ("true", "a boolean"), ("[1]", "an array")],
)
def test_schema_version_wrong_type(value: str, kind: str) -> None:
    """schema_version must be the integer 1 or 2; the message names the type found."""
    text = document().replace("schema_version = 1", f"schema_version = {value}")
    found = problem_at(text, "schema_version")
    assert found.message == f"must be the integer 1 or 2, not {kind}"
    assert found.line == 1


@pytest.mark.parametrize("value", ["3", "0", "-1", "99999999999999999999"])
def test_schema_version_other_value(value: str) -> None:
    """Other versions are refused with one clear message, and nothing else is validated."""
    text = document(state(arrests="-5"), "\nunknown = 1\n").replace(
        "schema_version = 1", f"schema_version = {value}"
    )
    found = only_problem(text)
    assert found.field == "schema_version"
    assert found.message.startswith(f"is {value[:20]}; only schema versions 1 and 2 are read")
    assert found.line == 1


# -- unknown keys -----------------------------------------------------------------------------

UNKNOWN_KEYS = [
    # (line to replace in FULL, replacement, field, hint)
    ("schema_version = 1", "schema_version = 1\nschema = 1", "schema", "schema_version"),
    ('local_name = "Op locale"', 'locale_name = "x"', "operation.locale_name", "local_name"),
    ('topic = "Leadership"', 'topik = "x"\ntopic = "L"', "operation.facts[0].topik", "topic"),
    ('author = "Author"', 'autor = "x"', "source.autor", "author"),
    ("arrests = 4", "arrest = 4", "reported.arrest", "arrests"),
    ('level = "federal"', 'levl = "federal"', "agencies[0].levl", "level"),
    ('notes = ["context note"]', 'note = ["x"]', "context.note", "notes"),
    ("year = 2019", "yaer = 2019", "context.figures[0].yaer", "year"),
    ("victims_minor = 2", "victims_minr = 2", "states[KY].victims_minr", "victims_minor"),
]


@pytest.mark.parametrize(("old", "new", "field", "hint"), UNKNOWN_KEYS)
def test_unknown_key_with_hint(old: str, new: str, field: str, hint: str) -> None:
    """An unknown key at any level is an error on its own line, with a "did you mean" hint."""
    text = replace_line(FULL, old, new)
    found = problem_at(text, field)
    key = field.rsplit(".", 1)[-1]
    assert found.message == f"unknown key '{key}'; did you mean '{hint}'?"
    assert found.line == line_of(text, f"{key} =")
    assert found.file == "test.toml"


@pytest.mark.parametrize(
    ("block", "field", "expected"),
    [
        ("zzz = 1\n", "zzz", "schema_version, operation, source"),
        ("\n[[states]]\ncode = 'KY'\nname = 'K'\nqqq = 1\n", "states[KY].qqq", "code, name"),
    ],
)
def test_unknown_key_without_close_match_lists_the_keys(
    block: str, field: str, expected: str
) -> None:
    """With nothing close, the message lists the keys that are allowed there."""
    text = HEAD.replace("schema_version = 1\n", "schema_version = 1\n" + block, 1)
    if "[[states]]" not in block:
        text += state()
    found = problem_at(text, field)
    assert "expected one of:" in found.message
    assert expected in found.message
    assert found.line == line_of(text, field.rsplit(".", 1)[-1] + " = 1")


def test_unknown_key_in_a_state_drops_that_state_only() -> None:
    """An unknown key makes its state invalid, and is located on the key's line."""
    text = document(state(arrests="1"), state('"MO"', '"Missouri"', arrest="2"))
    found = only_problem(text)
    assert found.field == "states[MO].arrest"
    assert found.message == "unknown key 'arrest'; did you mean 'arrests'?"
    assert found.line == line_of(text, "arrest = 2")


# -- required keys and sections ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "field", "line_needle"),
    [
        ('name = "Op"', "operation.name", "[operation]"),
        ('title = "Title"', "source.title", "[source]"),
        ('role = "partner"', "agencies[0].role", "[[agencies]]"),
        ('name = "Agency"', "agencies[0].name", "[[agencies]]"),
        ('topic = "Leadership"', "operation.facts[0].topic", "[[operation.facts]]"),
        ('text = "Led by X."', "operation.facts[0].text", "[[operation.facts]]"),
        ('label = "Offences"', "context.figures[0].label", "[[context.figures]]"),
        ("value = 1883", "context.figures[0].value", "[[context.figures]]"),
        ('name = "Kentucky"', "states[KY].name", "[[states]]"),
    ],
)
def test_required_key_missing(old: str, field: str, line_needle: str) -> None:
    """A missing required key is reported at the line of its table."""
    text = replace_line(FULL, old, "")
    found = problem_at(text, field)
    assert found.message == "is required"
    assert found.line == line_of(text, line_needle)


def test_state_code_missing() -> None:
    """A state without a code is named by its index."""
    text = document(state(arrests="1"), state("", '"Nowhere"'))
    found = only_problem(text)
    assert found.field == "states[1].code"
    assert found.message == "is required"
    assert found.line == line_of(text, "[[states]]", 2)


@pytest.mark.parametrize("section", ["operation", "source"])
def test_required_section_missing(section: str) -> None:
    """[operation] and [source] are required; with no table to point at there is no line."""
    text = document()
    start = text.index(f"[{section}]")
    end = text.index("\n\n", start)
    text = text[:start] + text[end:]
    found = problem_at(text, section)
    assert found.message == "is required"
    assert found.line is None


@pytest.mark.parametrize("value", ['"  "', '""', '"\\n\\t"'])
def test_required_strings_must_not_be_blank(value: str) -> None:
    """A required string made only of whitespace is an error."""
    text = document(state(name=value))
    found = only_problem(text)
    assert found.field == "states[KY].name"
    assert found.message == "must not be empty"
    assert found.line == line_of(text, "name = " + value)


def test_optional_strings_may_be_empty() -> None:
    """An optional string may be empty (it is kept as given)."""
    data = load_ok(document(state(quote='""')))
    assert data.states[0].quote == ""


# -- states -----------------------------------------------------------------------------------


def test_states_missing() -> None:
    """A dataset needs [[states]]."""
    found = only_problem(HEAD)
    assert found.field == "states"
    assert "is required" in found.message
    assert "[[states]]" in found.message


def test_states_empty() -> None:
    """An empty array of states is refused, on the line of the key."""
    text = HEAD.replace("schema_version = 1\n", "schema_version = 1\nstates = []\n")
    found = only_problem(text)
    assert found.field == "states"
    assert found.message == "must list at least one state"
    assert found.line == 2


@pytest.mark.parametrize(
    ("value", "kind"), [("1", "an integer"), ('"KY"', "a string"), ("{ code = 'KY' }", "a table")]
)
def test_states_wrong_type(value: str, kind: str) -> None:
    """``states`` must be an array of tables."""
    text = HEAD.replace("schema_version = 1\n", f"schema_version = 1\nstates = {value}\n")
    found = only_problem(text)
    assert found.field == "states"
    assert found.message == f"must be an array of tables, not {kind}"
    assert found.line == 2


def test_state_entry_not_a_table() -> None:
    """Each entry of ``states`` must be a table."""
    text = HEAD.replace("schema_version = 1\n", "schema_version = 1\nstates = [1, 'x']\n")
    found = problems(text)
    assert [(p.field, p.message, p.line) for p in found] == [
        ("states[0]", "must be a table, not an integer", 2),
        ("states[1]", "must be a table, not a string", 2),
    ]


def test_duplicate_codes() -> None:
    """A code used twice is an error on the second use's line, naming the first."""
    text = document(state(arrests="1"), state(arrests="2"))
    found = only_problem(text)
    assert found.field == "states[KY].code"
    assert found.message == "duplicate code 'KY' (first used by states[0])"
    assert found.line == line_of(text, 'code = "KY"', 2)


def test_agency_naming_an_invalid_code_is_marked_as_a_follow_up() -> None:
    """An invalid state code, then an agency naming it: the agency's error points at the cause.

    Errors print in file order, so when the agencies come first the follow-up is read first:
    it must say that it follows from the state's code and is fixed by fixing that.
    """
    agency = '\n[[agencies]]\nname = "Police"\nrole = "partner"\nstates = ["ky"]\n'
    text = document(agency, state('"ky"'))
    first, second = problems(text)
    assert first.field == "agencies[0].states[0]"
    assert first.message.startswith("follows from the error at states[0].code")
    assert "fix the state's code first" in first.message
    assert second.field == "states[0].code"
    assert "may only use A-Z" in second.message


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ('"ky"', "'ky' may only use A-Z, 0-9 and '-'"),
        ('"K Y"', "'K Y' may only use A-Z, 0-9 and '-'"),
        ('"KÝ"', "'KÝ' may only use A-Z, 0-9 and '-'"),
        ('"K_Y"', "'K_Y' may only use A-Z, 0-9 and '-'"),
        ('""', "must not be empty"),
        ('"' + "A" * (MAX_CODE + 1) + '"', f"is longer than {MAX_CODE} characters"),
        ("12", "must be a string, not an integer"),
        ("true", "must be a string, not a boolean"),
        ("['KY']", "must be a string, not an array"),
    ],
)
def test_bad_codes(code: str, message: str) -> None:
    """Codes are 1-16 characters of A-Z, 0-9 and '-'; a bad one is named by index."""
    text = document(state(arrests="1"), state(code, '"Somewhere"'))
    found = only_problem(text)
    assert found.field == "states[1].code"
    assert message in found.message
    assert found.line == line_of(text, f"code = {code}")


def test_bad_code_control_character_is_not_echoed() -> None:
    """A code with an escape character is refused and the message shows it escaped."""
    text = document(state('"K\\u001bY"'))
    found = only_problem(text)
    assert "\x1b" not in found.format()
    assert "\\x1b" in found.message


@pytest.mark.parametrize("code", ['"A"', '"' + "Z" * MAX_CODE + '"', '"US-KY"', '"0-9"'])
def test_good_codes(code: str) -> None:
    """Codes of 1 to 16 allowed characters load."""
    data = load_ok(document(state(code)))
    assert data.states[0].code == code.strip('"')


# -- figures ----------------------------------------------------------------------------------

FIGURES = ["victims_rescued", "victims_adult", "victims_minor", "arrests", "medical_services"]


@pytest.mark.parametrize("key", FIGURES)
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("true", "must be a whole number, not a boolean"),
        ("false", "must be a whole number, not a boolean"),
        ("1.0", "must be a whole number, not a float"),
        ("2.5", "must be a whole number, not a float"),
        ("nan", "must be a whole number, not a float"),
        ("inf", "must be a whole number, not a float"),
        ('"3"', "must be a whole number, not a string"),
        ("[3]", "must be a whole number, not an array"),
        ("2021-08-27", "must be a whole number, not a date"),
        ("-1", "must not be negative (got -1)"),
        (str(MAX_INT + 1), "is implausibly large (more than 2^53): 9007199254740993"),
        ("0x7FFFFFFFFFFFFFFF", "is implausibly large (more than 2^53)"),
    ],
)
def test_state_figures_are_non_negative_whole_numbers(key: str, value: str, message: str) -> None:
    """Each figure is an integer in 0..2^53: booleans, floats, negatives and more are refused."""
    text = document(state(**{key: value}))
    found = only_problem(text)
    assert found.field == f"states[KY].{key}"
    assert found.message.startswith(message)
    assert found.line == line_of(text, f"{key} = {value}")


def test_empty_string_figure_hints_at_leaving_it_out() -> None:
    """``arrests = ""`` says how to write *not reported*."""
    found = only_problem(document(state(arrests='""')))
    assert found.message == (
        "must be a whole number, not a string "
        "(leave the key out when the source does not report it)"
    )


@pytest.mark.parametrize("value", [0, 1, MAX_INT])
def test_figure_bounds_are_inclusive(value: int) -> None:
    """0 and 2^53 itself are accepted; 0 is a figure, not *not reported*."""
    data = load_ok(document(state(arrests=str(value))))
    assert data.states[0].arrests == value


@pytest.mark.parametrize(
    ("section", "key", "field"),
    [
        ("reported", "states", "reported.states"),
        ("reported", "victims_rescued", "reported.victims_rescued"),
        ("reported", "arrests", "reported.arrests"),
        ("reported", "medical_services", "reported.medical_services"),
    ],
)
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("true", "must be a whole number, not a boolean"),
        ("1.5", "must be a whole number, not a float"),
        ("-3", "must not be negative"),
        (str(2**60), "is implausibly large"),
    ],
)
def test_reported_figures(section: str, key: str, field: str, value: str, message: str) -> None:
    """Reported headline figures follow the same integer rules."""
    text = document(f"\n[{section}]\n{key} = {value}\n")
    found = only_problem(text)
    assert found.field == field
    assert found.message.startswith(message)
    assert found.line == line_of(text, f"{key} = {value}")


@pytest.mark.parametrize(("key", "value"), [("value", "-1"), ("value", "1.5"), ("year", "true")])
def test_context_figure_integers(key: str, value: str) -> None:
    """Context figures' value and year are whole numbers too."""
    old = {"value": "value = 1883", "year": "year = 2019"}[key]
    text = replace_line(FULL, old, f"{key} = {value}")
    found = only_problem(text)
    assert found.field == f"context.figures[0].{key}"
    assert found.line == line_of(text, f"{key} = {value}")


# -- victims: derived total and consistency ---------------------------------------------------


def test_victims_derived_from_adult_and_minor() -> None:
    """Adult and minor without a total: the total is their sum, marked as derived."""
    data = load_ok(document(state(victims_adult="21", victims_minor="2")))
    ky = data.states[0]
    assert (ky.victims_rescued, ky.victims_derived) == (23, True)


def test_victims_all_three_agreeing() -> None:
    """All three given and agreeing: the total is kept and not marked derived."""
    ky = load_ok(document(state(victims_rescued="5", victims_adult="3", victims_minor="2")))
    assert (ky.states[0].victims_rescued, ky.states[0].victims_derived) == (5, False)


def test_victims_one_part_only_leaves_the_total_unreported() -> None:
    """Only adults (or only minors) given: the total is unknown, so it stays *not reported*."""
    adult = load_ok(document(state(victims_adult="4"))).states[0]
    minor = load_ok(document(state(victims_minor="4"))).states[0]
    assert (adult.victims_rescued, adult.victims_derived, adult.victims_adult) == (None, False, 4)
    assert (minor.victims_rescued, minor.victims_derived, minor.victims_minor) == (None, False, 4)


def test_victims_part_within_the_total_is_accepted() -> None:
    """A total with one part not larger than it is consistent (the other part is unknown)."""
    ky = load_ok(document(state(victims_rescued="5", victims_minor="2"))).states[0]
    assert (ky.victims_rescued, ky.victims_minor, ky.victims_adult) == (5, 2, None)


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"victims_rescued": "5", "victims_adult": "3", "victims_minor": "1"}, ("(3)", "(1)")),
        ({"victims_rescued": "5", "victims_adult": "4", "victims_minor": "2"}, ("(4)", "(2)")),
        ({"victims_rescued": "2", "victims_adult": "3"}, ("(3)", "(not reported)")),
        ({"victims_rescued": "0", "victims_minor": "1"}, ("(not reported)", "(1)")),
    ],
)
def test_victims_inconsistent(fields: dict[str, str], shown: tuple[str, str]) -> None:
    """Parts that do not agree with the total are an error on the total's line."""
    text = document(state(**fields))
    found = only_problem(text)
    assert found.field == "states[KY].victims_rescued"
    assert found.message.startswith(f"is {fields['victims_rescued']}, but victims_adult")
    assert f"victims_adult {shown[0]}" in found.message
    assert f"victims_minor {shown[1]}" in found.message
    assert found.line == line_of(text, "victims_rescued =")


# -- strings: types, control and bidi characters, length --------------------------------------

STRING_FIELDS = [
    # (line of FULL, template with {v} for a raw TOML value, field path)
    ('name = "Op"', "name = {v}", "operation.name"),
    ('local_name = "Op locale"', "local_name = {v}", "operation.local_name"),
    ('announced_by = "Someone"', "announced_by = {v}", "operation.announced_by"),
    (
        'announced_by_title = "Attorney General"',
        "announced_by_title = {v}",
        "operation.announced_by_title",
    ),
    ('summary = "Summary"', "summary = {v}", "operation.summary"),
    ('notes = ["note one", "note two"]', 'notes = ["note one", {v}]', "operation.notes[1]"),
    ('topic = "Leadership"', "topic = {v}", "operation.facts[0].topic"),
    ('text = "Led by X."', "text = {v}", "operation.facts[0].text"),
    ('quote = "Dirigée par X."', "quote = {v}", "operation.facts[0].quote"),
    ('translation = "Led by X."', "translation = {v}", "operation.facts[0].translation"),
    ('title = "Title"', "title = {v}", "source.title"),
    ('publisher = "Publisher"', "publisher = {v}", "source.publisher"),
    ('author = "Author"', "author = {v}", "source.author"),
    ('language = "fr"', "language = {v}", "source.language"),
    ('url = "https://example.org/a"', "url = {v}", "source.url"),
    ('reports_on = "A communiqué"', "reports_on = {v}", "source.reports_on"),
    ('quote = "q"', "quote = {v}", "reported.quote"),
    ('translation = "t"', "translation = {v}", "reported.translation"),
    ('name = "Agency"', "name = {v}", "agencies[0].name"),
    ('level = "federal"', "level = {v}", "agencies[0].level"),
    ('role = "partner"', "role = {v}", "agencies[0].role"),
    ('states = ["KY"]', "states = [{v}]", "agencies[0].states[0]"),
    ('quote = "aq"', "quote = {v}", "agencies[0].quote"),
    ('translation = "at"', "translation = {v}", "agencies[0].translation"),
    ('notes = ["context note"]', "notes = [{v}]", "context.notes[0]"),
    ('label = "Offences"', "label = {v}", "context.figures[0].label"),
    ('attributed_to = "FBI"', "attributed_to = {v}", "context.figures[0].attributed_to"),
    ('quote = "fq"', "quote = {v}", "context.figures[0].quote"),
    ('translation = "ft"', "translation = {v}", "context.figures[0].translation"),
    ('name = "Kentucky"', "name = {v}", "states[KY].name"),
    ('notes = ["n1"]', 'notes = ["n1", {v}]', "states[KY].notes[1]"),
    ('quote = "sq"', "quote = {v}", "states[KY].quote"),
    ('translation = "st"', "translation = {v}", "states[KY].translation"),
]

REFUSED = [
    ("\\u0000", "U+0000 control character"),
    ("\\u0001", "U+0001 control character"),
    ("\\b", "U+0008 control character"),
    ("\\u000B", "U+000B control character"),
    ("\\f", "U+000C control character"),
    ("\\r", "U+000D control character"),
    ("\\u001b", "U+001B control character"),
    ("\\u001f", "U+001F control character"),
    ("\\u007f", "U+007F control character"),
    ("\\u0080", "U+0080 control character"),
    ("\\u0085", "U+0085 control character"),
    ("\\u009b", "U+009B control character"),
    ("\\u009f", "U+009F control character"),
    ("\\u202a", "U+202A LEFT-TO-RIGHT EMBEDDING"),
    ("\\u202b", "U+202B RIGHT-TO-LEFT EMBEDDING"),
    ("\\u202c", "U+202C POP DIRECTIONAL FORMATTING"),
    ("\\u202d", "U+202D LEFT-TO-RIGHT OVERRIDE"),
    ("\\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\\u2067", "U+2067 RIGHT-TO-LEFT ISOLATE"),
    ("\\u2068", "U+2068 FIRST STRONG ISOLATE"),
    ("\\u2069", "U+2069 POP DIRECTIONAL ISOLATE"),
]


def _line_number(old: str) -> int:
    """Line number of ``old`` in FULL."""
    return FULL.split("\n").index(old) + 1


@pytest.mark.parametrize(("old", "template", "field"), STRING_FIELDS)
@pytest.mark.parametrize(("escape", "named"), [REFUSED[6], REFUSED[11], REFUSED[17]])
def test_control_and_bidi_characters_refused_in_every_string(
    old: str, template: str, field: str, escape: str, named: str
) -> None:
    """ESC (C0), CSI (C1) and RLO (bidi) are refused in every string field, named precisely."""
    text = replace_line(FULL, old, template.format(v=f'"Ab{escape}c"'))
    found = only_problem(text)
    assert found.field == field
    assert found.message == f"contains a control or bidi character ({named} at character 3)"
    assert found.line == _line_number(old)


@pytest.mark.parametrize(("escape", "named"), REFUSED)
def test_every_refused_character(escape: str, named: str) -> None:
    """Each C0/C1 control, DEL and bidi embedding/override/isolate is refused in a name."""
    text = document(state(name=f'"Kentucky{escape}"'))
    found = only_problem(text)
    assert found.field == "states[KY].name"
    assert found.message == f"contains a control or bidi character ({named} at character 9)"
    line = found.format()
    assert not any(ch in line for ch in "\x00\x1b\x7f\x85\x9b\u202e\u2066")


@pytest.mark.parametrize("escape", REFUSED[:3])
def test_refused_character_in_state_notes(escape: tuple[str, str]) -> None:
    """A refused character in a note is located on the notes line, naming the entry."""
    text = document(state(notes=f'["fine", "bad{escape[0]}"]'))
    found = only_problem(text)
    assert found.field == "states[KY].notes[1]"
    assert found.line == line_of(text, "notes =")


@pytest.mark.parametrize("allowed", ["\\n", "\\t", "\\u00a0", "\\u200e", "é", "\\u4e2d"])
def test_newline_tab_and_ordinary_unicode_are_allowed(allowed: str) -> None:
    """No-break space, LRM and letters of any script are fine anywhere; newline and tab in
    prose (quotes, notes) only: a name is one line (tests/unit/test_single_line.py)."""
    line_break = allowed in ("\\n", "\\t")
    name = '"Ky"' if line_break else f'"K{allowed}y"'
    data = load_ok(document(state(quote=f'"a{allowed}b"', notes=f'["n{allowed}"]', name=name)))
    assert data.states[0].quote is not None
    assert len(data.states[0].quote) == 3


def test_multiline_quote_with_newlines_is_allowed() -> None:
    """A multi-line basic string keeps its newlines."""
    data = load_ok(document(state(quote='"""\nline one\nline two"""')))
    assert data.states[0].quote == "line one\nline two"


@pytest.mark.parametrize(("old", "template", "field"), STRING_FIELDS)
def test_strings_wrong_type(old: str, template: str, field: str) -> None:
    """A number where a string belongs is an error naming the type."""
    text = replace_line(FULL, old, template.format(v="42"))
    found = problem_at(text, field)
    assert found.message == "must be a string, not an integer"
    assert found.line == _line_number(old)


@pytest.mark.parametrize(("old", "template", "field"), STRING_FIELDS)
def test_strings_over_the_length_limit(old: str, template: str, field: str) -> None:
    """Strings longer than MAX_STRING characters are refused in every field."""
    text = replace_line(FULL, old, template.format(v='"' + "x" * (MAX_STRING + 1) + '"'))
    found = only_problem(text)
    assert found.field == field
    assert found.message == f"is {MAX_STRING + 1:,} characters long; the limit is {MAX_STRING:,}"
    assert found.line == _line_number(old)


@pytest.mark.parametrize(
    ("old", "template"),
    [
        ('name = "Kentucky"', "name = {v}"),
        ('quote = "sq"', "quote = {v}"),
        ('notes = ["n1"]', "notes = [{v}]"),
        ('summary = "Summary"', "summary = {v}"),
    ],
)
def test_strings_at_the_length_limit_load(old: str, template: str) -> None:
    """A string of exactly MAX_STRING characters is accepted."""
    text = replace_line(FULL, old, template.format(v="'" + "y" * MAX_STRING + "'"))
    data = load_ok(text)
    assert data.operation.summary is not None


# -- lists of strings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "key", "field"),
    [
        ('notes = ["n1"]', "notes", "states[KY].notes"),
        ('notes = ["note one", "note two"]', "notes", "operation.notes"),
        ('notes = ["context note"]', "notes", "context.notes"),
        ('states = ["KY"]', "states", "agencies[0].states"),
    ],
)
def test_too_many_list_entries(old: str, key: str, field: str) -> None:
    """Lists of strings hold at most MAX_LIST entries."""
    entries = ", ".join(['"KY"'] * (MAX_LIST + 1))
    text = replace_line(FULL, old, f"{key} = [{entries}]")
    found = only_problem(text)
    assert found.field == field
    assert found.message == f"has {MAX_LIST + 1:,} entries; the limit is {MAX_LIST}"
    assert found.line == _line_number(old)


def test_list_at_the_limit_loads() -> None:
    """Exactly MAX_LIST notes are accepted."""
    notes = ", ".join(f'"note {i}"' for i in range(MAX_LIST))
    data = load_ok(document(state(notes=f"[{notes}]")))
    assert len(data.states[0].notes) == MAX_LIST


@pytest.mark.parametrize(
    ("value", "field", "message"),
    [
        ('"one note"', "states[KY].notes", "must be an array of strings, not a string"),
        ("{ a = 'x' }", "states[KY].notes", "must be an array of strings, not a table"),
        ("[1]", "states[KY].notes[0]", "must be a string, not an integer"),
        ('["ok", ""]', "states[KY].notes[1]", "must not be empty"),
        ('["ok", "   "]', "states[KY].notes[1]", "must not be empty"),
    ],
)
def test_notes_shape(value: str, field: str, message: str) -> None:
    """Notes are an array of non-empty strings."""
    text = document(state(notes=value))
    found = only_problem(text)
    assert (found.field, found.message) == (field, message)
    assert found.line == line_of(text, "notes =")


def test_notes_keep_their_order() -> None:
    """Notes are kept in the order written."""
    data = load_ok(document(state(notes='["b", "a", "c"]')))
    assert data.states[0].notes == ("b", "a", "c")


# -- agencies ---------------------------------------------------------------------------------


def test_agency_state_code_not_in_dataset() -> None:
    """An agency may only name states of the dataset."""
    text = replace_line(FULL, 'states = ["KY"]', 'states = ["KY", "ZZ"]')
    found = only_problem(text)
    assert found.field == "agencies[0].states[1]"
    assert found.message == "'ZZ' is not the code of a state in this dataset"
    assert found.line == line_of(text, 'states = ["KY", "ZZ"]')


def test_agency_naming_a_state_with_errors_is_not_blamed() -> None:
    """A state with a bad figure is still a state of the dataset for its agencies."""
    text = replace_line(FULL, "arrests = 3", "arrests = -3")
    found = only_problem(text)
    assert found.field == "states[KY].arrests"


def test_agency_without_states_is_operation_wide() -> None:
    """An agency without ``states`` acts operation-wide."""
    text = replace_line(FULL, 'states = ["KY"]', "")
    data = load_ok(text)
    assert data.agencies[0].operation_wide
    assert data.operation_wide_agencies == data.agencies
    assert data.agencies_for("KY") == ()


def test_agency_level_is_optional() -> None:
    """Without ``level`` an agency loads with level None (the source does not say)."""
    data = load_ok(replace_line(FULL, 'level = "federal"', ""))
    assert data.agencies[0].level is None


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            'level = "federal"',
            'level = "Federal"',
            "agencies[0].level",
            "must be one of federal, state, local, not 'Federal'; did you mean 'federal'?",
        ),
        (
            'level = "federal"',
            'level = "county"',
            "agencies[0].level",
            "must be one of federal, state, local, not 'county'",
        ),
        (
            'role = "partner"',
            'role = "partners"',
            "agencies[0].role",
            "must be one of lead, participant, partner, not 'partners'; did you mean 'partner'?",
        ),
        (
            'role = "partner"',
            'role = "boss"',
            "agencies[0].role",
            "must be one of lead, participant, partner, not 'boss'",
        ),
        ('role = "partner"', 'role = ""', "agencies[0].role", "must not be empty"),
    ],
)
def test_agency_enums(old: str, new: str, field: str, message: str) -> None:
    """``level`` and ``role`` take fixed values, with a hint for near misses."""
    text = replace_line(FULL, old, new)
    found = only_problem(text)
    assert (found.field, found.message) == (field, message)
    assert found.line == line_of(text, new)


@pytest.mark.parametrize("role", ["lead", "participant", "partner"])
@pytest.mark.parametrize("level", ["federal", "state", "local"])
def test_agency_enum_values_load(role: str, level: str) -> None:
    """Every documented level and role is accepted."""
    text = replace_line(FULL, 'role = "partner"', f'role = "{role}"')
    text = replace_line(text, 'level = "federal"', f'level = "{level}"')
    agency = load_ok(text).agencies[0]
    assert (agency.role, agency.level) == (role, level)


def test_leads() -> None:
    """``Dataset.leads`` lists the agencies whose role is lead."""
    text = replace_line(FULL, 'role = "partner"', 'role = "lead"')
    data = load_ok(text)
    assert [a.name for a in data.leads] == ["Agency"]


# -- dates and url ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            "announced = 2021-08-27",
            'announced = "2021-08-27"',
            "operation.announced",
            "must be a date (YYYY-MM-DD, unquoted), not a string",
        ),
        (
            "announced = 2021-08-27",
            "announced = 2021-08-27T10:00:00",
            "operation.announced",
            "must be a date (YYYY-MM-DD, unquoted), not a date-time",
        ),
        (
            "announced = 2021-08-27",
            "announced = 10:00:00",
            "operation.announced",
            "must be a date (YYYY-MM-DD, unquoted), not a time",
        ),
        (
            "published = 2021-09-01T07:55:00",
            "published = 07:55:00",
            "source.published",
            "must be a date or date-time, not a time",
        ),
        (
            "published = 2021-09-01T07:55:00",
            "published = 20210901",
            "source.published",
            "must be a date or date-time, not an integer",
        ),
        (
            'url = "https://example.org/a"',
            'url = "ftp://example.org/a"',
            "source.url",
            "must start with https:// or http://",
        ),
        (
            'url = "https://example.org/a"',
            'url = "javascript:alert(1)"',
            "source.url",
            "must start with https:// or http://",
        ),
    ],
)
def test_dates_and_url(old: str, new: str, field: str, message: str) -> None:
    """Dates are TOML dates (published may carry a time); the url is http(s)."""
    text = replace_line(FULL, old, new)
    found = only_problem(text)
    assert (found.field, found.message) == (field, message)
    assert found.line == line_of(text, new)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-09-01", dt.date(2021, 9, 1)),
        ("2021-09-01T07:55:00Z", dt.datetime(2021, 9, 1, 7, 55, tzinfo=dt.timezone.utc)),
        ("2021-09-01 07:55:00", dt.datetime(2021, 9, 1, 7, 55)),
    ],
)
def test_published_accepts_dates_and_date_times(value: str, expected: dt.date) -> None:
    """``source.published`` may be a date, a local or an offset date-time."""
    text = replace_line(FULL, "published = 2021-09-01T07:55:00", f"published = {value}")
    assert load_ok(text).source.published == expected


def test_http_url_is_accepted() -> None:
    """Plain http URLs are accepted too."""
    text = replace_line(FULL, 'url = "https://example.org/a"', 'url = "http://example.org/"')
    assert load_ok(text).source.url == "http://example.org/"


# -- tables of the wrong type -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        ('operation = "x"', "operation", "must be a table, not a string"),
        ("source = 1", "source", "must be a table, not an integer"),
        ("reported = [1]", "reported", "must be a table, not an array"),
        ("context = 2021-01-01", "context", "must be a table, not a date"),
        ("agencies = { name = 'x' }", "agencies", "must be an array of tables, not a table"),
        ("agencies = [1]", "agencies[0]", "must be a table, not an integer"),
    ],
)
def test_sections_of_the_wrong_type(line: str, field: str, message: str) -> None:
    """Each section must have its documented shape."""
    key = line.split(" ", 1)[0]
    tables = {"operation": '[operation]\nname = "Op"\n', "source": '[source]\ntitle = "T"\n'}
    tables.pop(key, None)
    text = f"schema_version = 1\n{line}\n" + "".join(tables.values()) + state()
    found = problem_at(text, field)
    assert found.message == message
    assert found.line == 2


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            "[[operation.facts]]",
            "[operation.facts]",
            "operation.facts",
            "must be an array of tables, not a table",
        ),
        (
            "[[context.figures]]",
            "[context.figures]",
            "context.figures",
            "must be an array of tables, not a table",
        ),
    ],
)
def test_nested_arrays_of_tables_of_the_wrong_type(
    old: str, new: str, field: str, message: str
) -> None:
    """``operation.facts`` and ``context.figures`` are arrays of tables."""
    text = replace_line(FULL, old, new)
    found = only_problem(text)
    assert (found.field, found.message) == (field, message)
    assert found.line == line_of(text, new)


# -- build() directly -------------------------------------------------------------------------


def test_build_returns_the_dataset_and_no_issues() -> None:
    """``build`` on a good document returns a dataset and an empty issue list."""
    doc = {
        "schema_version": 1,
        "operation": {"name": "Op"},
        "source": {"title": "T"},
        "states": [{"code": "KY", "name": "Kentucky", "arrests": 2}],
    }
    dataset, issues = build(doc, "mem")
    assert issues == []
    assert dataset is not None
    assert dataset.states[0].arrests == 2
    assert dataset.path == "mem"


def test_build_issue_parts_point_at_the_key() -> None:
    """Issues carry the key path used to find the line, and the display field."""
    doc = {
        "schema_version": 1,
        "operation": {"name": "Op"},
        "source": {"title": "T"},
        "states": [{"code": "KY", "name": "K"}, {"code": "MO", "name": "M", "arrests": -1}],
    }
    dataset, issues = build(doc, "mem")
    assert dataset is None
    assert issues == [
        (("states", 1, "arrests"), "states[MO].arrests", "must not be negative (got -1)")
    ]


@pytest.mark.parametrize(
    ("written", "field"),
    [
        ('"15:16:17"', 'states[KY]."15:16:17"'),
        ('"two words"', 'states[KY]."two words"'),
        ('""', 'states[KY].""'),
        ('"say \\"hi\\""', 'states[KY]."say \\"hi\\""'),
        ("'é'", 'states[KY]."é"'),
    ],
)
def test_unknown_keys_that_are_not_bare_are_quoted_in_the_field(written: str, field: str) -> None:
    """Keys with spaces, colons or quotes are shown quoted, so the field path stays readable."""
    text = document(state(arrests="1") + f"{written} = 1\n")
    found = only_problem(text)
    assert found.field == field
    assert found.line == line_of(text, f"{written} = 1")


def test_problems_are_in_file_order() -> None:
    """Problems come in file order, whatever order the sections are validated in."""
    text = (
        "schema_version = 1\n"
        "[operation]\nname = 3\n"
        "[source]\ntitle = 4\n"
        "[[states]]\ncode = 'KY'\nname = 'K'\narrests = -1\n"
    )
    found = problems(text)
    assert [p.field for p in found] == ["operation.name", "source.title", "states[KY].arrests"]
    assert [p.line for p in found] == [3, 5, 9]


def test_unlocated_problems_come_first() -> None:
    """What is missing altogether (no line) is listed before located problems."""
    text = "schema_version = 1\n[[states]]\ncode = 'KY'\nname = 'K'\narrests = -1\n"
    found = problems(text)
    assert [p.field for p in found] == ["operation", "source", "states[KY].arrests"]
    assert [p.line for p in found] == [None, None, 5]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0x" + "f" * 5000, "is implausibly large (more than 2^53): a 20,000-bit number"),
        ("0o" + "7" * 3000, "is implausibly large (more than 2^53): a 9,000-bit number"),
        ("-" + "9" * 4000, "must not be negative (got a 13,288-bit number)"),
        ("-" + "9" * 20, "must not be negative (got -99999999999999999999)"),
    ],
)
def test_huge_integers_do_not_crash_the_messages(value: str, message: str) -> None:
    """Integers too long to print in full (str() refuses > 4300 digits) are described instead."""
    found = only_problem(document(state(arrests=value)))
    assert found.field == "states[KY].arrests"
    assert found.message == message


def test_huge_schema_version() -> None:
    """A huge schema_version is refused with a readable message."""
    text = document().replace("schema_version = 1", "schema_version = 0x" + "f" * 5000)
    found = only_problem(text)
    assert found.message == "is a 20,000-bit number; only schema versions 1 and 2 are read"
