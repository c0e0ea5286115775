"""Snapshots of the French interface: panes, figures with a decimal comma, the source's words
first, about.

Re-record deliberately with `make snapshot-update` and read the diff (the HTML report
pytest writes on failure shows each change).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tui import i18n
from tui.app import UnitedFrontApp
from tui.dataset import Dataset

SnapCompare = Callable[..., bool]


@pytest.fixture
def french() -> Iterator[None]:
    """The French UI for one test, English again afterwards."""
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


@pytest.fixture
def app(dataset: Dataset) -> UnitedFrontApp:
    """The explorer on the bundled dataset, not yet running."""
    return UnitedFrontApp(dataset)


@pytest.mark.usefixtures("french")
class TestFrench:
    """The French UI: panes, footer, French names first, the source's words first."""

    def test_80x24(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """South Dakota found by its French name; the detail pane in French."""
        assert snap_compare(app, press=["slash", *"dakota du sud", "enter"], terminal_size=(80, 24))

    def test_kentucky_120x40(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """French figures, shares with a decimal comma, the quote before its translation."""
        assert snap_compare(app, press=["j", "j", "j"], terminal_size=(120, 40))

    def test_about(self, snap_compare: SnapCompare, app: UnitedFrontApp) -> None:
        """About in French: dates in words, the reconciliation with the victims caveat."""
        assert snap_compare(app, press=["i"], terminal_size=(100, 60))
