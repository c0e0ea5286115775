"""Every output format, pure Python: atomic file writing, CSV/JSON/Markdown tables, SVG,
citations, screenshots on disk. Never imports textual."""

__all__ = ["cite", "export", "markdown", "screenshot", "several", "svg"]
