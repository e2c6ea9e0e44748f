"""Sentence salience and selection over plain sentence lists (no parse needed).

This is the part of the summarizer that works on any collection of documents
given as lists of sentences, such as the lower-cased, tokenised Multi-News
text: it needs neither spaCy nor entities. The pipeline entry
(:mod:`storyline.summarize.extractive`) adds what the parse gives (entities,
events, fact-level redundancy, citations) on top.

Salience is a linear score over sentence features (:data:`FEATURES`):

* **position** in the article (news puts the essentials first), and whether
  the sentence is a fragment cut off at the end of a truncated article;
* **centrality** over MiniLM sentence embeddings: cosine to the collection's
  mean vector and to the other sentences (the LexRank intuition, without the
  graph walk);
* **cross-document support**: how much of the sentence other articles also
  say — the share of its words and word pairs found in other articles, and its
  closest sentence in another article by embedding;
* TF-IDF cosine to the collection's centroid; length; quotes, numbers, and
  markers of page furniture (photo credits, links, share buttons);
* **lexical priors** (``priors.json``): for each word and word pair, how often
  a summary writer kept it when an article of the story had it — counted on
  Multi-News clusters (news articles and the newser.com summaries written from
  them), disjoint from the ones the weights were fitted on and from those the
  benchmark reports. Page furniture ("tweet with a location", "sign up") and
  first-person asides score low, the vocabulary of reported facts high.

The weights (``weights.json``) were fitted by least squares on a slice of
Multi-News clusters disjoint from the ones the benchmark reports (see
``benchmarks/multinews.py --fit``), with the target being how much of a
sentence, per word, reappears in the reference summary (unigrams and
bigrams). Selection is greedy: the best remaining sentence by salience minus a
penalty for what the summary already says, until the word budget is spent.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

FEATURES = (
    "first",
    "inv_position",
    "rel_position",
    "log_words",
    "short",
    "fragment",
    "tfidf_centroid",
    "cross_words",
    "cross_bigrams",
    "emb_centroid",
    "emb_support",
    "emb_mean",
    "junk",
    "quote",
    "number",
    "log_docs",
    "prior_words",
    "prior_content",
    "prior_bigrams",
)

# Redundancy penalty of the plain-sentence summary, per share of a sentence's word pairs
# already said (chosen on Multi-News clusters 3000-3599: 0.3 and 0.6 scored 0.1-0.15 ROUGE-2
# lower with the current weights).
REDUNDANCY = 0.45
# How much a shared word counts against a shared word pair in the fitting target.
UNIGRAM_SHARE = 0.5
# Sentences are embedded from their first words: the opening carries the topic, and on
# a CPU the encoder's cost grows with every token.
EMBED_WORDS = 40

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_TERMINAL = tuple(".!?\"'”’)")
_FURNITURE = re.compile(
    r"https?:|www\.|@\w|\b(?:photo|photograph|image|caption|getty|reuters /|ap photo|"
    r"advertisement|subscribe|sign up|click here|share this|facebook twitter|copyright|"
    r"all rights reserved|newsletter|read more|related:|breaking news|emails?|"
    r"delivered (?:weekday|daily|every)|follow us|this story|video|getty images)\b",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[\"“”]|''|``")
_NUMBER = re.compile(r"\d")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens with a light plural/possessive folding."""
    out = []
    for t in _TOKEN.findall(text.lower()):
        if t.endswith("'s"):
            t = t[:-2]
        elif len(t) > 3 and t.endswith("s") and not t.endswith("ss"):
            t = t[:-1]
        out.append(t)
    return out


def word_count(text: str) -> int:
    """Words as the budget counts them: whitespace-separated pieces."""
    return len(text.split())


@dataclass(frozen=True, slots=True)
class Weights:
    """A fitted linear model: feature means and scales, coefficients, intercept."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    source: str

    def score(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.coef + self.intercept


@cache
def default_weights(embeddings: bool = False) -> Weights:
    """The weights shipped with the package (``weights.json``): the ``minilm`` set, fitted
    with the embedding features, or the ``lexical`` set, fitted without them."""
    data = json.loads(resources.files(__package__).joinpath("weights.json").read_text("utf-8"))
    return weights_from_dict(data["minilm" if embeddings else "lexical"])


def weights_from_dict(data: dict) -> Weights:
    names = tuple(data["features"])
    if names != FEATURES:
        raise ValueError(f"weights are for features {names}, this code computes {FEATURES}")
    return Weights(
        np.asarray(data["mean"], dtype=np.float64),
        np.asarray(data["scale"], dtype=np.float64),
        np.asarray(data["coef"], dtype=np.float64),
        float(data["intercept"]),
        str(data.get("source", "")),
    )


@dataclass(frozen=True, slots=True)
class Priors:
    """Share of the stories whose summary kept a word (or word pair) that the story's
    articles had; ``base_*`` for the ones not listed (rarer than the table's cut-off)."""

    words: dict[str, float]
    bigrams: dict[tuple[str, str], float]
    base_words: float
    base_bigrams: float
    source: str = ""
    # sentences of site boilerplate, as :func:`storyline.summarize.units.boilerplate_key`
    boilerplate: frozenset[str] = frozenset()


@cache
def default_priors() -> Priors:
    """The priors shipped with the package (``priors.json``)."""
    data = json.loads(resources.files(__package__).joinpath("priors.json").read_text("utf-8"))
    return priors_from_dict(data)


def priors_from_dict(data: dict) -> Priors:
    return Priors(
        {w: float(p) for w, p in data["words"].items()},
        {tuple(b.split(" ", 1)): float(p) for b, p in data["bigrams"].items()},  # type: ignore[misc]
        float(data["base_words"]),
        float(data["base_bigrams"]),
        str(data.get("source", "")),
        frozenset(data.get("boilerplate", ())),
    )


def _unit(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v, axis=-1, keepdims=True)
    return v / np.where(n == 0, 1.0, n)


def features(
    docs: Sequence[Sequence[str]],
    vectors: np.ndarray | None = None,
    priors: Priors | None = None,
) -> np.ndarray:
    """One row of :data:`FEATURES` per sentence, documents in order, sentences in order.

    ``vectors`` are unit sentence embeddings in the same order (or ``None``:
    the embedding features are then zero); ``priors`` default to the shipped ones.
    """
    priors = priors or default_priors()
    sents = [(d, p, s) for d, doc in enumerate(docs) for p, s in enumerate(doc)]
    n = len(sents)
    x = np.zeros((n, len(FEATURES)), dtype=np.float64)
    if n == 0:
        return x
    n_docs = len(docs)
    toks = [tokens(s) for _, _, s in sents]
    content = [[t for t in ts if t not in STOP_WORDS and len(t) > 1] for ts in toks]
    bigrams = [set(itertools.pairwise(ts)) for ts in toks]
    word_docs: dict[str, set[int]] = {}
    bigram_docs: dict[tuple[str, str], set[int]] = {}
    for (d, _, _), cs, bs in zip(sents, content, bigrams, strict=True):
        for t in cs:
            word_docs.setdefault(t, set()).add(d)
        for b in bs:
            bigram_docs.setdefault(b, set()).add(d)
    # TF-IDF over sentences, centroid of the collection
    df = Counter(t for cs in content for t in set(cs))
    vocab = {t: i for i, t in enumerate(sorted(df))}
    tfidf = np.zeros((n, max(1, len(vocab))), dtype=np.float64)
    for i, cs in enumerate(content):
        for t, c in Counter(cs).items():
            tfidf[i, vocab[t]] = (1 + math.log(c)) * math.log((n + 1) / df[t])
    tfidf = _unit(tfidf)
    centroid = _unit(tfidf.sum(axis=0))
    x[:, FEATURES.index("tfidf_centroid")] = tfidf @ centroid
    doc_of = np.array([d for d, _, _ in sents])
    if vectors is not None and len(vectors) == n:
        v = np.asarray(vectors, dtype=np.float64)
        x[:, FEATURES.index("emb_centroid")] = v @ _unit(v.mean(axis=0))
        sim = v @ v.T
        np.fill_diagonal(sim, np.nan)
        if n > 1:
            x[:, FEATURES.index("emb_mean")] = np.nanmean(sim, axis=1)
        other = doc_of[:, None] != doc_of[None, :]
        if other.any():
            x[:, FEATURES.index("emb_support")] = np.where(other, sim, -1.0).max(axis=1).clip(0)
    lengths = [len(doc) for doc in docs]
    for i, ((d, p, s), cs, bs) in enumerate(zip(sents, content, bigrams, strict=True)):
        words = word_count(s)
        row = x[i]
        row[0] = p == 0
        row[1] = 1.0 / (1 + p)
        row[2] = p / max(1, lengths[d] - 1)
        row[3] = math.log1p(words)
        row[4] = words < 8
        row[5] = p == lengths[d] - 1 and not s.rstrip().endswith(_TERMINAL)
        if n_docs > 1:
            if cs:
                row[7] = sum(len(word_docs[t] - {d}) for t in cs) / (len(cs) * (n_docs - 1))
            if bs:
                row[8] = sum(1 for b in bs if len(bigram_docs[b]) > 1 or d not in bigram_docs[b])
                row[8] /= len(bs)
        alpha = sum(1 for t in s.split() if t[:1].isalpha())
        row[12] = (1 - alpha / max(1, words)) + (1.0 if _FURNITURE.search(s) else 0.0)
        row[13] = bool(_QUOTE.search(s))
        row[14] = bool(_NUMBER.search(s))
        row[15] = math.log(n_docs)
        pw = [priors.words.get(t, priors.base_words) for t in toks[i]]
        row[16] = sum(pw) / len(pw) if pw else priors.base_words
        pc = [priors.words.get(t, priors.base_words) for t in cs]
        row[17] = sum(pc) / len(pc) if pc else priors.base_words
        pb = [priors.bigrams.get(b, priors.base_bigrams) for b in itertools.pairwise(toks[i])]
        row[18] = sum(pb) / len(pb) if pb else priors.base_bigrams
    return x


def select(
    texts: Sequence[str],
    salience: np.ndarray,
    words: int,
    vectors: np.ndarray | None = None,
    same_fact: Callable[[int, int], bool] | None = None,
    redundancy: float = 0.3,
    duplicate: float = 0.85,
    overshoot: bool = True,
) -> list[int]:
    """Indices of the sentences to keep, greedily, until ``words`` are spent.

    At each step the best sentence by salience minus ``redundancy`` × its
    overlap with what is already chosen (the share of its word pairs already
    said). A sentence that says the same as a chosen one — embedding cosine above
    ``duplicate``, most of its word pairs already said, or ``same_fact`` true
    (the pipeline's test: the same event told with the same values) — is
    skipped. With ``overshoot`` the last sentence may run past the budget (callers
    cut the text); without it, a sentence that does not fit is passed over.
    """
    n = len(texts)
    if n == 0 or words <= 0:
        return []
    grams = [set(itertools.pairwise(ts)) for ts in (tokens(t) for t in texts)]
    lengths = [word_count(t) for t in texts]
    said: set[tuple[str, str]] = set()
    max_cos = np.zeros(n)
    chosen: list[int] = []
    alive = np.ones(n, dtype=bool)
    spent = 0
    sal = np.asarray(salience, dtype=np.float64)
    # Overlap with what is said changes only when a sentence is chosen, so the scores are
    # computed again then, not at every sentence looked at (a step that cost n² set
    # intersections when most sentences are passed over, as without ``overshoot``).
    score: np.ndarray | None = None
    overlap = np.zeros(n)
    while spent < words and alive.any():
        if score is None:
            overlap = np.array(
                [len(g & said) / len(g) if g else 0.0 for g in grams], dtype=np.float64
            )
            score = np.where(alive, sal - redundancy * overlap, -np.inf)
        best = int(np.argmax(score))
        if score[best] == -np.inf:  # only sentences ruled out (salience -inf) are left
            break
        alive[best] = False
        score[best] = -np.inf
        if overlap[best] > 0.7 or max_cos[best] > duplicate:
            continue
        if same_fact is not None and any(same_fact(best, c) for c in chosen):
            continue
        if not overshoot and chosen and spent + lengths[best] > words:
            continue
        chosen.append(best)
        spent += lengths[best]
        said |= grams[best]
        score = None
        if vectors is not None:
            max_cos = np.maximum(max_cos, vectors @ vectors[best])
    return chosen


def sentence_vectors(texts: Sequence[str]) -> np.ndarray:
    """MiniLM unit vectors of the first :data:`EMBED_WORDS` words of each sentence."""
    from storyline.embed import embed

    return embed([" ".join(t.split()[:EMBED_WORDS]) for t in texts])


def summarize_documents(
    docs: Sequence[Sequence[str]],
    words: int,
    embeddings: bool = False,
    weights: Weights | None = None,
    redundancy: float = REDUNDANCY,
) -> list[tuple[int, int]]:
    """(document, sentence) pairs of an extractive summary of about ``words`` words, in
    the order of :func:`reading_order`. With ``embeddings``, MiniLM vectors feed the
    centrality features and the redundancy test (slower: the encoder dominates the run
    time)."""
    texts = [s for doc in docs for s in doc]
    if not texts:
        return []
    where = [(d, p) for d, doc in enumerate(docs) for p in range(len(doc))]
    vectors = sentence_vectors(texts) if embeddings else None
    salience = (weights or default_weights(embeddings)).score(features(docs, vectors))
    chosen = select(texts, salience, words, vectors, redundancy=redundancy)
    return reading_order([where[i] for i in chosen])


def reading_order(picked: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(document, sentence) pairs, given in the order the selection took them, as the
    summary tells them: each article's sentences in article order, the articles in the
    order of their first pick (the article of the most salient sentence leads), and the
    last pick — the one that overran the budget, which a cut to the budget truncates —
    at the end, so the cut falls on the least salient sentence. (On Multi-News clusters
    2000-3599: +0.2 ROUGE-2 and +0.3 ROUGE-L over plain article order.)"""
    if len(picked) < 2:
        return list(picked)
    head, last = picked[:-1], picked[-1]
    first: dict[int, int] = {}
    for k, (d, _) in enumerate(head):
        first.setdefault(d, k)
    return [*sorted(head, key=lambda dp: (first[dp[0]], dp[1])), last]
