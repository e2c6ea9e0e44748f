"""How event coreference scales: 10,000 real event mentions, blocked vs all pairs.

    python benchmarks/event_scale.py [--mentions 10000] [--db PATH] [--json]

Mentions come from Multi-News test articles (../shared/corpora/multinews/test.json)
run through storyline's own stages (annotate, entities, times, event mentions).
Annotations are cached in the store at ``--db`` (default: a file in the system
temp folder), so a second run skips the parsing.

Measured in one run:
* ``embed_s`` — sentence and lemma vectors for all mentions (shared with other stages);
* ``cluster_s`` — storyline's blocked clustering of all N mentions, given the vectors;
* baseline — the same model over all pairs of one type, without blocks, on the
  first ``--baseline`` mentions (all pairs of N = 10,000 do not fit in memory);
  ``ratio`` compares seconds per mention of the baseline to storyline's.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from _common import MULTINEWS


def _mentions(db: Path, wanted: int, data: Path) -> tuple[list, list, list]:
    from storyline.annotate import annotate
    from storyline.entities.resolve import resolve_entities
    from storyline.events.extract import extract_event_mentions
    from storyline.pipeline import ingest
    from storyline.store import Store
    from storyline.time.tagger import tag_times

    records = json.loads(data.read_text(encoding="utf-8"))
    mentions, entities_all, items_all = [], [], []
    with Store(db) as store:
        batch = 100
        for lo in range(0, len(records), batch):
            subset = Path(tempfile.gettempdir()) / "storyline-event-scale.json"
            subset.write_text(json.dumps(records[lo : lo + batch]), encoding="utf-8")
            report = ingest([str(subset)], store, input_format="multinews", max_bytes=1 << 30)
            items = annotate(store.articles(report.article_ids), store)
            entities = resolve_entities(items)
            mentions += extract_event_mentions(items, entities, tag_times(items))
            entities_all += entities
            items_all += items
            print(f"  {len(items_all)} articles, {len(mentions)} mentions", file=sys.stderr)
            if len(mentions) >= wanted:
                break
    return mentions[:wanted], entities_all, items_all


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=MULTINEWS)
    ap.add_argument("--mentions", type=int, default=10_000)
    ap.add_argument("--baseline", type=int, default=2_000)
    ap.add_argument(
        "--db", type=Path, default=Path(tempfile.gettempdir()) / "storyline-event-scale.db"
    )
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data} not found: Multi-News is read from ../shared/corpora/multinews")

    from storyline.events import cluster as events_cluster
    from storyline.events.coref import CorefItem, cluster, load_model

    mentions, entities, items = _mentions(args.db, args.mentions, args.data)
    model = load_model()
    usable = [m for m in mentions if m.participants]

    t0 = time.perf_counter()
    vectors = events_cluster.mention_vectors(usable, items)
    embed_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    events = events_cluster.cluster_events(mentions, entities, items, model, vectors)
    cluster_s = time.perf_counter() - t0

    # baseline: no blocks — every pair of same-type mentions among the first N
    svec, lvec, dvec = vectors
    texts = {i.article.id: i.article.text for i in items}
    sample = usable[: args.baseline]
    by_type: dict[str, list] = {}
    for m in sample:
        by_type.setdefault(m.type, []).append(m)
    t0 = time.perf_counter()
    for group in by_type.values():
        corefs = [
            CorefItem(m.id, m.span.article, m.span.start, m.lemma,
                      svec[texts[m.span.article][m.span.start : m.span.end]], lvec[m.lemma],
                      frozenset(m.participants), None, dvec[m.span.article])
            for m in group
        ]  # fmt: skip
        cluster(corefs, model)
    baseline_s = time.perf_counter() - t0
    per_ours = cluster_s / max(1, len(mentions))
    per_base = baseline_s / max(1, len(sample))
    result = {
        "mentions": len(mentions),
        "articles": len(items),
        "events": len(events),
        "embed_s": round(embed_s, 2),
        "cluster_s": round(cluster_s, 2),
        "baseline_mentions": len(sample),
        "baseline_all_pairs_s": round(baseline_s, 2),
        "ratio": round(per_base / per_ours, 2) if per_ours else None,
    }
    print(
        f"{len(mentions)} event mentions from {len(items)} articles → {len(events)} events\n"
        f"  vectors: {embed_s:.1f}s   blocked clustering: {cluster_s:.1f}s "
        f"({1000 * per_ours:.2f} ms/mention)\n"
        f"  baseline, all pairs per type, {len(sample)} mentions: {baseline_s:.1f}s "
        f"({1000 * per_base:.2f} ms/mention); ratio {result['ratio']}"
    )
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
