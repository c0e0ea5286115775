"""One browser tab's explorer: ``python -m tui.web.session``, started by the server.

textual-serve runs it with Textual's web driver (``TEXTUAL_DRIVER``), talking over pipes, so
unlike the terminal explorer it must not ask for a terminal. The server checked the dataset
before serving; it is loaded again here, as each session is its own process.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections.abc import Sequence

from tui import i18n
from tui.cli.common import EXIT_INVALID, EXIT_OK, load_or_report


def exit_when_orphaned(parent: int, every: float = 1.0) -> None:
    """Exit once the server that started this session is gone (killed, not stopped).

    Textual's web driver stops reading at end of input but keeps the app running: without
    this, a session whose server was killed would run on, unseen, for ever. Nothing is lost
    by ``os._exit``: a session only reads, and has no terminal to restore.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(EXIT_OK)

    threading.Thread(target=watch, name="orphan-watch", daemon=True).start()


def main(argv: Sequence[str] | None = None) -> int:
    """Load the dataset and run the explorer until its tab closes."""
    parser = argparse.ArgumentParser(prog="python -m tui.web.session")
    parser.add_argument("--data", required=True, metavar="PATH")
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default="en")
    parser.add_argument("--theme", metavar="NAME")
    args = parser.parse_args(argv)
    exit_when_orphaned(os.getppid())
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
