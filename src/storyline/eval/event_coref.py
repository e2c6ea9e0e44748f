"""Event coreference on ECB+: preparing mentions, clustering them, the lemma baseline.

Shared by ``benchmarks/ecbplus.py`` and the quality gate in ``tests/events``.
Documents are parsed with storyline's spaCy pipeline; each gold (or predicted)
event mention becomes a :class:`~storyline.events.coref.CorefItem` whose
sentence, trigger lemma and document are embedded/vectorised as in the
pipeline. Mentions are clustered within each topic (the "gold topics" setting).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Hashable, Mapping
from pathlib import Path

import numpy as np

from storyline.eval.coref_metrics import score
from storyline.eval.ecbplus import DEV_TOPICS, TRAIN_TOPICS, EcbMention, read_topics
from storyline.events.coref import (
    MODEL_FILE,
    SUBTOPIC_MODEL_FILE,
    CorefItem,
    PairModel,
    cluster,
    pair_features,
    train,
    trigger_vectors,
)

_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "agent", "attr", "iobj"}
_EVENTIVE_SUFFIXES = ("tion", "sion", "ment", "ure", "ance", "ence", "ing", "al", "ion")
# Cut for document clustering, chosen on train topics 1-22 (best pairwise F1 of "same
# predicted cluster" against the gold sub-topics there: 0.975; dev topics 23-25: 0.856).
DOC_CLUSTER_DISTANCE = 0.86


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
        offset = start - (meta[doc_name].text.rfind("\n", 0, start) + 1)
        spans[mid] = (sentence, offset, offset + end - start)
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

    spans: dict[str, tuple[str, int, int]] = {}  # mention id → (sentence, start, end)
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

    # the trigger vectors first: the same model runs leave the sentence vectors cached
    ids = sorted(spans)
    tvec = dict(zip(ids, trigger_vectors([spans[i] for i in ids]), strict=True))
    sentences = sorted({s for _, s, _, _ in gold_items} | {s for _, s, _ in predicted})
    lemmas = sorted({lem for _, _, lem, _ in gold_items} | {lem for _, _, lem in predicted})
    svec = dict(zip(sentences, embed(sentences), strict=True))
    lvec = dict(zip(lemmas, embed(lemmas), strict=True))
    dvec = doc_vectors(parsed)

    def finish(it: CorefItem, sentence: str, lemma: str) -> CorefItem:
        return CorefItem(it.id, it.doc, it.sentence, it.lemma, svec[sentence], lvec[lemma], it.args,
                         it.time, dvec[it.doc], tvec[it.id])  # fmt: skip

    return {
        "gold": [(finish(it, s, lem), m) for it, s, lem, m in gold_items],
        "predicted": [finish(it, s, lem) for it, s, lem in predicted],
        "topic": {d.name: d.topic for d in docs},
        "doc_cluster": document_clusters(parsed, {d.name: d.topic for d in docs}),
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


_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-3]\d)\b")
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Weights of the four views of a document in :func:`document_clusters` (names, named
# entities, dates, content words), chosen on train topics 1-22 with the cut.
DOC_VIEW_WEIGHTS = (2.0, 1.0, 1.0, 1.0)


def document_views(sdoc) -> tuple[list[str], ...]:
    """Four bags of terms for a parsed document, from its text only (a first line that is
    a URL is left out): proper-noun and number lemmas; named entities other than dates
    and counts; the years, months and weekdays of its date expressions; content lemmas."""
    from storyline.entities.names import fold

    skip = sdoc.text.find("\n") if sdoc.text.startswith("http") else -1
    names, content = [], []
    for t in sdoc:
        if t.idx <= skip:
            continue
        if t.pos_ in ("PROPN", "NUM"):
            names.append(t.lemma_.lower())
        if t.is_alpha and not t.is_stop and len(t) > 2:
            content.append(t.lemma_.lower())
    entities, dates = [], []
    for e in sdoc.ents:
        if e.start_char <= skip:
            continue
        if e.label_ == "DATE":
            low = e.text.lower()
            dates += ["y" + y for y in _YEAR.findall(low)]
            dates += ["m" + m for m in _MONTHS if m in low or f"{m[:3]} " in f"{low} "]
            dates += ["d" + w for w in _WEEKDAYS if w in low]
        elif e.label_ not in ("TIME", "ORDINAL", "CARDINAL"):
            entities.append(fold(e.text).lower())
    return names, entities, dates, content


def document_clusters(
    parsed: dict, topic_of: dict[str, int], threshold: float = DOC_CLUSTER_DISTANCE
) -> dict[str, tuple[int, int]]:
    """Predicted sub-topics: the documents of each topic clustered by who, where, when and
    what they tell of. Each ECB+ topic joins two similar happenings (two Mount Cook falls,
    two Paris jewel heists) that differ in their people, places and dates. A document's
    similarity to another is the weighted mean (:data:`DOC_VIEW_WEIGHTS`) of the cosines
    of four TF-IDF views with idf over the topic's documents (:func:`document_views`);
    average linkage cut at distance ``threshold``; a document left alone joins its nearest
    cluster. Gold sub-topics are never read here."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    from storyline.text.tfidf import tfidf_vectors

    topics: dict[int, list[str]] = defaultdict(list)
    for name in sorted(parsed):
        topics[topic_of[name]].append(name)
    out: dict[str, tuple[int, int]] = {}
    for topic, members in topics.items():
        if len(members) == 1:
            out[members[0]] = (topic, 1)
            continue
        views = [document_views(parsed[n]) for n in members]
        sim = np.zeros((len(members), len(members)))
        for k, weight in enumerate(DOC_VIEW_WEIGHTS):
            vec = tfidf_vectors([v[k] for v in views])
            sim += weight * (vec @ vec.T)
        dist = np.clip(1.0 - sim / sum(DOC_VIEW_WEIGHTS), 0.0, None)
        np.fill_diagonal(dist, 0.0)
        tree = linkage(squareform((dist + dist.T) / 2, checks=False), method="average")
        labels = fcluster(tree, t=threshold, criterion="distance")
        labels = _attach_lone_documents(labels, sim)
        out.update({n: (topic, int(label)) for n, label in zip(members, labels, strict=True)})
    return out


def _attach_lone_documents(labels: np.ndarray, sim: np.ndarray) -> np.ndarray:
    """A document left alone by the cut joins the cluster it is most similar to on average
    (when there is a cluster of two or more): a happening that a whole topic's worth of
    reports tell of is seldom told by one of them only, and the lone ones were mostly
    stray reports of a bigger cluster (train topics 1-22: pairwise F1 0.948 → 0.975)."""
    sizes = {label: int((labels == label).sum()) for label in set(labels.tolist())}
    big = sorted(label for label, size in sizes.items() if size > 1)
    if not big:
        return labels
    out = labels.copy()
    for i, label in enumerate(labels):
        if sizes[label] == 1:
            out[i] = max(big, key=lambda b: (float(sim[i, labels == b].mean()), -b))
    return out


def by_topic(
    items: list[CorefItem], topic_of: Mapping[str, Hashable]
) -> dict[Hashable, list[CorefItem]]:
    out: dict[Hashable, list[CorefItem]] = defaultdict(list)
    for it in items:
        out[topic_of[it.doc]].append(it)
    return out


def predict(
    items: list[CorefItem], topic_of: Mapping[str, Hashable], model: PairModel
) -> list[set[str]]:
    """Clusters of ``items``, compared only within a group (``topic_of``: document → topic,
    or → predicted sub-topic from :func:`document_clusters`)."""
    clusters: list[set[str]] = []
    for group in by_topic(items, topic_of).values():
        for idx in cluster(group, model):
            clusters.append({group[i].id for i in idx})
    return clusters


def lemma_baseline(items: list[CorefItem], topic_of: Mapping[str, Hashable]) -> list[set[str]]:
    groups: dict[tuple[Hashable, str], set[str]] = defaultdict(set)
    for it in items:
        groups[(topic_of[it.doc], it.lemma)].add(it.id)
    return list(groups.values())


def gold_clusters(gold: list[tuple[CorefItem, EcbMention]]) -> list[set[str]]:
    chains: dict[str, set[str]] = defaultdict(set)
    for it, m in gold:
        chains[m.chain].add(it.id)
    return list(chains.values())


def _pairs(
    gold: list[tuple[CorefItem, EcbMention]], topic_of: dict[str, int], subtopics: bool
) -> tuple:
    """Features and labels of the mention pairs of each topic, or of each gold sub-topic
    (training data only)."""
    chain = {it.id: m.chain for it, m in gold}
    groups: dict[tuple[int, bool], list[CorefItem]] = defaultdict(list)
    for it, _ in gold:
        groups[(topic_of[it.doc], subtopics and it.doc.endswith("plus"))].append(it)
    xs, ys = [], []
    for members in groups.values():
        iu = np.triu_indices(len(members), k=1)
        xs.append(pair_features(members)[iu])
        ys.append(
            np.array(
                [chain[members[i].id] == chain[members[j].id] for i, j in zip(*iu, strict=True)]
            )
        )
    return np.concatenate(xs), np.concatenate(ys)


THRESHOLDS = tuple(round(float(t), 3) for t in np.arange(0.50, 0.96, 0.025))


def train_models(root: Path, folds: int = 5) -> dict[str, PairModel]:
    """The two models, by file name: :data:`MODEL_FILE` for whole topics (and the
    pipeline), :data:`SUBTOPIC_MODEL_FILE` for predicted sub-topics."""
    data = prepare(root, TRAIN_TOPICS + DEV_TOPICS, predicted_wanted=False)
    return {
        MODEL_FILE: train_model(data, subtopics=False, folds=folds),
        SUBTOPIC_MODEL_FILE: train_model(data, subtopics=True, folds=folds),
    }


def train_model(data: dict, subtopics: bool, folds: int = 5) -> PairModel:
    """Weights from train topics 1-22; the clustering threshold from ``folds``-fold
    cross-validation over topics 1-25 (train and dev; each fold's topics clustered by a
    model trained on the other folds), the threshold with the best CoNLL F1 over all
    out-of-fold clusters. ``subtopics``: pairs are taken within gold sub-topics for
    training and mentions clustered within predicted sub-topics; else within topics."""
    topic_of = data["topic"]
    sub = data["doc_cluster"] if subtopics else topic_of
    topics = sorted({topic_of[it.doc] for it, _ in data["gold"]})
    responses: dict[float, list[set[str]]] = {t: [] for t in THRESHOLDS}
    for k in range(folds):
        held = set(topics[k::folds])
        fit = [g for g in data["gold"] if topic_of[g[0].doc] not in held]
        weights = train(*_pairs(fit, topic_of, subtopics))
        items = [it for it, _ in data["gold"] if topic_of[it.doc] in held]
        for threshold in THRESHOLDS:
            responses[threshold] += predict(items, sub, PairModel(weights, threshold))
    key = gold_clusters(data["gold"])
    cv = {t: score(key, r).conll_f1 for t, r in responses.items()}
    threshold = max(THRESHOLDS, key=lambda t: (cv[t], -t))
    setting = "predicted sub-topics" if subtopics else "whole topics"
    print(f"{setting}: cross-validated CoNLL F1 {cv[threshold]:.4f} at threshold {threshold}",
          file=sys.stderr)  # fmt: skip
    train_gold = [g for g in data["gold"] if topic_of[g[0].doc] in TRAIN_TOPICS]
    weights = train(*_pairs(train_gold, topic_of, subtopics))
    dev_gold = [g for g in data["gold"] if topic_of[g[0].doc] in DEV_TOPICS]
    dev_items = [it for it, _ in dev_gold]
    dev_f1 = score(gold_clusters(dev_gold), predict(dev_items, sub, PairModel(weights, threshold)))
    print(f"{setting}: dev CoNLL F1 {dev_f1.conll_f1:.4f}", file=sys.stderr)
    within = "each gold sub-topic" if subtopics else "each topic"
    return PairModel(
        weights,
        threshold,
        provenance=f"logistic regression on ECB+ train topics 1-22 (gold mentions, pairs within "
        f"{within}, class-balanced); clustering threshold from 5-fold cross-validation over "
        f"topics 1-25 (CoNLL F1, mentions clustered within {setting}); "
        "by benchmarks/ecbplus.py --train",
        extra={"cv_conll_f1": round(cv[threshold], 4), "dev_conll_f1": round(dev_f1.conll_f1, 4)},
    )
