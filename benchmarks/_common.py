"""Helpers shared by the benchmark scripts: where the public corpora live."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
MULTINEWS = CORPORA / "multinews" / "test.json"
