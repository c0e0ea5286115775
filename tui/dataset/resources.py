"""Locate the files shipped with the package (bundled dataset, stylesheets).

A wheel carries ``data/`` and ``styles/`` inside the package as ``tui/_bundled/``; a source
checkout keeps them at the top of the repository. Either way they are found through the
package, never through the current directory.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
BUNDLED_DATASET_NAME = "operation-united-front.toml"


def resource_dir(kind: str) -> Path:
    """Return the directory holding ``kind`` ("data" or "styles") for this installation."""
    installed = _PACKAGE / "_bundled" / kind
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / kind


def bundled_dataset() -> Path:
    """Return the path of the bundled Operation United Front dataset."""
    return resource_dir("data") / BUNDLED_DATASET_NAME
