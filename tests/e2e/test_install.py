"""A non-editable install in a fresh virtualenv works from any directory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run(*args: str | Path, cwd: Path | None = None) -> str:
    """Run a command, fail the test with its output if it fails, return its stdout."""
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, f"{args} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.mark.e2e
def test_wheel_in_a_fresh_venv(tmp_path: Path) -> None:
    """Build the wheel, install it (not editable) into a new venv, use it from elsewhere."""
    wheels = tmp_path / "wheels"
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", wheels, REPO)
    (wheel,) = wheels.glob("unitedfront_tui-*.whl")
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    command = venv / "bin" / "unitedfront-tui"

    summary = run(command, "check", cwd=elsewhere)
    assert "valid — Operation United Front, 12 states" in summary
    assert str(venv) in summary  # the bundled dataset inside the installed package
    assert str(REPO) not in summary

    csv = run(command, "export", "--format", "csv", cwd=elsewhere)
    assert csv.startswith("code,state,victims_rescued,victims_adult,victims_minor,arrests,notes")
    assert "\nKY,Kentucky,23,21,2,46," in csv

    out = elsewhere / "report.md"
    run(command, "export", "--format", "markdown", "-o", out, cwd=elsewhere)
    assert "| KY | Kentucky |" in out.read_text("utf-8")

    styles = run(
        venv / "bin" / "python",
        "-c",
        "from tui.dataset.resources import resource_dir; "
        "print(resource_dir('styles') / 'app.tcss')",
        cwd=elsewhere,
    ).strip()
    assert Path(styles).is_file()
    assert str(venv) in styles
    assert run(command, "--version", cwd=elsewhere).startswith("unitedfront-tui ")
    # The French catalog (.mo) ships in the wheel.
    assert "valide — Operation United Front, 12 États" in run(
        command, "--lang", "fr", "check", cwd=elsewhere
    )
