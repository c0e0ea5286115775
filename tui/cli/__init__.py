"""Command line: ``main()`` in ``tui.cli.main``, one module per subcommand, shared helpers in
``tui.cli.common``."""

__all__ = ["check", "common", "explore", "export", "main", "new", "schema", "serve"]
