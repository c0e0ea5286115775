"""`check` and `export` in French: summaries, located errors and messages, from --lang or LANG."""

from __future__ import annotations

import contextlib
import re
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
    nnbsp = "\u202f"
    assert (
        f"{bad}:{unknown}: states[KY].arest: clé inconnue 'arest'{nnbsp}; "
        f"vouliez-vous dire 'arrests'{nnbsp}?"
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


ARGPARSE_ENGLISH = (
    "usage:",
    "options:",
    "optional arguments",
    "positional arguments",
    "error:",
    "show this help message and exit",
    "show program's version number",
    "unrecognized arguments",
    "invalid choice",
    "choose from",
    "the following arguments are required",
    "expected one argument",
    "COMMAND",
    "FILE",
    "NAME",
    "PATH",
)
"""argparse's own words and our metavars: none may be left in a French --help or error."""


def french_output(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Everything ``--lang fr ARGS`` prints, whether it exits or returns."""
    with contextlib.suppress(SystemExit):
        main(["--lang", "fr", *args])
    captured = capsys.readouterr()
    return captured.out + captured.err


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        *[[command, "--help"] for command in ("check", "export", "new", "schema", "serve")],
        ["--bogus"],
        ["export", "--format", "pdf"],
        ["new"],
        ["serve", "--port", "x"],
        ["export", "--view"],
    ],
    ids=lambda args: " ".join(args),
)
def test_no_argparse_english_in_french(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    """--help of the program and of every command, and usage errors, are French throughout."""
    text = french_output(capsys, *args)
    assert text.strip()
    left = [
        word for word in ARGPARSE_ENGLISH if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
    ]
    assert not left, f"English left in `--lang fr {' '.join(args)}`: {left}\n{text}"
    assert "usage\u00a0:" in text


def test_argparse_stays_english_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    """The same catalog hook gives argparse's own English back in English."""
    with contextlib.suppress(SystemExit):
        main(["--lang", "en", "export", "--format", "pdf"])
    err = capsys.readouterr().err
    assert err.startswith("usage: ") and "error: argument --format" in err
    assert "invalid choice: 'pdf' (choose from" in err


def test_cli_file_errors_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file that exists and a missing directory: the reasons are French."""
    out = tmp_path / "x.csv"
    out.write_text("", "utf-8")
    assert main(["--lang", "fr", "export", "--format", "csv", "-o", str(out)]) != 0
    err = capsys.readouterr().err
    assert "existe déjà" in err and "already exists" not in err
    missing = tmp_path / "nowhere" / "x.csv"
    assert main(["--lang", "fr", "export", "--format", "csv", "-o", str(missing)]) != 0
    err = capsys.readouterr().err
    assert "n'existe pas" in err and "does not exist" not in err


def test_language_env_gives_french() -> None:
    """LANGUAGE=fr with an English locale gives French, as gettext programs do."""
    french = run_cli("--help", env={"LANGUAGE": "fr", "LANG": "en_US.UTF-8", "LC_ALL": ""})
    assert "Explorer, vérifier et exporter" in french.stdout
    assert "usage\u00a0:" in french.stdout


def test_bind_errors_are_said_in_french() -> None:
    """`serve` on a taken port: the reason in French, not the system's English."""
    import errno

    from tui.cli.serve import os_reason

    taken = OSError(errno.EADDRINUSE, "Address already in use")
    assert os_reason(taken) == "Address already in use"
    i18n.set_language("fr")
    assert os_reason(taken) == "Adresse déjà utilisée (le port est pris)"
    assert os_reason(OSError(errno.ENOENT, "No such file")) == "No such file or directory"
