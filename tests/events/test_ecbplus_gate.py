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
    from storyline.events.coref import SUBTOPIC_MODEL_FILE, load_model

    root = need_corpus(CORPORA / "ecbplus")
    data = prepare(root, tuple(FLOOR["topics"]), predicted_wanted=False)
    items = [it for it, _ in data["gold"]]
    key = gold_clusters(data["gold"])
    sub = data["doc_cluster"]  # predicted sub-topics, as the benchmark
    ours = score(key, predict(items, sub, load_model(name=SUBTOPIC_MODEL_FILE))).conll_f1
    lemma_sub = score(key, lemma_baseline(items, sub)).conll_f1
    lemma = score(key, lemma_baseline(items, data["topic"])).conll_f1
    assert ours >= FLOOR["conll_f1_gold"], f"CoNLL F1 {ours:.4f} fell below its floor"
    assert ours - lemma_sub >= FLOOR["margin_over_subtopic_lemma_baseline"], (ours, lemma_sub)
    assert ours - lemma >= FLOOR["margin_over_lemma_baseline"], (ours, lemma)
