"""HTML pages (``.html``, ``.htm``): main text and metadata by trafilatura, offline.

The article text is trafilatura's plain-text extraction (offsets point into it),
without a first line that merely repeats the title. ``title``, ``sitename``
(as ``source``), ``url`` and the publication date come from the page's metadata.

Dates are never invented: htmldate's *extensive search* is switched off, because
it turns a footer's "© 2015" into ``2015-01-01``; a page with no date in its
markup gets ``published=None``. htmldate only filters dates after today
(``max_date``); it never falls back to today.

Bytes are decoded as UTF-8 (or UTF-16 with a BOM), or in the charset the page
declares in a ``<meta charset>`` / ``http-equiv`` tag; nothing is guessed.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import Any

from storyline.errors import InputError
from storyline.ingest.common import decode_text, make_article, parse_published
from storyline.model import Article

NO_TEXT = "no article text found in HTML"

DATE_PARAMS: dict[str, Any] = {
    "extensive_search": False,
    "original_date": True,
    "outputformat": "%Y-%m-%d",
}
"""htmldate options used both through trafilatura and as the fallback."""

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def read_html(data: bytes, origin: str) -> Iterator[Article]:
    """The one article of an HTML page; :class:`InputError` if no main text is found."""
    yield parse_html(decode_text(data, origin, _declared_charset(data)), origin)


def parse_html(html: str, origin: str) -> Article:
    """An article from decoded HTML (see the module docstring)."""
    import trafilatura  # heavy import, only when HTML is read

    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, date_extraction_params=dict(DATE_PARAMS)
        )
    except Exception as e:  # trafilatura/lxml raise a variety of parser errors
        raise InputError(origin, f"{NO_TEXT} ({type(e).__name__}: {e})") from None
    text = (getattr(doc, "text", None) or "").strip()
    if not text:
        raise InputError(origin, NO_TEXT)
    title = (getattr(doc, "title", None) or "").strip() or None
    if title:
        first, _, rest = text.partition("\n")
        if first.strip() == title and rest.strip():
            text = rest.strip()
    published = getattr(doc, "date", None) or _fallback_date(html)
    if published:
        try:
            published = parse_published(published)
        except ValueError:
            published = None  # a metadata date we cannot read is no date, not an error
    return make_article(
        text,
        origin,
        title=title,
        source=getattr(doc, "sitename", None),
        url=getattr(doc, "url", None),
        published=published or None,
    )


def _fallback_date(html: str) -> str | None:
    import htmldate

    try:
        return htmldate.find_date(html, **DATE_PARAMS)
    except Exception:  # htmldate is best effort: no date rather than no article
        return None


def _declared_charset(data: bytes) -> str | None:
    """The charset a page declares, if it is a known codec other than UTF-8/16."""
    m = _META_CHARSET.search(data[:4096])
    if m is None:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return None if name in ("utf-8", "utf-16", "utf-16-le", "utf-16-be") else name
