"""Near-duplicate articles: the same story run twice, with a new headline or a few words changed.

A text's :func:`signature` is the MinHash (datasketch, :data:`NUM_PERM` permutations,
fixed seed and scheme) of its word 5-shingles: words are the lower-cased runs of
letters and digits, so punctuation and spacing do not matter. A text of fewer than
five words has one shingle, all of its words; a text with no words at all has an
*empty* signature, which matches nothing. The same text always gives the same
signature, byte for byte (datasketch >= 2.0, ``affine32`` scheme).

:class:`NearDuplicateIndex` finds, through MinHash LSH, the indexed articles whose
estimated Jaccard similarity to a signature reaches the threshold.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 5
SEED = 1
SCHEME = "affine32"
DEFAULT_THRESHOLD = 0.8

_WORD = re.compile(r"[^\W_]+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The word ``size``-shingles of ``text`` (lower-cased, split on non-alphanumerics)."""
    words = _WORD.findall(text.lower())
    if not words:
        return set()
    if len(words) < size:
        return {" ".join(words)}
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@cache
def _empty_minhash() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


def signature(text: str) -> np.ndarray:
    """The MinHash hash values (``uint64``, length :data:`NUM_PERM`) of ``text``'s shingles."""
    m = _empty_minhash().copy()
    grams = shingles(text)
    if grams:
        m.update_batch([g.encode("utf-8") for g in sorted(grams)])
    return np.asarray(m.hashvalues, dtype=np.uint64).copy()


def is_empty(sig: np.ndarray) -> bool:
    """Whether ``sig`` is the signature of a text with no words."""
    return bool(np.array_equal(sig, _empty_minhash().hashvalues))


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures (share of equal hash values)."""
    _check(a)
    _check(b)
    return float(np.count_nonzero(a == b)) / NUM_PERM


def _check(sig: np.ndarray) -> None:
    if len(sig) != NUM_PERM:
        raise ValueError(f"expected a signature of {NUM_PERM} hash values, got {len(sig)}")


def _lean(sig: np.ndarray) -> LeanMinHash:
    _check(sig)
    return LeanMinHash(seed=SEED, hashvalues=np.asarray(sig, dtype=np.uint64), scheme=SCHEME)


class NearDuplicateIndex:
    """Articles by signature, queried for near-duplicates (estimated Jaccard >= ``threshold``)."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sigs: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._sigs

    def add(self, article_id: str, sig: np.ndarray) -> None:
        """Index ``article_id``; adding an id again replaces its signature."""
        lean = _lean(sig)
        if article_id in self._sigs:
            self._lsh.remove(article_id)
        self._lsh.insert(article_id, lean)
        self._sigs[article_id] = np.asarray(sig, dtype=np.uint64).copy()

    def query(self, sig: np.ndarray) -> list[tuple[str, float]]:
        """Indexed articles with estimated Jaccard >= threshold, sorted by (-similarity, id).

        An empty signature (a text with no words) matches nothing.
        """
        lean = _lean(sig)
        if not self._sigs or is_empty(sig):
            return []
        hits = []
        for key in self._lsh.query(lean):
            sim = similarity(sig, self._sigs[key])
            if sim >= self.threshold:
                hits.append((str(key), sim))
        return sorted(hits, key=lambda hit: (-hit[1], hit[0]))
