"""The explorer plus one key, ``e``, that delivers the CSV export (as the export dialog will).

Run by the serve download test as each tab's session: ``python -m tests.e2e.deliver_app``.
"""

from __future__ import annotations

import io
import sys
from typing import ClassVar

from textual.binding import Binding, BindingType

from tui.app import UnitedFrontApp
from tui.dataset import load
from tui.dataset.resources import bundled_dataset
from tui.output.export import FORMATS

FILENAME = "united-front-states.csv"


class DeliveringApp(UnitedFrontApp):
    """The explorer with ``e``: deliver the CSV export to whoever runs the app."""

    # A priority binding: the explorer screen binds `e` (its export dialog) too.
    BINDINGS: ClassVar[list[BindingType]] = [Binding("e", "deliver", "Export CSV", priority=True)]

    def action_deliver(self) -> None:
        """In a browser, Textual turns this into a download; in a terminal, a saved file."""
        text = FORMATS["csv"](self.dataset)
        self.deliver_text(io.StringIO(text), save_filename=FILENAME, mime_type="text/csv")


if __name__ == "__main__":
    app = DeliveringApp(load(bundled_dataset()))
    app.run()
    sys.exit(app.return_code or 0)
