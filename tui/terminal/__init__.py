"""The terminal layer: what talks to Textual's internals (the wire layer, key parsing).

Every use of Textual's private API outside ``tui/web`` lives in this package, next to the
fingerprint tests that fail loudly when an upgrade moves it.
"""

__all__ = ["textual_private"]
