"""textual-serve, made safe to leave running: same-origin websockets and a cap on sessions.

Each browser tab is a websocket driving its own app process (:mod:`tui.web.session`). On top
of textual-serve's :class:`~textual_serve.server.Server` this adds what it lacks:

- ``Host`` checks on every request and ``Origin`` checks on the websocket (:mod:`tui.web.policy`);
- at most ``max_sessions`` live sessions: the next tab gets a page saying so, not a hang;
- its own page, with fonts served locally (textual-serve's loads them from a third party);
- a shutdown (Ctrl+C) that ends every session's process, killing those that do not quit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from asyncio.subprocess import Process
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from tui.i18n import _, language, ngettext
from tui.web.policy import host_allowed, origin_allowed

TEMPLATES = Path(__file__).resolve().parent / "templates"
QUIT_SECONDS = 5.0
"""How long a session's process may take to quit before it is killed."""

log = logging.getLogger("unitedfront-tui.serve")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


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
        """Live sessions and their websockets."""
        self.pages = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, enable_async=False
        )

    def initialize_logging(self) -> None:
        """Log warnings only: a line per request would bury the address to open."""
        logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
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

    def _busy(self) -> web.Response:
        """The page for a tab that finds every session in use."""
        response = self._render(
            "busy.html",
            status=503,
            title=_("unitedfront-tui: all sessions in use"),
            heading=_("All sessions are in use"),
            explanation=ngettext(
                "This server runs at most {count} session at once, and it is open. Close "
                "another tab of the explorer, or try again in a minute.",
                "This server runs at most {count} sessions at once, and all are open. Close "
                "another tab of the explorer, or try again in a minute.",
                self.max_sessions,
            ).format(count=self.max_sessions),
            retry=_("Try again"),
        )
        response.headers["Retry-After"] = "30"
        return response

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page that opens a session, or the busy page when every session is in use."""
        if len(self.sessions) >= self.max_sessions:
            return self._busy()
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
        )

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Run one session for a same-origin websocket, if a session is free."""
        if not origin_allowed(request.headers.get("Origin"), request.headers.get("Host")):
            log.warning("refused a websocket from origin %r", request.headers.get("Origin"))
            raise web.HTTPForbidden(text=_("Cross-origin websocket refused."))
        if len(self.sessions) >= self.max_sessions:
            raise web.HTTPServiceUnavailable(text=_("All sessions are in use."))
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
        # Counted before the first await, so two tabs at once cannot both take the last slot.
        self.sessions[service] = websocket
        try:
            await websocket.prepare(request)
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
            await self._end(service)
            del self.sessions[service]
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

    async def on_startup(self, app: web.Application) -> None:
        """Say where to point the browser (textual-serve's banner names the bind address)."""
        shown = f"[{self.host}]" if ":" in self.host else self.host
        print(
            ngettext(
                "Serving the explorer on http://{address}:{port}/ (at most {count} session).",
                "Serving the explorer on http://{address}:{port}/ (at most {count} sessions).",
                self.max_sessions,
            ).format(address=shown, port=self.port, count=self.max_sessions),
            _("Press Ctrl+C to stop."),
            sep="\n",
            flush=True,
        )

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
