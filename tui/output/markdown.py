"""Markdown helpers shared by the report export and the citations."""

from __future__ import annotations


def escape(text: str) -> str:
    """Escape text for a Markdown table cell: pipes, markup characters and line breaks."""
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", " ")


__all__ = ["escape"]
