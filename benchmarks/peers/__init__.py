"""Peer benchmark: kintrace against Splink and the Python Record Linkage Toolkit.

Each tool runs in its own child process (``python -m peers.<tool>``) and writes candidates in
one common format (:data:`peers.common.CANDIDATE_COLUMNS`), so that every tool is scored by the
same code (:mod:`peers.scoring`). The one command is ``benchmarks/bench_peers.py``.
"""
