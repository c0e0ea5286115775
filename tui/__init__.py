"""unitedfront-tui: a keyboard-first terminal explorer for Operation United Front's figures."""

__version__ = "0.1.0"

__all__ = ["__version__"]
