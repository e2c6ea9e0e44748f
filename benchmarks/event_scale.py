"""How event coreference scales: 10,000 real event mentions, blocked vs all pairs.

    python benchmarks/event_scale.py [--mentions 10000] [--baseline 2000] [--json]

Mentions: the annotated event mentions of the whole ECB+ corpus (every sentence,
not only the evaluation selection: about 15,000), first N in corpus order, each
parsed, embedded and described exactly as the pipeline does (storyline's spaCy
pipeline, MiniLM sentence and lemma vectors, TF-IDF document vectors).

Measured in one run:
* ``vectors_s`` — parsing and vectors for all N mentions (shared with other stages);
* ``cluster_s`` — storyline's coreference over all N: the learned pairwise model
  and average-linkage clustering inside blocks (here the corpus topics, the
  blocks a story's actors give in the pipeline are smaller);
* baseline — the same model over all pairs without blocks, on the first
  ``--baseline`` mentions (all pairs of 10,000 do not fit in memory); ``ratio`` is
  the baseline's seconds per mention over storyline's.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from _common import CORPORA
from storyline.eval.event_coref import by_topic, prepare
from storyline.events.coref import cluster, load_model

ALL_TOPICS = tuple(range(1, 46))


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=CORPORA / "ecbplus")
    ap.add_argument("--mentions", type=int, default=10_000)
    ap.add_argument("--baseline", type=int, default=2_000)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data} not found: ECB+ is read from ../shared/corpora/ecbplus")
    model = load_model()

    t0 = time.perf_counter()
    data = prepare(args.data, ALL_TOPICS, all_sentences=True, predicted_wanted=False)
    items = [it for it, _ in data["gold"]][: args.mentions]
    vectors_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    events = sum(len(cluster(group, model)) for group in by_topic(items, data["topic"]).values())
    cluster_s = time.perf_counter() - t0

    sample = items[: args.baseline]
    t0 = time.perf_counter()
    cluster(sample, model)
    baseline_s = time.perf_counter() - t0

    per_ours = cluster_s / max(1, len(items))
    per_base = baseline_s / max(1, len(sample))
    result = {
        "mentions": len(items),
        "events": events,
        "vectors_s": round(vectors_s, 1),
        "cluster_s": round(cluster_s, 2),
        "baseline_mentions": len(sample),
        "baseline_all_pairs_s": round(baseline_s, 2),
        "ratio": round(per_base / per_ours, 2) if per_ours else None,
    }
    print(
        f"{len(items)} ECB+ event mentions → {events} events\n"
        f"  parse + vectors: {vectors_s:.1f}s   blocked coreference: {cluster_s:.2f}s "
        f"({1000 * per_ours:.2f} ms/mention)\n"
        f"  baseline, all pairs, {len(sample)} mentions: {baseline_s:.2f}s "
        f"({1000 * per_base:.2f} ms/mention); ratio {result['ratio']}"
    )
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
