"""Several operations on the command line: --data repeated or a directory; export and check."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.synthetic import write_operations
from tests.unit.helpers import document, run_cli, state
from tui.cli.common import dataset_paths
from tui.cli.main import EXIT_INVALID, EXIT_OK, main
from tui.dataset.resources import bundled_dataset

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two synthetic operations, Alpha and Bravo, in their own directory."""
    folder = tmp_path / "ops"
    folder.mkdir()
    return write_operations(folder)


def test_paths_default_to_the_bundled_dataset() -> None:
    """No --data: the bundled dataset alone."""
    assert dataset_paths(None) == [str(bundled_dataset())]


def test_a_directory_stands_for_its_toml_files_sorted(tmp_path: Path) -> None:
    """*.toml only, by name; files and directories mix, in the order given."""
    folder = tmp_path / "ops"
    folder.mkdir()
    for name in ("b.toml", "a.toml", "notes.txt"):
        (folder / name).write_text("", encoding="utf-8")
    single = tmp_path / "single.toml"
    assert dataset_paths([str(single), str(folder)]) == [
        str(single),
        str(folder / "a.toml"),
        str(folder / "b.toml"),
    ]


def test_an_empty_directory_is_an_error_not_silence(tmp_path: Path) -> None:
    """Loading it says it is a directory (no dataset in it), exit 1."""
    result = run_cli("export", "--data", str(tmp_path), "--format", "csv")
    assert result.returncode == EXIT_INVALID
    assert result.stderr.strip() == f"{tmp_path}: is a directory, not a dataset file"
    assert result.stdout == ""


def test_export_csv_of_two_operations(pair: tuple[Path, Path], capsys: Capsys) -> None:
    """A leading operation column; every state of both, in order."""
    alpha, bravo = pair
    assert main(["export", "--data", str(alpha), "--data", str(bravo), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:3] == ["operation", "code", "state"]
    assert rows[0][6] == "arrests"
    assert [(r[0], r[1], r[6]) for r in rows[1:]] == [
        ("Operation Alpha", "KS", "5"),
        ("Operation Alpha", "MO", ""),
        ("Operation Alpha", "CO", "4"),
        ("Operation Bravo", "MO", "1"),
        ("Operation Bravo", "AR", "2"),
    ]


def test_export_json_of_a_directory(pair: tuple[Path, Path], capsys: Capsys) -> None:
    """One document: each operation's full single-operation document, in name order."""
    folder = pair[0].parent
    assert main(["--data", str(folder), "export", "--format", "json"]) == EXIT_OK
    doc = json.loads(capsys.readouterr().out)
    ops = doc["operations"]
    assert [o["operation"]["name"] for o in ops] == ["Operation Alpha", "Operation Bravo"]
    assert [s["code"] for s in ops[1]["states"]] == ["MO", "AR"]
    assert ops[1]["totals"]["arrests"]["total"] == 3


def test_export_markdown_of_two_operations(pair: tuple[Path, Path], capsys: Capsys) -> None:
    """Both reports, one after the other."""
    alpha, bravo = pair
    args = ["export", "--data", str(alpha), "--data", str(bravo), "--format", "markdown"]
    assert main(args) == EXIT_OK
    out = capsys.readouterr().out
    assert out.index("Operation Alpha") < out.index("\n---\n") < out.index("Operation Bravo")


def test_export_of_several_to_a_file(
    pair: tuple[Path, Path], tmp_path: Path, capsys: Capsys
) -> None:
    """-o writes them all at once; the message counts every state."""
    alpha, bravo = pair
    target = tmp_path / "both.json"
    args = ["export", "--data", str(alpha), "--data", str(bravo), "-f", "json", "-o", str(target)]
    assert main(args) == EXIT_OK
    assert "(5 states, json)" in capsys.readouterr().err
    assert len(json.loads(target.read_text(encoding="utf-8"))["operations"]) == 2


def test_one_invalid_file_among_several_stops_everything(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    """Export and the explorer print every error of every file and exit 1."""
    bad = tmp_path / "bad.toml"
    bad.write_text(document(state(arrests="-1")), encoding="utf-8")
    alpha, _ = pair
    exported = run_cli("export", "--data", str(alpha), "--data", str(bad), "--format", "csv")
    assert exported.returncode == EXIT_INVALID and exported.stdout == ""
    assert "states[KY].arrests: must not be negative" in exported.stderr
    explorer = run_cli("--data", str(alpha), "--data", str(bad))
    assert explorer.returncode == EXIT_INVALID
    assert "states[KY].arrests: must not be negative" in explorer.stderr
    assert "\x1b[" not in explorer.stdout  # nothing drawn


def test_check_json_of_a_valid_and_an_invalid_operation(
    pair: tuple[Path, Path], tmp_path: Path, capsys: Capsys
) -> None:
    """check takes several files; JSON lists each with its diagnostics."""
    bad = tmp_path / "bad.toml"
    bad.write_text(document(state(arrests="-1")), encoding="utf-8")
    status = main(["check", "--format", "json", str(pair[0]), str(bad)])
    doc = json.loads(capsys.readouterr().out)
    assert status == EXIT_INVALID
    assert [(f["operation"], f["valid"]) for f in doc["files"]] == [
        ("Operation Alpha", True),
        (None, False),
    ]
    assert {d["file"] for d in doc["diagnostics"]} == {str(bad)}
