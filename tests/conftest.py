"""Fixtures shared by every test layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.dataset import Dataset, load
from tui.dataset.resources import bundled_dataset

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def bundled_path() -> Path:
    """Path of the bundled Operation United Front dataset."""
    return bundled_dataset()


@pytest.fixture(scope="session")
def dataset(bundled_path: Path) -> Dataset:
    """The bundled dataset, loaded once (it is immutable)."""
    return load(bundled_path)
