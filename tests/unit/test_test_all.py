"""``.ci/test-all`` (``make test-all``): how it finds Pythons and when it fails, without a run."""

from __future__ import annotations

import os
import subprocess

from tests.unit.helpers import REPO

SCRIPT = REPO / ".ci" / "test-all"


def run_script(**env: str) -> subprocess.CompletedProcess[str]:
    """Run the script with ``env`` added (no venv is made when no Python matches)."""
    return subprocess.run(
        ["bash", str(SCRIPT)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, **env},
        timeout=60,
        check=False,
    )


def test_a_required_python_that_is_missing_fails() -> None:
    """CI requires 3.9 and 3.13: a machine without one fails loudly, before running anything."""
    result = run_script(PYTHON_VERSIONS="3.99", REQUIRE_VERSIONS="3.99")
    assert result.returncode == 1
    assert "Python 3.99 is required but was not found" in result.stderr


def test_no_python_found_fails() -> None:
    """Nothing to run on is a failure, not a silent pass."""
    result = run_script(PYTHON_VERSIONS="3.98 3.99", PYENV_ROOT="/nonexistent")
    assert result.returncode == 1
    assert "not found: 3.98 3.99" in result.stdout
    assert "no Python found" in result.stderr


def test_skipped_versions_are_not_run() -> None:
    """SKIP_VERSIONS leaves a version out (CI's default Python, already run by make test)."""
    result = run_script(PYTHON_VERSIONS="3.99", SKIP_VERSIONS="3.99")
    assert result.returncode == 1
    assert "test-all: ran on none\n" in result.stdout
    assert "not found" not in result.stdout
