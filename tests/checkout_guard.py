"""Fail the test session when a test leaves a file in the checkout.

``git status --porcelain --untracked-files=all`` is read when the session starts and again
when it ends; an entry that appears (or changes status) in between was made by a test. Files
that ``.gitignore`` ignores (venvs, caches, ``snapshot_report.html``) are not listed by git and
so never count. Under pytest-xdist only the controller checks: workers end at different times,
and the controller ends after all of them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

STATUS = pytest.StashKey[frozenset[str]]()
"""The checkout's status when the session started (absent: not a git checkout, or a worker)."""


def checkout_status(repo: Path) -> frozenset[str] | None:
    """The porcelain status lines of ``repo``, or None when it is not a git work tree."""
    if shutil.which("git") is None:
        return None
    result = subprocess.run(
        ["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        return None
    return frozenset(line for line in result.stdout.splitlines() if line)


def left_behind(before: frozenset[str], after: frozenset[str]) -> list[str]:
    """Status lines present at the end and not at the start, sorted."""
    return sorted(after - before)


def is_worker(config: pytest.Config) -> bool:
    """True in a pytest-xdist worker (the controller has no ``workerinput``)."""
    return hasattr(config, "workerinput")


class CheckoutGuard:
    """A pytest plugin: the session fails if the checkout at ``repo`` gained entries."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        """Record the checkout's status before any test runs."""
        if is_worker(session.config):
            return
        status = checkout_status(self.repo)
        if status is not None:
            session.config.stash[STATUS] = status

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """Compare with the status at the start; fail the session on anything new."""
        before = session.config.stash.get(STATUS, None)
        if before is None:
            return
        after = checkout_status(self.repo)
        new = left_behind(before, after or frozenset())
        if not new:
            return
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = "\n".join(f"  {line}" for line in new)
        message = (
            f"tests left files in the checkout {self.repo} (write to tmp_path instead):\n{lines}"
        )
        if reporter is not None:
            reporter.write_sep("=", "checkout changed", red=True)
            reporter.write_line(message)
        else:  # pragma: no cover - pytest always has a terminal reporter unless -p no:terminal
            print(message)
        if session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
