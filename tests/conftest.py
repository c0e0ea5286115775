"""Fixtures shared by every test layer, and the checks that keep the checkout clean."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import configuration as hypothesis_configuration

from tests.checkout_guard import CheckoutGuard
from tui.dataset import Dataset, load
from tui.dataset.resources import bundled_dataset

REPO = Path(__file__).resolve().parent.parent

# Every test runs in a temporary directory (below), so Hypothesis would otherwise put its
# example database in whichever directory the first property test ran in: keep it in the
# checkout's (git-ignored) .hypothesis/, shared by the xdist workers as Hypothesis allows.
hypothesis_configuration.set_hypothesis_home_dir(str(REPO / ".hypothesis"))


def pytest_configure(config: pytest.Config) -> None:
    """Fail the session if a test leaves a file in the checkout (tests/checkout_guard.py)."""
    config.pluginmanager.register(CheckoutGuard(REPO), "checkout-guard")


@pytest.fixture(autouse=True)
def _run_in_a_temporary_directory(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run each test, and the programs it starts, in an empty directory of its own.

    A command that writes to the working directory (an export, a screenshot) then writes
    there, never into the checkout; tests that look at what was written chdir to their own
    ``tmp_path`` as before.
    """
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


@pytest.fixture(scope="session")
def bundled_path() -> Path:
    """Path of the bundled Operation United Front dataset."""
    return bundled_dataset()


@pytest.fixture(scope="session")
def dataset(bundled_path: Path) -> Dataset:
    """The bundled dataset, loaded once (it is immutable)."""
    return load(bundled_path)
