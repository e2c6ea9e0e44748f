"""The fast replay of the lexical summary (benchmarks/multinews_replay.py) scores exactly
what the benchmark scores: same units, selection, order, cut and ROUGE-1/2 F."""

from __future__ import annotations

import sys

from tests.conftest import CORPORA, REPO, need_corpus


def test_replay_matches_rouge_score() -> None:
    path = need_corpus(CORPORA / "multinews" / "test.json")
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import multinews
        import multinews_replay
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    result = multinews_replay.check(multinews.load(path, 3000, 40))
    assert result["clusters"] == 40
    assert result["differ"] == 0, result
    assert result["replay"] == result["rouge_score"]
