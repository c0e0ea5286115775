"""Screens shown over the explorer (imported lazily: nothing here is needed to start)."""
