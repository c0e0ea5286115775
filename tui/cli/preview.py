"""The explorer's first frame from its last start, drawn before Textual has loaded.

Before anything shows, a start pays for Textual's import and its first layout (about 0.2 s
here, most of the start). The first frame a start draws is kept in the user's cache, under a
key made of everything that decides how it looks: the code, the datasets' bytes and paths,
the terminal's size and colour settings, the theme, the language and the options. The next
start with the same key draws it as soon as the datasets are known to be valid.

The picture is checked against the app's own first frame: the wire layer
(:mod:`tui.terminal.hook`) encodes that frame as usual and writes nothing when the picture is
still on the screen and is that very frame, or writes it whole (every cell) when it is not.
Keys typed meanwhile wait in the terminal, echo off, for the app to read them. Ctrl+C and the
exit signals end the start with the terminal given back; Ctrl+Z leaves the picture first (the
app then draws its first frame whole). A cached frame is drawn only if it holds nothing but
text, colours and cursor moves, and only a frame of the key's terminal size is kept.
``UNITEDFRONT_PREVIEW=0`` (or ``UNITEDFRONT_WIRE=0``) turns all of this off. Pure Python,
imported before textual.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import select
import signal
import stat
import sys
import termios
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tui import __version__, i18n
from tui.dataset.resources import resource_dir

DISABLE_ENV = "UNITEDFRONT_PREVIEW"
"""``UNITEDFRONT_PREVIEW=0`` turns the cached first frame off."""
WIRE_ENV = "UNITEDFRONT_WIRE"
"""``UNITEDFRONT_WIRE=0`` (Textual's own output) turns it off too (tui/terminal/hook.py)."""

KEEP = 16
"""Cached frames kept (one per terminal size, theme, dataset...); the least recently used go
first."""

MAX_BYTES = 1 << 20
"""A cached frame larger than this is not read (a full 300x100 screen is ~150 KB)."""

UNSAFE = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f]|\x1b(?!\[[0-9;]*[ABCDGHm])")
"""Anything but what the wire layer's encoder writes for a frame (text, CR, LF, SGR colours
and cursor moves): a control character, or an escape sequence of another kind."""


def safe(frame: str) -> bool:
    """Whether ``frame`` is only text, colours and cursor moves (and not empty)."""
    return bool(frame) and UNSAFE.search(frame) is None


ENTER = "\x1b[?1049h\x1b[?25l\x1b[?7l\x1b[?2026h\x1b[H\x1b[2J"
"""Alternate screen, cursor hidden, no line wrap (as Textual sets them), one synchronized
frame from a blank screen."""
FRAME_END = "\x1b[?2026l"
LEAVE = "\x1b[?7h\x1b[?25h\x1b[?1049l"
"""What :data:`ENTER` set, given back when the app never took the terminal over."""

EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)
"""Signals that end the explorer as ``q`` does (tui/terminal/driver.py), once it runs; while the
picture shows, they end the start with the terminal given back, status 128 + the signal."""

SEPARATOR = "\n\n"
"""Between the key and the frame in a cached file (a key has no empty line)."""

LOOK_ENV = ("TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "TERM_PROGRAM")
"""Environment variables that change the colours Textual draws in (and every ``TEXTUAL_*``)."""


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where first frames are kept: ``$XDG_CACHE_HOME/unitedfront-tui/first-frames``."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "unitedfront-tui" / "first-frames"


def code_fingerprint() -> list[str]:
    """What identifies the code that draws: our files, the stylesheets and Textual's."""
    parts = [__version__, sys.version]
    roots = [Path(__file__).resolve().parent.parent, resource_dir("styles")]
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".tcss", ".mo")):
                    stat = os.stat(os.path.join(folder, name))
                    parts.append(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}")
    # Textual is not imported yet: its files are found without importing it.
    spec = importlib.util.find_spec("textual")
    if spec is not None and spec.origin:
        folder = os.path.dirname(spec.origin)
        for name in ("__init__.py", "app.py", "_compositor.py", "widget.py"):
            try:
                stat = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            parts.append(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return parts


def start_key(
    paths: Sequence[str],
    options: Sequence[str],
    size: os.terminal_size,
    environ: Mapping[str, str] | None = None,
) -> str:
    """What decides how a start's first frame looks, as lines of text: the code, the datasets
    (paths and bytes), the options, the language, the terminal's size and colour settings."""
    env = os.environ if environ is None else environ
    code = "\n".join(code_fingerprint()).encode("utf-8", "surrogateescape")
    lines = [f"code {zlib.crc32(code):08x} {len(code)}"]
    for path in paths:
        with open(path, "rb") as file:
            data = file.read()
        lines.append(f"data {os.path.realpath(path)!r} {path!r} {len(data)} {zlib.crc32(data):08x}")
    lines += [f"option {option!r}" for option in options]
    lines += [f"language {i18n.language()}", f"size {size.columns}x{size.lines}"]
    names = sorted(n for n in env if n in LOOK_ENV or n.startswith("TEXTUAL"))
    lines += [f"env {name}={env[name]!r}" for name in names]
    return "\n".join(lines)


def cache_path(key: str, environ: Mapping[str, str] | None = None) -> Path:
    """The file that keeps the first frame of starts with ``key`` (the key is in the file too:
    two keys that share a name never share a frame)."""
    return cache_dir(environ) / f"{zlib.crc32(key.encode('utf-8', 'surrogateescape')):08x}"


class Preview:
    """One start's cached first frame: drawn early, then checked against the app's own."""

    def __init__(
        self,
        key: str,
        path: Path,
        frame: str | None,
        size: tuple[int, int] = (0, 0),
        fd_in: int = 0,
        fd_out: int = 2,
    ) -> None:
        self.key = key
        """What decides how this start's first frame looks (:func:`start_key`)."""
        self.path = path
        """Where this start's first frame is kept."""
        self.size = size
        """The terminal's size in the key (columns, lines): only a frame of it is kept."""
        self.frame: str | None = None
        """The frame on the screen, drawn by :meth:`show`; None until then, when none is
        cached, or once the picture has left the screen (a suspended start)."""
        self._cached = frame
        self._fd_in = fd_in
        self._fd_out = fd_out
        self._attrs: list[Any] | None = None
        self._taken = False
        self._handlers: dict[int, Any] = {}

    @classmethod
    def for_start(
        cls, paths: Sequence[str], options: Sequence[str], environ: Mapping[str, str] | None = None
    ) -> Preview | None:
        """This start's preview (read from the cache), or None when it is turned off (or the
        wire layer, which makes and checks the frames, is) or the terminal's size cannot be
        read. Textual writes to stderr and reads stdin: those two."""
        env = os.environ if environ is None else environ
        if env.get(DISABLE_ENV, "1") == "0" or env.get(WIRE_ENV, "1") == "0":
            return None
        try:
            if not (os.isatty(0) and os.isatty(2)):
                return None
            size = os.get_terminal_size(2)
            key = start_key(paths, options, size, env)
        except OSError:
            return None
        path = cache_path(key, env)
        return cls(key, path, read_frame(path, key), (size.columns, size.lines))

    def show(self) -> None:
        """Draw the cached frame, if any, with the terminal's echo off until the app starts.

        Call it inside the ``try`` whose ``finally`` calls :meth:`close`: a signal, Ctrl+C or
        a failed write while the picture is drawn then still gives the terminal back.
        """
        frame = self._cached
        if frame is None:
            return
        try:
            attrs = termios.tcgetattr(self._fd_in)
            quiet = termios.tcgetattr(self._fd_in)
        except termios.error:
            return
        # Keys typed before the app reads them must not be echoed over the picture, and must
        # reach it as typed (Enter as CR, as under Textual's own settings); ISIG stays, so
        # that Ctrl+C still interrupts a slow start.
        quiet[0] &= ~(termios.ICRNL | termios.INLCR | termios.IGNCR | termios.IXON)
        quiet[3] &= ~(termios.ECHO | termios.ICANON)
        for signum in EXIT_SIGNALS:
            self._handlers[signum] = signal.signal(signum, _exit_on)
        self._handlers[signal.SIGTSTP] = signal.signal(signal.SIGTSTP, self._suspend)
        self._attrs = attrs
        self.frame = frame
        try:
            termios.tcsetattr(self._fd_in, termios.TCSANOW, quiet)
            write_all(self._fd_out, ENTER + frame + FRAME_END)
        except (OSError, termios.error):
            # A terminal that takes no picture (a write error) starts without one.
            self._leave()

    def taken_over(self) -> list[Any] | None:
        """The app's driver has taken the terminal (its own settings are set): the user's
        settings from before the picture, for the driver to restore when it gives the terminal
        back, or None when the picture never changed them (or on a later take-over)."""
        self._taken = True
        self._restore_handler(signal.SIGTSTP)
        attrs, self._attrs = self._attrs, None
        return attrs

    def first_frame(self, frame: str, size: tuple[int, int]) -> None:
        """The app's own first frame, as the wire layer encoded it for a blank screen of
        ``size``: keep it for the next start (when the terminal still has the key's size)."""
        # A cache that cannot be written only costs the next start its preview.
        with contextlib.suppress(OSError):
            if frame == self._cached:
                os.utime(self.path)  # in use: the last to go when the cache is pruned
            elif size == self.size and safe(frame):
                save_frame(self.path, self.key, frame)

    def close(self) -> None:
        """After the app: leave the picture's screen if the app never took the terminal."""
        if not self._taken:
            self._leave()
        self._restore_attrs()
        for signum in list(self._handlers):
            self._restore_handler(signum)

    def _leave(self) -> None:
        """Give the terminal back from the picture: main screen, cursor, wrap, settings."""
        if self.frame is not None:
            self.frame = None
            with contextlib.suppress(OSError):
                write_all(self._fd_out, LEAVE)
        self._restore_attrs()

    def _suspend(self, signum: int, frame: object) -> None:
        # Ctrl+Z over the picture: the shell gets its terminal back, as it would from the app;
        # the picture is gone for good, so the app's first frame will be written whole.
        self._leave()
        self._restore_handler(signal.SIGTSTP)
        os.kill(os.getpid(), signal.SIGTSTP)

    def _restore_handler(self, signum: int) -> None:
        if signum in self._handlers:
            signal.signal(signum, self._handlers.pop(signum))

    def _restore_attrs(self) -> None:
        if self._attrs is not None:
            # TCSANOW, not TCSAFLUSH: keys typed meanwhile stay for the app to read.
            with contextlib.suppress(termios.error):
                termios.tcsetattr(self._fd_in, termios.TCSANOW, self._attrs)
            self._attrs = None


def _exit_on(signum: int, frame: object) -> None:
    # Raised wherever the start is (importing Textual, say): the command line's `finally`
    # leaves the picture and gives the terminal back on the way out.
    raise SystemExit(128 + signum)


def write_all(fd: int, text: str) -> None:
    """Write ``text`` to ``fd`` to its last byte (a write may take only part of it, and a
    terminal left non-blocking by another program may take none for a while)."""
    view = memoryview(text.encode("utf-8", "replace"))
    while view:
        try:
            view = view[os.write(fd, view) :]
        except BlockingIOError:
            select.select([], [fd], [], 1.0)


def read_frame(path: Path, key: str) -> str | None:
    """The frame kept at ``path`` for ``key``, if the file is a regular file of the user's
    own, small enough, made for this very key and only text, colours and cursor moves;
    otherwise None."""
    try:
        # Non-blocking: a FIFO put there must not hang the start; no link followed.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        with open(fd, "rb") as file:
            info = os.fstat(fd)
            if (
                not stat.S_ISREG(info.st_mode)
                or info.st_uid != os.getuid()
                or info.st_size > MAX_BYTES
            ):
                return None
            text = file.read().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    kept_key, _, frame = text.partition(SEPARATOR)
    if kept_key != key or not safe(frame):
        return None
    return frame


def save_frame(path: Path, key: str, frame: str) -> None:
    """Keep ``frame`` for ``key`` at ``path`` (atomically, private to the user), dropping the
    oldest frames beyond :data:`KEEP`."""
    import tempfile  # only when a frame is kept: it costs a start more than it saves

    folder = path.parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write((key + SEPARATOR + frame).encode("utf-8", "surrogateescape"))
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    kept = sorted(
        (entry for entry in os.scandir(folder) if not entry.name.startswith(".")),
        key=lambda entry: entry.stat().st_mtime_ns,
        reverse=True,
    )
    for entry in kept[KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
