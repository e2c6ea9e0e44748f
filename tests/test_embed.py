"""MiniLM sentence embeddings from the ONNX model shipped on PyPI (no mock: the real model)."""

from __future__ import annotations

import numpy as np

from storyline import embed as E


def test_vectors_are_unit_length_and_meaningful() -> None:
    v = E.embed(
        [
            "The general flew to Moscow on Thursday.",
            "On Thursday the commander travelled to Moscow by plane.",
            "Shares of the retailer fell sharply after weak sales.",
        ]
    )
    assert v.shape == (3, E.DIMENSIONS)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.3


def test_each_text_is_encoded_once_and_the_cache_returns_the_same_vector() -> None:
    text = "A sentence used only by the cache test, about Corvia and Lanport."
    E._cache.pop(text, None)
    first = E.embed([text, text])
    assert np.array_equal(first[0], first[1])
    size = len(E._cache)
    again = E.embed([text])
    assert len(E._cache) == size  # served from the cache, nothing new encoded
    assert np.allclose(again[0], E._encode([text], E.BATCH_SIZE)[0], atol=1e-6)
    assert E.embed([]).shape == (0, E.DIMENSIONS)
