"""When was an article published? From its metadata, else from its own text.

:func:`publication_date` gives one :class:`PublicationDate` per article:

* ``metadata`` (confidence 1.0): the article's ``published`` field;
* ``relative-reference`` (0.8): a full date stated beside a reference to the day of
  publication or a day near it — "yesterday (March 3, 2016)", "today, 3 March 2016" —
  which fixes the publication day ("yesterday" March 3 → published March 4);
* ``dateline`` (0.9): a full date (day, month and year) at the head of the text,
  before the first full stop — "WASHINGTON, March 22, 2013 —", "Updated 15 April 2016";
* ``latest-explicit-date`` (0.4): the latest full date the text reports as past. The
  article cannot be older than that, so the value is a lower bound, stated as such;
* ``unknown`` (0.0): none of these; ``value`` is ``None``.

Only the first three are firm enough (:data:`ANCHOR_CONFIDENCE`) for the tagger to
anchor relative expressions to them (``anchor="inferred-publication"``); under a
``latest-explicit-date`` or ``unknown`` basis, "last Thursday" stays relative ("the
Thursday before publication"). Nothing here looks at today's clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from storyline.model import AnnotatedArticle, PublicationDate, Span, TimeValue

ANCHOR_CONFIDENCE = 0.7
# How far into the text a dateline may lie (characters), and at most before the first
# sentence ends.
DATELINE_CHARS = 200
_FULL_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAY_OFFSETS = {"yesterday": 1, "today": 0, "tonight": 0, "tomorrow": -1}


def _full_days(times: Sequence[TimeValue]) -> list[TimeValue]:
    return [
        t
        for t in times
        if t.anchor == "absolute"
        and t.value
        and _FULL_DAY.match(t.value[:10])
        and t.value[:4] > "1900"
    ]


def infer_publication_date(doc: Any, article: str, times: Sequence[TimeValue]) -> PublicationDate:
    """The publication date of an article of unknown date, from its text.

    ``times`` are the article's expressions as tagged without a publication date.
    """
    full = _full_days(times)
    first_stop = min((s.end_char for s in doc.sents if s.text.strip()), default=len(doc.text))
    for t in times:
        offset = _DAY_OFFSETS.get(t.text.lower())
        if offset is None:
            continue
        for f in full:
            near = abs(f.span.start - t.span.end) <= 4 or abs(t.span.start - f.span.end) <= 4
            if near:
                day = dt.date.fromisoformat(f.value[:10]) + dt.timedelta(days=offset)  # type: ignore[index]
                evidence = Span(
                    article, min(t.span.start, f.span.start), max(t.span.end, f.span.end)
                )
                return PublicationDate(
                    article, day.isoformat(), 0.8, "relative-reference", evidence
                )
    for t in full:
        if t.span.start < min(DATELINE_CHARS, first_stop + 1):
            return PublicationDate(article, t.value[:10], 0.9, "dateline", t.span)  # type: ignore[index]
    past = [t for t in full if _reported_as_past(doc, t)]
    if past:
        latest = max(past, key=lambda t: (t.value, t.span.start))
        return PublicationDate(article, latest.value[:10], 0.4, "latest-explicit-date", latest.span)  # type: ignore[index]
    return PublicationDate(article, None, 0.0, "unknown", None)


def _reported_as_past(doc: Any, t: TimeValue) -> bool:
    from storyline.time.tagger import tense_direction

    span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
    return span is not None and tense_direction(span) == "past"


def publication_dates(items: Sequence[AnnotatedArticle]) -> list[PublicationDate]:
    """One publication date per article: its metadata, or what its text tells."""
    from storyline.time.tagger import tag_doc

    out = []
    for item in items:
        a = item.article
        if a.published:
            out.append(PublicationDate(a.id, a.published[:10], 1.0, "metadata", None))
            continue
        out.append(infer_publication_date(item.doc, a.id, tag_doc(item.doc, a.id, None)))
    return out


def anchors(dates: Sequence[PublicationDate]) -> dict[str, str | None]:
    """Publication dates firm enough to anchor relative expressions to, by article id."""
    return {
        d.article: d.value
        for d in dates
        if d.basis != "metadata" and d.value and d.confidence >= ANCHOR_CONFIDENCE
    }
