"""`check` and `export` in French: summaries, located errors and messages, from --lang or LANG."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.helpers import document, line_of, run_cli, state
from tui import i18n
from tui.cli.main import main


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    """main() switches the process's language: put English back."""
    yield
    i18n.set_language("en")


def test_check_summary_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    """The bundled dataset's summary: French labels, figures, plurals and marks."""
    assert main(["--lang", "fr", "check"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith(": valide — Operation United Front, 12 États")
    assert out[2].split() == [
        "Victimes",
        "secourues",
        "47",
        "(7",
        "sur",
        "12",
        "États)",
        "communiqué",
        "47",
        "✓",
        "conforme",
        "à",
        "la",
        "source",
    ]


def test_located_errors_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Schema errors keep their file, line and field, with the message in French."""
    bad = tmp_path / "bad.toml"
    text = document(state(arrests="-3", arest="1"))
    bad.write_text(text, "utf-8")
    assert main(["--lang", "fr", "check", str(bad)]) == 1
    err = capsys.readouterr().err.splitlines()
    unknown, negative = line_of(text, "arest ="), line_of(text, "arrests =")
    nbsp = "\u00a0"
    assert (
        f"{bad}:{unknown}: states[KY].arest: clé inconnue 'arest'{nbsp}; "
        f"vouliez-vous dire 'arrests'{nbsp}?"
    ) in err
    assert f"{bad}:{negative}: states[KY].arrests: ne doit pas être négatif (reçu -3)" in err


def test_export_message_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`export -o` says what it wrote, in French, and refuses to overwrite, in French."""
    out = tmp_path / "x.csv"
    assert main(["--lang", "fr", "export", "--format", "csv", "-o", str(out)]) == 0
    assert capsys.readouterr().err == f"écrit\u00a0: {out} (12 États, csv)\n"


def test_lang_from_the_environment_and_help() -> None:
    """LANG=fr_FR.UTF-8 alone gives French, --help included; LC_ALL=C gives English."""
    french = run_cli("--help", env={"LANG": "fr_FR.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""})
    assert "Explorer, vérifier et exporter" in french.stdout
    english = run_cli("--help", env={"LANG": "fr_FR.UTF-8", "LC_ALL": "C"})
    assert "Explore, check and export" in english.stdout
