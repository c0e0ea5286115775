"""Files a browser session hands to its browser: downloads, never files on the server.

Textual's ``deliver_text`` sends the bytes down the session's websocket; the server offers them
to the browser as an attachment (:meth:`tui.web.server.ExplorerServer.handle_download`). Needs
Textual only, not textual-serve: the explorer calls it when ``App.is_web``.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from textual.app import App

from tui.i18n import _
from tui.output.screenshot import screenshot_name

SVG = "image/svg+xml"


def deliver_screenshot(app: App[Any], now: dt.datetime | None = None) -> str:
    """Send an SVG of the screen to the browser as a download; say so; return its name.

    In a browser session the server's working directory is not the user's: with ``--public``,
    writing there would let anyone who reaches the port fill the server's disk.
    """
    name = screenshot_name(now or dt.datetime.now())
    svg = app.export_screenshot()
    app.deliver_text(io.StringIO(svg), save_filename=name, mime_type=SVG)
    app.notify(_("Sent {name} to your browser.").format(name=name), markup=False)
    return name


def download_name(typed: str, default: str) -> str:
    """The file name a browser download gets from what the user typed (no folders), or ``default``.

    The browser picks the folder; a path typed out of habit keeps only its last part.
    """
    name = typed.strip().replace("\\", "/").rsplit("/", 1)[-1].strip()
    return default if name in ("", ".", "..") else name
