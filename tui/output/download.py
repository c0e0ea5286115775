"""Names for the files a browser session hands to its browser (downloads, never server files)."""

from __future__ import annotations

SVG_MIME = "image/svg+xml"


def download_name(typed: str, default: str) -> str:
    """The file name a browser download gets from what the user typed (no folders), or ``default``.

    The browser picks the folder; a path typed out of habit keeps only its last part.
    """
    name = typed.strip().replace("\\", "/").rsplit("/", 1)[-1].strip()
    return default if name in ("", ".", "..") else name
