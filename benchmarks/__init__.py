"""Benchmarks for unitedfront-tui: a synthetic dataset generator and a side-by-side harness.

Run ``python -m benchmarks.run`` (or ``make bench``); see ``benchmarks/RESULTS.md``.
"""
