"""What the charts show: the source line, bar scale and shares, legend labels, status lines."""

from __future__ import annotations

import datetime as dt

from tui import i18n
from tui.dataset import Dataset, Operation, Reported, Source, State
from tui.dataset.charts import BarScale, shade_labels, source_line, status_text, unplaced_note
from tui.dataset.tiles import build_map


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
