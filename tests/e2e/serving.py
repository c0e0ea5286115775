"""Run the installed ``unitedfront-tui serve`` for a test, and stop it as a user would (Ctrl+C)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tests.e2e.tmux import COMMAND
from tests.unit.helpers import REPO

READY = "Serving the explorer on "
"""The line ``serve`` prints once it listens."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (the sessions of a server)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: fields follow the last ")".
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Served:
    """A running server: its process, port and base URL."""

    def __init__(self, process: subprocess.Popen[str], port: int) -> None:
        self.process = process
        self.port = port
        self.url = f"http://127.0.0.1:{port}/"
        self.lines: list[str] = []
        """Everything the server printed, read by a thread as it comes."""
        self.ready = threading.Event()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)
            if line.startswith(READY):
                self.ready.set()
        self.ready.set()

    def sessions(self) -> list[int]:
        """The pids of the live session processes."""
        return [pid for pid in children(self.process.pid) if alive(pid)]

    def wait_sessions(self, count: int, timeout: float = 30.0) -> list[int]:
        """Wait until exactly ``count`` sessions run; return their pids."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.sessions()
            if len(found) == count:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} sessions, found {len(found)}")
            time.sleep(0.1)

    def interrupt(self, timeout: float = 30.0) -> tuple[int, str]:
        """Ctrl+C: return the exit status and what the server printed after its banner.

        As a terminal does, the signal goes to the whole process group: sessions included.
        """
        os.killpg(self.process.pid, signal.SIGINT)
        status = self.process.wait(timeout)
        self.reader.join(timeout)
        start = next(i for i, line in enumerate(self.lines) if line.startswith(READY))
        return status, "".join(self.lines[start + 1 :])


@contextmanager
def serving(
    args: Sequence[str] = (),
    session: str | None = None,
    timeout: float = 30.0,
    cwd: Path | None = None,
) -> Iterator[Served]:
    """``unitedfront-tui serve --port FREE ARGS``, ready to take requests.

    With ``session`` (a shell command), the same server runs that in each tab instead. The
    server runs in ``cwd`` (the repository by default): a test that checks the server writes
    nothing gives it an empty folder.
    """
    port = free_port()
    argv = [str(COMMAND), "serve", "--port", str(port), *args]
    if session is not None:
        code = (
            "import sys; from tui.web.server import ExplorerServer; "
            f"ExplorerServer(sys.argv[1], '127.0.0.1', {port}, 4, True).serve()"
        )
        argv = [sys.executable, "-c", code, session]
    process = subprocess.Popen(
        argv,
        cwd=cwd or REPO,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        # PYTHONPATH: the repository stays importable from any cwd (`session=` runs tests' code).
        env={
            **os.environ,
            "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        },
    )
    served = Served(process, port)
    try:
        served.ready.wait(timeout)
        started = any(line.startswith(READY) for line in served.lines)
        assert started, f"serve did not start: {''.join(served.lines)!r}"
        yield served
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
