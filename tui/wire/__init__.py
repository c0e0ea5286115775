"""The wire layer: what a key costs on the terminal's wire, kept to the cells that changed.

``hook`` holds all use of Textual's private API; ``buffer``, ``pen`` and ``encode`` are plain
Rich-level code (a cell grid, SGR state and the diff that writes it).
"""

from __future__ import annotations

from tui.wire.buffer import CellGrid
from tui.wire.encode import Encoder

__all__ = ["CellGrid", "Encoder"]
