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


COMMANDS_WITHOUT_TEXTUAL = {
    "check": ["check"],
    "export csv": ["export", "--format", "csv"],
    "export markdown": ["export", "--format", "markdown"],
    "export json": ["export", "--format", "json"],
    "schema": ["schema"],
    "version": ["--version"],
}
"""Command lines that never draw, so must never import textual (it costs ~200 ms)."""


@pytest.mark.parametrize("argv", COMMANDS_WITHOUT_TEXTUAL.values(), ids=COMMANDS_WITHOUT_TEXTUAL)
def test_command_runs_without_textual(argv: list[str]) -> None:
    """A full run of the command through main() leaves textual out of sys.modules."""
    probe = (
        "import sys\n"
        "from tui.cli.main import main\n"
        "try:\n"
        f"    code = main({argv!r})\n"
        "except SystemExit as exit:\n"
        "    code = exit.code\n"
        "sys.stdout.flush()\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "assert not heavy, f'textual imported: {heavy[:5]}'\n"
        "sys.stderr.write(f'exit={code}\\n')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.endswith("exit=0\n"), result.stderr
    assert result.stdout  # it really ran: a summary, a table, a schema or a version
