"""Snapshot tests, one module per screen."""
