"""Quality gate: event coreference on a slice of the ECB+ test topics must not regress."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPORA, need_corpus

pytestmark = pytest.mark.slow
FLOOR = json.loads((Path(__file__).parent / "ecbplus_floor.json").read_text(encoding="utf-8"))


def test_ecbplus_conll_f1_stays_above_its_floor() -> None:
    from storyline.eval.coref_metrics import score
    from storyline.eval.event_coref import gold_clusters, lemma_baseline, predict, prepare
    from storyline.events.coref import load_model

    root = need_corpus(CORPORA / "ecbplus")
    data = prepare(root, tuple(FLOOR["topics"]))
    items = [it for it, _ in data["gold"]]
    key = gold_clusters(data["gold"])
    ours = score(key, predict(items, data["topic"], load_model())).conll_f1
    lemma = score(key, lemma_baseline(items, data["topic"])).conll_f1
    assert ours >= FLOOR["conll_f1_gold"], f"CoNLL F1 {ours:.4f} fell below its floor"
    assert ours - lemma >= FLOOR["margin_over_lemma_baseline"], (ours, lemma)
