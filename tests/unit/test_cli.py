"""The command line: exit codes, message formats, check summaries and exports."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.helpers import REPO, document, line_of, run_cli, state
from tui import __version__
from tui.cli.main import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main
from tui.dataset import Dataset

FIXED_HEADER = "code,state,victims_rescued,victims_adult,victims_minor,arrests,notes"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SYNTAX_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")
SCHEMA_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+)$")


def write(tmp_path: Path, name: str, text: str) -> Path:
    """Write a UTF-8 dataset file under ``tmp_path``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def valid_file(tmp_path: Path) -> Path:
    """A small valid dataset file."""
    return write(tmp_path, "good.toml", document(state(arrests="2")))


@pytest.fixture
def schema_error_file(tmp_path: Path) -> Path:
    """A dataset with two schema errors."""
    text = document(state(arrests="-1"), state('"MO"', '"Missouri"', arrest="3"))
    return write(tmp_path, "schema.toml", text)


@pytest.fixture
def syntax_error_file(tmp_path: Path) -> Path:
    """A file that is not TOML."""
    return write(tmp_path, "syntax.toml", "schema_version = 1\nname = = 2\n")


# -- check ------------------------------------------------------------------------------------


def test_check_bundled_by_default() -> None:
    """``check`` with no path validates the bundled dataset: summary on stdout, exit 0."""
    result = run_cli("check")
    assert result.returncode == EXIT_OK
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].endswith(
        "operation-united-front.toml: valid — Operation United Front, 12 states"
    )
    assert re.search(
        r"Victims rescued\s+47 \(7 of 12 states report\)\s+reported\s+47", result.stdout
    )
    assert re.search(r"Arrests\s+102 \(12 of 12 states report\)", result.stdout)
    assert "✓ matches the source" in result.stdout
    assert "no per-state figures" in result.stdout


def test_check_from_another_directory(tmp_path: Path) -> None:
    """The bundled dataset is found through the package, not the current directory."""
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == EXIT_OK, result.stderr


def test_check_valid_file(valid_file: Path) -> None:
    """A valid file: exit 0 and a summary naming it."""
    result = run_cli("check", str(valid_file))
    assert result.returncode == EXIT_OK
    assert result.stdout.startswith(f"{valid_file}: valid — Operation Test, 1 state\n")
    assert "Arrests                   2 (1 of 1 state reports)" in result.stdout
    assert "no reported figure" in result.stdout


def test_check_schema_errors_format(schema_error_file: Path) -> None:
    """Schema errors: ``PATH:LINE: field: message`` on stderr, nothing on stdout, exit 1."""
    result = run_cli("check", str(schema_error_file))
    assert result.returncode == EXIT_INVALID
    assert result.stdout == ""
    text = schema_error_file.read_text()
    lines = result.stderr.splitlines()
    assert lines == [
        f"{schema_error_file}:{line_of(text, 'arrests = -1')}: states[KY].arrests: "
        "must not be negative (got -1)",
        f"{schema_error_file}:{line_of(text, 'arrest = 3')}: states[MO].arrest: "
        "unknown key 'arrest'; did you mean 'arrests'?",
    ]
    assert all(SCHEMA_LINE.match(line) for line in lines)


def test_check_syntax_error_format(syntax_error_file: Path) -> None:
    """Syntax errors: ``PATH:LINE:COL: message``, exit 1."""
    result = run_cli("check", str(syntax_error_file))
    assert result.returncode == EXIT_INVALID
    (line,) = result.stderr.splitlines()
    match = SYNTAX_LINE.match(line)
    assert match is not None
    assert (match["path"], match["line"], match["col"]) == (str(syntax_error_file), "2", "8")
    assert match["message"].startswith("TOML syntax error: ")


def test_check_several_files_reports_every_error_of_every_file(
    valid_file: Path, schema_error_file: Path, syntax_error_file: Path, tmp_path: Path
) -> None:
    """One call over several files: summaries for the valid, all errors of the others, exit 1."""
    missing = tmp_path / "missing.toml"
    result = run_cli(
        "check", str(schema_error_file), str(valid_file), str(syntax_error_file), str(missing)
    )
    assert result.returncode == EXIT_INVALID
    assert result.stdout.startswith(f"{valid_file}: valid")
    files = [line.split(":", 1)[0] for line in result.stderr.splitlines()]
    assert files == [str(schema_error_file)] * 2 + [str(syntax_error_file), str(missing)]
    assert result.stderr.splitlines()[-1] == f"{missing}: no such file"


def test_check_all_valid_files_exit_zero(valid_file: Path) -> None:
    """Several valid files: a summary each, exit 0 (a file named twice is checked once)."""
    other = valid_file.with_name("other.toml")
    other.write_bytes(valid_file.read_bytes())
    result = run_cli("check", str(valid_file), str(other), str(valid_file))
    assert result.returncode == EXIT_OK
    assert result.stdout.count(": valid — ") == 2


@pytest.mark.parametrize(
    ("child", "message"),
    [("", "is a directory, not a dataset file"), ("nope.toml", "no such file")],
)
def test_check_file_level_errors(tmp_path: Path, child: str, message: str) -> None:
    """File-level failures are one line, ``PATH: message``, exit 1."""
    target = tmp_path / child if child else tmp_path
    result = run_cli("check", str(target))
    assert result.returncode == EXIT_INVALID
    assert result.stderr == f"{target}: {message}\n"


def test_check_never_echoes_control_characters(tmp_path: Path) -> None:
    """Hostile file names, keys and values are shown escaped, never raw."""
    text = document(
        '\n"evil\\u001b]0;pwned\\u0007key" = 1\n',
        state(name='"K\\u001b[31my"', notes='["\\u202eevil"]'),
    )
    path = write(tmp_path, "bad\x1b[2J\u202ename.toml", text)
    result = run_cli("check", str(path))
    assert result.returncode == EXIT_INVALID
    assert result.stderr.count("\n") == 3
    assert not RAW_CONTROL.search(result.stderr)
    assert "bad\\x1b[2J\\u202ename.toml" in result.stderr
    assert "unknown key 'evil\\x1b]0;pwned\\x07key'" in result.stderr


def test_check_binary_file_is_one_clean_line(tmp_path: Path) -> None:
    """A binary file gives one located line and exit 1."""
    path = tmp_path / "blob.toml"
    path.write_bytes(b"\x1b[31m\x00\x9b\xff")
    result = run_cli("check", str(path))
    assert result.returncode == EXIT_INVALID
    assert result.stderr == f"{path}:1:6: is not a text file (NUL byte)\n"


def test_check_output_survives_an_ascii_terminal() -> None:
    """With an ASCII-only stdout, the summary is backslash-escaped, not a crash."""
    result = run_cli("check", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == EXIT_OK, result.stderr
    assert "\\u2014" in result.stdout
    assert result.stdout.isascii()


# -- usage, version ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["bogus"],
        ["--bogus"],
        ["export"],
        ["export", "--format", "xml"],
        ["check", "--bogus"],
        ["export", "--format", "csv", "extra"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    """Bad commands, options and arguments: usage on stderr, exit 2, no traceback."""
    result = run_cli(*args)
    assert result.returncode == EXIT_USAGE
    assert "usage: unitedfront-tui" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_version() -> None:
    """``--version`` prints the program name and version, exit 0."""
    result = run_cli("--version")
    assert result.returncode == EXIT_OK
    assert result.stdout == f"unitedfront-tui {__version__}\n"


def test_help_lists_the_commands() -> None:
    """``--help`` names both commands and exits 0."""
    result = run_cli("--help")
    assert result.returncode == EXIT_OK
    assert "check" in result.stdout
    assert "export" in result.stdout


def test_explorer_refuses_a_bad_dataset_before_drawing(schema_error_file: Path) -> None:
    """``--data BAD`` prints the errors and exits 1 without starting the explorer."""
    result = run_cli("--data", str(schema_error_file))
    assert result.returncode == EXIT_INVALID
    assert result.stderr.startswith(f"{schema_error_file}:")
    assert "\x1b" not in result.stdout


# -- export -----------------------------------------------------------------------------------


def test_export_csv_to_stdout(dataset: Dataset) -> None:
    """CSV on stdout: the fixed header, one row per state, Kentucky's derived 23."""
    result = run_cli("export", "--format", "csv")
    assert result.returncode == EXIT_OK
    assert result.stderr == ""
    assert result.stdout.startswith(FIXED_HEADER)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["code"] for r in rows] == [s.code for s in dataset.states]
    kentucky = next(r for r in rows if r["code"] == "KY")
    assert kentucky["victims_rescued"] == "23"
    nebraska = next(r for r in rows if r["code"] == "NE")
    assert nebraska["victims_rescued"] == ""
    iowa = next(r for r in rows if r["code"] == "IA")
    assert iowa["notes"] == " · ".join(next(s for s in dataset.states if s.code == "IA").notes)


def test_export_json_to_stdout(dataset: Dataset) -> None:
    """JSON on stdout parses, with the same figures as the model."""
    result = run_cli("export", "-f", "json")
    assert result.returncode == EXIT_OK
    doc = json.loads(result.stdout)
    assert [(s["code"], s["arrests"]) for s in doc["states"]] == [
        (s.code, s.arrests) for s in dataset.states
    ]
    assert doc["totals"]["arrests"] == {"total": 102, "reporting": 12}


def test_export_markdown_to_stdout() -> None:
    """Markdown on stdout is the readable report."""
    result = run_cli("export", "--format", "markdown")
    assert result.returncode == EXIT_OK
    assert result.stdout.startswith("# Operation United Front")
    assert "| KY | Kentucky | 23 (sum) |" in result.stdout


def test_export_is_utf8_whatever_the_locale() -> None:
    """An ASCII locale does not break (or mangle) an export: it is UTF-8 data."""
    result = run_cli("export", "--format", "markdown", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == EXIT_OK, result.stderr
    assert "États-Unis" in result.stdout


@pytest.mark.parametrize("where", ["sub", "top"])
def test_export_data_flag(valid_file: Path, where: str) -> None:
    """``--data`` works after ``export`` and before it."""
    args = ["export", "--data", str(valid_file), "--format", "csv"]
    if where == "top":
        args = ["--data", str(valid_file), "export", "--format", "csv"]
    result = run_cli(*args)
    assert result.returncode == EXIT_OK
    assert result.stdout.splitlines()[1].startswith("KY,Kentucky,,,,2,")


def test_export_invalid_dataset(schema_error_file: Path) -> None:
    """Exporting an invalid dataset: its errors, nothing on stdout, exit 1."""
    result = run_cli("export", "--data", str(schema_error_file), "--format", "json")
    assert result.returncode == EXIT_INVALID
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 2


def test_export_to_file(tmp_path: Path) -> None:
    """``-o FILE`` writes the same bytes as stdout, says so on stderr, leaves no temp file."""
    target = tmp_path / "out.csv"
    result = run_cli("export", "--format", "csv", "-o", str(target))
    assert result.returncode == EXIT_OK
    assert result.stdout == ""
    assert result.stderr == f"wrote {target} (12 states, csv)\n"
    assert target.read_text(encoding="utf-8") == run_cli("export", "--format", "csv").stdout
    assert os.listdir(tmp_path) == ["out.csv"]


def test_export_refuses_to_overwrite(tmp_path: Path) -> None:
    """An existing file is kept unless ``--force``; the message says how to overwrite."""
    target = tmp_path / "out.json"
    target.write_text("precious\n")
    result = run_cli("export", "--format", "json", "-o", str(target))
    assert result.returncode == EXIT_INVALID
    assert "already exists (use --force to overwrite)" in result.stderr
    assert target.read_text() == "precious\n"
    assert os.listdir(tmp_path) == ["out.json"]


def test_export_force_overwrites(tmp_path: Path) -> None:
    """``--force`` replaces an existing file, leaving no temporary file."""
    target = tmp_path / "out.json"
    target.write_text("old\n")
    result = run_cli("export", "--format", "json", "-o", str(target), "--force")
    assert result.returncode == EXIT_OK
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == 1
    assert os.listdir(tmp_path) == ["out.json"]


def test_export_into_a_missing_directory(tmp_path: Path) -> None:
    """A missing directory is one clear line and exit 1; nothing is created."""
    target = tmp_path / "no" / "such" / "out.csv"
    result = run_cli("export", "--format", "csv", "-o", str(target))
    assert result.returncode == EXIT_INVALID
    assert result.stderr == (
        f"unitedfront-tui: {target}: directory {target.parent} does not exist\n"
    )
    assert os.listdir(tmp_path) == []


def test_export_onto_a_directory(tmp_path: Path) -> None:
    """``-o DIR`` is refused."""
    result = run_cli("export", "--format", "csv", "-o", str(tmp_path), "--force")
    assert result.returncode == EXIT_INVALID
    assert "is a directory" in result.stderr
    assert os.listdir(tmp_path) == []


# -- in-process -------------------------------------------------------------------------------


def test_main_in_process(capsys: pytest.CaptureFixture[str], valid_file: Path) -> None:
    """``main()`` returns the exit code rather than exiting."""
    assert main(["check", str(valid_file)]) == EXIT_OK
    out, err = capsys.readouterr()
    assert out.startswith(f"{valid_file}: valid")
    assert err == ""


def test_main_usage_error_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    """Usage errors raise SystemExit(2) from argparse."""
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "yaml"])
    assert info.value.code == EXIT_USAGE
    assert "invalid choice: 'yaml'" in capsys.readouterr().err


def test_repository_layout() -> None:
    """The tests run from the repository that holds the bundled dataset."""
    assert (REPO / "data" / "operation-united-front.toml").is_file()


def run_with_closed_stdout(*args: str) -> tuple[int, str]:
    """Run the command with stdout a pipe whose reader has already gone (``cmd | true``)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "tui", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    return proc.returncode, proc.stderr


def test_check_keeps_its_status_when_the_reader_leaves(
    valid_file: Path, schema_error_file: Path
) -> None:
    """``check good bad | head``: still exit 1, still every error on stderr, no traceback."""
    code, err = run_with_closed_stdout("check", str(valid_file), str(schema_error_file))
    assert code == EXIT_INVALID
    assert err.count(f"{schema_error_file}:") == 2
    assert "Traceback" not in err
    assert "Exception ignored" not in err


def test_check_valid_with_the_reader_gone_is_still_success(valid_file: Path) -> None:
    """``check good | head``: exit 0, no traceback."""
    code, err = run_with_closed_stdout("check", str(valid_file))
    assert (code, err) == (EXIT_OK, "")


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown"])
def test_export_to_a_reader_that_left(fmt: str) -> None:
    """``export | head``: the reader leaving is not an error, and prints nothing."""
    code, err = run_with_closed_stdout("export", "--format", fmt)
    assert (code, err) == (EXIT_OK, "")


def test_summary_escapes_a_hostile_file_name(tmp_path: Path) -> None:
    """A valid file whose name holds escape sequences is named escaped on stdout too."""
    path = write(tmp_path, "ok\x1b]0;title\x07\u2066.toml", document(state()))
    result = run_cli("check", str(path))
    assert result.returncode == EXIT_OK
    assert not RAW_CONTROL.search(result.stdout)
    assert "ok\\x1b]0;title\\x07\\u2066.toml: valid" in result.stdout


# -- export: format from the extension, CSV formula injection ---------------------------------


@pytest.mark.parametrize(
    ("name", "starts"),
    [("out.csv", "code,state,"), ("out.json", "{"), ("out.md", "# "), ("out.MARKDOWN", "# ")],
)
def test_export_format_from_the_extension(tmp_path: Path, name: str, starts: str) -> None:
    """Without --format, -o's extension decides (csv, json, md, markdown; any case)."""
    target = tmp_path / name
    result = run_cli("export", "-o", str(target))
    assert result.returncode == EXIT_OK, result.stderr
    assert target.read_text(encoding="utf-8").startswith(starts)


def test_export_md_is_accepted_as_a_format() -> None:
    """`--format md` is Markdown."""
    assert run_cli("export", "--format", "md").stdout == run_cli("export", "-f", "markdown").stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--format", "json", "-o", "out.csv"], "contradicts the extension"),
        (["--format", "md", "-o", "out.json"], "contradicts the extension"),
        (["-o", "out.txt"], "cannot tell the format"),
        (["-o", "out"], "cannot tell the format"),
        ([], "give --format"),
        (["--format", "json", "--csv-raw"], "--csv-raw applies to CSV only"),
    ],
)
def test_export_format_usage_errors(tmp_path: Path, args: list[str], needle: str) -> None:
    """A --format that contradicts -o's extension, or no way to tell: usage error, exit 2."""
    result = run_cli("export", *args, cwd=tmp_path)
    assert result.returncode == EXIT_USAGE
    assert "usage: unitedfront-tui export" in result.stderr
    assert needle in result.stderr
    assert os.listdir(tmp_path) == []


def test_export_csv_neutralises_formulas_unless_raw(tmp_path: Path) -> None:
    """The hostile formula file: cells starting = + - @ Tab get a leading ' ; --csv-raw not."""
    hostile = REPO / "tests" / "data" / "hostile" / "formula.toml"
    safe = list(
        csv.DictReader(io.StringIO(run_cli("export", "--data", str(hostile), "-f", "csv").stdout))
    )
    raw_run = run_cli("export", "--data", str(hostile), "-f", "csv", "--csv-raw")
    raw = list(csv.DictReader(io.StringIO(raw_run.stdout)))
    for row in safe:
        for column in ("code", "state", "notes", "quote", "translation"):
            assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), row[column]
    names = {row["state"] for row in safe}
    assert '\'=HYPERLINK("https://evil.example","click")' in names
    assert "'+1+1" in names and "'-2+3" in names and "'@SUM(1,1)" in names
    assert "'-Tab" in names
    assert "'\tTab" in {row["quote"] for row in safe}
    assert {row["state"] for row in raw} == {name[1:] for name in names}
    assert any(row["notes"].startswith("=cmd") for row in raw)
    # JSON and Markdown are unaffected: the text as in the dataset.
    doc = json.loads(run_cli("export", "--data", str(hostile), "-f", "json").stdout)
    assert {s["state"] for s in doc["states"]} == {row["state"] for row in raw}
