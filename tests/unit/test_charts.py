"""What the charts show: the source line, bar scale and shares, legend labels, status lines."""

from __future__ import annotations

import datetime as dt

from tui import i18n
from tui.dataset import Dataset, Operation, Reported, Source, State
from tui.dataset.charts import (
    BarScale,
    legend_title,
    shade_labels,
    source_line,
    status_text,
    unplaced_note,
    wrap_line,
)
from tui.dataset.tiles import TILES, build_map


def small(source: Source, *states: State) -> Dataset:
    """A dataset of ``states`` with ``source``."""
    return Dataset(Operation("Op"), source, Reported(), states)


def test_source_line_from_the_bundled_dataset(dataset: Dataset) -> None:
    """Publisher, author, date in words, and the document the article reports."""
    assert source_line(dataset) == (
        "Source: Epoch Times (French edition), Allen Zhong, 1 September 2021 (reporting: "
        "the Missouri Attorney General's Office's release of 27 August 2021)"
    )


def test_source_line_with_only_a_title() -> None:
    """Without publisher, author or date, the title stands for the source."""
    assert source_line(small(Source("A report"))) == "Source: A report"
    dated = Source("T", publisher="P", published=dt.date(2021, 8, 27))
    assert source_line(small(dated)) == "Source: P, 27 August 2021"


def test_source_line_in_french(dataset: Dataset) -> None:
    """Dates follow the UI language."""
    i18n.set_language("fr")
    try:
        assert "1er septembre 2021" in source_line(dataset)
    finally:
        i18n.set_language("en")


def test_bar_scale_and_shares(dataset: Dataset) -> None:
    """Kentucky: the longest bars, 23 of 47 and 46 of 102, split 21 + 2; Nebraska: no bar."""
    scale = BarScale.of(dataset.states)
    assert scale.top == {"victims_rescued": 23, "arrests": 46}
    assert scale.total == {"victims_rescued": 47, "arrests": 102}
    ky = next(s for s in dataset.states if s.code == "KY")
    victims = scale.bar(ky, "victims_rescued")
    assert victims.fraction == 1.0 and victims.parts == (21, 2)
    assert round(100 * (victims.share or 0), 1) == 48.9
    assert scale.bar(ky, "arrests").parts is None
    ne = next(s for s in dataset.states if s.code == "NE")
    missing = scale.bar(ne, "victims_rescued")
    assert missing.value is None and missing.share is None and missing.fraction == 0.0


def test_zero_is_a_figure_not_a_gap() -> None:
    """A reported 0 gets its own legend entry and a 0 share; an all-zero metric has no top."""
    states = (State("MO", "Missouri", victims_rescued=0, arrests=2), State("KS", "Kansas"))
    model = build_map(states, "victims_rescued")
    labels = dict(shade_labels(model))
    assert labels["zero"] == "0" and "1" not in labels
    assert model.cell("MO").shade == "zero" and model.cell("KS").shade == "missing"
    bar = BarScale.of(states).bar(states[0], "victims_rescued")
    assert bar.value == 0 and bar.fraction == 0.0 and bar.share is None


def test_status_text(dataset: Dataset) -> None:
    """The highlighted tile's line: name, both figures, the split; outside and hidden said."""
    model = build_map(dataset.states, "arrests", shown={"KY"})
    assert status_text(model.cell("KY")) == (
        "Kentucky (KY): Victims rescued 23 (21 adult, 2 minor) · Arrests 46"
    )
    assert status_text(model.cell("NE")) == (
        "Nebraska (NE): Victims rescued — · Arrests 7 · hidden by the filter"
    )
    assert status_text(model.cell("CA")) == "California (CA): not part of this operation"


def test_unplaced_note_counts_and_stops() -> None:
    """The count first; at most ``limit`` codes, then an ellipsis."""
    assert unplaced_note(["QC"]) == "Not on the map (1 code, not a US state): QC"
    codes = [f"Z{i}" for i in range(100_000)]
    note = unplaced_note(codes, limit=3)
    assert note == "Not on the map (100,000 codes, not US states): Z0, Z1, Z2, …"


def test_the_outside_swatch_is_listed_only_when_a_tile_uses_it(dataset: Dataset) -> None:
    """The bundled 12 states leave tiles outside the operation; a dataset of every tile does
    not, and its legend has no "not in the operation" swatch."""
    assert "outside" in dict(shade_labels(build_map(dataset.states, "arrests")))
    everywhere = tuple(State(t.code, t.name, arrests=i + 1) for i, t in enumerate(TILES))
    labels = dict(shade_labels(build_map(everywhere, "arrests")))
    assert "outside" not in labels and len([k for k in labels if k.isdigit()]) == 4


def test_the_legend_says_how_the_classes_were_chosen(dataset: Dataset) -> None:
    """Natural breaks for the bundled figures, with the ranges they give."""
    model = build_map(dataset.states, "arrests")
    assert legend_title(model) == "Arrests (natural breaks)"
    ranges = [label for shade, label in shade_labels(model) if shade.isdigit()]
    assert ranges == ["1–4", "5–7", "8–11", "12–46"]


def test_wrap_line_cuts_at_spaces_and_keeps_no_break_spaces_together() -> None:
    """Every word is kept, in order, no line is wider than asked, and 1 883 stays whole."""
    text = "Source: Epoch Times (French edition), Allen Zhong, 1er septembre 2021, 1\u202f883"
    lines = wrap_line(text, 20, most=10)
    assert all(len(line) <= 20 for line in lines)
    assert " ".join(lines) == text and any("1\u202f883" in line for line in lines)
    short = wrap_line("a b c d e f g h", 3, most=2)
    assert len(short) == 2 and short[-1].endswith("…")


def test_status_text_in_french_uses_the_french_names(dataset: Dataset) -> None:
    """The French UI names a state the source's way, and a tile outside the dataset too."""
    model = build_map(dataset.states, "arrests")
    i18n.set_language("fr")
    try:
        assert status_text(model.cell("ND")).startswith("Dakota du Nord (ND)\u00a0: ")
        assert status_text(model.cell("CA")).startswith("Californie (CA)")
    finally:
        i18n.set_language("en")
