"""Cross-document event coreference on ECB+ (test topics 36–45), beside the lemma baseline.

    python benchmarks/ecbplus.py [--data DIR] [--json]      # evaluate the shipped model
    python benchmarks/ecbplus.py --train                    # learn on train, tune on dev, save

Set-up (the common "gold topics" setting): mentions are clustered within each
topic (all its documents, both sub-topics); evaluation is restricted to the
corpus' selected sentences; singletons count. Two mention settings:

* gold mentions — the annotated ACTION_/NEG_ACTION_ markables;
* predicted mentions — storyline's own trigger detection (verbs and eventive
  nouns of the selected sentences); a predicted mention is matched to a gold one
  only when their character spans are identical.

storyline first clusters each topic's documents into predicted sub-topics (by
the names, entities, dates and words they use, ``document_clusters``; gold
sub-topics are never read) and compares mentions only within one. Baselines in the same run:
same-head-lemma clustering within the same predicted sub-topics (the published
"cluster + lemma" set-up) and within whole topics; storyline's model is also
scored within whole topics.
Scores: MUC, B³, CEAF-e and CoNLL F1 (storyline.eval.coref_metrics).
Two models, each trained on topics 1–22 with its threshold chosen by cross-validation
over topics 1–25 (test topics are only measured): one on pairs within gold sub-topics
for predicted sub-topics, one on pairs within whole topics (the pipeline's model).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from _common import CORPORA, REPO
from storyline.eval.coref_metrics import score
from storyline.eval.ecbplus import TEST_TOPICS
from storyline.eval.event_coref import gold_clusters, lemma_baseline, predict, prepare, train_models
from storyline.events.coref import MODEL_FILE, SUBTOPIC_MODEL_FILE, load_model

MODEL_DIR = REPO / "src" / "storyline" / "events"


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=CORPORA / "ecbplus")
    ap.add_argument(
        "--train", action="store_true", help=f"learn the models and write them to {MODEL_DIR}"
    )
    ap.add_argument("--json", action="store_true", help="print a JSON object on the last line")
    args = ap.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data} not found: ECB+ is read from ../shared/corpora/ecbplus")
    if args.train:
        for name, trained in train_models(args.data).items():
            (MODEL_DIR / name).write_text(trained.to_json(), encoding="utf-8")
            print(f"model written to {MODEL_DIR / name}", file=sys.stderr)
    model = load_model(MODEL_DIR / SUBTOPIC_MODEL_FILE)  # for predicted sub-topics
    whole = load_model(MODEL_DIR / MODEL_FILE)  # for whole topics (and the pipeline)

    t0 = time.perf_counter()
    test = prepare(args.data, TEST_TOPICS)
    key = gold_clusters(test["gold"])
    gold_items, pred_items = [it for it, _ in test["gold"]], test["predicted"]
    topic, sub = test["topic"], test["doc_cluster"]
    t1 = time.perf_counter()
    ours = score(key, predict(gold_items, sub, model))
    t2 = time.perf_counter()
    lem, pr = lemma_baseline, predict
    rows = {
        "conll_f1_gold": ("storyline, gold mentions", ours),
        "lemma_conll_f1_gold_subtopics": ("lemma, predicted sub-topics", lem(gold_items, sub)),
        "lemma_conll_f1_gold": ("lemma, whole topics", lem(gold_items, topic)),
        "conll_f1_gold_topics": ("storyline, whole topics", pr(gold_items, topic, whole)),
        "conll_f1_pred": ("storyline, predicted mentions", pr(pred_items, sub, model)),
        "lemma_conll_f1_pred_subtopics": ("lemma, predicted sub-topics", lem(pred_items, sub)),
        "lemma_conll_f1_pred": ("lemma, whole topics", lem(pred_items, topic)),
        "conll_f1_pred_topics": ("storyline, whole topics", pr(pred_items, topic, whole)),
    }
    rows = {
        k: (label, v if k == "conll_f1_gold" else score(key, v)) for k, (label, v) in rows.items()
    }

    print(f"ECB+ test topics 36-45: {len(gold_items)} gold mentions in {len(key)} chains, "
          f"{len(pred_items)} predicted mentions; {len(set(sub.values()))} predicted sub-topics "
          f"in {len(set(topic.values()))} topics")  # fmt: skip
    for name, (label, s) in rows.items():
        if name in ("conll_f1_gold", "conll_f1_pred"):
            print("gold mentions:" if name.endswith("gold") else "predicted mentions:")
        print(f"  {label:<30} MUC {s.muc.f1:.3f}  B3 {s.b3.f1:.3f}  CEAF-e {s.ceafe.f1:.3f}  "
              f"CoNLL {s.conll_f1:.3f}")  # fmt: skip
    print(f"  (prepare {t1 - t0:.1f}s, cluster {t2 - t1:.2f}s)")
    if args.json:
        out = {name: round(s.conll_f1, 4) for name, (_, s) in rows.items()}
        out |= {"muc": round(ours.muc.f1, 4), "b3": round(ours.b3.f1, 4),
                "ceafe": round(ours.ceafe.f1, 4)}  # fmt: skip
        print(json.dumps(out))


if __name__ == "__main__":
    main()
