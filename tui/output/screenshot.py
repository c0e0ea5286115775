"""Save an SVG screenshot where someone logged in over SSH will find it, and say where.

Textual's own palette command saves to a "Downloads" folder (absent on most servers) or hands
the file to a browser there is none of. This one writes to the current directory, or when
that is not writable to ``$XDG_STATE_HOME/unitedfront-tui`` (``~/.local/state/...``).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from tui.dataset.text import printable_path
from tui.i18n import _
from tui.output.export import ExportError, write_atomic

APP_DIR = "unitedfront-tui"


def fallback_dir() -> Path:
    """``$XDG_STATE_HOME/unitedfront-tui``, or ``~/.local/state/unitedfront-tui``."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / APP_DIR


def screenshot_name(now: dt.datetime) -> str:
    """A file name that sorts by time and needs no quoting in a shell."""
    return f"unitedfront-tui-{now:%Y%m%d-%H%M%S}.svg"


def save_screenshot(svg: str, now: dt.datetime | None = None, cwd: Path | None = None) -> Path:
    """Write ``svg`` (never over an existing file) and return its absolute path.

    Raises :class:`~tui.output.export.ExportError` when neither place can be written.
    """
    name = screenshot_name(now or dt.datetime.now())
    problems: list[str] = []
    try:
        # Raises once the working directory is deleted: then only the fallback is tried.
        here: Path | None = (cwd or Path.cwd()).resolve()
    except OSError as exc:
        here = None
        problems.append(_("the current directory: {reason}").format(reason=exc.strerror or exc))
    for directory in (here, fallback_dir()):
        if directory is None:
            continue
        try:
            if directory != here:  # the working directory is never created, only used
                directory.mkdir(parents=True, exist_ok=True)
            write_atomic(directory / name, svg, force=False)
        except ExportError as exc:
            problems.append(str(exc))
            continue
        except OSError as exc:
            problems.append(f"{printable_path(directory)}: {exc.strerror or exc}")
            continue
        return directory / name
    raise ExportError("; ".join(problems))
