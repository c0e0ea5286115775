"""``unitedfront-tui schema``: print the JSON Schema of dataset format v1 for editors."""

from __future__ import annotations

import argparse

from tui.cli.common import EXIT_INVALID, EXIT_OK, err, write_or_report, write_stdout
from tui.dataset.text import printable_path
from tui.i18n import _


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``schema`` and its options."""
    schema = commands.add_parser(
        "schema",
        help=_("print the JSON Schema of the dataset format (for editors)"),
        description=_(
            "Print the JSON Schema (draft 2020-12) of dataset format v1. Save it and point "
            "your editor at it, e.g. a first line '#:schema ./unitedfront.schema.json' "
            "(Taplo, Even Better TOML)."
        ),
    )
    schema.add_argument("-o", "--output", metavar=_("FILE"), help=_("write to FILE (atomically)"))
    schema.add_argument("--force", action="store_true", help=_("overwrite FILE if it exists"))


def run(args: argparse.Namespace) -> int:
    """Print the schema, or write it atomically to ``--output``."""
    from tui.dataset.schema import schema_text

    text = schema_text()
    if args.output is None:
        write_stdout(text)
        return EXIT_OK
    if not write_or_report(args.output, text, args.force):
        return EXIT_INVALID
    err(_("wrote {path}").format(path=printable_path(args.output)))
    return EXIT_OK
