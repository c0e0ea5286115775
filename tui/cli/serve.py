"""``unitedfront-tui serve``: the explorer in a browser, one session per tab (tui.web).

Safe by default: it listens on loopback only (reach it through ``ssh -L``); another address
needs ``--public`` and prints a warning. The dataset is checked before anything listens.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys

from tui import i18n
from tui.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, dataset_path, err, load_or_report
from tui.dataset.text import printable
from tui.i18n import N_, _

MAX_SESSIONS = 64
"""Upper bound of ``--max-sessions``: each session is a Python process of ~60 MB."""

MISSING_EXTRA = N_(
    "unitedfront-tui: serving to a browser needs the 'web' extra, which is not installed. "
    "Install it with: pip install 'unitedfront-tui[web]'"
)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``serve`` and its options."""
    serve = commands.add_parser(
        "serve",
        help="open the explorer in a web browser (one session per tab)",
        description=(
            "Serve the explorer to web browsers. Listens on 127.0.0.1 only: from another "
            "machine, open a tunnel (ssh -L 8000:localhost:8000 SERVER) and browse "
            "http://localhost:8000/. Ctrl+C stops the server and every session."
        ),
    )
    serve.add_argument("--data", dest="serve_data", metavar="PATH", help="dataset to serve")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    serve.add_argument(
        "--max-sessions",
        type=int,
        default=4,
        metavar="N",
        help="browser tabs served at once; the next one is told to wait (4)",
    )
    serve.add_argument(
        "--public",
        action="store_true",
        help="allow a non-loopback --host (no login, no TLS: anyone who reaches it can use it)",
    )


def check_options(args: argparse.Namespace) -> str | None:
    """What is wrong with the options, or None."""
    # Imported here: every command module loads when the explorer starts, and this costs ~2 ms.
    from tui.web.policy import is_loopback

    if not 1 <= args.port <= 65535:
        return _("--port must be between 1 and 65535, not {port}").format(port=args.port)
    if not 1 <= args.max_sessions <= MAX_SESSIONS:
        return _("--max-sessions must be between 1 and {most}, not {n}").format(
            most=MAX_SESSIONS, n=args.max_sessions
        )
    if not is_loopback(args.host) and not args.public:
        return _(
            "--host {host} is reachable from other machines; add --public to serve there "
            "anyway, or keep the default 127.0.0.1 and use an SSH tunnel "
            "(ssh -L 8000:localhost:8000 SERVER)"
        ).format(host=printable(args.host, 100))
    return None


def session_command(path: str, lang: str, theme: str | None) -> str:
    """The shell command textual-serve runs for each tab (``exec``: signals reach Python)."""
    words = [sys.executable, "-m", "tui.web.session", "--data", os.path.abspath(path)]
    words += ["--lang", lang]
    if theme is not None:
        words += ["--theme", theme]
    return "exec " + " ".join(shlex.quote(word) for word in words)


def serve(args: argparse.Namespace) -> int:
    """Check the options and the dataset, then serve until Ctrl+C."""
    problem = check_options(args)
    if problem is not None:
        err(_("unitedfront-tui serve: {problem}").format(problem=problem))
        return EXIT_USAGE
    path = dataset_path(args.serve_data or args.data)
    dataset = load_or_report(path)
    if dataset is None:
        return EXIT_INVALID
    if args.theme is not None:
        # Checked here, once: in a session the error would only leave a blank tab.
        from tui.app import UnitedFrontApp, UnknownThemeError

        try:
            UnitedFrontApp(dataset, theme=args.theme)
        except UnknownThemeError as exc:
            err(f"unitedfront-tui: {exc}")
            return EXIT_USAGE
    from tui.web.policy import is_loopback, is_wildcard

    try:
        from tui.web.server import ExplorerServer
    except ImportError:
        err(_(MISSING_EXTRA))
        return EXIT_INVALID
    loopback = is_loopback(args.host)
    if not loopback:
        where = _("every interface") if is_wildcard(args.host) else args.host
        err(
            _(
                "unitedfront-tui serve: WARNING: serving on {where}: anyone who can reach this "
                "port can use the explorer (no login, no encryption)"
            ).format(where=printable(where, 100))
        )
    server = ExplorerServer(
        session_command(path, i18n.language(), args.theme),
        host=args.host,
        port=args.port,
        max_sessions=args.max_sessions,
        loopback_only=loopback,
    )
    try:
        server.serve()
    except OSError as exc:
        # aiohttp's own message repeats the address in Python's notation: the reason alone.
        why = os.strerror(exc.errno) if exc.errno else str(exc)
        err(
            _("unitedfront-tui serve: cannot listen on {host}:{port}: {why}").format(
                host=printable(args.host, 100), port=args.port, why=why
            )
        )
        return EXIT_INVALID
    print(_("Stopped."), file=sys.stderr)
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Run ``serve`` for parsed arguments."""
    return serve(args)
