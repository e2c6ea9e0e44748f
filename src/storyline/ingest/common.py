"""Shared pieces of the readers: decoding bytes honestly, dates, building articles.

Decoding accepts UTF-8 (with or without a byte-order mark) and UTF-16 with a
byte-order mark, and nothing is guessed: a file in another encoding is rejected
with the byte offset of the first undecodable byte, so that character offsets
into article text always mean what they say.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from storyline.errors import InputError
from storyline.model import Article, stable_id, text_hash

SNIFF_BYTES = 8192
"""How much of a file the binary check looks at."""

MAX_CONTROL_RATIO = 0.10
"""Share of control characters (other than tab, newlines, form feed) above which text is binary."""

_UTF8_BOM = codecs.BOM_UTF8
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_LE_BOM = codecs.BOM_UTF32_LE
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?"
)

BINARY = "binary file, not text"


def human_size(n: int) -> str:
    """``512 bytes``, ``3.5 KiB``, ``20.0 MiB``."""
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n / (1024 * 1024):.1f} MiB"


def decode_text(data: bytes, origin: str, encoding: str | None = None) -> str:
    """The text of ``data``, or :class:`InputError` saying why there is none.

    UTF-16 needs a byte-order mark; otherwise the bytes must be UTF-8 (a UTF-8
    byte-order mark is dropped), unless ``encoding`` names the charset the
    document itself declares (HTML ``<meta charset>``). Reasons: ``empty file``,
    ``binary file, not text``, ``cannot decode as UTF-8 at byte N (0xNN) ...``.
    """
    if not data:
        raise InputError(origin, "empty file")
    if data[:2] in _UTF16_BOMS and not data.startswith(_UTF32_LE_BOM):
        text = _decode(data, "utf-16", 0, origin)
    else:
        if b"\x00" in data[:SNIFF_BYTES]:
            raise InputError(origin, BINARY)
        skip = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
        text = _decode(data[skip:], encoding or "utf-8", skip, origin)
    if _looks_binary(text[:SNIFF_BYTES]):
        raise InputError(origin, BINARY)
    return text


def _decode(data: bytes, encoding: str, skipped: int, origin: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        name = codecs.lookup(encoding).name.upper()
        pos = e.start + skipped
        hint = (
            "; only UTF-8, or UTF-16 with a byte-order mark, is accepted"
            if encoding in ("utf-8", "utf-16")
            else ""
        )
        raise InputError(
            origin, f"cannot decode as {name} at byte {pos} (0x{data[e.start]:02x}){hint}"
        ) from None
    except LookupError:  # pragma: no cover - callers pass known encodings
        raise InputError(origin, f"unknown encoding {encoding!r}") from None


def _looks_binary(head: str) -> bool:
    if not head:
        return False
    controls = sum(1 for c in head if c not in _TEXT_CONTROLS and unicodedata.category(c) == "Cc")
    return "\x00" in head or controls / len(head) > MAX_CONTROL_RATIO


def parse_published(value: str) -> str:
    """``YYYY-MM-DD`` from an ISO 8601 date or date-time, else :class:`ValueError` (the reason).

    A date-time keeps the calendar date as written (``2016-04-15T23:30:00-05:00``
    is ``2016-04-15``): the date the publisher printed, not a UTC conversion.
    """
    s = value.strip()
    reason = f"invalid published date {value!r}: expected ISO 8601 (YYYY-MM-DD)"
    if _ISO_DATE.fullmatch(s):
        parse: Any = dt.date.fromisoformat
    elif _ISO_DATETIME.fullmatch(s):
        parse = dt.datetime.fromisoformat
    else:
        raise ValueError(reason)
    try:
        parsed = parse(s)
    except ValueError:
        raise ValueError(reason) from None
    day = parsed.date() if isinstance(parsed, dt.datetime) else parsed
    return str(day.isoformat())


def checked_published(value: str | None, origin: str) -> str | None:
    """:func:`parse_published` for a value read from ``origin``; a bad date rejects
    the input with :class:`InputError` naming it."""
    if value is None:
        return None
    try:
        return parse_published(value)
    except ValueError as e:
        raise InputError(origin, str(e)) from None


def make_article(
    text: str,
    origin: str,
    *,
    id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: str | None = None,
    collection: str | None = None,
) -> Article:
    """An :class:`Article`; without an ``id``, one derived from its text hash.

    The derived id is ``stable_id("a", text_hash(text))``.
    """
    digest = text_hash(text)
    return Article(
        id=id or stable_id("a", digest),
        text=text,
        title=title or None,
        source=source or None,
        url=url or None,
        published=published,
        origin=origin,
        collection=collection,
        hash=digest,
    )


def json_type(value: object) -> str:
    """The JSON name of a Python value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def optional_str(record: Mapping[str, Any], key: str, origin: str) -> str | None:
    """``record[key]`` if it is a string (empty or missing is ``None``); wrong types raise."""
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(origin, f"field {key!r} must be a string, got {json_type(value)}")
    return value or None


def record_to_article(record: Mapping[str, Any], origin: str) -> Article:
    """An article from a JSON record with ``text`` (required) and optional
    ``id``, ``title``, ``source``, ``url``, ``published``; other fields are ignored.

    The text is kept exactly as given. Raises :class:`InputError` naming the field at fault.
    """
    if "text" not in record:
        raise InputError(origin, "missing required field 'text'")
    text = record["text"]
    if not isinstance(text, str):
        raise InputError(origin, f"field 'text' must be a string, got {json_type(text)}")
    if not text.strip():
        raise InputError(origin, "field 'text' is empty" if not text else "no text")
    raw_id = record.get("id")
    if raw_id is None or raw_id == "":
        art_id = None
    elif isinstance(raw_id, str):
        art_id = raw_id
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        art_id = str(raw_id)
    else:
        raise InputError(origin, f"field 'id' must be a string or number, got {json_type(raw_id)}")
    published = checked_published(optional_str(record, "published", origin), origin)
    return make_article(
        text,
        origin,
        id=art_id,
        title=optional_str(record, "title", origin),
        source=optional_str(record, "source", origin),
        url=optional_str(record, "url", origin),
        published=published,
    )
