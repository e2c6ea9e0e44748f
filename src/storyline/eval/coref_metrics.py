"""Coreference metrics as the CoNLL-2012 reference scorer (v8.01) defines them.

Key and response are partitions of mentions into clusters; the two mention sets
may differ (predicted mentions). Singletons count in B³ and CEAF-e, not in MUC.

* **MUC** (Vilain et al. 1995): recall = Σ_K (|K| − p(K)) / Σ_K (|K| − 1), where
  p(K) is the number of parts the response splits key cluster K into, a mention
  missing from the response being a part of its own; precision swaps roles.
* **B³** (Bagga & Baldwin 1998): recall = Σ_K Σ_R |K∩R|² / |K| ÷ (number of key
  mentions); precision swaps roles.
* **CEAF-e** (Luo 2005): φ(K, R) = 2|K∩R| / (|K| + |R|); the best one-to-one
  alignment of key and response clusters (Kuhn–Munkres) gives Φ; recall =
  Φ / #key clusters, precision = Φ / #response clusters.
* **CoNLL F1** = mean of the three F1 scores.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

Cluster = frozenset[Hashable]


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _clusters(partition: Iterable[Iterable[Hashable]]) -> list[Cluster]:
    out = [frozenset(c) for c in partition]
    seen: set[Hashable] = set()
    for c in out:
        if seen & c:
            raise ValueError("a mention appears in two clusters")
        seen |= c
    return [c for c in out if c]


def _muc_recall(key: Sequence[Cluster], response: Sequence[Cluster]) -> float:
    where = {m: i for i, c in enumerate(response) for m in c}
    num = den = 0
    for k in key:
        parts = {where.get(m, ("missing", m)) for m in k}
        num += len(k) - len(parts)
        den += len(k) - 1
    return num / den if den else 0.0


def muc(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    k, r = _clusters(key), _clusters(response)
    return PRF(_muc_recall(r, k), _muc_recall(k, r))


def _b3_recall(key: Sequence[Cluster], response: Sequence[Cluster]) -> float:
    where = {m: c for c in response for m in c}
    total = sum(len(c) for c in key)
    if not total:
        return 0.0
    score = 0.0
    for k in key:
        overlaps: dict[Cluster, int] = {}
        for m in k:
            r = where.get(m)
            if r is not None:
                overlaps[r] = overlaps.get(r, 0) + 1
        score += sum(n * n for n in overlaps.values()) / len(k)
    return score / total


def b_cubed(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    k, r = _clusters(key), _clusters(response)
    return PRF(_b3_recall(r, k), _b3_recall(k, r))


def ceaf_e(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    from scipy.optimize import linear_sum_assignment

    k, r = _clusters(key), _clusters(response)
    if not k or not r:
        return PRF(0.0, 0.0)
    where = {m: j for j, c in enumerate(r) for m in c}
    sim = np.zeros((len(k), len(r)))
    for i, kc in enumerate(k):
        for m in kc:
            j = where.get(m)
            if j is not None:
                sim[i, j] += 1
    sizes_k = np.array([len(c) for c in k], dtype=float)[:, None]
    sizes_r = np.array([len(c) for c in r], dtype=float)[None, :]
    phi = 2 * sim / (sizes_k + sizes_r)
    rows, cols = linear_sum_assignment(phi, maximize=True)
    total = float(phi[rows, cols].sum())
    return PRF(total / len(r), total / len(k))


@dataclass(frozen=True, slots=True)
class CorefScores:
    muc: PRF
    b3: PRF
    ceafe: PRF

    @property
    def conll_f1(self) -> float:
        return (self.muc.f1 + self.b3.f1 + self.ceafe.f1) / 3


def score(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> CorefScores:
    k, r = _clusters(key), _clusters(response)
    return CorefScores(muc(k, r), b_cubed(k, r), ceaf_e(k, r))
