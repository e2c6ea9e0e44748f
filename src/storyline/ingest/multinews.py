"""Multi-News clusters (Fabbri et al., 2019): several source articles per record.

Two shapes are read:

* JSON records with ``raw_document`` (a list of document strings) and ``idx``, as in
  ``../shared/corpora/multinews/test.json``; the collection is ``multinews:{idx}``
  (``multinews:{origin}`` without ``idx``). Read automatically from ``.json`` /
  ``.jsonl`` files whose records have ``raw_document``.
* The original release's text files, asked for with ``input_format="multinews"``:
  one cluster per line, documents separated by ``|||||``; the collection is
  ``{basename}:{line}``. The release's ``NEWLINE_CHAR`` token stands for a line
  break and is turned back into ``\\n``.

Each document becomes an :class:`Article` whose id is derived from its text hash;
its origin is ``{record origin}.raw_document[k]`` or ``{path}:{line}|k``. Outer
whitespace of a document is dropped; empty documents (the corpus has some) are
skipped silently. The reference ``summary`` is not an article and is not read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any

from storyline.errors import InputError
from storyline.ingest.common import decode_text, json_type, make_article
from storyline.model import Article

SEPARATOR = "|||||"
NEWLINE_TOKEN = "NEWLINE_CHAR"


def is_multinews_record(record: Mapping[str, Any]) -> bool:
    return "raw_document" in record


def multinews_record(record: Mapping[str, Any], origin: str) -> Iterator[Article]:
    """The documents of one JSON record; :class:`InputError` if ``raw_document`` is malformed."""
    docs = record.get("raw_document")
    if docs is None:
        raise InputError(origin, "missing required field 'raw_document'")
    if not isinstance(docs, list):
        raise InputError(origin, f"field 'raw_document' must be an array, got {json_type(docs)}")
    idx = record.get("idx")
    collection = (
        f"multinews:{idx}" if isinstance(idx, (int, str)) and idx != "" else (f"multinews:{origin}")
    )
    for k, doc in enumerate(docs):
        if not isinstance(doc, str):
            raise InputError(
                f"{origin}.raw_document[{k}]", f"document must be a string, got {json_type(doc)}"
            )
    for k, doc in enumerate(docs):
        text = doc.strip()
        if text:
            yield make_article(text, f"{origin}.raw_document[{k}]", collection=collection)


def read_multinews_lines(data: bytes, origin: str) -> Iterator[Article]:
    """The documents of a Multi-News text file: a cluster per line, ``|||||`` between documents."""
    content = decode_text(data, origin)
    base = os.path.basename(origin) or origin
    found = False
    for lineno, line in enumerate(content.split("\n"), start=1):
        for k, doc in enumerate(line.split(SEPARATOR)):
            text = doc.replace(NEWLINE_TOKEN, "\n").strip()
            if text:
                found = True
                yield make_article(text, f"{origin}:{lineno}|{k}", collection=f"{base}:{lineno}")
    if not found:
        raise InputError(origin, "no text")
