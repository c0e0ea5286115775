"""The session-level guard that fails the suite when a test leaves a file in the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.checkout_guard import CheckoutGuard, checkout_status, left_behind
from tests.unit.helpers import REPO

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

CONFTEST = """\
from pathlib import Path

from tests.checkout_guard import CheckoutGuard


def pytest_configure(config):
    config.pluginmanager.register(CheckoutGuard(Path(__file__).parent), "checkout-guard")
"""

TESTS = """\
from pathlib import Path

HERE = Path(__file__).parent


def test_clean(tmp_path):
    (tmp_path / "fine.txt").write_text("written where it belongs")


def test_ignored():
    (HERE / "cache.log").write_text("git ignores this")


def test_litters():
    if {litter}:
        (HERE / "leftover.csv").write_text("a test artefact")
"""


def git_checkout(root: Path, litter: bool) -> Path:
    """A git work tree with the guard in its conftest and tests that may litter it."""
    subprocess.run(["git", "init", "--quiet", str(root)], check=True)
    (root / ".gitignore").write_text("*.log\n.pytest_cache/\n__pycache__/\n")
    (root / "conftest.py").write_text(CONFTEST)
    (root / "test_litter.py").write_text(TESTS.format(litter=litter))
    return root


def run_pytest(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run pytest on ``root`` in a fresh interpreter that can import this repository's tests."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args, str(root)],
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
        timeout=120,
        check=False,
    )


def test_status_lists_new_files_and_not_ignored_ones(tmp_path: Path) -> None:
    """A new file shows up in the status; a git-ignored one does not."""
    root = git_checkout(tmp_path, litter=False)
    before = checkout_status(root)
    assert before is not None
    (root / "cache.log").write_text("ignored")
    (root / "e").write_text("an export named e")
    after = checkout_status(root)
    assert after is not None
    assert left_behind(before, after) == ["?? e"]


def test_status_outside_a_work_tree_is_none(tmp_path: Path) -> None:
    """No git work tree (an unpacked sdist): nothing to compare, the guard stays quiet."""
    assert checkout_status(tmp_path) is None


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_a_test_that_litters_fails_the_session(tmp_path: Path, workers: list[str]) -> None:
    """Every test passes, yet the session fails and names the file left behind."""
    root = git_checkout(tmp_path, litter=True)
    result = run_pytest(root, *workers)
    assert result.returncode == pytest.ExitCode.TESTS_FAILED, result.stdout + result.stderr
    assert "3 passed" in result.stdout
    assert "tests left files in the checkout" in result.stdout
    assert "?? leftover.csv" in result.stdout
    assert "cache.log" not in result.stdout


def test_a_clean_session_passes(tmp_path: Path) -> None:
    """Tests that write only to tmp_path and ignored files leave the session green."""
    root = git_checkout(tmp_path, litter=False)
    result = run_pytest(root)
    assert result.returncode == pytest.ExitCode.OK, result.stdout + result.stderr
    assert "checkout changed" not in result.stdout


def test_the_suite_runs_the_guard(request: pytest.FixtureRequest) -> None:
    """This repository's own session is guarded, on this checkout."""
    guard = request.config.pluginmanager.get_plugin("checkout-guard")
    assert isinstance(guard, CheckoutGuard)
    assert guard.repo == REPO
