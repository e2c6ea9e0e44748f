"""Event coreference: a pairwise model and average-linkage clustering.

Each event mention becomes a :class:`CorefItem` (trigger lemma, the sentence's
embedding, the trigger lemma's embedding, the trigger's own vector in its
sentence, its arguments, its time, its document's vector). For every pair inside
a block the model computes a handful of features — same lemma, lemma, trigger
and context similarity, shared arguments, compatible or conflicting times, same
document, how alike the two documents are (reports of one happening share
vocabulary; two earthquakes in one topic do not) — and a logistic model turns
them into the probability that the two mentions denote one happening.
Average-linkage agglomerative clustering over ``1 − p`` cut at the model's
threshold makes the events.

The weights are learned on ECB+ train topics and the threshold by
cross-validation over its train and dev topics (``benchmarks/ecbplus.py
--train``); numbers learned from a public corpus, kept with their provenance in
two files. ``coref_model.json`` is trained on pairs within whole ECB+ topics,
which mix two similar happenings, as the pipeline's blocks (one type, one actor)
do: it serves the pipeline, which adds hard constraints of its own (see
:mod:`storyline.events.cluster`). ``coref_model_subtopics.json`` is trained on
pairs within one happening's documents, for mentions already separated by
document clustering (the ECB+ benchmark's predicted sub-topics).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

FEATURES = (
    "bias",
    "lemma_eq",
    "lemma_cos",
    "context_cos",
    "lemma_eq_x_context",
    "args_shared",
    "args_jaccard",
    "time_compatible",
    "time_conflict",
    "same_doc",
    "same_sentence",
    "doc_cos",
    "lemma_eq_x_doc",
    "context_x_doc",
    "trigger_cos",
    "trigger_x_doc",
    "trigger_x_lemma_eq",
)
MODEL_FILE = "coref_model.json"
# Trained on pairs within one happening's documents, for mentions already split by
# document clustering (the ECB+ benchmark); the pipeline's blocks mix happenings.
SUBTOPIC_MODEL_FILE = "coref_model_subtopics.json"

TimeCheck = Callable[[str, str], bool]


@dataclass(frozen=True, slots=True)
class CorefItem:
    id: str
    doc: str
    sentence: int
    lemma: str
    context: np.ndarray  # unit vector of the mention's sentence
    lemma_vec: np.ndarray  # unit vector of the trigger lemma
    args: frozenset[str] = frozenset()
    time: str | None = None
    doc_vec: np.ndarray | None = None  # unit vector of the whole document (TF-IDF or embedding)
    trigger_vec: np.ndarray | None = None  # unit vector of the trigger's tokens in its sentence


@dataclass(frozen=True, slots=True)
class PairModel:
    weights: tuple[float, ...]
    threshold: float
    provenance: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> str:
        data = {
            "features": list(FEATURES),
            "weights": [round(w, 6) for w in self.weights],
            "threshold": round(self.threshold, 4),
            "provenance": self.provenance,
            **self.extra,
        }
        return json.dumps(data, indent=2) + "\n"


def load_model(path: Path | None = None, name: str = MODEL_FILE) -> PairModel:
    """The learned model: the file at ``path``, else the one called ``name`` shipped with
    storyline (:data:`MODEL_FILE` or :data:`SUBTOPIC_MODEL_FILE`)."""
    if path is None:
        text = (resources.files("storyline.events") / name).read_text(encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"coreference model features {data['features']} do not match {FEATURES}")
    extra = {
        k: v for k, v in data.items() if k not in ("features", "weights", "threshold", "provenance")
    }
    return PairModel(
        tuple(data["weights"]), float(data["threshold"]), data.get("provenance", ""), extra
    )


def _default_time_check(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def pair_features(
    items: Sequence[CorefItem], time_compatible: TimeCheck = _default_time_check
) -> np.ndarray:
    """Features of every pair: an array ``n × n × len(FEATURES)``."""
    n = len(items)
    f = np.zeros((n, n, len(FEATURES)), dtype=np.float32)
    if n == 0:
        return f
    ctx = np.stack([it.context for it in items])
    lem = np.stack([it.lemma_vec for it in items])
    lemmas = np.array([it.lemma for it in items])
    docs = np.array([it.doc for it in items])
    sents = np.array([it.sentence for it in items])
    f[..., 0] = 1.0
    f[..., 1] = lemmas[:, None] == lemmas[None, :]
    f[..., 2] = lem @ lem.T
    f[..., 3] = ctx @ ctx.T
    f[..., 4] = f[..., 1] * f[..., 3]
    vocab: dict[str, int] = {}
    for it in items:
        for a in it.args:
            vocab.setdefault(a, len(vocab))
    if vocab:
        arg = np.zeros((n, len(vocab)), dtype=np.float32)
        for i, it in enumerate(items):
            for a in it.args:
                arg[i, vocab[a]] = 1.0
        shared = arg @ arg.T
        sizes = arg.sum(axis=1)
        union = sizes[:, None] + sizes[None, :] - shared
        f[..., 5] = shared > 0
        f[..., 6] = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    timed = [i for i, it in enumerate(items) if it.time]
    for x, i in enumerate(timed):
        for j in timed[x + 1 :]:
            ok = time_compatible(items[i].time or "", items[j].time or "")
            f[i, j, 7] = f[j, i, 7] = 1.0 if ok else 0.0
            f[i, j, 8] = f[j, i, 8] = 0.0 if ok else 1.0
    f[..., 9] = docs[:, None] == docs[None, :]
    f[..., 10] = f[..., 9] * (sents[:, None] == sents[None, :])
    if all(it.doc_vec is not None for it in items):
        dv = np.stack([it.doc_vec for it in items])  # type: ignore[misc]
        f[..., 11] = dv @ dv.T
    else:
        f[..., 11] = f[..., 9]
    f[..., 12] = f[..., 1] * f[..., 11]
    f[..., 13] = f[..., 3] * f[..., 11]
    if all(it.trigger_vec is not None for it in items):
        tv = np.stack([it.trigger_vec for it in items])  # type: ignore[misc]
        f[..., 14] = tv @ tv.T
    else:
        f[..., 14] = f[..., 2]
    f[..., 15] = f[..., 14] * f[..., 11]
    f[..., 16] = f[..., 14] * f[..., 1]
    return f


def trigger_vectors(spans: Sequence[tuple[str, int, int]], batch_size: int = 32) -> np.ndarray:
    """Unit vectors of the triggers in context: for each ``(sentence, start, end)``, the
    mean of MiniLM's last hidden states over the word pieces inside ``[start, end)``.

    Unlike a sentence vector (the mean over all tokens), this tells "fire" (shots)
    from "fire" (flames), and "shooting" matches "shot" in a sentence about one event.
    Each distinct sentence runs through the model once, and that run also leaves the
    sentence's vector in :mod:`storyline.embed`'s cache.
    """
    from storyline.embed import DIMENSIONS, embed_in_context

    out = np.zeros((len(spans), DIMENSIONS), dtype=np.float32)
    if not spans:
        return out
    rows: dict[str, list[int]] = {}
    for r, (text, _, _) in enumerate(spans):
        rows.setdefault(text, []).append(r)
    for text, hidden, offsets in embed_in_context(list(rows), batch_size):
        for r in rows[text]:
            _, start, end = spans[r]
            pieces = [k for k, (a, b) in enumerate(offsets) if b > a and a < end and b > start]
            v = hidden[pieces or [0]].mean(axis=0)
            out[r] = v / max(float(np.linalg.norm(v)), 1e-12)
    return out


def probabilities(features: np.ndarray, model: PairModel) -> np.ndarray:
    z = features @ np.asarray(model.weights, dtype=np.float32)
    return 1.0 / (1.0 + np.exp(-z))


def cluster(
    items: Sequence[CorefItem],
    model: PairModel,
    time_compatible: TimeCheck = _default_time_check,
    cannot_link: np.ndarray | None = None,
    prior: np.ndarray | None = None,
) -> list[list[int]]:
    """Indices of ``items`` grouped into events (average linkage, cut at the threshold).

    ``cannot_link`` (n × n, bool) marks pairs that must stay apart whatever the model
    says; ``prior`` (n × n) is added to the model's log-odds (domain knowledge).
    """
    n = len(items)
    if n == 0:
        return []
    if n == 1:
        return [[0]]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    z = pair_features(items, time_compatible) @ np.asarray(model.weights, dtype=np.float32)
    if prior is not None:
        z = z + prior
    dist = 1.0 - 1.0 / (1.0 + np.exp(-z))
    if cannot_link is not None:
        dist = np.where(cannot_link, 10.0, dist)
    np.fill_diagonal(dist, 0.0)
    dist = (dist + dist.T) / 2
    z = linkage(squareform(dist, checks=False), method="average")
    labels = fcluster(z, t=1.0 - model.threshold, criterion="distance")
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    return sorted(groups.values())


def train(
    features: np.ndarray, labels: np.ndarray, l2: float = 1.0, balance: bool = True
) -> tuple[float, ...]:
    """Logistic-regression weights for pair features (rows) and 0/1 labels."""
    from scipy.optimize import minimize

    x = features.astype(np.float64)
    y = labels.astype(np.float64)
    if balance:
        pos = max(y.sum(), 1.0)
        neg = max(len(y) - y.sum(), 1.0)
        w_sample = np.where(y > 0, len(y) / (2 * pos), len(y) / (2 * neg))
    else:
        w_sample = np.ones_like(y)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-9
        value = -np.sum(w_sample * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))) / len(y)
        value += l2 * np.sum(w[1:] ** 2) / (2 * len(y))
        grad = x.T @ (w_sample * (p - y)) / len(y)
        grad[1:] += l2 * w[1:] / len(y)
        return float(value), grad

    result = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B")
    return tuple(float(v) for v in result.x)
