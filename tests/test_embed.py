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


def test_a_vector_does_not_depend_on_the_rest_of_its_batch() -> None:
    texts = [
        "Short.",
        "The minister denied on Tuesday that the general had crossed the border at all.",
        " ".join(["word"] * 120),
    ]
    together = E._encode(texts, E.BATCH_SIZE)
    for i, text in enumerate(texts):
        assert np.array_equal(E._encode([text], E.BATCH_SIZE)[0], together[i])


def test_states_in_context_leave_the_same_sentence_vector_in_the_cache() -> None:
    texts = ["Corvia closed its border on Monday.", "Lanport's port reopened after the storm."]
    for t in texts:
        E._cache.pop(t, None)
    seen = {text: (states, offsets) for text, states, offsets in E.embed_in_context(texts * 2)}
    assert sorted(seen) == sorted(texts)  # each distinct text once
    for text, (states, offsets) in seen.items():
        assert len(states) == len(offsets) and states.shape[1] == E.DIMENSIONS
        assert offsets[0] == (0, 0) and offsets[-1] == (0, 0)  # [CLS] … [SEP], no padding
        assert np.array_equal(E._cache[text], E._encode([text], E.BATCH_SIZE)[0])
