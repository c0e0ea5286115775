"""argparse's own messages ("usage:", "options", "error:", "invalid choice"...) in the UI language.

argparse translates its messages with ``gettext.gettext`` and ``gettext.ngettext``, bound at
its import under the names ``_`` and ``ngettext`` and looked up at each call, in the default
``messages`` domain. No catalog is installed for that domain, so they stay English whatever
``--lang`` says. :func:`localize_argparse` points those two names at our catalog instead; the
messages are listed below with ``N_`` / ``Nn_`` so that `make i18n` extracts them.

Pure Python (no textual), like :mod:`tui.i18n`.
"""

from __future__ import annotations

import argparse
import sys

from tui.i18n import N_, NBSP, Nn_, _, language, ngettext

ARGPARSE_STRINGS = (
    N_("usage: "),
    N_("options"),
    N_("optional arguments"),
    N_("positional arguments"),
    N_("subcommands"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("%(prog)s: warning: %(message)s\n"),
    N_("%(heading)s:"),
    N_(" (default: %(default)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)
"""argparse's user-facing messages on Python 3.9 to 3.13, word for word (its errors about
how a program builds its parser are for developers and left out)."""

ARGPARSE_PLURALS = (Nn_("expected %s argument", "expected %s arguments"),)
"""argparse's messages with a plural form."""


def localize_argparse() -> None:
    """Translate argparse's messages with our catalog from now on (in the UI language).

    Call it after :func:`tui.i18n.set_language` and before building a parser: the section
    titles ("options") are translated when the parser is made, the errors when raised.
    """
    setattr(argparse, "_", _)  # noqa: B010 (argparse reads this module global at each call)
    setattr(argparse, "ngettext", ngettext)  # noqa: B010


HEADING_TRANSLATED = sys.version_info >= (3, 13)
"""Python 3.13 writes a section heading through ``_("%(heading)s:")``; before, the colon is
glued to the heading, untranslatable."""


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, its section headings punctuated the UI language's way."""

    def start_section(self, heading: str | None) -> None:
        """Open a section; in French before 3.13 the heading carries the space before ":"."""
        if heading and language() == "fr" and not HEADING_TRANSLATED:
            heading += NBSP
        super().start_section(heading)


class ArgumentParser(argparse.ArgumentParser):
    """An argument parser whose help, and its subcommands' help, use :class:`HelpFormatter`."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
