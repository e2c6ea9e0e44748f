"""Throughput of ingest + annotate, against bare spaCy on the same texts, in one run.

    python benchmarks/throughput.py [--data FILE] [--clusters N] [--json]

Corpus: the first N (default 300) clusters of Multi-News test.json
(../shared/corpora/multinews/test.json); when that is absent, the bundled demo.
storyline side: ``storyline.pipeline.ingest`` of those articles into a fresh
SQLite store (reading, hashing, MinHash near-duplicate search, transactional
writes, annotation with the model, caching the Docs). Baseline: bare
``nlp.pipe`` of the same model over the same texts with the same batch size.
``ratio`` = storyline articles/s ÷ spaCy articles/s (1.0 = no overhead).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from _common import MULTINEWS


def _corpus(data: Path, clusters: int, workdir: Path) -> tuple[list[str], list[str], str]:
    """(paths to ingest, texts the baseline parses, input format) for the same articles."""
    from storyline.demo import corpus_dir
    from storyline.ingest import read_inputs
    from storyline.model import Article

    if data.exists():
        records = json.loads(data.read_text(encoding="utf-8"))[:clusters]
        subset = workdir / "multinews-subset.json"
        subset.write_text(json.dumps(records), encoding="utf-8")
        paths = [str(subset)]
        fmt = "multinews"
    else:
        print(f"{data} absent: measuring on the bundled demo corpus", file=sys.stderr)
        paths, fmt = [str(corpus_dir())], "auto"
    found = read_inputs(paths, input_format=fmt, max_bytes=1 << 30)
    return paths, [a.text for a in found if isinstance(a, Article)], fmt


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=MULTINEWS)
    ap.add_argument("--clusters", type=int, default=300)
    ap.add_argument("--json", action="store_true", help="print a JSON object on the last line")
    args = ap.parse_args()

    from storyline.annotate import BATCH_SIZE, load_nlp
    from storyline.pipeline import ingest
    from storyline.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        paths, texts, fmt = _corpus(args.data, args.clusters, work)
        # Unique texts only: storyline stores and parses an exact duplicate once.
        texts = list(dict.fromkeys(texts))
        words = sum(len(t.split()) for t in texts)
        nlp = load_nlp()
        list(nlp.pipe(texts[:16]))  # warm up both sides equally

        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass
        spacy_s = time.perf_counter() - t0

        with Store(work / "bench.db") as store:
            t0 = time.perf_counter()
            report = ingest(paths, store, input_format=fmt, max_bytes=1 << 30)
            storyline_s = time.perf_counter() - t0
        assert report.added == len(texts), (report.added, len(texts))

    result = {
        "articles": len(texts),
        "words": words,
        "storyline_articles_per_s": round(len(texts) / storyline_s, 2),
        "storyline_words_per_s": round(words / storyline_s),
        "spacy_articles_per_s": round(len(texts) / spacy_s, 2),
        "spacy_words_per_s": round(words / spacy_s),
        "ratio": round(spacy_s / storyline_s, 3),
    }
    print(
        f"{len(texts)} articles, {words} words\n"
        f"  storyline ingest+annotate: {result['storyline_articles_per_s']} articles/s, "
        f"{result['storyline_words_per_s']} words/s\n"
        f"  bare spaCy nlp.pipe:       {result['spacy_articles_per_s']} articles/s, "
        f"{result['spacy_words_per_s']} words/s\n"
        f"  ratio: {result['ratio']}"
    )
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
