"""``unitedfront-tui serve`` in headless chromium, on loopback only.

The installed command serves; chromium (Debian's, driven over the DevTools protocol) opens tabs:
the app draws and answers keys, each tab is its own session, a tab past ``--max-sessions`` gets
a page saying so, a page from another origin cannot open a session, and Ctrl+C ends it all.
Set UFT_SCREENSHOTS=DIR to keep the screenshots for a look.
"""

from __future__ import annotations

import asyncio
import http.server
import os
import shlex
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.browser import Tab, chromium, colours
from tests.e2e.deliver_app import FILENAME
from tests.e2e.serving import Served, alive, serving
from tui.dataset import Dataset
from tui.output.export import FORMATS

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

DRAWN = "document.body?.classList.contains('-first-byte')"
"""textual.js marks the page once the app has sent its first screen."""

WEBSOCKET_PROBE = """
new Promise(done => {
  const socket = new WebSocket(%r);
  socket.onopen = () => { socket.close(); done("open"); };
  socket.onerror = () => done("refused");
  setTimeout(() => done("no answer"), 10000);
})
"""
"""Try to open the server's websocket from the page a tab shows."""


def keep(shot: bytes, name: str) -> None:
    """Save a screenshot under $UFT_SCREENSHOTS, when set."""
    folder = os.environ.get("UFT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"{name}.png").write_bytes(shot)


async def open_drawn(browser_open: Tab) -> bytes:
    """Wait until a tab's app has drawn; return a settled screenshot, checked not blank."""
    await browser_open.wait_for(DRAWN)
    shot = await browser_open.settled_screenshot()
    # A blank or intro-only page has a handful of colours; the explorer draws dozens.
    assert colours(shot) > 8, "the page looks blank"
    return shot


def ws_url(served: Served) -> str:
    """The server's websocket address."""
    return f"ws://127.0.0.1:{served.port}/ws"


async def test_tabs_are_sessions_up_to_the_limit_and_ctrl_c_ends_them(tmp_path: Path) -> None:
    """Two tabs draw and act apart; a third is told to wait; Ctrl+C stops server and sessions."""
    with serving(["--max-sessions", "2"]) as served:
        async with chromium(tmp_path / "profile") as browser:
            first = await browser.open(served.url)
            before = await open_drawn(first)
            keep(before, "first-tab")
            second = await browser.open(served.url)
            second_before = await open_drawn(second)
            sessions = served.wait_sessions(2)

            await first.press("s")
            after = await first.settled_screenshot()
            keep(after, "first-tab-after-s")
            assert after != before, "`s` changed nothing on the page"
            assert await second.settled_screenshot() == second_before, "tabs share a session"

            third = await browser.open(served.url)
            busy = await third.evaluate("document.getElementById('busy')?.textContent")
            keep(await third.screenshot(), "third-tab-busy")
            assert busy == "All sessions are in use"
            # A page opened before the others took the slots cannot start a session either.
            assert await third.evaluate(WEBSOCKET_PROBE % ws_url(served)) == "refused"
            assert sorted(served.sessions()) == sorted(sessions)

            await browser.close(first)
            served.wait_sessions(1)
            await third.send("Page.reload")
            await open_drawn(third)
            sessions = served.wait_sessions(2)

        status, printed = served.interrupt()
    assert status == 0, printed
    assert not [pid for pid in sessions if alive(pid)], "sessions outlived the server"
    # Nothing but the last word: no traceback, no warning from the sessions' shutdown.
    assert printed.splitlines() == ["Press Ctrl+C to stop.", "Stopped."], printed


@pytest.fixture
def foreign_site(tmp_path: Path) -> Iterator[str]:
    """Another web site on loopback (another origin), as any page the user visits could be."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text("<!DOCTYPE html><title>elsewhere</title><p>elsewhere</p>")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            """No access log on the test's output."""

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


async def test_a_foreign_origin_cannot_open_a_session(tmp_path: Path, foreign_site: str) -> None:
    """A page of another site gets no websocket; the server's own page does, until `q`."""
    with serving() as served:
        async with chromium(tmp_path / "profile") as browser:
            elsewhere = await browser.open(foreign_site)
            assert await elsewhere.evaluate(WEBSOCKET_PROBE % ws_url(served)) == "refused"
            assert served.sessions() == []

            own = await browser.open(served.url)
            await open_drawn(own)
            assert await own.evaluate(WEBSOCKET_PROBE % ws_url(served)) == "open"

            # `q` ends the session: the page says so and the slot is free again.
            served.wait_sessions(1)
            await own.press("q")
            await own.wait_for("document.body.classList.contains('-closed')")
            served.wait_sessions(0)
        status, printed = served.interrupt()
    assert status == 0, printed
    assert "refused a websocket from origin" in printed


async def test_sessions_end_when_the_server_is_killed(tmp_path: Path) -> None:
    """A server killed outright (no Ctrl+C) leaves no session running behind it."""
    with serving() as served:
        async with chromium(tmp_path / "profile") as browser:
            await open_drawn(await browser.open(served.url))
            sessions = served.wait_sessions(1)
            served.process.kill()
            served.process.wait()
            deadline = time.monotonic() + 15
            while any(alive(pid) for pid in sessions) and time.monotonic() < deadline:
                time.sleep(0.2)
    assert not [pid for pid in sessions if alive(pid)], "a session outlived its killed server"


async def test_an_export_in_the_browser_is_a_download(tmp_path: Path, dataset: Dataset) -> None:
    """``deliver_text`` in a session reaches the browser as a downloaded file, byte for byte."""
    downloads = tmp_path / "downloads"
    session = f"exec {shlex.quote(sys.executable)} -m tests.e2e.deliver_app"
    with serving(session=session) as served:
        async with chromium(tmp_path / "profile") as browser:
            await browser.send(
                "Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads)
            )
            tab = await browser.open(served.url)
            await open_drawn(tab)
            await tab.press("e")
            target = downloads / FILENAME
            deadline = time.monotonic() + 30
            while not target.exists() and time.monotonic() < deadline:
                await asyncio.sleep(0.2)
            assert target.exists(), f"no download; the folder has {sorted(downloads.glob('*'))}"
        served.interrupt()
    assert target.read_bytes() == FORMATS["csv"](dataset).encode("utf-8")
