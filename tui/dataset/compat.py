"""What differs between the Pythons we run on (3.9 to 3.13), in one place.

``tomllib`` is the standard library's parser (3.11+) or ``tomli`` before it. Both read TOML 1.0
only (tomli is held to 2.0.1 - 2.3.x: 2.4 reads TOML 1.1), so a dataset that loads on one Python
loads on every one, and syntax errors read alike: ``... (at line L, column C)``.
"""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised by `make test-all` on 3.9 and 3.10
    import tomli as tomllib

SLOTS: dict[str, bool] = {"slots": True} if sys.version_info >= (3, 10) else {}
"""``@dataclass(**SLOTS)``: slots (3.10+) save memory on 100,000-state datasets."""

__all__ = ["SLOTS", "tomllib"]
