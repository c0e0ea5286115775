"""Fixtures shared by the snapshot tests."""

from __future__ import annotations

import pytest

from tui.app import UnitedFrontApp
from tui.dataset import Dataset


@pytest.fixture
def app(dataset: Dataset) -> UnitedFrontApp:
    """The explorer on the bundled dataset, not yet running."""
    return UnitedFrontApp(dataset)
