"""Event coreference on ECB+: preparing mentions, clustering them, the lemma baseline.

Shared by ``benchmarks/ecbplus.py`` and the quality gate in ``tests/events``.
Documents are parsed with storyline's spaCy pipeline; each gold (or predicted)
event mention becomes a :class:`~storyline.events.coref.CorefItem` whose
sentence, trigger lemma and document are embedded/vectorised as in the
pipeline. Mentions are clustered within each topic (the "gold topics" setting).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from storyline.eval.coref_metrics import score
from storyline.eval.ecbplus import DEV_TOPICS, TRAIN_TOPICS, EcbMention, read_topics
from storyline.events.coref import CorefItem, PairModel, cluster, pair_features, train

_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "agent", "attr", "iobj"}
_EVENTIVE_SUFFIXES = ("tion", "sion", "ment", "ure", "ance", "ence", "ing", "al", "ion")


def prepare(
    root: Path, topics: tuple[int, ...], all_sentences: bool = False, predicted_wanted: bool = True
) -> dict:
    """Parse the topics' documents and build a CorefItem for each gold and predicted
    mention (``all_sentences``: every annotated mention, not only the evaluation
    selection; ``predicted_wanted=False`` skips trigger detection)."""
    from storyline.annotate import load_nlp
    from storyline.embed import embed
    from storyline.entities.names import fold
    from storyline.events.ontology import NOUN_TYPES

    docs, gold = read_topics(root, topics, all_sentences)
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
    for d in docs if predicted_wanted else ():
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

    dvec = doc_vectors(parsed)

    def finish(it: CorefItem, sentence: str, lemma: str) -> CorefItem:
        return CorefItem(it.id, it.doc, it.sentence, it.lemma, svec[sentence], lvec[lemma], it.args,
                         it.time, dvec[it.doc])  # fmt: skip

    return {
        "gold": [(finish(it, s, lem), m) for it, s, lem, m in gold_items],
        "predicted": [finish(it, s, lem) for it, s, lem in predicted],
        "topic": {d.name: d.topic for d in docs},
    }


def doc_vectors(parsed: dict) -> dict[str, np.ndarray]:
    """TF-IDF unit vectors of the documents over content lemmas."""
    from storyline.text.tfidf import tfidf_vectors

    names = list(parsed)
    bags = [
        [t.lemma_.lower() for t in parsed[n] if t.is_alpha and not t.is_stop and len(t) > 2]
        for n in names
    ]
    return dict(zip(names, tfidf_vectors(bags), strict=True))


def by_topic(items: list[CorefItem], topic_of: dict[str, int]) -> dict[int, list[CorefItem]]:
    out: dict[int, list[CorefItem]] = defaultdict(list)
    for it in items:
        out[topic_of[it.doc]].append(it)
    return out


def predict(items: list[CorefItem], topic_of: dict[str, int], model: PairModel) -> list[set[str]]:
    clusters: list[set[str]] = []
    for group in by_topic(items, topic_of).values():
        for idx in cluster(group, model):
            clusters.append({group[i].id for i in idx})
    return clusters


def lemma_baseline(items: list[CorefItem], topic_of: dict[str, int]) -> list[set[str]]:
    groups: dict[tuple[int, str], set[str]] = defaultdict(set)
    for it in items:
        groups[(topic_of[it.doc], it.lemma)].add(it.id)
    return list(groups.values())


def gold_clusters(gold: list[tuple[CorefItem, EcbMention]]) -> list[set[str]]:
    chains: dict[str, set[str]] = defaultdict(set)
    for it, m in gold:
        chains[m.chain].add(it.id)
    return list(chains.values())


def train_model(root: Path) -> PairModel:
    train_data = prepare(root, TRAIN_TOPICS)
    xs, ys = [], []
    for group_items in by_topic([it for it, _ in train_data["gold"]], train_data["topic"]).values():
        chain = {it.id: m.chain for it, m in train_data["gold"]}
        f = pair_features(group_items)
        iu = np.triu_indices(len(group_items), k=1)
        xs.append(f[iu])
        labels = np.array(
            [chain[group_items[i].id] == chain[group_items[j].id] for i, j in zip(*iu, strict=True)]
        )
        ys.append(labels)
    weights = train(np.concatenate(xs), np.concatenate(ys))
    dev = prepare(root, DEV_TOPICS)
    key = gold_clusters(dev["gold"])
    best = (-1.0, 0.5)
    for threshold in np.arange(0.30, 0.91, 0.025):
        model = PairModel(weights, float(threshold))
        f1 = score(key, predict([it for it, _ in dev["gold"]], dev["topic"], model)).conll_f1
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
