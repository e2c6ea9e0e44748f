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
from collections import defaultdict
from pathlib import Path

import numpy as np

from _common import CORPORA, REPO
from storyline.eval.coref_metrics import score
from storyline.eval.ecbplus import DEV_TOPICS, TEST_TOPICS, TRAIN_TOPICS, EcbMention, read_topics
from storyline.events.coref import (
    MODEL_FILE,
    CorefItem,
    PairModel,
    cluster,
    load_model,
    pair_features,
    train,
)

MODEL_PATH = REPO / "src" / "storyline" / "events" / MODEL_FILE
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "agent", "attr", "iobj"}
_EVENTIVE_SUFFIXES = ("tion", "sion", "ment", "ure", "ance", "ence", "ing", "al", "ion")


def _prepare(root: Path, topics: tuple[int, ...]) -> dict:
    """Parse the topics' documents and build a CorefItem for each gold and predicted mention."""
    from storyline.annotate import load_nlp
    from storyline.embed import embed
    from storyline.entities.names import fold
    from storyline.events.ontology import NOUN_TYPES

    docs, gold = read_topics(root, topics)
    nlp = load_nlp()
    parsed = dict(
        zip((d.name for d in docs), nlp.pipe([d.text for d in docs], batch_size=32), strict=True)
    )
    meta = {d.name: d for d in docs}

    def sentence_of(doc_name: str, char: int) -> tuple[int, str]:
        d = meta[doc_name]
        line_start = d.text.rfind("\n", 0, char) + 1
        line_end = d.text.find("\n", char)
        line_end = len(d.text) if line_end < 0 else line_end
        return d.text.count("\n", 0, char), d.text[line_start:line_end]

    def item_for(
        doc_name: str, mid: str, start: int, end: int
    ) -> tuple[CorefItem, str, str] | None:
        sdoc = parsed[doc_name]
        span = sdoc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        head = span.root
        args = {
            fold(e.text)
            for e in sdoc.ents
            if e.sent == head.sent and e.label_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL")
        }
        args |= {
            c.lemma_.lower()
            for c in head.children
            if c.dep_ in _ARG_DEPS and c.pos_ in ("NOUN", "PROPN")
        }
        for c in head.children:
            if c.dep_ == "prep":
                args |= {
                    g.lemma_.lower()
                    for g in c.children
                    if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")
                }
        times = sorted(
            fold(e.text) for e in sdoc.ents if e.sent == head.sent and e.label_ in ("DATE", "TIME")
        )
        number, sentence = sentence_of(doc_name, start)
        lemma = head.lemma_.lower()
        placeholder = np.zeros(1, dtype=np.float32)
        it = CorefItem(
            mid,
            doc_name,
            number,
            lemma,
            placeholder,
            placeholder,
            frozenset(args),
            times[0] if times else None,
        )
        return it, sentence, lemma

    gold_items: list[tuple[CorefItem, str, str, EcbMention]] = []
    for m in gold:
        made = item_for(m.doc, f"{m.doc}:{m.start}-{m.end}", m.start, m.end)
        if made:
            gold_items.append((*made, m))

    predicted: list[tuple[CorefItem, str, str]] = []
    for d in docs:
        sdoc = parsed[d.name]
        for tok in sdoc:
            if tok.text.count("\n") or tok.is_space:
                continue
            number = d.text.count("\n", 0, tok.idx)
            if number not in d.selected or (d.subtopic.endswith("plus") and number == 0):
                continue
            lemma = tok.lemma_.lower()
            is_verb = tok.pos_ == "VERB" and tok.dep_ not in ("aux", "auxpass")
            is_noun = tok.pos_ == "NOUN" and (
                lemma in NOUN_TYPES or lemma.endswith(_EVENTIVE_SUFFIXES)
            )
            if is_verb or is_noun:
                made = item_for(
                    d.name, f"{d.name}:{tok.idx}-{tok.idx + len(tok)}", tok.idx, tok.idx + len(tok)
                )
                if made:
                    predicted.append(made)

    sentences = sorted({s for _, s, _, _ in gold_items} | {s for _, s, _ in predicted})
    lemmas = sorted({lem for _, _, lem, _ in gold_items} | {lem for _, _, lem in predicted})
    svec = dict(zip(sentences, embed(sentences), strict=True))
    lvec = dict(zip(lemmas, embed(lemmas), strict=True))

    dvec = _doc_vectors(parsed)

    def finish(it: CorefItem, sentence: str, lemma: str) -> CorefItem:
        return CorefItem(it.id, it.doc, it.sentence, it.lemma, svec[sentence], lvec[lemma], it.args,
                         it.time, dvec[it.doc])  # fmt: skip

    return {
        "gold": [(finish(it, s, lem), m) for it, s, lem, m in gold_items],
        "predicted": [finish(it, s, lem) for it, s, lem in predicted],
        "topic": {d.name: d.topic for d in docs},
    }


def _doc_vectors(parsed: dict) -> dict[str, np.ndarray]:
    """TF-IDF unit vectors of the documents over content lemmas."""
    from storyline.text.tfidf import tfidf_vectors

    names = list(parsed)
    bags = [
        [t.lemma_.lower() for t in parsed[n] if t.is_alpha and not t.is_stop and len(t) > 2]
        for n in names
    ]
    return dict(zip(names, tfidf_vectors(bags), strict=True))


def _by_topic(items: list[CorefItem], topic_of: dict[str, int]) -> dict[int, list[CorefItem]]:
    out: dict[int, list[CorefItem]] = defaultdict(list)
    for it in items:
        out[topic_of[it.doc]].append(it)
    return out


def _predict(items: list[CorefItem], topic_of: dict[str, int], model: PairModel) -> list[set[str]]:
    clusters: list[set[str]] = []
    for group in _by_topic(items, topic_of).values():
        for idx in cluster(group, model):
            clusters.append({group[i].id for i in idx})
    return clusters


def _lemma_baseline(items: list[CorefItem], topic_of: dict[str, int]) -> list[set[str]]:
    groups: dict[tuple[int, str], set[str]] = defaultdict(set)
    for it in items:
        groups[(topic_of[it.doc], it.lemma)].add(it.id)
    return list(groups.values())


def _key(gold: list[tuple[CorefItem, EcbMention]]) -> list[set[str]]:
    chains: dict[str, set[str]] = defaultdict(set)
    for it, m in gold:
        chains[m.chain].add(it.id)
    return list(chains.values())


def _train(root: Path) -> PairModel:
    train_data = _prepare(root, TRAIN_TOPICS)
    xs, ys = [], []
    for group_items in _by_topic(
        [it for it, _ in train_data["gold"]], train_data["topic"]
    ).values():
        chain = {it.id: m.chain for it, m in train_data["gold"]}
        f = pair_features(group_items)
        iu = np.triu_indices(len(group_items), k=1)
        xs.append(f[iu])
        labels = np.array(
            [chain[group_items[i].id] == chain[group_items[j].id] for i, j in zip(*iu, strict=True)]
        )
        ys.append(labels)
    weights = train(np.concatenate(xs), np.concatenate(ys))
    dev = _prepare(root, DEV_TOPICS)
    key = _key(dev["gold"])
    best = (-1.0, 0.5)
    for threshold in np.arange(0.30, 0.91, 0.025):
        model = PairModel(weights, float(threshold))
        f1 = score(key, _predict([it for it, _ in dev["gold"]], dev["topic"], model)).conll_f1
        best = max(best, (f1, float(threshold)))
    print(f"dev CoNLL F1 {best[0]:.4f} at threshold {best[1]:.3f}", file=sys.stderr)
    return PairModel(
        weights,
        best[1],
        provenance="logistic regression on ECB+ train topics 1-22 (gold mentions, "
        "within-topic pairs, class-balanced), threshold tuned for CoNLL F1 on dev topics "
        "23-25 by benchmarks/ecbplus.py --train",
        extra={"dev_conll_f1": round(best[0], 4)},
    )


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
        model = _train(args.data)
        MODEL_PATH.write_text(model.to_json(), encoding="utf-8")
        print(f"model written to {MODEL_PATH}", file=sys.stderr)
    model = load_model(MODEL_PATH)

    t0 = time.perf_counter()
    test = _prepare(args.data, TEST_TOPICS)
    key = _key(test["gold"])
    gold_items = [it for it, _ in test["gold"]]
    t1 = time.perf_counter()
    ours = score(key, _predict(gold_items, test["topic"], model))
    t2 = time.perf_counter()
    lemma = score(key, _lemma_baseline(gold_items, test["topic"]))
    pred = score(key, _predict(test["predicted"], test["topic"], model))
    lemma_pred = score(key, _lemma_baseline(test["predicted"], test["topic"]))

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
