"""Fuzzing the loader with generated datasets (as TOML text).

Valid datasets: load → totals → JSON export → the same figures. Near-valid ones (one thing
broken): the loader raises only its own :class:`DatasetError`, with every problem printable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.dataset import DatasetError, compute_totals, load_text
from tui.dataset.model import METRICS
from tui.dataset.text import UNSAFE
from tui.output.export import to_csv, to_json

MAX_INT = 2**53
SAFE_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"),
        blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    ),
    min_size=1,
    max_size=30,
).filter(lambda s: bool(s.strip()))
CODES = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-", min_size=1, max_size=16)
FIGURES = st.one_of(st.none(), st.integers(0, 1000), st.integers(0, MAX_INT))


def toml_string(text: str) -> str:
    """A TOML basic string for ``text`` (JSON's escapes are valid TOML)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass
class GenState:
    """One generated state: what is written, and the figures the loader must produce."""

    code: str
    name: str
    figures: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def expected(self, metric: str) -> int | None:
        """The figure the loader must report (victims derived from adult + minor)."""
        figures = self.figures
        if metric == "victims_rescued" and metric not in figures:
            adult, minor = figures.get("victims_adult"), figures.get("victims_minor")
            return None if adult is None or minor is None else adult + minor
        return figures.get(metric)

    def toml(self) -> str:
        """The ``[[states]]`` table."""
        lines = [
            "[[states]]",
            f"code = {toml_string(self.code)}",
            f"name = {toml_string(self.name)}",
        ]
        lines += [f"{key} = {value}" for key, value in self.figures.items()]
        if self.notes:
            lines.append("notes = [" + ", ".join(toml_string(n) for n in self.notes) + "]")
        return "\n".join(lines) + "\n"


@st.composite
def gen_state(draw: st.DrawFn, code: str) -> GenState:
    """A valid state: victims as a total, as a breakdown, or both (agreeing)."""
    state = GenState(code, draw(SAFE_TEXT), notes=draw(st.lists(SAFE_TEXT, max_size=3)))
    shape = draw(st.sampled_from(["none", "total", "breakdown", "both"]))
    if shape in ("breakdown", "both"):
        adult, minor = draw(st.integers(0, 10**6)), draw(st.integers(0, 10**6))
        state.figures.update(victims_adult=adult, victims_minor=minor)
        if shape == "both":
            state.figures["victims_rescued"] = adult + minor
    elif shape == "total":
        state.figures["victims_rescued"] = draw(st.integers(0, MAX_INT // 64))
    for key in ("arrests", "medical_services"):
        value = draw(FIGURES)
        if value is not None:
            state.figures[key] = value // 64
    return state


@st.composite
def valid_dataset(draw: st.DrawFn) -> tuple[str, list[GenState]]:
    """TOML text of a valid dataset, and its states."""
    codes = draw(st.lists(CODES, min_size=1, max_size=12, unique=True))
    states = [draw(gen_state(code)) for code in codes]
    head = [
        "schema_version = 1",
        "[operation]",
        f"name = {toml_string(draw(SAFE_TEXT))}",
        "[source]",
        f"title = {toml_string(draw(SAFE_TEXT))}",
    ]
    if draw(st.booleans()):
        head += ["[reported]", f"states = {len(states)}", f"arrests = {draw(st.integers(0, 999))}"]
    return "\n".join(head) + "\n\n" + "\n".join(s.toml() for s in states), states


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_dataset())
def test_valid_datasets_keep_their_figures(generated: tuple[str, list[GenState]]) -> None:
    """Every figure survives load, totals and the JSON export unchanged."""
    text, states = generated
    dataset = load_text(text, "fuzz.toml")
    assert [s.code for s in dataset.states] == [s.code for s in states]
    totals = compute_totals(dataset.states)
    document = json.loads(to_json(dataset))
    for metric in METRICS:
        values = [s.expected(metric) for s in states]
        reported = [v for v in values if v is not None]
        assert totals[metric].total == sum(reported)
        assert totals[metric].reporting == len(reported)
        total = sum(reported) if reported else None  # nothing reported: no total, not 0
        assert document["totals"][metric] == {"total": total, "reporting": len(reported)}
        assert [row[metric] for row in document["states"]] == values
    assert [row["state"] for row in document["states"]] == [s.name for s in states]
    assert [row["notes"] for row in document["states"]] == [s.notes for s in states]
    assert document["totals"]["states"] == len(states)
    assert to_csv(dataset).count("\n") >= len(states) + 1


BREAKAGES = [
    ("drop schema_version", lambda t: t.replace("schema_version = 1", "", 1)),
    ("schema_version 2", lambda t: t.replace("schema_version = 1", "schema_version = 2", 1)),
    ("no states", lambda t: t.split("[[states]]")[0]),
    ("unknown top key", lambda t: "extra = 1\n" + t),
    ("unknown state key", lambda t: t.replace("[[states]]\n", "[[states]]\nnmae = 'x'\n", 1)),
    ("negative", lambda t: t.replace("[[states]]\n", "[[states]]\narrests = -1\n", 1)),
    ("float", lambda t: t.replace("[[states]]\n", "[[states]]\narrests = 1.5\n", 1)),
    ("boolean", lambda t: t.replace("[[states]]\n", "[[states]]\narrests = true\n", 1)),
    ("string", lambda t: t.replace("[[states]]\n", "[[states]]\narrests = '3'\n", 1)),
    ("array", lambda t: t.replace("[[states]]\n", "[[states]]\narrests = [3]\n", 1)),
    ("table", lambda t: t.replace("[[states]]\n", "[[states]]\narrests = {n = 3}\n", 1)),
    (
        "beyond 2^63",
        lambda t: t.replace("[[states]]\n", "[[states]]\narrests = 9" + "9" * 19 + "\n", 1),
    ),
    ("escape", lambda t: t.replace('name = "', 'name = "\\u001b]0;x\\u0007', 1)),
    ("bidi", lambda t: t.replace('name = "', 'name = "\\u202e', 1)),
    ("C1", lambda t: t.replace('name = "', 'name = "\\u009b', 1)),
    ("duplicate code", lambda t: t + "\n" + t[t.index("[[states]]") :]),
    ("long string", lambda t: t.replace('name = "', 'name = "' + "x" * 10_001, 1)),
    ("bad code", lambda t: t.replace('code = "', 'code = "a b', 1)),
    ("empty name", lambda t: t.replace("[[states]]\ncode", "[[states]]\nname = ''\ncode", 1)),
]
"""Ways to break a valid dataset; each must be refused."""


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_dataset(), st.sampled_from(BREAKAGES), st.integers(0, 10_000))
def test_near_valid_datasets_raise_only_dataset_error(
    generated: tuple[str, list[GenState]], breakage: tuple[str, object], cut: int
) -> None:
    """One thing broken: refused with DatasetError, every problem on one printable line."""
    text, _ = generated
    name, breaker = breakage
    assert callable(breaker)
    broken: str = breaker(text)
    for candidate, must_fail in ((broken, True), (text[: cut % (len(text) + 1)], False)):
        try:
            load_text(candidate, "near.toml")
        except DatasetError as exc:
            assert exc.problems, name
            for problem in exc.problems:
                line = problem.format()
                assert "\n" not in line and UNSAFE.search(line) is None, line
                assert line.startswith("near.toml")
        else:
            assert not must_fail, f"{name}: accepted"
