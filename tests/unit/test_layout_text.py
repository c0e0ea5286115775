"""Layout text builders: guillemets kept with their words, footer lines that fit, key-bar hints."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from tui.dataset import Dataset, compute_totals, reconcile
from tui.widgets.figures import prose, quoted
from tui.widgets.key_bar import Hint, fit
from tui.widgets.list_header import direction_mark, header_label
from tui.widgets.nobreak import NBSP, NoBreak, bind_guillemets
from tui.widgets.totals_footer import fitting, operation_line, shown_line


def lines(renderable: object, width: int) -> list[str]:
    """Rendered lines as plain text, trailing spaces dropped."""
    console = Console(width=width, color_system=None)
    rendered = console.render_lines(renderable, console.options, pad=False)  # type: ignore[arg-type]
    return ["".join(s.text for s in line).rstrip() for line in rendered]


@pytest.mark.parametrize("width", range(12, 60))
def test_guillemets_never_alone_at_a_line_end_or_start(width: int) -> None:
    """At every width, no line ends with « nor starts with »."""
    quote = "Dakota du Sud : 9 arrestations, « selon le bureau » du procureur général « Sud »"
    for line in lines(quoted(quote), width):
        assert not line.endswith("«"), (width, line)
        assert not line.lstrip().startswith("»"), (width, line)


@pytest.mark.parametrize("width", range(20, 60))
def test_guillemets_in_notes_stay_with_their_words(width: int) -> None:
    """Dataset prose with guillemets inside (the victims caveat, notes) wraps the same way
    (from 20 columns: "travailleurs »)." is 16 cells and cannot be kept whole narrower)."""
    note = 'The source counts the 47 as "victims and sex workers" (« victimes et travailleurs »).'
    for line in lines(prose("† ", note, "italic"), width):
        assert not line.endswith("«"), (width, line)
        assert not line.lstrip().startswith("»"), (width, line)


def test_plain_rich_text_would_break_at_the_no_break_space() -> None:
    """Why NoBreak exists: Rich alone wraps at NBSP and leaves « at a line end."""
    text = Text(bind_guillemets("xxxxxxxxxxxxxxxx « eeee ffff"))
    assert lines(text, 20)[0].endswith("«")
    assert not lines(NoBreak(text), 20)[0].endswith("«")


def test_bind_guillemets_only_when_rendering() -> None:
    """Spaces inside guillemets become no-break spaces; other text is left alone."""
    assert bind_guillemets("a « b » c") == f"a «{NBSP}b{NBSP}» c"
    assert bind_guillemets("a b") == "a b"


def test_sort_mark_follows_the_rows() -> None:
    """▼ for figures largest first (the default), ▲ for A to Z and source order."""
    assert direction_mark("victims", False) == "▼"
    assert direction_mark("victims", True) == "▲"
    assert direction_mark("name", False) == "▲"
    assert direction_mark("source", True) == "▼"


@pytest.mark.parametrize("width", range(1, 12))
def test_header_label_fits_any_width(width: int) -> None:
    """The label and its mark never take more than the column's cells."""
    assert cell_len(header_label("victims", width, "▼")) <= width
    assert header_label("victims", 8, "▼") == "Victims▼"
    assert header_label("victims", 7, "▼") == "Vict.▼"


@pytest.mark.parametrize("width", range(58, 130))
def test_footer_lines_fit_from_60_columns(dataset: Dataset, width: int) -> None:
    """Both footer lines fit in one line from 60 columns up (58 cells inside the padding)."""
    rows = reconcile(dataset)
    shown = compute_totals(dataset.states[:3])
    first = fitting(lambda tier: operation_line(rows, tier), width, 5)
    second = fitting(lambda tier: shown_line(shown, len(dataset.states), tier), width)
    assert cell_len(first.plain) <= width and "…" not in first.plain
    assert cell_len(second.plain) <= width and "…" not in second.plain
    assert second.plain.startswith("Shown 3")


def test_footer_shortens_a_mismatch_rather_than_dropping_it(dataset: Dataset) -> None:
    """A ⚠ mismatch at 78 cells: the compact mark keeps both figures' difference visible."""
    rows = reconcile(dataset)
    differs = tuple(
        r.__class__(r.metric, r.computed, (r.reported or 0) + 5, r.reporting, r.of) for r in rows
    )
    text = fitting(lambda tier: operation_line(differs, tier), 78, 5).plain
    assert "⚠" in text and cell_len(text) <= 78


def test_key_bar_keeps_help_and_drops_the_least_useful() -> None:
    """Dropping goes from the worst rank up; `? Help` (rank 0) stays even when alone too wide."""
    hints = [
        Hint("⏎", "Details", 2),
        Hint("?", "Help", 0),
        Hint("q", "Quit", 3),
        Hint("r", "Reverse", 9),
    ]
    assert [h.key for h in fit(hints, 80)] == ["⏎", "?", "q", "r"]
    assert [h.key for h in fit(hints, 30)] == ["⏎", "?", "q"]
    assert [h.key for h in fit(hints, 10)] == ["?"]
    assert [h.key for h in fit(hints, 2)] == ["?"]


def test_no_break_text_ends_its_line() -> None:
    """In a Group, what follows a quote starts on a new line (as after plain Text)."""
    from rich.console import Group

    rendered = lines(Group(quoted("a b c"), Text("next")), 40)
    assert rendered[:2] == [f"«{NBSP}a b c{NBSP}»", "next"]


def test_long_translations_still_fit(monkeypatch: pytest.MonkeyPatch, dataset: Dataset) -> None:
    """Shortening is by measured width, not English lengths: French labels fit too."""
    import tui.widgets.list_header as list_header
    import tui.widgets.totals_footer as totals_footer

    french = {"Arrests": "Arrestations", "Arr.": "Arr.", "Victims": "Victimes secourues"}
    monkeypatch.setattr(list_header, "_", lambda text: french.get(text, text))
    assert header_label("arrests", 8, "▼") == "Arr.▼"
    longer = {"Shown {shown} of {total}": "États affichés : {shown} sur {total}"}
    monkeypatch.setattr(totals_footer, "_", lambda text: longer.get(text, text))
    shown = compute_totals(dataset.states[:3])
    line = fitting(lambda tier: shown_line(shown, 12, tier), 58).plain
    assert cell_len(line) <= 58 and "3" in line and "…" not in line
