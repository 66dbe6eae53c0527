"""Pieces of the name-matching benchmark (``benchmarks/bench_names.py``).

``metrics`` has no dependency beyond numpy so that the test suite can import it alone.
"""
