"""Reliability and security tests: hostile datasets, nothing lost, fuzzing and soak."""
