"""Multi-News: storyline's extractive summary against Lead and LexRank, ROUGE, same run.

    python benchmarks/multinews.py [--data FILE] [--offset K] [--limit N] [--same-units] [--json]
    python benchmarks/multinews.py --fit OUT.json --offset 3000 --limit 1000

Corpus: ``../shared/corpora/multinews/test.json`` (lower-cased, tokenised text;
``raw_document`` are the articles of a cluster, ``summary`` the reference).
Every system starts from the same sentences (pysbd, no NLTK data) and gets the
same budget: the reference summary's word count; each output is cut to exactly
that many words. Scores are ROUGE-1/2/L F1 from ``rouge-score`` with the Porter
stemmer.

* **storyline** — :func:`storyline.summarize.units.prepare_documents` (sentences
  re-split, cleaned of captions, datelines and furniture, boilerplate dropped), then
  :func:`storyline.summarize.core.summarize_documents` (features + greedy selection
  with redundancy control; MiniLM features with ``--minilm``). With
  ``--same-units`` Lead and LexRank get the same prepared units instead of the
  pysbd sentences.
* **lead** — first sentences taken round-robin across the articles.
* **lexrank** — sumy's LexRank, Snowball stemmer, sumy's English stop words,
  words split on whitespace (the text is already tokenised; sumy's own
  tokenizer would need NLTK's punkt data); the best-rated sentences until the
  budget is reached, in document order.

``clusters_per_s`` is storyline's summarisation alone (embedding included;
sentence splitting and scoring excluded).

Fitting, on clusters the reported runs (0-149) never see; the lexical set's features
and redundancy were chosen on 3000-3599, the dev slice reported is 3400-3599:

    python benchmarks/multinews.py --priors src/storyline/summarize/priors.json \
        --ranges 1000-1999,3600-5421
    python benchmarks/multinews.py --fit src/storyline/summarize/weights.json \
        --offset 2000 --limit 1000
    python benchmarks/multinews.py --fit src/storyline/summarize/weights.json \
        --offset 3000 --limit 400 --minilm

``--priors`` counts the lexical priors (per word and word pair: the share of
clusters whose summary kept it, of those whose articles had it) on the
clusters of ``--ranges``; ``--fit`` fits the linear salience weights on the
clusters of ``--offset/--limit`` (with the shipped priors, so the two ranges
must not overlap) and writes them to OUT.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from _common import MULTINEWS

METRICS = ("rouge1", "rouge2", "rougeL")


def load(path: Path, offset: int, limit: int | None) -> list[dict]:
    import pysbd

    records = json.loads(path.read_text(encoding="utf-8"))
    records = records[offset : None if limit is None else offset + limit]
    seg = pysbd.Segmenter(language="en", clean=False)
    out = []
    for r in records:
        docs = []
        for text in r["raw_document"]:
            sents = [s.strip() for s in seg.segment(text) if s.strip()] if text.strip() else []
            if sents:
                docs.append(sents)
        out.append({"idx": r.get("idx"), "docs": docs, "summary": r["summary"]})
    return out


def cut(text: str, words: int) -> str:
    return " ".join(text.split()[:words])


def lead(docs: list[list[str]], words: int) -> str:
    out: list[str] = []
    spent, i = 0, 0
    while spent < words and any(i < len(d) for d in docs):
        for d in docs:
            if i < len(d) and spent < words:
                out.append(d[i])
                spent += len(d[i].split())
        i += 1
    return " ".join(out)


class _WhitespaceTokenizer:
    """sumy tokenizer for already-tokenised text: needs no NLTK data."""

    language = "english"
    _word = re.compile(r"^[^\W\d_](?:[^\W\d_]|['-])*$")

    def to_words(self, sentence: str) -> list[str]:
        return [w for w in sentence.split() if self._word.match(w)]


def lexrank_system():
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    tok = _WhitespaceTokenizer()
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def run(docs: list[list[str]], words: int) -> str:
        document = ObjectDocumentModel([Paragraph([Sentence(s, tok) for s in d]) for d in docs])

        def until_budget(infos):  # best-rated first; take them until the budget is full
            taken, spent = [], 0
            for info in infos:
                if spent >= words:
                    break
                taken.append(info)
                spent += len(str(info.sentence).split())
            return taken

        return " ".join(str(s) for s in summarizer(document, until_budget))

    return run


def storyline_system(embeddings: bool = False):
    from storyline.summarize.core import summarize_documents
    from storyline.summarize.units import prepare_documents

    def run(docs: list[list[str]], words: int) -> str:
        units = prepare_documents(docs)
        return " ".join(units[d][p] for d, p in summarize_documents(units, words, embeddings))

    return run


def same_units(system):
    """``system`` run on storyline's units (re-split, cleaned, boilerplate dropped)."""
    from storyline.summarize.units import prepare_documents

    return lambda docs, words: system(prepare_documents(docs), words)


def evaluate(clusters: list[dict], minilm: bool = False, units: bool = False) -> dict:
    """ROUGE of each system; with ``units`` Lead and LexRank get storyline's units too."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    systems = {"storyline": storyline_system(), "lexrank": lexrank_system(), "lead": lead}
    if units:
        systems["lexrank"] = same_units(systems["lexrank"])
        systems["lead"] = same_units(lead)
    if minilm:
        systems["storyline_minilm"] = storyline_system(embeddings=True)
        systems["storyline_minilm"]([["Warm up the model."]], 5)
    scores: dict[str, list[list[float]]] = {name: [] for name in systems}
    seconds: dict[str, float] = dict.fromkeys(systems, 0.0)
    for c in clusters:
        words = len(c["summary"].split())
        for name, run in systems.items():
            start = time.perf_counter()
            text = cut(run(c["docs"], words), words)
            seconds[name] += time.perf_counter() - start
            s = scorer.score(c["summary"], text)
            scores[name].append([s[m].fmeasure for m in METRICS])
    result: dict = {}
    for name, rows in scores.items():
        means = np.mean(rows, axis=0)
        result[name] = {m: round(100 * float(v), 2) for m, v in zip(METRICS, means, strict=True)}
    result["clusters"] = len(clusters)
    result["clusters_per_s"] = round(len(clusters) / seconds["storyline"], 2)
    result["lexrank_clusters_per_s"] = round(len(clusters) / seconds["lexrank"], 2)
    if minilm:
        result["storyline_minilm"]["clusters_per_s"] = round(
            len(clusters) / seconds["storyline_minilm"], 2
        )
    return result


def fit(clusters: list[dict], out: Path, minilm: bool = False, ridge: float = 1.0) -> dict:
    """Least-squares salience weights (see storyline.summarize.core), written into OUT
    under ``minilm`` or ``lexical`` (the other set, if OUT has it, is kept)."""
    from nltk.stem import porter
    from rouge_score import tokenize

    from storyline.summarize import core
    from storyline.summarize.units import prepare_documents

    stemmer = porter.PorterStemmer()
    rows, targets = [], []
    for c in clusters:
        docs = prepare_documents(c["docs"])
        texts = [s for d in docs for s in d]
        if not texts:
            continue
        vectors = core.sentence_vectors(texts) if minilm else None
        rows.append(core.features(docs, vectors))
        ref = tokenize.tokenize(c["summary"], stemmer)
        uni, bi = Counter(ref), Counter(itertools.pairwise(ref))
        for s in texts:
            t = tokenize.tokenize(s, stemmer)
            w = max(1, len(s.split()))
            su, sb = Counter(t), Counter(itertools.pairwise(t))
            targets.append(
                (sum((sb & bi).values()) + core.UNIGRAM_SHARE * sum((su & uni).values())) / w
            )
    x, y = np.vstack(rows), np.asarray(targets)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    coef = np.linalg.solve(z.T @ z + ridge * np.eye(z.shape[1]), z.T @ (y - y.mean()))
    data = {
        "features": list(core.FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in coef],
        "intercept": round(float(y.mean()), 6),
        "source": f"benchmarks/multinews.py --fit, {len(clusters)} clusters from "
        f"idx {clusters[0]['idx']} to {clusters[-1]['idx']}, {len(y)} sentences",
    }
    both = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    both["minilm" if minilm else "lexical"] = data
    out.write_text(json.dumps(both, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return data


# A word must occur in the articles of at least this many clusters (a word pair: the second
# number) to get its own prior; rarer ones share the base rate. Larger tables (down to 3 and
# 3 clusters, 58,000 entries) scored the same on the dev slice.
PRIOR_MIN_CLUSTERS = (40, 20)
PRIOR_SMOOTHING = 5.0
# A sentence (of at least BOILERPLATE_MIN_WORDS words) found in the articles of this many
# clusters, and in none of their summaries, is boilerplate.
BOILERPLATE_MIN_CLUSTERS = 4
BOILERPLATE_MIN_WORDS = 4


def count_priors(path: Path, ranges: list[tuple[int, int]], out: Path) -> dict:
    """Lexical priors (see storyline.summarize.core.Priors) from the clusters in ``ranges``
    (inclusive index ranges into the file), written to OUT."""
    import pysbd

    from storyline.summarize.core import tokens
    from storyline.summarize.units import boilerplate_key, normal_form

    records = json.loads(path.read_text(encoding="utf-8"))
    seg = pysbd.Segmenter(language="en", clean=False)
    seen: list[Counter] = [Counter(), Counter()]
    kept: list[Counter] = [Counter(), Counter()]
    sentences, sentences_kept = Counter(), Counter()
    n = 0
    for lo, hi in ranges:
        for r in records[lo : hi + 1]:
            have = {
                normal_form(s)
                for d in r["raw_document"]
                if d.strip()
                for s in seg.segment(d)
                if len(s.split()) >= BOILERPLATE_MIN_WORDS
            }
            said_text = normal_form(r["summary"])
            sentences.update(have)
            sentences_kept.update(s for s in have if s in said_text)
            source = [tokens(d) for d in r["raw_document"]]
            summary = tokens(r["summary"])
            for k, (have, said) in enumerate(
                (
                    ({t for d in source for t in d}, set(summary)),
                    (
                        {b for d in source for b in itertools.pairwise(d)},
                        set(itertools.pairwise(summary)),
                    ),
                )
            ):
                seen[k].update(have)
                kept[k].update(have & said)
            n += 1
    tables, bases = [], []
    for k in (0, 1):
        base = sum(kept[k].values()) / max(1, sum(seen[k].values()))
        table = {
            (t if k == 0 else " ".join(t)): round(
                (kept[k][t] + PRIOR_SMOOTHING * base) / (c + PRIOR_SMOOTHING), 4
            )
            for t, c in seen[k].items()
            if c >= PRIOR_MIN_CLUSTERS[k]
        }
        tables.append(dict(sorted(table.items())))
        bases.append(round(base, 6))
    boilerplate = sorted(
        boilerplate_key(s)
        for s, c in sentences.items()
        if c >= BOILERPLATE_MIN_CLUSTERS and not sentences_kept[s]
    )
    spans = ", ".join(f"{lo}-{hi}" for lo, hi in ranges)
    data = {
        "source": f"benchmarks/multinews.py --priors, {n} clusters (file positions {spans}); "
        f"entries seen in at least {PRIOR_MIN_CLUSTERS[0]} (words) / {PRIOR_MIN_CLUSTERS[1]} "
        f"(word pairs) clusters, smoothed towards the base rate with weight {PRIOR_SMOOTHING}; "
        f"boilerplate: sentences of {BOILERPLATE_MIN_WORDS}+ words in the articles of "
        f"{BOILERPLATE_MIN_CLUSTERS}+ clusters and in none of their summaries, "
        "as hashes of their normal form",
        "base_words": bases[0],
        "base_bigrams": bases[1],
        "words": tables[0],
        "bigrams": tables[1],
        "boilerplate": boilerplate,
    }
    out.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    return data


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=MULTINEWS)
    ap.add_argument("--offset", type=int, default=0, help="skip the first K clusters")
    ap.add_argument("--limit", type=int, default=150, help="clusters to use (default 150)")
    ap.add_argument("--fit", type=Path, metavar="OUT", help="fit salience weights, write OUT")
    ap.add_argument("--priors", type=Path, metavar="OUT", help="count lexical priors, write OUT")
    ap.add_argument(
        "--ranges", default="1000-1999,3600-5421", help="clusters for --priors: A-B,C-D,..."
    )
    ap.add_argument(
        "--minilm",
        action="store_true",
        help="also run (or fit) storyline with MiniLM embedding features (slow)",
    )
    ap.add_argument(
        "--same-units",
        action="store_true",
        help="give Lead and LexRank storyline's cleaned units too (default: pysbd sentences)",
    )
    ap.add_argument("--json", action="store_true", help="print a JSON object on the last line")
    args = ap.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data} not found (Multi-News lives in ../shared/corpora/multinews)")
    if args.priors:
        ranges = [tuple(map(int, r.split("-"))) for r in args.ranges.split(",")]
        data = count_priors(args.data, ranges, args.priors)  # type: ignore[arg-type]
        print(f"wrote {args.priors}: {data['source']}")
        return
    clusters = load(args.data, args.offset, args.limit)
    if args.fit:
        data = fit(clusters, args.fit, minilm=args.minilm)
        print(f"wrote {args.fit}: {data['source']}")
        return
    result = evaluate(clusters, minilm=args.minilm, units=args.same_units)
    print(f"Multi-News clusters {args.offset}..{args.offset + len(clusters) - 1} "
          f"({len(clusters)}), ROUGE F1 x100, budget = reference length")  # fmt: skip
    print(f"{'system':<10} {'R-1':>6} {'R-2':>6} {'R-L':>6}")
    for name in ("storyline", "storyline_minilm", "lexrank", "lead"):
        if name not in result:
            continue
        r = result[name]
        print(f"{name:<10} {r['rouge1']:>6} {r['rouge2']:>6} {r['rougeL']:>6}")
    print(f"storyline summarisation: {result['clusters_per_s']} clusters/s "
          f"(LexRank: {result['lexrank_clusters_per_s']})")  # fmt: skip
    if "storyline_minilm" in result:
        print(f"with MiniLM: {result['storyline_minilm']['clusters_per_s']} clusters/s")
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
