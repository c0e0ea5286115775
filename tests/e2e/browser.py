"""Drive the system's headless chromium over the DevTools protocol (no browser download).

Just enough of the protocol for the serve tests: open tabs, evaluate JavaScript, press keys,
take screenshots (decoded here, so a test can tell a drawn page from a blank one).
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import shutil
import subprocess
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.png import png_pixels

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1000,700",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
)
"""No GPU, no network of its own, debugging on loopback only."""


def chromium_path() -> str:
    """The chromium to drive; skips the test (fails it under CI) when there is none."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        message = "CHROMIUM NOT FOUND: apt-get install chromium (.ci/run does) to run browser tests"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


PUNCTUATION = {";": 186, "=": 187, ",": 188, "-": 189, ".": 190, "/": 191}
"""Windows virtual key codes of the US layout's punctuation keys, which xterm.js reads."""


class Tab:
    """One page target, attached with its own session."""

    def __init__(self, browser: Browser, target_id: str, session_id: str) -> None:
        self.browser = browser
        self.target_id = target_id
        self.session_id = session_id

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Call a DevTools method in this tab."""
        reply: dict[str, Any] = await self.browser.send(method, self.session_id, **params)
        return reply

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (promises awaited)."""
        reply = await self.send(
            "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True
        )
        if "exceptionDetails" in reply:
            raise AssertionError(f"JavaScript failed: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    async def wait_for(self, expression: str, timeout: float = 30.0) -> Any:
        """Poll ``expression`` until it is truthy; fail with it after ``timeout`` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            value = await self.evaluate(expression)
            if value:
                return value
            if loop.time() > deadline:
                raise AssertionError(f"timed out waiting for {expression!r}")
            await asyncio.sleep(0.2)

    async def press(self, key: str, focus: bool = True) -> None:
        """Type one key, as a user would (down, character, up): a printable one, ``enter``,
        or ``ctrl+LETTER``.

        With ``focus``, the terminal is focused first; without, the key goes wherever the page
        put the focus (what a user's first key does).
        """
        modifiers = 0
        if key.startswith("ctrl+"):
            modifiers, key = 2, key[len("ctrl+") :]
        if key == "enter":
            common = {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}
            text = "\r"
        else:
            code = f"Key{key.upper()}" if key.isalpha() else ""
            # Letters and digits are their own key codes; ord(".") would be Delete's.
            vk = ord(key.upper()) if key.isalnum() and key.isascii() else PUNCTUATION.get(key, 0)
            common = {"key": key, "code": code, "windowsVirtualKeyCode": vk}
            text = chr(ord(key.upper()) - 64) if modifiers else key
        # Keys go to the focused element of the front tab: the terminal's hidden textarea.
        await self.send("Page.bringToFront")
        if focus:
            await self.evaluate("document.querySelector('.xterm-helper-textarea')?.focus()")
        await self.send(
            "Input.dispatchKeyEvent", type="keyDown", text=text, modifiers=modifiers, **common
        )
        await self.send("Input.dispatchKeyEvent", type="keyUp", modifiers=modifiers, **common)

    async def type(self, text: str) -> None:
        """Type ``text``, one printable key after another."""
        for key in text:
            await self.press(key)

    async def reload(self) -> None:
        """Reload the page and wait until the new one has loaded (not the old one's state)."""
        await self.evaluate("window.uftOldPage = true")
        await self.send("Page.reload")
        await self.wait_for("!window.uftOldPage && document.readyState === 'complete'")

    async def screenshot(self) -> bytes:
        """A PNG of the page (brought to the front: background tabs draw no frames)."""
        await self.send("Page.bringToFront")
        reply = await self.send("Page.captureScreenshot", format="png")
        return base64.b64decode(reply["data"])

    async def settled_screenshot(self, timeout: float = 20.0) -> bytes:
        """A screenshot once two in a row, half a second apart, are the same (drawing done)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        last = await self.screenshot()
        while True:
            await asyncio.sleep(0.5)
            shot = await self.screenshot()
            if shot == last or loop.time() > deadline:
                return shot
            last = shot


class Browser:
    """A connection to chromium's browser target; replies are matched to calls by id."""

    # Any: aiohttp's websocket type takes a type argument from 3.14 on, and none before.
    def __init__(self, socket: Any) -> None:
        self.socket = socket
        self.ids = itertools.count(1)
        self.pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        async for message in self.socket:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            data = json.loads(message.data)
            future = self.pending.pop(data.get("id", -1), None)
            if future is not None and not future.done():
                future.set_result(data)

    async def send(self, method: str, session_id: str | None = None, **params: Any) -> Any:
        """Call a DevTools method; raise on a protocol error."""
        call_id = next(self.ids)
        message: dict[str, Any] = {"id": call_id, "method": method, "params": params}
        if session_id is not None:
            message["sessionId"] = session_id
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.pending[call_id] = future
        await self.socket.send_str(json.dumps(message))
        reply = await asyncio.wait_for(future, 30)
        if "error" in reply:
            raise AssertionError(f"{method} failed: {reply['error']}")
        return reply.get("result", {})

    async def open(self, url: str) -> Tab:
        """A new tab at ``url``, attached and with page events on."""
        target = await self.send("Target.createTarget", url="about:blank")
        attached = await self.send(
            "Target.attachToTarget", targetId=target["targetId"], flatten=True
        )
        tab = Tab(self, target["targetId"], attached["sessionId"])
        await tab.send("Page.enable")
        await tab.send("Page.navigate", url=url)
        await tab.wait_for("document.readyState === 'complete'")
        return tab

    async def close(self, tab: Tab) -> None:
        """Close a tab (its websocket closes with it)."""
        await self.send("Target.closeTarget", targetId=tab.target_id)


@asynccontextmanager
async def chromium(profile: Path) -> AsyncIterator[Browser]:
    """Headless chromium with a fresh profile in ``profile``, ended on the way out."""
    args = [chromium_path(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"]
    process = subprocess.Popen(
        args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        port_file = profile / "DevToolsActivePort"
        for _ in range(300):
            if port_file.exists() and len(port_file.read_text().splitlines()) >= 2:
                break
            if process.poll() is not None:
                raise AssertionError(f"chromium exited: {process.stderr.read()!r}")  # type: ignore[union-attr]
            await asyncio.sleep(0.1)
        port, path = port_file.read_text().splitlines()[:2]
        async with (
            aiohttp.ClientSession() as http,
            http.ws_connect(f"ws://127.0.0.1:{port}{path}", max_msg_size=0) as socket,
        ):
            browser = Browser(socket)
            try:
                yield browser
            finally:
                browser.reader.cancel()
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


def colours(data: bytes) -> int:
    """How many distinct colours a PNG screenshot has (1 for a blank page)."""
    width, _, rows = png_pixels(data)
    step = len(rows[0]) // width
    seen: set[bytes] = set()
    for row in rows[::4]:
        for x in range(0, len(row), step * 2):
            seen.add(row[x : x + 3])
    return len(seen)
