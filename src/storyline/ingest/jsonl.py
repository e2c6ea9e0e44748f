"""JSON Lines (``.jsonl``, ``.ndjson``) and JSON (``.json``) articles.

Each record is an object with ``text`` (required, a non-empty string) and optional
``id`` (string or number), ``title``, ``source``, ``url``, ``published`` (ISO 8601);
other fields are ignored. A record with ``raw_document`` is a Multi-News cluster
(see :mod:`storyline.ingest.multinews`).

One bad record does not spoil the file: it becomes a rejection with origin
``path:LINE`` (JSON Lines) or ``path[INDEX]`` (a JSON array) and the others are read.
Blank lines in JSON Lines are ignored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from storyline.errors import InputError
from storyline.ingest.common import decode_text, json_type, record_to_article
from storyline.ingest.multinews import is_multinews_record, multinews_record
from storyline.model import Article, Rejection


def read_jsonl(data: bytes, origin: str, multinews: bool = False) -> Iterator[Article | Rejection]:
    """Articles from JSON Lines, one rejection per bad line (origin ``path:LINE``)."""
    content = decode_text(data, origin)
    found = False
    for lineno, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        found = True
        where = f"{origin}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield Rejection(where, f"invalid JSON at column {e.colno}: {e.msg}")
            continue
        yield from _records(record, where, multinews)
    if not found:
        raise InputError(origin, "no text")


def read_json(data: bytes, origin: str, multinews: bool = False) -> Iterator[Article | Rejection]:
    """Articles from a JSON object or array of objects (origin ``path[INDEX]`` per element)."""
    content = decode_text(data, origin)
    if not content.strip():
        raise InputError(origin, "no text")
    try:
        value = json.loads(content)
    except json.JSONDecodeError as e:
        raise InputError(
            origin, f"invalid JSON at line {e.lineno} column {e.colno}: {e.msg}"
        ) from None
    if isinstance(value, dict):
        yield from _records(value, origin, multinews)
    elif isinstance(value, list):
        for index, record in enumerate(value):
            yield from _records(record, f"{origin}[{index}]", multinews)
    else:
        raise InputError(origin, f"expected a JSON object or array, got {json_type(value)}")


def _records(record: Any, where: str, multinews: bool) -> Iterator[Article | Rejection]:
    if not isinstance(record, dict):
        yield Rejection(where, f"expected a JSON object, got {json_type(record)}")
        return
    try:
        if multinews or is_multinews_record(record):
            yield from multinews_record(record, where)
        else:
            yield record_to_article(record, where)
    except InputError as e:
        yield Rejection(e.origin, e.reason)
