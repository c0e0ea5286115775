"""File-level failures of the loader: each is one clear, located line, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.unit.helpers import document, run_cli, state
from tui.dataset import DatasetError, Problem, load
from tui.dataset import loader as loader_module
from tui.dataset.loader import MAX_FILE_BYTES, parse, read_text


def only_problem_of(path: Path | str) -> Problem:
    """The single problem of loading ``path``."""
    with pytest.raises(DatasetError) as info:
        load(path)
    (problem,) = info.value.problems
    assert problem.file == os.fspath(path)
    assert "\n" not in problem.format()
    return problem


def write(tmp_path: Path, data: bytes, name: str = "data.toml") -> Path:
    """Write ``data`` to a file under ``tmp_path``."""
    path = tmp_path / name
    path.write_bytes(data)
    return path


VALID = document(state(arrests="2")).encode()


def test_valid_file_loads(tmp_path: Path) -> None:
    """A valid file loads and remembers its path."""
    path = write(tmp_path, VALID)
    data = load(path)
    assert data.states[0].arrests == 2
    assert data.path == str(path)


def test_missing_file(tmp_path: Path) -> None:
    """A path that does not exist: "no such file", no line."""
    problem = only_problem_of(tmp_path / "nope.toml")
    assert problem.message == "no such file"
    assert problem.line is None
    assert problem.format() == f"{tmp_path / 'nope.toml'}: no such file"


def test_missing_parent_directory(tmp_path: Path) -> None:
    """A path through a missing directory is also "no such file"."""
    assert only_problem_of(tmp_path / "no" / "dir.toml").message == "no such file"


def test_directory(tmp_path: Path) -> None:
    """A directory is refused by name."""
    assert only_problem_of(tmp_path).message == "is a directory, not a dataset file"


def test_path_through_a_file(tmp_path: Path) -> None:
    """A path that treats a file as a directory gives a clean "cannot read"."""
    path = write(tmp_path, VALID)
    problem = only_problem_of(path / "child.toml")
    assert problem.message.startswith("cannot read: ")


def test_fifo_is_not_read(tmp_path: Path) -> None:
    """A named pipe is refused without blocking on it."""
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    assert only_problem_of(fifo).message == "is not a regular file"


def test_device_is_not_read() -> None:
    """A character device is refused."""
    assert only_problem_of("/dev/null").message == "is not a regular file"


def test_nul_in_path() -> None:
    """A path with a NUL character is a clean error, not a ValueError."""
    problem = only_problem_of("bad\x00name.toml")
    assert problem.message.startswith("cannot read: ")
    assert "\x00" not in problem.format()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_by_mode(tmp_path: Path) -> None:
    """A file without read permission: "permission denied"."""
    path = write(tmp_path, VALID)
    path.chmod(0)
    try:
        assert only_problem_of(path).message == "permission denied"
    finally:
        path.chmod(0o644)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening fails with EACCES (simulated, since tests may run as root)."""
    path = write(tmp_path, VALID)

    def refuse(*args: object, **kwargs: object) -> object:
        """Stand-in for open() that always fails as an unreadable file does."""
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(loader_module, "open", refuse, raising=False)
    assert only_problem_of(path).message == "permission denied"


def test_read_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any other OS error while reading gives "cannot read: <reason>"."""
    path = write(tmp_path, VALID)

    def broken(*args: object, **kwargs: object) -> object:
        """Stand-in for open() that fails as a bad disk does."""
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(loader_module, "open", broken, raising=False)
    assert only_problem_of(path).message == "cannot read: Input/output error"


def test_stat_permission_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A path whose directory cannot be searched: "permission denied"."""

    def refuse(path: object) -> object:
        """Stand-in for os.stat that fails with EACCES."""
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "stat", refuse)
    assert only_problem_of(tmp_path / "x.toml").message == "permission denied"


@pytest.mark.parametrize(
    ("data", "line", "column", "byte"),
    [
        (b"\xff\xfe", 1, 1, "0xff"),
        (b"a = 1\nb = '\xe9t\xe9'\n", 2, 6, "0xe9"),
        (b"a = '\xc3\xa9\xc3'\n", 1, 7, "0xc3"),
        (b"# latin-1 caf\xe9\n", 1, 14, "0xe9"),
    ],
)
def test_not_utf8(tmp_path: Path, data: bytes, line: int, column: int, byte: str) -> None:
    """Bytes that are not UTF-8: located at the first bad byte."""
    problem = only_problem_of(write(tmp_path, data))
    assert problem.message == f"is not valid UTF-8 (byte {byte})"
    assert (problem.line, problem.column) == (line, column)


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"\x00", 1, 1),
        (b"a = 1\nb = '\x00'\n", 2, 6),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", 1, 8),
        ("a = 'é'\n".encode("utf-16"), 1, 4),
    ],
)
def test_binary_garbage(tmp_path: Path, data: bytes, line: int, column: int) -> None:
    """A NUL byte means binary (or UTF-16): refused, located."""
    problem = only_problem_of(write(tmp_path, data))
    assert problem.message == "is not a text file (NUL byte)"
    assert (problem.line, problem.column) == (line, column)


def test_random_binary_garbage(tmp_path: Path) -> None:
    """Random bytes give exactly one clean problem."""
    data = bytes((i * 7919 + 13) % 256 for i in range(4096))
    problem = only_problem_of(write(tmp_path, data))
    assert problem.line is not None
    assert problem.column is not None


@pytest.mark.parametrize(
    "data", [b"", b" ", b"\n\n", b" \t\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n"]
)
def test_empty_or_whitespace_only(tmp_path: Path, data: bytes) -> None:
    """An empty file (or only whitespace, or only a BOM) is "empty"."""
    problem = only_problem_of(write(tmp_path, data))
    assert problem.message == "is empty (no TOML in it)"


def test_comment_only_file_is_a_schema_error(tmp_path: Path) -> None:
    """A file with only comments is TOML, so it gets schema errors, not "empty"."""
    with pytest.raises(DatasetError) as info:
        load(write(tmp_path, b"# nothing here\n"))
    fields = [p.field for p in info.value.problems]
    assert "schema_version" in fields
    assert "states" in fields


def test_too_large_sparse_file(tmp_path: Path) -> None:
    """A file over 32 MiB is refused from its size alone (sparse: it costs no disk)."""
    path = tmp_path / "big.toml"
    with open(path, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    problem = only_problem_of(path)
    assert problem.message == "is 32.0 MiB; the limit is 32 MiB"


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    """Exactly 32 MiB is read (and then judged on its content: here, NUL bytes)."""
    path = tmp_path / "limit.toml"
    with open(path, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES)
    problem = only_problem_of(path)
    assert problem.message == "is not a text file (NUL byte)"


def test_file_growing_past_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that is larger when read than when stat'ed is still refused."""
    path = write(tmp_path, b"x" * (2**20 + 1))
    monkeypatch.setattr(loader_module, "MAX_FILE_BYTES", 2**20)
    real_stat = os.stat

    def small_stat(name: str) -> os.stat_result:
        """os.stat that reports a size under the (patched) limit."""
        info = real_stat(name)
        values = list(info)
        values[6] = 8
        return os.stat_result(values)

    monkeypatch.setattr(os, "stat", small_stat)
    assert only_problem_of(path).message == "is larger than the 1 MiB limit"


def test_bom_is_accepted(tmp_path: Path) -> None:
    """A UTF-8 byte order mark is skipped."""
    data = load(write(tmp_path, b"\xef\xbb\xbf" + VALID))
    assert data.states[0].arrests == 2


def test_crlf_is_accepted(tmp_path: Path) -> None:
    """CRLF line endings load, and multi-line strings come out with plain newlines."""
    text = document(state(quote='"""\none\ntwo"""')).replace("\n", "\r\n")
    data = load(write(tmp_path, text.encode()))
    assert data.states[0].quote == "one\ntwo"


def test_crlf_errors_are_on_the_right_line(tmp_path: Path) -> None:
    """Schema errors in a CRLF file are located on the same lines as with LF."""
    text = document(state(arrests="-1"))
    expected = text.split("\n").index("arrests = -1") + 1
    with pytest.raises(DatasetError) as info:
        load(write(tmp_path, text.replace("\n", "\r\n").encode()))
    (problem,) = info.value.problems
    assert problem.line == expected


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a = 1\nb = \n", 2, 5, "TOML syntax error: Invalid value"),
        ("a = 1\na = 2\n", 2, 6, "TOML syntax error: Cannot overwrite a value"),
        ("[t]\nk = 'x\n", 2, 7, "TOML syntax error: Expected"),
        ("a = [1,\n", 1, 8, "TOML syntax error: Invalid value at end of file"),
        ("a = [1,\n\n", 2, 1, "TOML syntax error: Invalid value at end of file"),
        ("a = [", 1, 6, "TOML syntax error: Invalid value at end of file"),
    ],
)
def test_syntax_errors_are_located(text: str, line: int, column: int, message: str) -> None:
    """TOML syntax errors carry the parser's line and column."""
    with pytest.raises(DatasetError) as info:
        parse(text, "x.toml")
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (line, column)
    assert problem.message.startswith(message)
    assert problem.format().startswith(f"x.toml:{line}:{column}: TOML syntax error")


def test_end_of_file_position_ignores_unicode_line_separators() -> None:
    """The end-of-file position counts "\\n" only, as TOML does."""
    with pytest.raises(DatasetError) as info:
        parse("# a\u2028b\nx = [", "x.toml")
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (2, 6)


def test_deep_nesting_is_a_clean_error() -> None:
    """A document nested too deeply for the parser is refused cleanly."""
    with pytest.raises(DatasetError) as info:
        parse("a = " + "[" * 100_000, "deep.toml")
    (problem,) = info.value.problems
    assert problem.file == "deep.toml"
    assert "TOML" in problem.message


def test_read_text_strips_the_bom(tmp_path: Path) -> None:
    """read_text returns the text without its BOM."""
    assert read_text(write(tmp_path, b"\xef\xbb\xbfa = 1\n")) == "a = 1\n"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a = 1\nb = " + "1" * 5000 + "\n", 2, 5),
        ('a = "' + "2" * 5000 + '"\nb = [1, -' + "3" * 5000 + "]\n", 2, 9),
        ("a = { b = " + "4_5" * 3000 + " }\n", 1, 11),
    ],
)
def test_number_with_too_many_digits(text: str, line: int, column: int) -> None:
    """A decimal number too long for int() is a located error, not a ValueError traceback."""
    with pytest.raises(DatasetError) as info:
        parse(text, "x.toml")
    (problem,) = info.value.problems
    assert problem.message == "TOML syntax error: a number has too many digits to read"
    assert (problem.line, problem.column) == (line, column)


def test_number_with_too_many_digits_via_the_command(tmp_path: Path) -> None:
    """End to end: ``check`` on such a file prints one located line and exits 1."""
    path = write(tmp_path, b"schema_version = " + b"9" * 10_000 + b"\n")
    result = run_cli("check", str(path))
    assert result.returncode == 1
    assert result.stderr == (
        f"{path}:1:18: TOML syntax error: a number has too many digits to read\n"
    )
