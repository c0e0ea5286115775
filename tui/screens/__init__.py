"""Screens: the explorer, and the charts and views shown over it (map, bars, operations,
compare), with what they share (chart results, live reload, the loaded operations)."""

__all__ = ["bars", "chart", "compare", "explorer", "live_reload", "loaded", "map", "operations"]
