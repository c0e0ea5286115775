"""``unitedfront-tui serve`` in headless chromium, on loopback only.

The installed command serves; chromium (Debian's, driven over the DevTools protocol) opens tabs:
the app draws and answers keys (the first ones too, with no click), each tab is its own session,
a tab past ``--max-sessions`` is told so (a reload never is), a page from another origin cannot
open a session, files (exports, screenshots) are downloads that write nothing on the server, and
Ctrl+C ends it all.
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
import urllib.error
import urllib.request
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

BUSY = "document.body.classList.contains('-busy')"
"""The page shows that every session is in use."""

SETTLED = f"({DRAWN}) || ({BUSY}) || document.body.classList.contains('-closed')"
"""The page has a session, or knows it will get none."""

WEBSOCKET_PROBE = """
new Promise(done => {
  const socket = new WebSocket(%r);
  socket.onmessage = () => { socket.close(); done("open"); };
  socket.onclose = (event) => done(event.code === 4503 ? "busy" : "refused");
  setTimeout(() => done("no answer"), 30000);
})
"""
"""Try to start a session from the page a tab shows: "open" once the app speaks."""


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
            await open_drawn(second)
            sessions = served.wait_sessions(2)
            # Each page focuses its terminal, and the app looks different unfocused: compare the
            # second tab with itself in one state, brought to the front after the first.
            await first.send("Page.bringToFront")
            second_before = await second.settled_screenshot()

            await first.press("s")
            after = await first.settled_screenshot()
            keep(after, "first-tab-after-s")
            assert after != before, "`s` changed nothing on the page"
            assert await second.settled_screenshot() == second_before, "tabs share a session"

            third = await browser.open(served.url)
            await third.wait_for(BUSY)
            busy = await third.evaluate("document.getElementById('busy')?.textContent")
            keep(await third.screenshot(), "third-tab-busy")
            assert busy == "All sessions are in use"
            assert not await third.evaluate(DRAWN)
            # Another try from the same page is refused in the same way.
            assert await third.evaluate(WEBSOCKET_PROBE % ws_url(served)) == "busy"
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


async def settle(tab: Tab) -> str:
    """Wait until a tab has a session or is told it gets none: "drawn", "busy" or "closed"."""
    await tab.wait_for(SETTLED)
    if await tab.evaluate(DRAWN):
        return "drawn"
    return "busy" if await tab.evaluate(BUSY) else "closed"


async def test_reloads_under_one_session_never_find_it_busy(tmp_path: Path) -> None:
    """``--max-sessions 1``: each reload gets the session the previous page let go."""
    with serving(["--max-sessions", "1"]) as served:
        async with chromium(tmp_path / "profile") as browser:
            tab = await browser.open(served.url)
            assert await settle(tab) == "drawn"
            for attempt in range(6):
                await tab.reload()
                assert await settle(tab) == "drawn", f"reload {attempt + 1} found it busy"
            served.wait_sessions(1)
        served.interrupt()


async def test_tabs_opened_at_once_get_one_session_and_one_busy_page(tmp_path: Path) -> None:
    """Two tabs at the same moment under ``--max-sessions 1``: one session, one busy page."""
    with serving(["--max-sessions", "1"]) as served:
        async with chromium(tmp_path / "profile") as browser:
            tabs = await asyncio.gather(browser.open(served.url), browser.open(served.url))
            outcomes = await asyncio.gather(*(settle(tab) for tab in tabs))
            assert sorted(outcomes) == ["busy", "drawn"]
            served.wait_sessions(1)
        served.interrupt()


async def test_keys_right_after_load_reach_the_app(tmp_path: Path) -> None:
    """The page focuses the terminal itself: a first key, with no click, acts."""
    with serving() as served:
        async with chromium(tmp_path / "profile") as browser:
            tab = await browser.open(served.url)
            before = await open_drawn(tab)
            await tab.press("s", focus=False)
            assert await tab.settled_screenshot() != before, "the first key did nothing"
        served.interrupt()


async def wait_for_file(folder: Path, pattern: str, timeout: float = 30.0) -> Path:
    """The first complete file matching ``pattern`` in ``folder``.

    Chromium writes a download to ``NAME.crdownload`` and creates an empty ``NAME`` beside it
    at once, which it replaces when done: a file is complete once it has bytes and no
    ``.crdownload`` is left in the folder (read earlier, a screenshot was found empty).
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        partial = any(p.name.endswith(".crdownload") for p in folder.glob("*"))
        found = [p for p in folder.glob(pattern) if not p.name.endswith(".crdownload")]
        if found and not partial and found[0].stat().st_size > 0:
            return found[0]
        await asyncio.sleep(0.2)
    listed = sorted(folder.glob("*")) if folder.exists() else []
    sizes = {path.name: path.stat().st_size for path in listed}
    raise AssertionError(f"no complete {pattern} download; the folder has {sizes} (bytes)")


async def test_screenshot_and_export_are_downloads(tmp_path: Path, dataset: Dataset) -> None:
    """The palette's Screenshot and `e` arrive in the browser; the server's folder stays empty."""
    downloads = tmp_path / "downloads"
    server_cwd = tmp_path / "server"
    server_cwd.mkdir()
    with serving(cwd=server_cwd) as served:
        async with chromium(tmp_path / "profile") as browser:
            await browser.send(
                "Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads)
            )
            tab = await browser.open(served.url)
            await open_drawn(tab)
            await tab.press("ctrl+p")
            await tab.settled_screenshot()
            await tab.type("Screenshot")
            await tab.press("enter")
            svg = await wait_for_file(downloads, "unitedfront-tui-*.svg")
            assert svg.read_text(encoding="utf-8").lstrip().startswith("<svg")

            # A name the old header cut at the ";" arrives whole.
            await tab.press("e")
            await tab.settled_screenshot()
            await tab.press("ctrl+u")
            await tab.type("a;b.csv")
            await tab.press("enter")
            exported = await wait_for_file(downloads, "a;b.csv")
        served.interrupt()
    assert exported.read_bytes() == FORMATS["csv"](dataset).encode("utf-8")
    assert list(server_cwd.iterdir()) == []


def test_static_lists_nothing_and_127_1_is_loopback() -> None:
    """``--host 127.1`` needs no --public and names 127.0.0.1; ``/static/`` is no listing."""
    with serving(["--host", "127.1"]) as served:
        banner = next(line for line in served.lines if line.startswith("Serving"))
        assert f"http://127.0.0.1:{served.port}/" in banner
        with urllib.request.urlopen(f"{served.url}static/js/textual.js", timeout=30) as reply:
            assert reply.status == 200
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{served.url}static/", timeout=30)
        assert refused.value.code in (403, 404)
        assert b"textual.js" not in refused.value.read()
        served.interrupt()
