"""A minimal fake terminal: run a process in a real pty and time its output from outside.

The parent plays the terminal. It answers Textual's query for synchronized output
(``CSI ? 2026 $ p``) as a real terminal would, so that every frame the app draws arrives
bracketed by ``CSI ? 2026 h`` ... ``CSI ? 2026 l``: the end of a frame is then exact. Frames
drawn before the answer is read are not bracketed; startup is timed by waiting for a known
string in the drawn text instead.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import fcntl
import math
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tui.dataset.compat import SLOTS

SYNC_QUERY = b"\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"
SYNC_START = b"\x1b[?2026h"
SYNC_END = b"\x1b[?2026l"
ALT_SCREEN = b"\x1b[?1049h"
_TICKS = os.sysconf("SC_CLK_TCK")

KEYS: dict[str, bytes] = {
    "up": b"\x1b[A",
    "down": b"\x1b[B",
    "right": b"\x1b[C",
    "left": b"\x1b[D",
    "pageup": b"\x1b[5~",
    "pagedown": b"\x1b[6~",
    "home": b"\x1b[H",
    "end": b"\x1b[F",
    "tab": b"\t",
    "shift+tab": b"\x1b[Z",
    "enter": b"\r",
    "backspace": b"\x7f",
    "escape": b"\x1b",
    "ctrl+q": b"\x11",
    "question_mark": b"?",
    "slash": b"/",
}
"""Key names (Textual's) to the bytes an xterm sends; any other single character is sent as
itself."""

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1b[PX^_][^\x1b]*\x1b\\"  # DCS, SOS, PM, APC
    r"|\x1b[ -/]*[0-~]"  # other escapes
)


def strip_escapes(text: str) -> str:
    """Return ``text`` without terminal escape sequences (what a reader would see, in order)."""
    return _ESCAPES.sub("", text)


def key_bytes(key: str) -> bytes:
    """The bytes a terminal sends for ``key`` (a name from :data:`KEYS`, or one character)."""
    if key in KEYS:
        return KEYS[key]
    if len(key) != 1:
        # A name missing here would be typed letter by letter ("right" is r, i, g, h, t).
        raise ValueError(f"no bytes known for the key {key!r}: add it to KEYS")
    return key.encode("utf-8")


class TerminalTimeout(Exception):
    """The process did not draw what was expected in time."""


@dataclass(**SLOTS)
class Press:
    """What followed one key press, timed from the moment its bytes were written."""

    first: float | None
    """Seconds to the end of the first frame (None: no frame before the timeout)."""
    marked: float | None
    """Seconds to the end of the first frame showing an expected string (None: never drawn)."""
    settled: float | None
    """Seconds to the end of the last frame before the output went quiet."""
    frames: int


@dataclass(**SLOTS)
class Exit:
    """How a process ended."""

    status: int
    maxrss_kib: int
    ended: float
    """perf_counter() when it was reaped."""
    cpu: float
    """User and system CPU seconds the process used."""


@dataclass
class PtyProcess:
    """A child process on a pty of ``cols`` x ``rows``, started at ``started`` (perf_counter)."""

    pid: int
    fd: int
    started: float
    raw: bytearray = field(default_factory=bytearray)
    sync: bool = False
    eof: bool = False
    _tail: bytes = b""

    @classmethod
    def spawn(
        cls,
        argv: Sequence[str],
        cols: int = 80,
        rows: int = 24,
        env: dict[str, str] | None = None,
        cwd: str | None = None,
    ) -> PtyProcess:
        """Fork ``argv`` on a new pty (its controlling terminal) and return at once."""
        environment = terminal_env() if env is None else env
        started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become argv
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                if cwd is not None:
                    os.chdir(cwd)
                os.execve(argv[0], list(argv), environment)
            finally:
                os._exit(127)
        os.set_blocking(fd, False)
        return cls(pid, fd, started)

    # -- reading ---------------------------------------------------------------------------

    def _read(self, timeout: float) -> tuple[bytes, float]:
        """Wait up to ``timeout`` for output; return it and when it arrived (b"" on quiet/EOF)."""
        if self.eof:
            time.sleep(min(timeout, 0.01))
            return b"", time.perf_counter()
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0.0))
        if not ready:
            return b"", time.perf_counter()
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError as exc:
            if exc.errno not in (errno.EIO, errno.EBADF):
                raise
            data = b""
        now = time.perf_counter()
        if not data:
            self.eof = True
            return b"", now
        self.raw += data
        seen = self._tail + data
        if SYNC_QUERY in seen:
            self.write(SYNC_REPLY)
        if SYNC_START in seen:
            self.sync = True
        self._tail = seen[-16:]
        return data, now

    def wait_for_text(self, markers: Iterable[str], timeout: float) -> float:
        """Return when (perf_counter) the drawn text first contains one of ``markers``."""
        wanted = tuple(markers)
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        text = decoder.decode(bytes(self.raw))
        deadline = time.perf_counter() + timeout
        while not any(m in strip_escapes(text) for m in wanted):
            if self.eof:
                raise TerminalTimeout(f"process ended before drawing {wanted[0]!r}")
            if time.perf_counter() > deadline:
                raise TerminalTimeout(f"{wanted[0]!r} not drawn within {timeout:.0f} s")
            data, arrived = self._read(deadline - time.perf_counter())
            text += decoder.decode(data)
            if data and any(m in strip_escapes(text) for m in wanted):
                return arrived
        return time.perf_counter()

    def drain(self, quiet: float, limit: float = 10.0) -> None:
        """Read until no output arrives for ``quiet`` seconds (or ``limit`` passes)."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline and not self.eof:
            data, _ = self._read(quiet)
            if not data:
                return

    def press(
        self,
        key: str,
        markers: Iterable[str] = (),
        settle: float = 0.12,
        timeout: float = 30.0,
        grace: float = 2.0,
        quiet_before: float = 0.12,
    ) -> Press:
        """Send ``key`` and time the frames that follow it.

        Output still arriving from earlier keys is read first, until ``quiet_before`` seconds
        pass without any. ``first`` ends with the first complete frame; ``marked`` with the
        first frame in which one of ``markers`` is drawn (waiting up to ``grace`` seconds of
        quiet for it); ``settled`` with the last frame before ``settle`` seconds of quiet.
        """
        self.drain(quiet_before)
        wanted = tuple(markers)
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        text = ""
        sent = time.perf_counter()
        self.write(key_bytes(key))
        deadline = sent + timeout
        first: float | None = None
        marked: float | None = None
        last: float | None = None
        frames = 0
        seen = not wanted
        tail = b""
        while time.perf_counter() < deadline and not self.eof:
            remaining = deadline - time.perf_counter()
            quiet_for = remaining if last is None else settle if seen else grace
            data, arrived = self._read(min(quiet_for, remaining))
            if not data:
                if last is not None:
                    break
                continue
            if not seen:
                text += decoder.decode(data)
                seen = any(m in strip_escapes(text) for m in wanted)
            chunk = tail + data
            ends = chunk.count(SYNC_END) if self.sync else 1  # unbracketed: one burst, one frame
            if ends:
                frames += ends
                last = arrived
                if first is None:
                    first = arrived
                if seen and marked is None:
                    marked = arrived
            tail = chunk[-8:]

        def since(moment: float | None) -> float | None:
            return None if moment is None else moment - sent

        return Press(since(first), since(marked), since(last), frames)

    def cpu_seconds(self) -> float:
        """User and system CPU seconds the running process has used so far (all threads)."""
        try:
            with open(f"/proc/{self.pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            return math.nan
        return (int(fields[11]) + int(fields[12])) / _TICKS

    # -- writing and ending ----------------------------------------------------------------

    def write(self, data: bytes) -> None:
        """Send ``data`` as if typed."""
        view = memoryview(data)
        while view:
            try:
                written = os.write(self.fd, view)
            except BlockingIOError:
                select.select([], [self.fd], [], 1.0)
                continue
            view = view[written:]

    def peak_rss_kib(self) -> int:
        """The running program's peak resident set so far (``VmHWM``, KiB), 0 when gone.

        Not ``wait4``'s ``ru_maxrss``: that keeps the peak of every image the process had, and
        a forked child starts as a copy of this harness, which holds far more than a bare app
        once the wire section has run. ``VmHWM`` belongs to the program exec'd.
        """
        try:
            with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def finish(self, keys: Sequence[str] = ("q",), timeout: float = 20.0) -> Exit:
        """Send ``keys`` to quit, read until the process ends, and reap it (rusage included).

        The peak RSS is read from ``/proc`` until the process ends (see :meth:`peak_rss_kib`).
        """
        peak = self.peak_rss_kib()
        for key in keys:
            self.write(key_bytes(key))
        deadline = time.perf_counter() + timeout
        escalated = False
        while True:
            peak = max(peak, self.peak_rss_kib())
            pid, status, usage = os.wait4(self.pid, os.WNOHANG)
            if pid == self.pid:
                ended = time.perf_counter()
                self.drain(0.0, limit=0.5)
                os.close(self.fd)
                return Exit(
                    os.waitstatus_to_exitcode(status),
                    peak or int(usage.ru_maxrss),
                    ended,
                    usage.ru_utime + usage.ru_stime,
                )
            if time.perf_counter() > deadline and not escalated:
                print(
                    f"  (pid {self.pid} did not quit; sending ctrl+q, then SIGTERM)",
                    file=sys.stderr,
                )
                self.write(KEYS["ctrl+q"])
                time.sleep(1.0)
                if os.wait4(self.pid, os.WNOHANG)[0] == 0:
                    os.kill(self.pid, signal.SIGTERM)
                escalated = True
            self._read(0.005)

    def kill(self) -> None:
        """End the process (only this one, by pid) after a failure, and reap it."""
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        with contextlib.suppress(OSError):
            os.close(self.fd)


def terminal_env() -> dict[str, str]:
    """The environment of a child: this one, as an xterm, without Textual's debugging knobs."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TEXTUAL") and k not in ("COLUMNS", "LINES", "NO_COLOR", "TMUX")
    }
    env["TERM"] = "xterm-256color"
    env["COLORTERM"] = "truecolor"
    env.setdefault("LANG", "C.UTF-8")
    return env
