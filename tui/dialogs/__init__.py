"""Modal dialogs: help, about, export, copied text."""
