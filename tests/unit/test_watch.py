"""The pure watcher: when a dataset file has a new, complete version, and reading it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.unit.helpers import document, state
from tests.unit.test_import_hygiene import imported_textual
from tui.dataset.watch import FileWatcher, signature

VALID = document(state(arrests="2"))
BROKEN = document(state(arrests="-2"))


def save_atomically(path: Path, text: str) -> None:
    """Save the way most editors do: a temporary file renamed over the old one."""
    tmp = path.with_name(f".{path.name}.swp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


@pytest.fixture
def target(tmp_path: Path) -> Path:
    """A valid dataset file."""
    path = tmp_path / "op.toml"
    path.write_text(VALID, encoding="utf-8")
    return path


def test_the_watcher_does_not_import_textual() -> None:
    """The watch logic is UI-free."""
    assert imported_textual("tui.dataset.watch") == "-"


def test_no_change_no_reload(target: Path) -> None:
    """Polling an untouched file never asks for a read."""
    watcher = FileWatcher(str(target))
    assert [watcher.poll() for _ in range(5)] == [False] * 5


def test_an_atomic_save_is_read_once_it_has_settled(target: Path) -> None:
    """The poll that first sees a change waits; the next one, unchanged, says read."""
    watcher = FileWatcher(str(target))
    save_atomically(target, document(state(arrests="5")))
    assert watcher.poll() is False
    assert watcher.poll() is True
    result = watcher.read()
    assert result is not None and result.dataset is not None
    assert result.dataset.states[0].arrests == 5
    assert watcher.poll() is False  # that version is now the one seen


def test_a_save_still_in_progress_is_not_read(target: Path) -> None:
    """A file that changes between polls (an editor writing in chunks) keeps waiting."""
    watcher = FileWatcher(str(target))
    with target.open("a", encoding="utf-8") as handle:
        handle.write("\n# part one\n")
        handle.flush()
        assert watcher.poll() is False
        handle.write("# part two, still writing\n")
        handle.flush()
        assert watcher.poll() is False
    assert watcher.poll() is True


def test_a_broken_save_gives_located_problems_then_a_fix_gives_data(target: Path) -> None:
    """The invalid version's errors carry file and line; the fixed one loads."""
    watcher = FileWatcher(str(target))
    save_atomically(target, BROKEN)
    watcher.poll()
    assert watcher.poll()
    broken = watcher.read()
    assert broken is not None and broken.dataset is None
    (problem,) = broken.problems
    assert problem.file == str(target) and problem.line and problem.field == "states[KY].arrests"
    assert watcher.poll() is False  # the broken version is not read again and again
    save_atomically(target, VALID)
    watcher.poll()
    assert watcher.poll()
    fixed = watcher.read()
    assert fixed is not None and fixed.dataset is not None and fixed.problems == ()


def test_a_deleted_file_is_a_problem_and_its_return_a_change(target: Path) -> None:
    """Deleting the file reports it; putting it back is read again."""
    watcher = FileWatcher(str(target))
    target.unlink()
    watcher.poll()
    assert watcher.poll()
    gone = watcher.read()
    assert gone is not None and gone.dataset is None
    assert gone.problems[0].message == "no such file"
    target.write_text(VALID, encoding="utf-8")
    watcher.poll()
    assert watcher.poll()
    back = watcher.read()
    assert back is not None and back.dataset is not None


def test_a_change_during_the_read_is_not_trusted(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the file changes while it is read, the read is dropped and the next polls retry."""
    watcher = FileWatcher(str(target))
    save_atomically(target, document(state(arrests="7")))
    watcher.poll()
    assert watcher.poll()
    import tui.dataset.watch
    from tui.dataset import load as real_load

    def load_then_save(path: str) -> object:
        loaded = real_load(path)
        save_atomically(target, document(state(arrests="8")))
        return loaded

    monkeypatch.setattr(tui.dataset.watch, "load", load_then_save)
    assert watcher.read() is None
    monkeypatch.setattr(tui.dataset.watch, "load", real_load)
    watcher.poll()
    assert watcher.poll()
    result = watcher.read()
    assert result is not None and result.dataset is not None
    assert result.dataset.states[0].arrests == 8


def test_the_watcher_never_writes(target: Path) -> None:
    """Reading leaves the file's bytes and signature as they were."""
    before = (target.read_bytes(), signature(str(target)))
    watcher = FileWatcher(str(target))
    save_atomically(target, VALID)
    expected = (target.read_bytes(), signature(str(target)))
    watcher.poll()
    watcher.poll()
    watcher.read()
    assert (target.read_bytes(), signature(str(target))) == expected
    assert before[0] == expected[0]
