"""``serve``: who may connect (tui.web.policy), its options, and how it fails before listening."""

from __future__ import annotations

import argparse
import email.utils
import hashlib
import importlib.metadata
import inspect
import os
import shlex
import socket
import subprocess
import sys
import urllib.parse

import pytest

from tests.unit.helpers import REPO, run_cli
from tui.cli import serve as serve_command
from tui.cli.main import build_parser
from tui.web import policy
from tui.web.policy import (
    content_disposition,
    host_allowed,
    is_loopback,
    is_wildcard,
    listening_urls,
    origin_allowed,
)


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "127.1.2.3",
        "127.1",
        "0x7f.1",
        "localhost",
        "LOCALHOST",
        "::1",
        "[::1]",
        "0:0:0:0:0:0:0:1",
        "app.localhost",
    ],
)
def test_loopback_hosts(host: str) -> None:
    """Loopback addresses and names are recognised, however written."""
    assert is_loopback(host)


@pytest.mark.parametrize(
    "host",
    [
        "0.0.0.0",
        "::",
        "",
        "0",
        "192.168.1.10",
        "10.0.0.1",
        "example.org",
        "localhost.evil.org",
        "127.0.0.1 evil.org",
    ],
)
def test_other_hosts_are_not_loopback(host: str) -> None:
    """Wildcards, LAN addresses and names that merely contain 'localhost' are not loopback."""
    assert not is_loopback(host)


@pytest.mark.parametrize(
    ("header", "loopback_only", "allowed"),
    [
        ("127.0.0.1:8000", True, True),
        ("localhost:9000", True, True),
        ("[::1]:8000", True, True),
        ("localhost", True, True),
        ("rebound.example.org:8000", True, False),
        ("rebound.example.org:8000", False, True),
        (None, True, False),
        ("", False, False),
        ("localhost:notaport", True, False),
        ("user@localhost:8000", True, False),
        ("localhost:8000/path", True, False),
        ("127.1:8000", True, True),
        ("[0:0:0:0:0:0:0:1]:8000", True, True),
    ],
)
def test_host_header(header: str | None, loopback_only: bool, allowed: bool) -> None:
    """A loopback server answers loopback names only (DNS rebinding); malformed ones never."""
    assert host_allowed(header, loopback_only) is allowed


@pytest.mark.parametrize(
    ("origin", "host", "allowed"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
        ("http://localhost:9000", "localhost:9000", True),
        ("https://LOCALHOST:9000", "localhost:9000", True),
        ("http://127.0.0.1:8001", "127.0.0.1:8000", False),
        ("http://localhost:8000", "127.0.0.1:8000", False),
        ("http://evil.example.org", "127.0.0.1:8000", False),
        ("null", "127.0.0.1:8000", False),
        (None, "127.0.0.1:8000", False),
        ("", "127.0.0.1:8000", False),
        ("file://", "127.0.0.1:8000", False),
        ("chrome-extension://abc", "abc", False),
        ("http://127.0.0.1:8000", None, False),
    ],
)
def test_websocket_origin(origin: str | None, host: str | None, allowed: bool) -> None:
    """Only the page this server served (same host and port) may open the websocket."""
    assert origin_allowed(origin, host) is allowed


def options(*argv: str) -> argparse.Namespace:
    """Parsed ``serve`` options."""
    return build_parser().parse_args(["serve", *argv])


def test_defaults_are_safe() -> None:
    """Loopback, port 8000, four sessions, not public: nothing to complain about."""
    args = options()
    assert (args.host, args.port, args.max_sessions, args.public) == ("127.0.0.1", 8000, 4, False)
    assert serve_command.check_options(args) is None


@pytest.mark.parametrize(
    ("argv", "complaint"),
    [
        (["--host", "0.0.0.0"], "--public"),
        (["--host", "192.168.1.10"], "--public"),
        (["--port", "0"], "--port"),
        (["--port", "70000"], "--port"),
        (["--max-sessions", "0"], "--max-sessions"),
        (["--max-sessions", "65"], "--max-sessions"),
    ],
)
def test_bad_options(argv: list[str], complaint: str) -> None:
    """Each refused option is named in the message."""
    problem = serve_command.check_options(options(*argv))
    assert problem is not None and complaint in problem


@pytest.mark.parametrize("host", ["127.1", "::1", "[::1]", "localhost"])
def test_loopback_spellings_need_no_public(host: str) -> None:
    """``127.1`` and ``::1`` are this machine, however written: no --public asked for."""
    assert serve_command.check_options(options("--host", host)) is None


def test_public_allows_any_host() -> None:
    """--public is the one way to listen beyond loopback."""
    assert serve_command.check_options(options("--host", "0.0.0.0", "--public")) is None


def test_session_command_quotes_the_path() -> None:
    """Each tab's command survives a path with spaces and quotes, and execs Python."""
    command = serve_command.session_command("/tmp/it's a file.toml", "fr", "nord")
    words = shlex.split(command)
    assert words[:4] == ["exec", sys.executable, "-m", "tui.web.session"]
    assert words[4:] == ["--data", "/tmp/it's a file.toml", "--lang", "fr", "--theme", "nord"]


def test_all_interfaces_without_public_exits_2() -> None:
    """``--host 0.0.0.0`` without --public: usage error, nothing listens."""
    result = run_cli("serve", "--host", "0.0.0.0", timeout=30)
    assert result.returncode == 2
    assert "--public" in result.stderr and "ssh -L 8000:localhost:8000" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_bad_dataset_exits_1_before_listening() -> None:
    """The dataset is checked first: located errors, exit 1, no server."""
    result = run_cli("serve", "--data", "/nonexistent/x.toml", "--port", "1", timeout=30)
    assert result.returncode == 1
    assert result.stderr.startswith("/nonexistent/x.toml: no such file")
    assert "Serving" not in result.stdout


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    """Run Python ``code`` in a fresh interpreter with the repository importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
        check=False,
    )


def test_missing_web_extra_says_how_to_install() -> None:
    """Without textual-serve: one clear line naming the extra, exit 1, no traceback."""
    result = run_python(
        "import sys; sys.modules['textual_serve'] = None; "
        "from tui.cli.main import main; sys.exit(main(['serve']))"
    )
    assert result.returncode == 1
    assert "pip install 'unitedfront-tui[web]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_public_warns_and_serves(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--public on every interface: a warning first, then the server runs (here, a stand-in)."""
    from tui.web import server

    served: list[server.ExplorerServer] = []
    monkeypatch.setattr(
        server.ExplorerServer, "serve", lambda self, debug=False: served.append(self)
    )
    status = serve_command.run(options("--host", "0.0.0.0", "--public", "--max-sessions", "3"))
    assert status == 0
    err = capsys.readouterr().err
    assert "WARNING: serving on every interface" in err
    assert len(served) == 1
    assert (served[0].host, served[0].max_sessions, served[0].loopback_only) == (
        "0.0.0.0",
        3,
        False,
    )


def test_unknown_theme_exits_2_before_listening() -> None:
    """A theme every session would refuse is refused once, before serving."""
    result = run_cli("--theme", "no-such-theme", "serve", "--port", "1", timeout=60)
    assert result.returncode == 2
    assert "unknown theme 'no-such-theme'" in result.stderr
    assert "Serving" not in result.stdout


def test_a_taken_port_prints_no_address() -> None:
    """The address is printed once listening: with the port taken, no "Serving" line."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--port", str(port), timeout=60)
    assert result.returncode == 1
    assert "Serving" not in result.stdout, result.stdout
    assert f"cannot listen on 127.0.0.1:{port}: Address already in use" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "[::]", "0"])
def test_wildcards(host: str) -> None:
    """Every way of writing "every interface" is one."""
    assert is_wildcard(host)
    assert not is_wildcard("192.168.1.10")


def test_public_urls_name_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bound to every interface, the URLs printed are the machine's addresses, never 0.0.0.0."""
    monkeypatch.setattr(policy, "machine_addresses", lambda ipv6=True: ["192.168.1.10", "fd00::2"])
    assert listening_urls("0.0.0.0", 8000) == [
        "http://192.168.1.10:8000/",
        "http://[fd00::2]:8000/",
    ]
    monkeypatch.setattr(policy, "machine_addresses", lambda ipv6=True: [])
    monkeypatch.setattr(socket, "gethostname", lambda: "newsroom")
    assert listening_urls("::", 8000) == ["http://newsroom:8000/"]


def test_urls_for_one_address() -> None:
    """One address: itself, spelt out, IPv6 in brackets."""
    assert listening_urls("127.1", 8000) == ["http://127.0.0.1:8000/"]
    assert listening_urls("::1", 8001) == ["http://[::1]:8001/"]
    assert listening_urls("192.168.1.10", 80) == ["http://192.168.1.10:80/"]


def test_machine_addresses_are_openable() -> None:
    """Whatever this machine has, no loopback, link-local or wildcard address is offered."""
    for address in policy.machine_addresses():
        assert policy.openable(address), address
    assert not policy.openable("127.0.0.1")
    assert not policy.openable("fe80::1")
    assert not policy.openable("0.0.0.0")
    assert policy.openable("192.168.1.10")


@pytest.mark.parametrize("name", ["a;b.csv", 'q"uote.csv', "été 2021.md", "x\\y.json", "50%.csv"])
def test_download_names_arrive_whole(name: str) -> None:
    """``filename*`` carries the exact name (RFC 8187, decoded by the standard library)."""
    header = content_disposition(name)
    kind, fallback, exact = header.split("; ")
    assert kind == "attachment"
    assert fallback.startswith('filename="') and fallback.endswith('"')
    assert '"' not in fallback[10:-1] and "\\" not in fallback
    key, value = exact.split("=", 1)
    charset, _language, encoded = email.utils.decode_rfc2231(value)
    assert (key, charset) == ("filename*", "UTF-8")
    assert urllib.parse.unquote(encoded, encoding="utf-8", errors="strict") == name
    # A header is bytes on the wire: ASCII only, the exact name being percent-encoded.
    assert header.isascii()


TEXTUAL_SERVE = {
    "Server._make_app": "replaced: the routes, with /static/ unlisted",
    "Server.serve": "replaced: the address printed once bound",
    "Server.handle_download": "replaced: RFC 6266 names, attachments only",
    "Server.handle_websocket": "replaced: the cap, counted where a session starts",
    "Server._process_messages": "called as is",
    "AppService._open_app_process": "replaced: a process group per session",
    "AppService.start": "called; sets _task, read by the server",
    "AppService.stop": "called",
    "DownloadManager.get_download_metadata": "called; its fields read",
    "DownloadManager.download": "replaced: waits longer for a chunk, fails instead of cutting",
    "DownloadManager.chunk_received": "relied on: queues a session's chunks, b'' at the end",
    "DownloadManager.cancel_app_downloads": "relied on: queues None when a session ends",
    "DownloadManager.__init__": "its _active_downloads emptied when a download ends",
}
"""The textual-serve code tui/web/server.py replaces or relies on, and why."""

TEXTUAL_SERVE_FINGERPRINTS = {
    "Server._make_app": "f49af73ecb6eb223",
    "Server.serve": "199f785dcfa9af73",
    "Server.handle_download": "0f198f68877ae6fb",
    "Server.handle_websocket": "87c0c9d50be81f45",
    "Server._process_messages": "c30aaa2d9521fe13",
    "AppService._open_app_process": "1202e78eb3e9d5d6",
    "AppService.start": "677839f69c78d856",
    "AppService.stop": "e17b0255d820b5e6",
    "DownloadManager.get_download_metadata": "64560fa4ea184feb",
    "DownloadManager.download": "ee0b19017538d502",
    "DownloadManager.chunk_received": "0b6f9afde37a2dfa",
    "DownloadManager.cancel_app_downloads": "a3f345c7295762b9",
    "DownloadManager.__init__": "5a5b6865031e335b",
}
"""A fingerprint of each one's source in textual-serve 1.1.3."""


def textual_serve_function(name: str) -> object:
    """``Class.method`` of textual-serve."""
    from textual_serve.app_service import AppService
    from textual_serve.download_manager import DownloadManager
    from textual_serve.server import Server

    owner, method = name.split(".")
    classes = {"Server": Server, "AppService": AppService, "DownloadManager": DownloadManager}
    return getattr(classes[owner], method)


def test_textual_serve_is_the_pinned_version() -> None:
    """tui/web/server.py was written against textual-serve 1.1.3."""
    assert importlib.metadata.version("textual-serve") == "1.1.3", (
        "textual-serve moved: review tui/web/server.py, then the pin and the fingerprints here"
    )


@pytest.mark.parametrize("name", list(TEXTUAL_SERVE))
def test_textual_serve_code_relied_on_is_unchanged(name: str) -> None:
    """The functions tui/web/server.py replaces or calls have the source it was written for."""
    source = inspect.getsource(textual_serve_function(name))  # type: ignore[arg-type]
    fingerprint = hashlib.sha256(source.encode()).hexdigest()[:16]
    assert fingerprint == TEXTUAL_SERVE_FINGERPRINTS[name], (
        f"{name} ({TEXTUAL_SERVE[name]}) changed in this textual-serve: review tui/web/server.py"
    )


def test_textual_js_still_does_what_the_page_relies_on() -> None:
    """The page wraps ``window.WebSocket`` and focuses xterm's textarea: textual.js must open
    its socket through that global, and the files the page loads must be there."""
    from tui.web.server import ExplorerServer

    static = ExplorerServer("true", "127.0.0.1", 8000, 1, True).statics_path
    for name in ("css/xterm.css", "js/textual.js", "fonts/RobotoMono-VariableFont_wght.ttf"):
        assert (static / name).is_file(), name
    script = (static / "js" / "textual.js").read_text(encoding="utf-8")
    assert "new WebSocket(" in script
    assert "xterm-helper-textarea" in script
    assert '"-closed"' in script


def test_the_banner_names_addresses_to_open(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Once listening on every interface: the machine's addresses, one session in the singular."""
    from tui.web.server import ExplorerServer

    monkeypatch.setattr(policy, "machine_addresses", lambda ipv6=True: ["192.168.1.10", "fd00::2"])
    ExplorerServer("true", "::", 8000, 1, loopback_only=False)._listening()
    assert capsys.readouterr().out.splitlines() == [
        "Serving the explorer on http://192.168.1.10:8000/ (at most 1 session).",
        "Also on http://[fd00::2]:8000/",
        "Press Ctrl+C to stop.",
    ]
