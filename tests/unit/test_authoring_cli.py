"""The authoring commands: `new`, `schema` and `check --format json`."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.unit.helpers import document, line_of, state
from tui.cli.main import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main
from tui.dataset import load
from tui.dataset.schema import SCHEMA_PATH

Capsys = pytest.CaptureFixture[str]


def write(tmp_path: Path, name: str, text: str) -> Path:
    """Write a UTF-8 dataset file under ``tmp_path``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def check_json(capsys: Capsys, *paths: Path | str) -> tuple[int, dict[str, Any]]:
    """Run `check --format json` in process; return the status and the parsed document."""
    status = main(["check", "--format", "json", *map(str, paths)])
    out = capsys.readouterr().out
    return status, json.loads(out)


# -- new --------------------------------------------------------------------------------


def test_new_writes_a_skeleton_check_accepts(tmp_path: Path, capsys: Capsys) -> None:
    """The skeleton loads: one placeholder state, every other key commented."""
    target = tmp_path / "op.toml"
    assert main(["new", str(target)]) == EXIT_OK
    assert "wrote" in capsys.readouterr().err
    dataset = load(target)
    assert [s.code for s in dataset.states] == ["XX"]
    text = target.read_text(encoding="utf-8")
    assert "# victims_rescued = 0" in text  # figures are left out: not reported, not 0
    assert main(["check", str(target)]) == EXIT_OK
    assert [p.name for p in tmp_path.iterdir()] == ["op.toml"]  # no temporary file left


def test_new_never_overwrites_without_force(tmp_path: Path, capsys: Capsys) -> None:
    """An existing file is kept as it was; --force replaces it."""
    target = write(tmp_path, "mine.toml", "# my work\n")
    assert main(["new", str(target)]) == EXIT_INVALID
    assert "already exists" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "# my work\n"
    assert main(["new", "--force", str(target)]) == EXIT_OK
    assert "schema_version = 2" in target.read_text(encoding="utf-8")


def test_new_into_a_missing_directory(tmp_path: Path, capsys: Capsys) -> None:
    """A clean one-line error, no traceback."""
    assert main(["new", str(tmp_path / "nope" / "x.toml")]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "does not exist" in err
    assert "Traceback" not in err


def test_new_dash_prints(capsys: Capsys) -> None:
    """`new -` prints the skeleton."""
    assert main(["new", "-"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("# A new unitedfront-tui dataset")


def test_new_needs_a_path(capsys: Capsys) -> None:
    """A usage error, status 2."""
    with pytest.raises(SystemExit) as info:
        main(["new"])
    assert info.value.code == EXIT_USAGE


# -- schema -----------------------------------------------------------------------------


def test_schema_prints_the_shipped_schema(capsys: Capsys) -> None:
    """Byte for byte the file in the package."""
    assert main(["schema"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out == SCHEMA_PATH.read_text(encoding="utf-8")
    assert json.loads(out)["$schema"].endswith("/draft/2020-12/schema")


def test_schema_to_a_file_refuses_to_overwrite(tmp_path: Path, capsys: Capsys) -> None:
    """-o writes atomically and keeps an existing file unless --force."""
    target = tmp_path / "s.json"
    assert main(["schema", "-o", str(target)]) == EXIT_OK
    assert json.loads(target.read_text(encoding="utf-8"))["title"]
    assert main(["schema", "-o", str(target)]) == EXIT_INVALID
    assert "already exists" in capsys.readouterr().err


# -- check --format json ----------------------------------------------------------------


def test_json_diagnostics_of_schema_and_syntax_errors(tmp_path: Path, capsys: Capsys) -> None:
    """Every field of every diagnostic, in file order, with a status of 1."""
    text = document(state(arrests="-1"), state('"MO"', '"Missouri"', arrest="3"))
    bad = write(tmp_path, "bad.toml", text)
    syntax = write(tmp_path, "syntax.toml", "schema_version = 1\nname = = 2\n")
    status, doc = check_json(capsys, bad, syntax)
    assert status == EXIT_INVALID
    assert doc["version"] == 1
    assert [(f["file"], f["valid"], f["errors"]) for f in doc["files"]] == [
        (str(bad), False, 2),
        (str(syntax), False, 1),
    ]
    assert doc["diagnostics"] == [
        {
            "file": str(bad),
            "line": line_of(text, "arrests = -1"),
            "column": None,
            "field": "states[KY].arrests",
            "message": "must not be negative (got -1)",
            "severity": "error",
        },
        {
            "file": str(bad),
            "line": line_of(text, "arrest = 3"),
            "column": None,
            "field": "states[MO].arrest",
            "message": "unknown key 'arrest'; did you mean 'arrests'?",
            "severity": "error",
        },
        {
            "file": str(syntax),
            "line": 2,
            "column": 8,
            "field": None,
            "message": "TOML syntax error: Invalid value",
            "severity": "error",
        },
    ]


def test_json_valid_files_and_warnings(tmp_path: Path, capsys: Capsys) -> None:
    """A valid file whose states miss the source's total: a located warning, status 0."""
    reported = "\n[reported]\narrests = 9\nvictims_rescued = 2\n"
    text = document(reported, state(arrests="8", victims_rescued="2"))
    good = write(tmp_path, "good.toml", text)
    status, doc = check_json(capsys, good)
    assert status == EXIT_OK
    assert doc["files"] == [
        {
            "file": str(good),
            "valid": True,
            "operation": "Operation Test",
            "states": 1,
            "errors": 0,
            "warnings": 1,
            "agreement": {
                "sources": ["source"],
                "main_source": "source",
                "contested": [],
                "sum_checks": [
                    {
                        "source": "source",
                        "figure": "victims_rescued",
                        "states_sum": 2,
                        "reporting": 1,
                        "of": 1,
                        "stated": 2,
                        "status": "match",
                    },
                    {
                        "source": "source",
                        "figure": "arrests",
                        "states_sum": 8,
                        "reporting": 1,
                        "of": 1,
                        "stated": 9,
                        "status": "differs",
                    },
                ],
            },
        }
    ]
    assert doc["diagnostics"] == [
        {
            "file": str(good),
            "line": line_of(text, "arrests = 9"),
            "column": None,
            "field": "reported.arrests",
            "message": "Arrests: the states add up to 8, the source reports 9",
            "severity": "warning",
        }
    ]


def test_json_bundled_dataset_by_default(capsys: Capsys) -> None:
    """No path: the bundled dataset, which reconciles (no warnings)."""
    status, doc = check_json(capsys)
    assert status == EXIT_OK
    (entry,) = doc["files"]
    assert entry["valid"] and entry["states"] == 12 and entry["operation"]
    assert doc["diagnostics"] == []


def test_json_file_level_error_and_hostile_names(tmp_path: Path, capsys: Capsys) -> None:
    """A missing file has neither line nor field; a control character in a name is escaped."""
    missing = tmp_path / "no\x1bfile.toml"
    status, doc = check_json(capsys, missing)
    assert status == EXIT_INVALID
    (diag,) = doc["diagnostics"]
    assert diag["line"] is None and diag["field"] is None
    assert diag["message"] == "no such file"
    assert "\x1b" not in json.dumps(doc, ensure_ascii=False)
    assert "\\x1b" in diag["file"]


def test_json_output_is_valid_even_when_piped_in_a_subprocess(tmp_path: Path) -> None:
    """The installed command's stdout parses as JSON (no stray text mixed in)."""
    from tests.unit.helpers import run_cli

    good = write(tmp_path, "g.toml", document())
    result = run_cli("check", "--format", "json", str(good), str(tmp_path / "none.toml"))
    assert result.returncode == EXIT_INVALID
    assert result.stderr == ""
    doc = json.loads(result.stdout)
    assert [f["valid"] for f in doc["files"]] == [True, False]
    assert os.path.basename(doc["diagnostics"][0]["file"]) == "none.toml"


# -- directories and repeats --------------------------------------------------------------


def test_check_takes_a_directory_like_data(tmp_path: Path, capsys: Capsys) -> None:
    """`check DIR` checks the directory's datasets, as `--data DIR` opens them."""
    write(tmp_path, "a.toml", document(state(arrests="2")))
    write(tmp_path, "b.toml", document(state(arrests="-1")))
    assert main(["check", str(tmp_path)]) == EXIT_INVALID
    captured = capsys.readouterr()
    assert "a.toml: valid" in captured.out
    assert "b.toml:" in captured.err and "arrests" in captured.err


def test_a_dataset_named_twice_counts_once(tmp_path: Path, capsys: Capsys) -> None:
    """The same file twice (or also through its directory) is one operation, not two."""
    path = write(tmp_path, "a.toml", document(state(arrests="2")))
    assert main(["export", "--data", str(path), "--data", str(tmp_path), "-f", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 2  # the header and the one state, without an `operation` column
    assert rows[0].startswith("code,")
