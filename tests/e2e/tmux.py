"""Drive the installed ``unitedfront-tui`` in real terminals: tmux panes, ptys and ``script``.

Shared by the end-to-end and reliability tests. Every tmux server runs on its own socket
(``tmux -L NAME``), so tests never touch anyone's sessions, and is killed on exit.
"""

from __future__ import annotations

import os
import pty
import re
import select
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

import pytest

COMMAND = Path(sys.prefix) / "bin" / "unitedfront-tui"
"""The installed console script (``make test`` installs the project into ``.venv`` first)."""

TIMEOUT = 30.0
"""Seconds to wait for a screen or an exit before failing with what the screen shows."""

REACTION = 1.0
"""Seconds the app may take to show a first effect of keys before :meth:`Tmux.settle` takes
an unchanged screen for settled (a key that changes nothing costs this much)."""

TMUX_CONF = """\
set -g remain-on-exit on
set -g default-terminal tmux-256color
set -g history-limit 2000
set -g status off
set -sg escape-time 10
"""
"""A private tmux config: dead panes stay (so their exit status can be read), no status line."""

MODES = {
    "alternate screen": (b"\x1b[?1049h", b"\x1b[?1049l"),
    "mouse reporting (1000)": (b"\x1b[?1000h", b"\x1b[?1000l"),
    "mouse reporting (1003)": (b"\x1b[?1003h", b"\x1b[?1003l"),
    "mouse reporting (1006)": (b"\x1b[?1006h", b"\x1b[?1006l"),
    "mouse reporting (1015)": (b"\x1b[?1015h", b"\x1b[?1015l"),
    "bracketed paste": (b"\x1b[?2004h", b"\x1b[?2004l"),
    "focus reporting": (b"\x1b[?1004h", b"\x1b[?1004l"),
    "hidden cursor": (b"\x1b[?25l", b"\x1b[?25h"),
    "no line wrap": (b"\x1b[?7l", b"\x1b[?7h"),
}
"""Terminal modes an app may set: (set, reset). Each set must be followed by its reset."""

EXIT_PREFIX = "uft-exit-status="
EXIT_MARK = re.compile(EXIT_PREFIX + r"(\d+)")

_SCRIPT_HEADER = re.compile(rb"\AScript started on [^\n]*\n")
_SCRIPT_FOOTER = re.compile(rb"\n?Script done on [^\n]*\n?\Z")


def require(*tools: str) -> None:
    """Skip, loudly, when a tool the test needs is not installed (``.ci/run`` installs them)."""
    missing = [t for t in tools if shutil.which(t) is None and not Path(t).exists()]
    if missing:
        reason = (
            f"NOT TESTED: {', '.join(missing)} not installed; run .ci/run (it installs them) "
            "to run this end-to-end test"
        )
        warnings.warn(reason, stacklevel=2)
        pytest.skip(reason)


def command_line(argv: Sequence[str], env: Mapping[str, str] | None = None) -> str:
    """A shell command running ``argv`` with ``env`` set (an empty value unsets the variable).

    COLUMNS and LINES are unset unless given: they override the terminal's real size.
    """
    items = {"COLUMNS": "", "LINES": "", **(env or {})}.items()
    unset = [word for key, value in items if value == "" for word in ("-u", key)]
    assign = [f"{key}={value}" for key, value in items if value != ""]
    return shlex.join(["env", *unset, *assign, *argv])


def recorded(argv: Sequence[str], log: Path) -> list[str]:
    """Wrap ``argv`` in ``script`` so every byte it writes to the terminal lands in ``log``."""
    return ["script", "--quiet", "--return", "--flush", "--command", shlex.join(argv), str(log)]


def terminal_bytes(log: Path) -> bytes:
    """The bytes a program wrote to its terminal, from a ``script`` log (header removed)."""
    data = log.read_bytes()
    data = _SCRIPT_HEADER.sub(b"", data, count=1)
    return _SCRIPT_FOOTER.sub(b"", data, count=1)


def unrestored_modes(raw: bytes) -> list[str]:
    """Terminal modes set in ``raw`` and not reset after the last time they were set."""
    left = []
    for name, (on, off) in MODES.items():
        last_on = raw.rfind(on)
        if last_on >= 0 and raw.rfind(off) < last_on:
            left.append(name)
    return left


class Tmux:
    """One private tmux server with one session, ``main``, running one command."""

    def __init__(self, workdir: Path) -> None:
        self.socket = f"uft-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.config = workdir / f"{self.socket}.conf"
        self.config.write_text(TMUX_CONF)
        tmpdir = Path(os.environ.get("TMUX_TMPDIR") or "/tmp")
        self.socket_path = tmpdir / f"tmux-{os.getuid()}" / self.socket
        """Where the server listens (removed on close: tmux may leave it behind)."""
        self.sent_over: str | None = None
        """The screen keys were last sent over, until :meth:`settle` has seen it change."""

    def __enter__(self) -> Tmux:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def tmux(self, *args: str) -> str:
        """Run a tmux command on this server; return its standard output."""
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", str(self.config), *args],
            capture_output=True,
            text=True,
            timeout=15,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def start(
        self,
        argv: Sequence[str],
        size: tuple[int, int] = (80, 24),
        env: Mapping[str, str] | None = None,
    ) -> None:
        """Start ``argv`` in a detached session of ``size`` columns and lines."""
        width, height = size
        # The wrapper prints the exit status; the pane stays (remain-on-exit) to be read.
        wrapped = f'{command_line(argv, env)}; echo "{EXIT_PREFIX}$?"'
        self.tmux(
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            str(width),
            "-y",
            str(height),
            wrapped,
        )

    def screen(self) -> str:
        """The visible text of the pane, one line per row."""
        return self.tmux("capture-pane", "-p", "-t", "main")

    def history(self) -> str:
        """Everything the pane printed, scrollback included (a traceback may be long)."""
        return self.tmux("capture-pane", "-p", "-J", "-S", "-", "-E", "-", "-t", "main")

    def wait(self, predicate: Callable[[str], bool], what: str, timeout: float = TIMEOUT) -> str:
        """Poll the screen until ``predicate`` holds; fail showing the screen otherwise."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                return screen
            if self.exited() is not None and not predicate(screen):
                break
            time.sleep(0.1)
        raise AssertionError(f"gave up waiting for {what}; the screen shows:\n{screen}")

    def settle(self, timeout: float = TIMEOUT) -> str:
        """Wait until the screen stops changing (two captures 0.2s apart agree); return it.

        After keys, it first waits up to :data:`REACTION` for the screen to change: on a loaded
        machine the app may take longer than 0.2 s to draw anything, and two captures of the
        screen from before the keys would agree.
        """
        if self.sent_over is not None:
            reaction = time.monotonic() + REACTION
            while time.monotonic() < reaction and self.screen() == self.sent_over:
                time.sleep(0.05)
            self.sent_over = None
        deadline = time.monotonic() + timeout
        last = self.screen()
        while time.monotonic() < deadline:
            time.sleep(0.2)
            screen = self.screen()
            if screen == last:
                return screen
            last = screen
        raise AssertionError(f"the screen kept changing for {timeout}s:\n{last}")

    def wait_for(self, text: str, timeout: float = TIMEOUT) -> str:
        """Poll the screen until ``text`` appears on it."""
        return self.wait(lambda screen: text in screen, repr(text), timeout)

    def wait_gone(self, text: str, timeout: float = TIMEOUT) -> str:
        """Poll the screen until ``text`` is no longer on it."""
        return self.wait(lambda screen: text not in screen, f"{text!r} to go", timeout)

    def send(self, *args: str) -> None:
        """``tmux send-keys`` to the pane with ``args``, remembering the screen it went over."""
        self.sent_over = self.screen()
        self.tmux("send-keys", "-t", "main", *args)

    def keys(self, *keys: str) -> None:
        """Send tmux key names (``Down``, ``Enter``, ``q``...)."""
        self.send(*keys)

    def type(self, text: str) -> None:
        """Type ``text`` literally."""
        self.send("-l", text)

    def resize(self, width: int, height: int) -> None:
        """Resize the window, as a user dragging their terminal would."""
        self.tmux("resize-window", "-t", "main", "-x", str(width), "-y", str(height))

    def exited(self) -> int | None:
        """The command's exit status once it has ended, else None.

        Read from the line the wrapper prints (tmux 3.3 does not always fill in
        ``pane_dead_status``); -255 when the pane died without printing it.
        """
        dead = self.tmux("display-message", "-p", "-t", "main", "#{pane_dead}").strip()
        if dead != "1":
            return None
        found = EXIT_MARK.findall(self.history())
        return int(found[-1]) if found else -255

    def wait_exit(self, timeout: float = TIMEOUT) -> int:
        """Wait for the command to end; return its exit status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.exited()
            if status is not None:
                return status
            time.sleep(0.1)
        raise AssertionError(f"still running after {timeout}s; the screen shows:\n{self.screen()}")

    def close(self) -> None:
        """Kill this tmux server and everything running in it; remove its config."""
        panes = subprocess.run(
            ["tmux", "-L", self.socket, "list-panes", "-a", "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
            timeout=15,
            check=False,
        ).stdout.split()
        subprocess.run(
            ["tmux", "-L", self.socket, "kill-server"],
            capture_output=True,
            timeout=15,
            check=False,
        )
        # `script` ignores the hangup tmux sends and would keep the app alive after the test.
        for pane in panes:
            if pane.isdigit():
                kill_tree(int(pane))
        self.config.unlink(missing_ok=True)
        self.socket_path.unlink(missing_ok=True)


def _descendants(pid: int) -> list[int]:
    """``pid``'s children, grandchildren... (Linux /proc), deepest last."""
    found: list[int] = []
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return found
    for child in map(int, children):
        found.append(child)
        found += _descendants(child)
    return found


def _running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def kill_tree(pid: int) -> None:
    """Terminate ``pid`` and its descendants; kill whatever is still there a moment later."""
    victims = [pid, *_descendants(pid)]
    for sig in (signal.SIGTERM, signal.SIGKILL):
        alive = [v for v in victims if _running(v)]
        if not alive:
            return
        for victim in alive:
            try:
                os.kill(victim, sig)
            except (ProcessLookupError, PermissionError):
                continue
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline and any(_running(v) for v in alive):
            time.sleep(0.02)


@contextmanager
def tmux_session(workdir: Path) -> Iterator[Tmux]:
    """A private tmux server, killed when the block ends (even on failure)."""
    require("tmux")
    with Tmux(workdir) as session:
        yield session


def run_in_pty(
    argv: Sequence[str],
    env: Mapping[str, str] | None = None,
    stdout_pipe: bool = False,
    timeout: float = TIMEOUT,
    stdin_null: bool = False,
) -> tuple[int, bytes, bytes]:
    """Run ``argv`` with a pty as its terminal; return (status, terminal bytes, piped stdout).

    With ``stdout_pipe`` its standard output is a pipe (as in ``unitedfront-tui | cat``) and
    only standard input and error are the terminal; with ``stdin_null`` standard input is
    /dev/null (as under cron or ``ssh host cmd`` without -t).
    """
    master, slave = pty.openpty()
    full_env = {**os.environ, **(env or {})}
    for key in [k for k, v in full_env.items() if v == ""]:
        del full_env[key]
    try:
        proc = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL if stdin_null else slave,
            stdout=subprocess.PIPE if stdout_pipe else slave,
            stderr=slave,
            env=full_env,
            start_new_session=True,
        )
    finally:
        os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            if time.monotonic() > deadline:
                proc.kill()
                raise AssertionError(f"{argv} did not end within {timeout}s")
            ready, _, _ = select.select([master], [], [], 0.2)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        piped = proc.stdout.read() if proc.stdout is not None else b""
        status = proc.wait(timeout=timeout)
    finally:
        if proc.stdout is not None:
            proc.stdout.close()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    return status, b"".join(chunks), piped


def explorer_pid(pane: Tmux) -> int:
    """The explorer's process in the pane (under the shell that prints its exit status)."""
    shell = int(pane.tmux("display-message", "-p", "-t", "main", "#{pane_pid}").strip())
    for pid in _descendants(shell):
        if str(COMMAND).encode() in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0"):
            return pid
    raise AssertionError("the explorer is not running in the pane")


def modes(pane: Tmux) -> str:
    """Alternate screen, any mouse mode, cursor shown: ``0 0 1`` is a terminal given back."""
    return pane.tmux(
        "display-message", "-p", "-t", "main", "#{alternate_on} #{mouse_any_flag} #{cursor_flag}"
    ).strip()
