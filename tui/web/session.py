"""One browser tab's explorer: ``python -m tui.web.session``, started by the server.

textual-serve runs it with Textual's web driver (``TEXTUAL_DRIVER``), talking over pipes, so
unlike the terminal explorer it must not ask for a terminal. The server checked the dataset
before serving; it is loaded again here, as each session is its own process.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tui import i18n
from tui.commands import EXIT_INVALID, EXIT_OK, load_or_report


def main(argv: Sequence[str] | None = None) -> int:
    """Load the dataset and run the explorer until its tab closes."""
    parser = argparse.ArgumentParser(prog="python -m tui.web.session")
    parser.add_argument("--data", required=True, metavar="PATH")
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default="en")
    parser.add_argument("--theme", metavar="NAME")
    args = parser.parse_args(argv)
    i18n.set_language(args.lang)
    dataset = load_or_report(args.data)
    if dataset is None:
        return EXIT_INVALID
    from tui.app import UnitedFrontApp

    app = UnitedFrontApp(dataset, theme=args.theme)
    app.run()
    return app.return_code or EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
