"""Time of a whole brief per article, against a bare spaCy parse of the same texts, in one run.

    python benchmarks/brief_speed.py [--data FILE] [--clusters N] [--json]

Corpus: the articles of the first N (default 120: 308 articles) clusters of Multi-News
test.json (../shared/corpora/multinews/test.json); when that is absent, the bundled demo.
All of them go into one brief, as ``storyline brief FILE --input-format multinews`` does.

storyline side: ``pipeline.ingest`` into a fresh SQLite store (read, dedupe, parse, cache
the Docs), then ``pipeline.brief_from_store`` (every analysis stage: entities, times,
events, claims, summary) — the two steps of ``storyline brief PATHS``, timed apart.
Baseline: bare ``nlp.pipe`` of the same model over the same (unique) texts, same batch
size, measured first in the same process.

``brief_ratio`` = brief seconds ÷ baseline seconds (how many bare parses of the corpus one
brief costs: lower is faster); ``total_ratio`` counts the ingest too. CPU seconds are the
process's, all threads. ``brief_sha256`` is the digest of the brief's JSON, so runs of two
versions of the code can show they wrote the same brief.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from _common import MULTINEWS
from throughput import _corpus


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=MULTINEWS)
    ap.add_argument("--clusters", type=int, default=120)
    ap.add_argument("--json", action="store_true", help="print a JSON object on the last line")
    args = ap.parse_args()

    from storyline.annotate import BATCH_SIZE, load_nlp
    from storyline.pipeline import brief_from_store, ingest
    from storyline.render.json import render_json
    from storyline.store import Store

    # the subset file at a fixed place: its path is each article's origin in the brief
    corpus = Path(tempfile.gettempdir()) / "storyline-brief-speed"
    corpus.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        paths, texts, fmt = _corpus(args.data, args.clusters, corpus)
        texts = list(dict.fromkeys(texts))
        words = sum(len(t.split()) for t in texts)
        nlp = load_nlp()
        list(nlp.pipe(texts[:16]))  # warm up the model

        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass
        spacy_s = time.perf_counter() - t0

        with Store(work / "bench.db") as store:
            c0, t0 = _cpu(), time.perf_counter()
            report = ingest(paths, store, input_format=fmt, max_bytes=1 << 30)
            c1, t1 = _cpu(), time.perf_counter()
            brief = brief_from_store(store, report.article_ids)
            c2, t2 = _cpu(), time.perf_counter()
        digest = hashlib.sha256(render_json(brief).encode("utf-8")).hexdigest()
    n = len(report.article_ids)
    ingest_s, brief_s = t1 - t0, t2 - t1
    result = {
        "articles": n,
        "words": words,
        "spacy_s": round(spacy_s, 2),
        "ingest_s": round(ingest_s, 2),
        "brief_s": round(brief_s, 2),
        "brief_ms_per_article": round(1000 * brief_s / n, 1),
        "spacy_ms_per_article": round(1000 * spacy_s / n, 1),
        "brief_cpu_s": round(c2 - c1, 1),
        "ingest_cpu_s": round(c1 - c0, 1),
        "brief_ratio": round(brief_s / spacy_s, 2),
        "total_ratio": round((ingest_s + brief_s) / spacy_s, 2),
        "brief_sha256": digest,
    }
    print(
        f"{n} articles, {words} words\n"
        f"  bare spaCy nlp.pipe: {spacy_s:.1f} s ({result['spacy_ms_per_article']} ms/article)\n"
        f"  ingest + parse:      {ingest_s:.1f} s (CPU {result['ingest_cpu_s']} s)\n"
        f"  brief:               {brief_s:.1f} s ({result['brief_ms_per_article']} ms/article, "
        f"CPU {result['brief_cpu_s']} s)\n"
        f"  brief ratio: {result['brief_ratio']}  total ratio: {result['total_ratio']}\n"
        f"  brief sha256: {digest}",
        file=sys.stderr,
    )
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
