"""The explorer served to browsers (``unitedfront-tui serve``), one app process per tab.

:mod:`tui.web.policy` (who may connect) is pure Python; :mod:`tui.web.server` needs the
``web`` extra (textual-serve); :mod:`tui.web.session` is what each browser tab runs.
"""

__all__ = ["policy", "server", "session"]
