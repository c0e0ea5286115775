"""``serve`` downloads: a file arrives whole, however slowly its session sends it, or it fails.

textual-serve waits 4 s for each chunk, then ends the file as if it were complete: on a loaded
server, a screenshot arrived as an empty file that the browser called finished. These tests
drive the server's ``/download/`` route with a stand-in session that answers when told to.

The session's side: the chunks of a download and the frames of the screen share one pipe to
the server, written from two threads; the last test holds each packet whole.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from textual_serve import download_manager

from tui.web import server as web_server
from tui.web.server import ExplorerServer

FILE = b"<svg>" + b"x" * 150_000 + b"</svg>"
"""Three chunks of textual-serve's 64 KiB."""


class Session:
    """Stands in for a session's process: answers each chunk request after ``delay`` seconds,
    and sends nothing at all once ``stop_after`` chunks are sent."""

    app_service_id = "session"

    def __init__(
        self, manager: download_manager.DownloadManager, delay: float, stop_after: int = 99
    ) -> None:
        self.manager = manager
        self.delay = delay
        self.stop_after = stop_after
        self.sent = 0
        self.tasks: list[asyncio.Task[None]] = []

    async def send_meta(self, meta: dict[str, Any]) -> bool:
        """A chunk request: answered later, as the app's input thread would."""
        if self.sent < self.stop_after:
            self.tasks.append(asyncio.ensure_future(self._answer(meta["key"], meta["size"])))
        return True

    async def _answer(self, key: str, size: int) -> None:
        await asyncio.sleep(self.delay)
        chunk = FILE[self.sent * size : (self.sent + 1) * size]
        self.sent += 1
        await self.manager.chunk_received(key, chunk)


class Client(TestClient):  # type: ignore[type-arg]
    """A client of one server's routes."""

    served: ExplorerServer


@pytest.fixture
async def client() -> AsyncIterator[Client]:
    """A client of the server's routes (no session started: downloads are made by hand)."""
    served = ExplorerServer("true", "127.0.0.1", 0, 1, True)
    async with Client(TestServer(await served._make_app())) as test_client:
        test_client.served = served
        yield test_client


async def offer(client: Client, session: Session | None = None, **kw: Any) -> str:
    """Register a download as a session's ``deliver_file_start`` does; its URL."""
    manager = client.served.download_manager
    await manager.create_download(
        app_service=session or Session(manager, **kw),  # type: ignore[arg-type]
        delivery_key="key",
        file_name="unitedfront-tui.svg",
        open_method="download",
        mime_type="image/svg+xml",
        encoding="utf-8",
    )
    return "/download/key"


def active(client: Client) -> dict[str, Any]:
    """textual-serve's record of downloads in progress."""
    return client.served.download_manager._active_downloads


async def test_a_slow_session_still_delivers_the_whole_file(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each chunk later than textual-serve's own wait (shortened here): the file is whole."""
    monkeypatch.setattr(download_manager, "DOWNLOAD_TIMEOUT", 0.05)
    response = await client.get(await offer(client, delay=0.3))
    assert response.status == 200
    assert await response.read() == FILE
    assert active(client) == {}


async def test_a_session_that_sends_nothing_fails_the_download(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No first chunk in time: a 504 the browser shows as failed, not an empty file."""
    monkeypatch.setattr(web_server, "CHUNK_WAIT_SECONDS", 0.2)
    response = await client.get(await offer(client, delay=0.0, stop_after=0))
    assert response.status == 504
    assert "did not send the file" in await response.text()
    assert active(client) == {}


async def test_a_session_that_stops_midway_cuts_the_download(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One chunk, then silence: the body stays incomplete, so no browser calls it finished."""
    monkeypatch.setattr(web_server, "CHUNK_WAIT_SECONDS", 0.2)
    response = await client.get(await offer(client, delay=0.0, stop_after=1))
    assert response.status == 200
    with pytest.raises(aiohttp.ClientPayloadError):
        await response.read()
    assert active(client) == {}


async def test_a_closed_tab_cuts_its_download(client: Client) -> None:
    """The session ends during a download (its tab closed): cut, not completed."""
    manager = client.served.download_manager
    session = Session(manager, delay=0.0, stop_after=1)
    response = await client.get(await offer(client, session))
    assert response.status == 200
    await manager.cancel_app_downloads(app_service_id="session")
    with pytest.raises(aiohttp.ClientPayloadError):
        await response.read()
    assert active(client) == {}


def packets(stream: bytes) -> list[tuple[bytes, bytes]]:
    """``(type, payload)`` of each packet a session wrote (a type byte, a 4-byte size)."""
    found = []
    at = 0
    while at < len(stream):
        kind, size = stream[at : at + 1], int.from_bytes(stream[at + 1 : at + 5], "big")
        found.append((kind, stream[at + 5 : at + 5 + size]))
        at += 5 + size
    return found


async def test_a_download_and_frames_written_at_once_arrive_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The input thread sends a 64 KiB chunk while the app writes frames: on a pipe that the
    server reads slowly, each packet still arrives whole, none inside another (Textual's own
    web driver interleaves them: the server then loses its place, and the download)."""
    from textual._binary_encode import load as binary_load
    from textual.app import App
    from textual.drivers.web_driver import WebDriver

    from tui.terminal.driver import terminal_driver

    stdin_end, unused_end = os.pipe()  # the driver watches stdin (pytest's cannot be polled)
    with os.fdopen(stdin_end, "rb") as stdin, os.fdopen(unused_end, "wb"):
        monkeypatch.setattr(sys, "__stdin__", stdin)
        driver = terminal_driver(WebDriver)(App())
    read_end, write_end = os.pipe()
    driver.fileno = write_end  # type: ignore[attr-defined]
    chunk = bytes(range(256)) * 256
    frame = "frame " * 4000

    def send_chunks() -> None:
        for _ in range(4):
            driver.write_binary_encoded(("deliver_chunk", "key", chunk))  # type: ignore[attr-defined]

    def send_frames() -> None:
        for _ in range(40):
            driver.write(frame)

    received = bytearray()

    def read_slowly() -> None:
        while data := os.read(read_end, 4096):
            received.extend(data)
            time.sleep(0.0005)

    reader = threading.Thread(target=read_slowly)
    writers = [threading.Thread(target=send_chunks), threading.Thread(target=send_frames)]
    reader.start()
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    os.close(write_end)
    reader.join()
    os.close(read_end)
    found = packets(bytes(received))
    assert [kind for kind, _ in found].count(b"P") == 4
    assert [kind for kind, _ in found].count(b"D") == 40
    for kind, payload in found:
        if kind == b"P":
            assert binary_load(payload) == ("deliver_chunk", "key", chunk)
        else:
            assert payload == frame.encode()
