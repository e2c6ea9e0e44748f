"""Pieces shared by the Markdown and HTML renderers: labels, anchors, dates, evidence.

Everything here works on the brief's JSON wire form (plain dicts), and is deterministic:
the same brief gives the same labels, anchors and evidence numbers every time.

* :func:`safe_id` turns any article or object id into a string that is safe as an HTML id
  and as a URL fragment; :func:`evidence_anchor` and :func:`article_anchor` build on it, and
  both renderers use them for the link and for its target alike.
* :func:`article_label` names an article the way a reader cites it ("Fox News, 2016-04-15").
* :func:`format_date` shows a date at its granularity ("2016-04-14", "July 2015", "2015").
* :class:`EvidenceIndex` checks every cited span against its article, numbers the distinct
  spans in order of first citation, and keeps the quote and its sentence-level context.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from storyline.model import SpanError
from storyline.time.values import date_range, is_underspecified
from storyline.time.values import granularity as value_granularity

__all__ = [
    "Cite",
    "Evidence",
    "EvidenceIndex",
    "article_anchor",
    "article_label",
    "article_name",
    "context",
    "date_sort_key",
    "evidence_anchor",
    "format_date",
    "is_safe_url",
    "plural",
    "safe_id",
    "text",
]

CONTEXT_WINDOW = 200
"""At most this many characters of context are shown on each side of a quoted span."""

_SAFE_ID = re.compile(r"[A-Za-z0-9_-]+")
_UNSAFE_ID_CHAR = re.compile(r"[^A-Za-z0-9_-]")
# http(s) with a host, and no whitespace or control characters anywhere (browsers strip
# tabs and newlines from URLs, so "java\tscript:" must never get near an href).
_SAFE_URL = re.compile(r"https?://[^\s/?#\x00-\x1f\x7f]+[^\s\x00-\x1f\x7f]*", re.IGNORECASE)
# The end of a sentence: terminal punctuation (and any closing quotes or brackets) followed
# by whitespace or the end of the searched text, or a line break (news text puts paragraphs
# on their own lines).
_SENTENCE_END = re.compile(r"[.!?][\"'’”»)\]]*(?=\s|\Z)|\n")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'’”»)\]]*\s*\Z")

_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_PARTS_OF_DAY = {
    "MO": "morning",
    "AF": "afternoon",
    "EV": "evening",
    "NI": "night",
    "DT": "daytime",
}
# From finest to coarsest: a value is never shown finer than it is, and a caller's coarser
# granularity (an event dated by a day but known only to the month) wins.
_ORDER = ("day", "week", "month", "season", "quarter", "year", "decade")


def text(value: Any) -> str:
    """A wire value as display text: ``None`` becomes the empty string."""
    return "" if value is None else str(value)


def plural(n: int, word: str, words: str | None = None) -> str:
    """``"1 source"``, ``"3 sources"``."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


# --- ids and anchors -----------------------------------------------------------------------


def safe_id(value: str) -> str:
    """``value`` if it only uses ``[A-Za-z0-9_-]``, else a cleaned copy plus a short hash.

    The hash keeps distinct ids distinct after cleaning ("a b" and "a/b" both clean to
    "a_b"). The result is safe as an HTML ``id`` and as a URL fragment, unescaped.
    """
    value = str(value)
    if _SAFE_ID.fullmatch(value):
        return value
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:8]
    return f"{_UNSAFE_ID_CHAR.sub('_', value)}_{digest}"


def evidence_anchor(article: str, start: int, end: int) -> str:
    """The id of the evidence block for ``article[start:end]``: ``ev-ARTICLE-START-END``."""
    return f"ev-{safe_id(article)}-{start}-{end}"


def article_anchor(article: str) -> str:
    """The id of an article's entry in the sources: ``article-ARTICLE``."""
    return f"article-{safe_id(article)}"


# --- articles --------------------------------------------------------------------------------


def article_name(article: Mapping[str, Any]) -> str:
    """An article's source, else its title, else its id (no date)."""
    return text(article.get("source")) or text(article.get("title")) or text(article.get("id"))


def article_label(article: Mapping[str, Any]) -> str:
    """How a reader cites an article: its source and date, else its title, else its id.

    Mirrors :attr:`storyline.model.Article.label`. Line breaks are folded into spaces so
    a label always fits on one line.
    """
    source = text(article.get("source"))
    published = text(article.get("published"))
    if source:
        label = f"{source}, {published}" if published else source
    else:
        label = text(article.get("title")) or text(article.get("id"))
    return " ".join(label.split())


def is_safe_url(url: Any) -> bool:
    """True if ``url`` may become a link: an ``http`` or ``https`` URL with a host.

    Anything else (``javascript:``, ``data:``, relative or protocol-relative URLs, URLs with
    whitespace or control characters) is shown as plain text, never put in an ``href``.
    """
    return isinstance(url, str) and _SAFE_URL.fullmatch(url) is not None


# --- dates -----------------------------------------------------------------------------------


def _coarser(own: str, asked: str | None) -> str:
    if asked in _ORDER and own in _ORDER and _ORDER.index(asked) > _ORDER.index(own):
        return asked
    return own


def _partly_known(value: str) -> str:
    """A value with unknown digits, in words ("October, year unknown")."""
    if (m := re.fullmatch(r"XXXX-(\d{2})", value)) and 1 <= int(m[1]) <= 12:
        return f"{_MONTHS[int(m[1]) - 1]}, year unknown"
    if (m := re.fullmatch(r"XXXX-(\d{2})-(\d{2})", value)) and 1 <= int(m[1]) <= 12:
        return f"{int(m[2])} {_MONTHS[int(m[1]) - 1]}, year unknown"
    if m := re.fullmatch(r"XXXX-WXX-([1-7])", value):
        return f"a {_WEEKDAYS[int(m[1]) - 1]}, week unknown"
    return f"partly known ({value})"


def format_date(value: str | None, granularity: str | None = None) -> str:
    """A date as a reader expects it, at its granularity; ``"date unknown"`` for ``None``.

    ``2016-04-14`` → "2016-04-14", ``2016-04-14TMO`` → "2016-04-14, morning",
    ``2015-07`` → "July 2015", ``2015`` → "2015", ``2015-W12`` → "week 12 of 2015",
    ``2015-Q1`` → "Q1 2015", ``2015-SU`` → "summer 2015", ``201`` → "the 2010s",
    ``XXXX-10`` → "October, year unknown". A value with a coarser ``granularity`` is shown
    at that granularity ("week of 2016-04-14", "April 2016", "2016"). The calendar reading
    of a value is :mod:`storyline.time.values`'; anything it does not read (references such
    as ``PRESENT_REF``, durations) is shown as is.
    """
    if value is None or value == "":
        return "date unknown"
    value = str(value)
    if is_underspecified(value):
        return _partly_known(value)
    span = date_range(value)
    if span is None:
        return value
    start = span[0]
    own = value_granularity(value)
    shown = _coarser(own, granularity)
    if shown == "day":
        day, _, time = value.partition("T")
        return f"{day}, {_PARTS_OF_DAY.get(time, time)}" if time else day
    if shown == "week":
        if own == "week":
            iso = dt.date.fromisocalendar(*start.isocalendar()[:2], 1).isocalendar()
            weekend = "the weekend of " if value.endswith("-WE") else ""
            return f"{weekend}week {iso[1]} of {iso[0]}"
        return f"week of {value.partition('T')[0]}"
    if shown in {"month", "season", "quarter"} and own in {"day", "week", "month"}:
        return f"{_MONTHS[start.month - 1]} {start.year}"
    if shown == "season" and own == "season":
        return f"{_SEASONS[value[-2:]]} {value[:4]}"
    if shown == "quarter" and own == "quarter":
        return f"{value[-2:]} {value[:4]}" if "-Q" in value else f"{value[-2:]} of {value[:4]}"
    if shown == "decade":
        return f"the {str(start.year)[:3]}0s"
    return str(start.year)


def date_sort_key(value: str | None) -> tuple[int, int, int, str]:
    """Orders dates by the start of the period they name; coarser first, unknown last.

    ``2015`` < ``2015-07`` < ``2015-07-14`` < ``2015-08``; values that are not understood
    sort after every understood date (by their text), and ``None`` after everything.
    """
    if value is None or value == "":
        return (2, 0, 0, "")
    value = str(value)
    span = date_range(value)
    if span is None:
        return (1, 0, 0, value)
    return (0, span[0].toordinal(), -span[1].toordinal(), value)


# --- evidence --------------------------------------------------------------------------------


def context(
    body: str, start: int, end: int, window: int = CONTEXT_WINDOW
) -> tuple[str, str, bool, bool]:
    """The text around ``body[start:end]``, up to the nearest sentence boundary on each side.

    Returns ``(before, after, cut_before, cut_after)``: the context before and after the
    span, each at most ``window`` characters, and whether each was cut short of a sentence
    boundary (the renderers show an ellipsis there).
    """
    lo = max(0, start - window)
    boundary = None
    for boundary in _SENTENCE_END.finditer(body, lo, start):  # noqa: B007 - keep the last one
        pass
    if boundary is not None:
        before, cut_before = body[boundary.end() : start], False
    else:
        before, cut_before = body[lo:start], lo > 0
    before = before.lstrip()

    hi = min(len(body), end + window)
    if _ENDS_SENTENCE.search(body, start, end) and start < end:
        after, cut_after = "", False
    else:
        found = _SENTENCE_END.search(body, end)
        if found is not None and found.end() <= hi:
            stop = found.start() if found.group() == "\n" else found.end()
            after, cut_after = body[end:stop], False
        else:
            after, cut_after = body[end:hi], hi < len(body)
    return before, after.rstrip(), cut_before, cut_after


@dataclass(frozen=True, slots=True)
class Cite:
    """One citation as shown next to a fact: a label linking to evidence number ``number``."""

    number: int
    anchor: str
    label: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """One distinct cited span, with its quote and the context around it."""

    number: int
    anchor: str
    article: str
    article_anchor: str
    label: str
    start: int
    end: int
    quote: str
    before: str
    after: str
    cut_before: bool
    cut_after: bool


class EvidenceIndex:
    """The distinct spans a brief cites, numbered in order of first citation.

    :meth:`cite` checks a wire span (``{"article", "start", "end"}``) against the article
    text and raises :class:`~storyline.model.SpanError` if it does not fit: a brief whose
    citations cannot be looked up is broken, and is not rendered as if it were sound.
    """

    def __init__(self, articles: Mapping[str, Mapping[str, Any]]) -> None:
        self._articles = articles
        self._evidence: dict[tuple[str, int, int], Evidence] = {}

    def cite(self, span: Mapping[str, Any]) -> Cite:
        key = self._check(span)
        found = self._evidence.get(key)
        if found is None:
            article_id, start, end = key
            article = self._articles[article_id]
            body = text(article.get("text"))
            before, after, cut_before, cut_after = context(body, start, end)
            found = Evidence(
                number=len(self._evidence) + 1,
                anchor=evidence_anchor(article_id, start, end),
                article=article_id,
                article_anchor=article_anchor(article_id),
                label=article_label(article),
                start=start,
                end=end,
                quote=body[start:end],
                before=before,
                after=after,
                cut_before=cut_before,
                cut_after=cut_after,
            )
            self._evidence[key] = found
        return Cite(found.number, found.anchor, found.label)

    def cites(self, spans: Iterable[Mapping[str, Any]]) -> tuple[Cite, ...]:
        """Citations for ``spans``, each distinct span once, in the order given."""
        out: dict[int, Cite] = {}
        for span in spans:
            c = self.cite(span)
            out.setdefault(c.number, c)
        return tuple(out.values())

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """Every cited span, by number."""
        return tuple(self._evidence.values())

    def _check(self, span: Mapping[str, Any]) -> tuple[str, int, int]:
        try:
            article_id, start, end = span["article"], span["start"], span["end"]
        except (KeyError, TypeError) as exc:
            raise SpanError(f"malformed citation {span!r}") from exc
        article_id = text(article_id)
        if article_id not in self._articles:
            raise SpanError(f"citation {start}..{end} points to unknown article {article_id!r}")
        if type(start) is not int or type(end) is not int:  # bool is an int, and no offset
            raise SpanError(
                f"citation offsets {start!r}..{end!r} in {article_id!r} are not integers"
            )
        length = len(text(self._articles[article_id].get("text")))
        if not 0 <= start <= end <= length:
            raise SpanError(
                f"citation {start}..{end} lies outside article {article_id!r} ({length} characters)"
            )
        return article_id, start, end
