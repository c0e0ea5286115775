"""``unitedfront-tui new PATH``: write a commented skeleton dataset to fill in."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli.common import EXIT_INVALID, EXIT_OK, err, write_or_report, write_stdout
from tui.dataset.text import printable_path
from tui.i18n import _

SKELETON = Path(__file__).resolve().parent.parent / "dataset" / "skeleton.toml"
"""The skeleton shipped in the package: valid as it is (``check`` accepts it)."""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``new`` and its options."""
    new = commands.add_parser(
        "new",
        help=_("write a commented skeleton dataset to fill in"),
        description=_(
            "Write a new dataset file: every table and key, commented, around the few "
            "required ones. Never replaces an existing file unless --force. PATH '-' prints it."
        ),
    )
    new.add_argument("path", metavar=_("PATH"), help=_("file to create ('-' for stdout)"))
    new.add_argument("--force", action="store_true", help=_("overwrite PATH if it exists"))


def skeleton() -> str:
    """The skeleton dataset's text."""
    return SKELETON.read_text(encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    """Write the skeleton atomically to ``args.path`` (or print it for ``-``)."""
    text = skeleton()
    if args.path == "-":
        write_stdout(text)
        return EXIT_OK
    if not write_or_report(args.path, text, args.force):
        return EXIT_INVALID
    shown = printable_path(args.path)
    err(_("wrote {path}; fill it in, then: unitedfront-tui check {path}").format(path=shown))
    return EXIT_OK
