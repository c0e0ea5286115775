"""The terminal the wire tests pretend to be: an xterm with 256 colours unless a test says."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def xterm_256(monkeypatch: pytest.MonkeyPatch) -> None:
    """TERM=xterm-256color, no COLORTERM, colours on (Rich reads these when the app is built)."""
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
