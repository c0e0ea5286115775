"""Command line: launch the explorer, or run a subcommand (one module each in tui.cli).

Datasets are loaded and validated before anything draws on the screen, so a bad file prints
its errors and exits 1 with the terminal untouched. Textual is imported only to launch.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from tui import __version__, i18n
from tui.cli.check import summary
from tui.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, err, os_error_line, silence_stdout
from tui.i18n import _
from tui.i18n.cli import ArgumentParser, localize_argparse

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "build_parser", "main", "summary"]

COMMANDS = ("check", "export", "new", "schema", "serve")
"""Subcommand modules under ``tui.cli``, in the order ``--help`` lists them."""


def _command(name: str) -> ModuleType:
    return importlib.import_module(f"tui.cli.{name}")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``unitedfront-tui``."""
    parser = ArgumentParser(
        prog="unitedfront-tui",
        description=_(
            "Explore, check and export the figures of Operation United Front, state by state. "
            "With no command, opens the explorer."
        ),
        epilog=_("Run 'unitedfront-tui COMMAND --help' for a command's options."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_("show program's version number and exit"),
    )
    parser.add_argument(
        "--data",
        metavar=_("PATH"),
        action="append",
        help=_(
            "dataset to open, or a directory of them; repeat it to open several operations "
            "(default: the bundled dataset)"
        ),
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help=_("reload a dataset when its file changes (an invalid save keeps the last good data)"),
    )
    parser.add_argument(
        "--no-mouse",
        action="store_true",
        help=_("turn mouse reporting off (lets you select text)"),
    )
    parser.add_argument(
        "--theme", metavar=_("NAME"), help=_("Textual theme, e.g. textual-dark, nord")
    )
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        help=_("language of the interface (default: from LANGUAGE, LC_ALL, LC_MESSAGES or LANG)"),
    )
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for name in COMMANDS:
        _command(name).add_parser(commands)
    return parser


def _lang_option(words: Sequence[str]) -> str | None:
    """The value of a valid ``--lang`` among ``words`` (argparse reports invalid ones)."""
    for i, word in enumerate(words):
        value = words[i + 1] if word == "--lang" and i + 1 < len(words) else None
        if word.startswith("--lang="):
            value = word.split("=", 1)[1]
        if value in i18n.LANGUAGES:
            return value
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``unitedfront-tui`` command."""
    # Never die on an unencodable character in messages (LANG=C and friends).
    sys.stderr.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    words = sys.argv[1:] if argv is None else list(argv)
    # The language first, so that --help and usage errors are in it too.
    i18n.set_language(_lang_option(words) or i18n.language_from_env())
    localize_argparse()
    args = build_parser().parse_args(words)
    if args.lang:
        i18n.set_language(args.lang)
    try:
        module = _command(args.command or "explore")
        status: int = module.run(args)
        return status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `unitedfront-tui export ... | head`: the reader left; that is not an error.
        silence_stdout()
        return EXIT_OK
    except OSError as exc:
        # Any other failed read or write (a full disk or stdout, a name too long, a directory
        # that cannot be searched): one line naming the file and the reason, never a traceback.
        # Stdout goes to /dev/null so that the interpreter's last flush cannot fail again.
        silence_stdout()
        err(os_error_line(exc))
        return EXIT_INVALID
