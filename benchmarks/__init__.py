"""Benchmarks: each ``bench_*.py`` module defines ``main() -> dict`` and prints its figures."""
