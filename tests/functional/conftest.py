"""Fixtures for Pilot and snapshot tests: apps built from loaded data, not yet started."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tui.app import UnitedFrontApp
from tui.dataset import Dataset

AppFactory = Callable[..., UnitedFrontApp]


@pytest.fixture
def make_app(dataset: Dataset) -> AppFactory:
    """Build an explorer on the bundled dataset (or another), not yet running."""

    def build(data: Dataset | None = None, theme: str | None = None) -> UnitedFrontApp:
        return UnitedFrontApp(data if data is not None else dataset, theme=theme)

    return build
