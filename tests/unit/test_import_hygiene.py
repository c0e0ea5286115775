"""The model, exports and command line never import textual (it loads only to launch)."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys

import pytest

from tests.unit.helpers import REPO

PROBE = """
import sys
import {module}
heavy = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(",".join(heavy) or "-")
"""


def run_python(code: str) -> str:
    """Run ``code`` in a fresh interpreter with the repository importable; return stdout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def imported_textual(module: str) -> str:
    """Import ``module`` in a fresh interpreter; return the textual modules it pulled in."""
    return run_python(PROBE.format(module=module)).strip()


MODEL_MODULES = sorted(
    f"tui.dataset.{info.name}" for info in pkgutil.iter_modules([str(REPO / "tui" / "dataset")])
)
"""Every module of the model package, found on disk so new ones are covered too."""


@pytest.mark.parametrize(
    "module",
    [
        "tui",
        "tui.dataset",
        *MODEL_MODULES,
        "tui.output.export",
        "tui.output.svg",
        "tui.cli.main",
        "tui.dataset.resources",
    ],
)
def test_module_does_not_import_textual(module: str) -> None:
    """Importing the module leaves textual out of sys.modules."""
    assert imported_textual(module) == "-"


def test_model_modules_are_found() -> None:
    """The discovery of model modules finds the core ones."""
    assert {"tui.dataset.model", "tui.dataset.loader", "tui.dataset.validate"} <= set(MODEL_MODULES)


def test_the_probe_detects_textual() -> None:
    """The probe really sees textual when it is imported (so the checks above can fail)."""
    assert "textual" in imported_textual("textual").split(",")


def test_check_runs_without_textual() -> None:
    """A full ``check`` run through main() never imports textual."""
    probe = (
        "import sys\n"
        "from tui.cli.main import main\n"
        "code = main(['check'])\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
        "raise SystemExit(code)\n"
    )
    run_python(probe)
