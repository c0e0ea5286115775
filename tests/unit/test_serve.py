"""``serve``: who may connect (tui.web.policy), its options, and how it fails before listening."""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys

import pytest

from tests.unit.helpers import REPO, run_cli
from tui.cli import serve as serve_command
from tui.cli.main import build_parser
from tui.web.policy import host_allowed, is_loopback, origin_allowed


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]", "app.localhost"]
)
def test_loopback_hosts(host: str) -> None:
    """Loopback addresses and names are recognised, however written."""
    assert is_loopback(host)


@pytest.mark.parametrize(
    "host", ["0.0.0.0", "::", "", "192.168.1.10", "10.0.0.1", "example.org", "localhost.evil.org"]
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
