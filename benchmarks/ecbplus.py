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

Baseline in the same run: same-head-lemma clustering within each topic.
Scores: MUC, B³, CEAF-e and CoNLL F1 (storyline.eval.coref_metrics).
The model is trained on topics 1–22 and its threshold tuned on 23–25 only.
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
from storyline.eval.event_coref import gold_clusters, lemma_baseline, predict, prepare, train_model
from storyline.events.coref import MODEL_FILE, load_model

MODEL_PATH = REPO / "src" / "storyline" / "events" / MODEL_FILE


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=CORPORA / "ecbplus")
    ap.add_argument(
        "--train", action="store_true", help="learn the model and write " + str(MODEL_PATH)
    )
    ap.add_argument("--json", action="store_true", help="print a JSON object on the last line")
    args = ap.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data} not found: ECB+ is read from ../shared/corpora/ecbplus")
    if args.train:
        model = train_model(args.data)
        MODEL_PATH.write_text(model.to_json(), encoding="utf-8")
        print(f"model written to {MODEL_PATH}", file=sys.stderr)
    model = load_model(MODEL_PATH)

    t0 = time.perf_counter()
    test = prepare(args.data, TEST_TOPICS)
    key = gold_clusters(test["gold"])
    gold_items = [it for it, _ in test["gold"]]
    t1 = time.perf_counter()
    ours = score(key, predict(gold_items, test["topic"], model))
    t2 = time.perf_counter()
    lemma = score(key, lemma_baseline(gold_items, test["topic"]))
    pred = score(key, predict(test["predicted"], test["topic"], model))
    lemma_pred = score(key, lemma_baseline(test["predicted"], test["topic"]))

    def row(name: str, s) -> str:
        return (f"  {name:<28} MUC {s.muc.f1:.3f}  B3 {s.b3.f1:.3f}  CEAF-e {s.ceafe.f1:.3f}  "
                f"CoNLL {s.conll_f1:.3f}")  # fmt: skip

    print(f"ECB+ test topics 36-45: {len(gold_items)} gold mentions in {len(key)} chains; "
          f"{len(test['predicted'])} predicted mentions")  # fmt: skip
    print(row("storyline, gold mentions", ours))
    print(row("lemma baseline, gold", lemma))
    print(row("storyline, predicted", pred))
    print(row("lemma baseline, predicted", lemma_pred))
    print(f"  (prepare {t1 - t0:.1f}s, cluster {t2 - t1:.2f}s)")
    if args.json:
        print(json.dumps({
            "conll_f1_gold": round(ours.conll_f1, 4),
            "conll_f1_pred": round(pred.conll_f1, 4),
            "lemma_conll_f1_gold": round(lemma.conll_f1, 4),
            "lemma_conll_f1_pred": round(lemma_pred.conll_f1, 4),
            "muc": round(ours.muc.f1, 4),
            "b3": round(ours.b3.f1, 4),
            "ceafe": round(ours.ceafe.f1, 4),
        }))  # fmt: skip


if __name__ == "__main__":
    main()
