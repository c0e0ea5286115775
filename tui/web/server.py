"""textual-serve, made safe to leave running: same-origin websockets and a cap on sessions.

Each browser tab is a websocket driving its own app process (:mod:`tui.web.session`). On top
of textual-serve's :class:`~textual_serve.server.Server` this adds what it lacks:

- ``Host`` checks on every request and ``Origin`` checks on the websocket (:mod:`tui.web.policy`);
- at most ``max_sessions`` live sessions, counted where a session starts: the next tab's page
  says all are in use; a tab that closes (or reloads) frees its slot at once;
- its own page, with fonts served locally (textual-serve's loads them from a third party),
  which focuses the terminal as it loads; no directory listing under ``/static/``;
- downloads named per RFC 6266, always as attachments (files go to the browser, not the server),
  and never cut short unseen: a session that is slow to send a file is waited for, and one that
  does not send it fails the download (textual-serve ends the file after a 4-second wait as if it
  were complete, so a busy server handed out empty screenshots);
- the address to open printed once the port is bound (textual-serve prints it before);
- a shutdown (Ctrl+C) that ends every session's process, killing those that do not quit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from asyncio.subprocess import Process
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web
from aiohttp.web_runner import GracefulExit
from textual_serve.app_service import AppService
from textual_serve.download_manager import DOWNLOAD_CHUNK_SIZE, Download
from textual_serve.server import Server

from tui.i18n import _, language, ngettext
from tui.web.policy import content_disposition, host_allowed, listening_urls, origin_allowed

TEMPLATES = Path(__file__).resolve().parent / "templates"
QUIT_SECONDS = 5.0
"""How long a session's process may take to quit before it is killed."""
WAIT_FOR_SLOT_SECONDS = 3.0
"""How long a new tab waits for a slot before it is told all are in use.

A reloaded page's new websocket can reach the server a moment before the old one's close has
been read; the wait covers that moment, so a reload never finds its own old session in the way.
"""
CHUNK_WAIT_SECONDS = 60.0
"""How long a download waits for each chunk of a file from its session.

A session answers from its input thread, at once on an idle server; on a loaded one, seconds
may pass. Past this wait the download fails rather than arriving short.
"""
BUSY_CLOSE_CODE = 4503
"""Websocket close code (private range) that tells the page every session is in use."""

log = logging.getLogger("unitedfront-tui.serve")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class DownloadBroken(Exception):
    """A session did not send the whole of a file it is delivering."""


class SessionService(AppService):
    """textual-serve's AppService, but each app runs in a process group of its own.

    Ctrl+C in the server's terminal then reaches the server alone, which ends each session
    in order (a quit message, then a kill); in the terminal's group, the apps would also get
    the signal mid-shutdown and print tracebacks.
    """

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        self._process = process = await asyncio.create_subprocess_shell(
            self.command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process


class ExplorerServer(Server):
    """Serve ``command`` (one process per browser tab) to at most ``max_sessions`` tabs."""

    def __init__(
        self, command: str, host: str, port: int, max_sessions: int, loopback_only: bool
    ) -> None:
        super().__init__(command, host=host, port=port, title="unitedfront-tui")
        self.max_sessions = max_sessions
        """Live sessions allowed at once (each is a process)."""
        self.loopback_only = loopback_only
        """Refuse ``Host`` headers that are not loopback names (DNS rebinding)."""
        self.sessions: dict[SessionService, web.WebSocketResponse] = {}
        """Live sessions (their tab is open) and their websockets: what the cap counts."""
        self.pages = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, enable_async=False
        )

    def initialize_logging(self) -> None:
        """Log warnings only: a line per request would bury the address to open."""
        logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")

    def serve(self, debug: bool = False) -> None:
        """Listen, say where once listening, and serve until Ctrl+C (SIGINT) or SIGTERM.

        Raises :class:`OSError` when the port cannot be bound; nothing is printed then.
        """
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        # aiohttp calls `print` once every site is bound: the one moment the address is true.
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=self._listening,
        )

    def request_exit(self) -> None:
        """Stop serving (raised from the signal handler, as textual-serve does)."""
        raise GracefulExit()

    def _listening(self, *_ignored: object) -> None:
        """Say where to point the browser: addresses a person can open, never ``0.0.0.0``."""
        first, *others = listening_urls(self.host, self.port)
        count = self.max_sessions
        lines = [
            ngettext(
                "Serving the explorer on {url} (at most {count} session).",
                "Serving the explorer on {url} (at most {count} sessions).",
                count,
            ).format(url=first, count=count)
        ]
        lines += [_("Also on {url}").format(url=url) for url in others]
        lines.append(_("Press Ctrl+C to stop."))
        print(*lines, sep="\n", flush=True)

    async def _make_app(self) -> web.Application:
        """textual-serve's routes, with a static folder that lists nothing."""
        app = web.Application(middlewares=[self._guard])
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse foreign ``Host`` headers; keep pages out of other sites' frames."""
        if not host_allowed(request.headers.get("Host"), self.loopback_only):
            return web.Response(status=421, text=_("This server does not serve that host name."))
        response = await handler(request)
        if not response.prepared:
            response.headers["X-Frame-Options"] = "DENY"
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    def _render(self, name: str, status: int = 200, **context: Any) -> web.Response:
        """An HTML page from ``templates/`` (auto-escaped)."""
        html = self.pages.get_template(name).render(lang=language(), **context)
        return web.Response(status=status, text=html, content_type="text/html")

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page that opens a session; it shows the busy message if the server refuses one.

        Whether a slot is free is decided by the websocket alone: deciding here too would count
        the session a reload is about to close, and two tabs opened at once could both pass.
        """
        scheme = "wss" if request.secure else "ws"
        return self._render(
            "app_index.html",
            title="unitedfront-tui",
            static_url="/static/",
            websocket_url=f"{scheme}://{request.host}/ws",
            font_size=max(8, min(40, _int(request.query.get("fontsize"), 16))),
            starting=_("Starting the explorer…"),
            ended=_("Session ended."),
            restart=_("Start again"),
            busy_code=BUSY_CLOSE_CODE,
            busy_heading=_("All sessions are in use"),
            busy_explanation=ngettext(
                "This server runs at most {count} session at once, and it is open. Close "
                "another tab of the explorer, or try again in a minute.",
                "This server runs at most {count} sessions at once, and all are open. Close "
                "another tab of the explorer, or try again in a minute.",
                self.max_sessions,
            ).format(count=self.max_sessions),
            retry=_("Try again"),
        )

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """A file a session delivers: always an attachment, its name intact (RFC 6266).

        textual-serve writes ``filename=a;b.csv`` unquoted (the browser saves ``a``) and serves
        "browser" deliveries inline, which would open a session's SVG as a page of this origin.
        """
        key = request.match_info["key"]
        try:
            meta = await self.download_manager.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text=_("No such download.")) from None
        response = web.StreamResponse()
        content_type = meta.mime_type
        if meta.encoding:
            content_type += f"; charset={meta.encoding}"
        response.headers["Content-Type"] = content_type
        response.headers["Content-Disposition"] = content_disposition(meta.file_name)
        response.headers["X-Content-Type-Options"] = "nosniff"
        try:
            # The first chunk before the headers: a session that sends nothing gets a 504.
            chunk = await self._next_chunk(meta)
        except DownloadBroken as broken:
            self._forget(meta)
            log.warning("download %s failed: %s", meta.file_name, broken)
            raise web.HTTPGatewayTimeout(text=_("The explorer did not send the file.")) from None
        await response.prepare(request)
        try:
            while chunk:
                await response.write(chunk)
                chunk = await self._next_chunk(meta)
        except DownloadBroken as broken:
            log.warning("download %s cut short: %s", meta.file_name, broken)
            # Without its last chunk the body is incomplete: the browser fails the download.
            if request.transport is not None:
                request.transport.close()
            return response
        finally:
            self._forget(meta)
        await response.write_eof()
        return response

    async def _next_chunk(self, download: Download) -> bytes:
        """The next chunk of ``download`` from its session; empty at the end of the file.

        Raises :class:`DownloadBroken` when the session is gone, cancels the download (its tab
        closed), or sends nothing within :data:`CHUNK_WAIT_SECONDS`.
        """
        request: dict[str, str | int | bool | None] = {
            "type": "deliver_chunk_request",
            "key": download.delivery_key,
            "size": DOWNLOAD_CHUNK_SIZE,
            "name": download.name,
        }
        if not await download.app_service.send_meta(request):
            raise DownloadBroken("the session is gone")
        try:
            chunk = await asyncio.wait_for(download.incoming_chunks.get(), CHUNK_WAIT_SECONDS)
        except asyncio.TimeoutError:
            raise DownloadBroken(f"no data within {CHUNK_WAIT_SECONDS:g} s") from None
        if chunk is None:  # what textual-serve queues when the session ends
            raise DownloadBroken("the session ended")
        return chunk

    def _forget(self, download: Download) -> None:
        """Drop ``download`` from textual-serve's record of downloads in progress."""
        self.download_manager._active_downloads.pop(download.delivery_key, None)

    async def _take_slot(self, service: SessionService, websocket: web.WebSocketResponse) -> bool:
        """Count ``service`` as live if a slot is free within a short wait; False if none is.

        The check and the count happen with no ``await`` between them, so two tabs at once
        cannot both take the last slot.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WAIT_FOR_SLOT_SECONDS
        while len(self.sessions) >= self.max_sessions:
            if loop.time() >= deadline:
                return False
            await asyncio.sleep(0.05)
        self.sessions[service] = websocket
        return True

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Run one session for a same-origin websocket, or tell the page all are in use."""
        if not origin_allowed(request.headers.get("Origin"), request.headers.get("Host")):
            log.warning("refused a websocket from origin %r", request.headers.get("Origin"))
            raise web.HTTPForbidden(text=_("Cross-origin websocket refused."))
        websocket = web.WebSocketResponse(heartbeat=15)

        async def close() -> None:
            await websocket.close()

        service = SessionService(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        # Accepted first, so a refusal reaches the page as a close code it can explain.
        await websocket.prepare(request)
        if not await self._take_slot(service, websocket):
            await websocket.close(code=BUSY_CLOSE_CODE, message=b"all sessions are in use")
            return websocket
        try:
            width = _int(request.query.get("width"), 80)
            height = _int(request.query.get("height"), 24)
            await service.start(width, height)
            task = service._task
            if task is not None:
                # An app that exits or dies closes its tab's websocket, so the page says so.
                task.add_done_callback(lambda _t: asyncio.ensure_future(websocket.close()))
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception:
            log.exception("session failed")
        finally:
            # The tab is gone: its slot is free now, while its process quits.
            del self.sessions[service]
            await self._end(service)
        return websocket

    async def _end(self, service: SessionService) -> None:
        """Ask a session's app to quit and wait for its exit; kill it if it will not quit."""
        with contextlib.suppress(Exception):  # a timeout, or the pipe of a process that died
            await asyncio.wait_for(service.stop(), QUIT_SECONDS)
        process = service._process
        if process is None:
            return
        try:
            # Waiting for the exit status here, not leaving it to the loop's child watcher,
            # also keeps Python 3.9-3.11 from logging "Unknown child process" on Ctrl+C.
            await asyncio.wait_for(process.wait(), QUIT_SECONDS)
        except asyncio.TimeoutError:
            log.warning("a session did not quit in time: killing it")
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every session's websocket; their handlers then end the processes."""
        for websocket in list(self.sessions.values()):
            await websocket.close(code=1001, message=_("The server is stopping.").encode())


def _int(value: str | None, default: int) -> int:
    """``value`` as an int, or ``default`` when it is absent or not a number."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
