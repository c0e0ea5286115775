"""Modal dialogs: help, about, export, copied text."""

__all__ = ["about", "copied_text", "export_dialog", "help", "scrolling"]
