"""Evaluation: metrics and readers for public benchmark corpora (used by ``benchmarks/``)."""
