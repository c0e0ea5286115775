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


SLOW_FOLDERS = ("e2e", "wire", "reliability")
"""Test folders whose tests take seconds each (terminals, subprocesses, many frames)."""


def pytest_configure(config: pytest.Config) -> None:
    """Fail the session if a test leaves a file in the checkout (tests/checkout_guard.py)."""
    config.pluginmanager.register(CheckoutGuard(REPO), "checkout-guard")


def _expected_slow(item: pytest.Item) -> bool:
    """True for a test that takes seconds: marked slow or e2e, or in a slow folder."""
    if item.get_closest_marker("slow") or item.get_closest_marker("e2e"):
        return True
    tests = REPO / "tests"
    if not item.path.is_relative_to(tests):
        return False
    parts = item.path.relative_to(tests).parts
    return len(parts) > 1 and parts[0] in SLOW_FOLDERS


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist, hand out the slow tests first.

    With ``--maxschedchunk=1`` (pyproject.toml) each worker takes one test at a time, so the
    seconds-long tests spread over the workers and the quick ones fill the gaps at the end,
    instead of one worker finishing the wire tests alone. The sort is stable (modules stay
    together) and the same in every worker, as xdist requires.
    """
    if config.getoption("numprocesses", None) or hasattr(config, "workerinput"):
        items.sort(key=lambda item: not _expected_slow(item))


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
    # The explorer keeps its first frame in the user's cache (tui/cli/preview.py): each test
    # starts with an empty cache of its own, never the person's running the suite.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def bundled_path() -> Path:
    """Path of the bundled Operation United Front dataset."""
    return bundled_dataset()


@pytest.fixture(scope="session")
def dataset(bundled_path: Path) -> Dataset:
    """The bundled dataset, loaded once (it is immutable)."""
    return load(bundled_path)
