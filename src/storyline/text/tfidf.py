"""TF-IDF document vectors (sublinear term frequency, smoothed idf, unit length)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np


def tfidf_vectors(bags: Sequence[Sequence[str]]) -> np.ndarray:
    """One unit row per bag of terms; columns are the vocabulary in first-seen order."""
    vocab: dict[str, int] = {}
    counts = [Counter(bag) for bag in bags]
    for c in counts:
        for term in c:
            vocab.setdefault(term, len(vocab))
    df = Counter(term for c in counts for term in c)
    n = len(bags)
    out = np.zeros((n, max(1, len(vocab))), dtype=np.float32)
    for i, c in enumerate(counts):
        for term, k in c.items():
            out[i, vocab[term]] = (1 + math.log(k)) * (math.log((n + 1) / (df[term] + 1)) + 1)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.clip(norms, 1e-12, None)
