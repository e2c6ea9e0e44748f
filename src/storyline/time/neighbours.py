"""Expressions read together with the words beside them.

Things the recognizer gets wrong or misses because of a neighbouring word:

* :func:`range_end_years` — the second year of "from 2009 to 2012": the recognizer
  reads no "from YYYY to YYYY" at all, and the small spaCy model often marks only the
  first year as a DATE entity, so the second end of the range was lost;
* :func:`this_past` — "this past spring", "this past April", "this past weekend":
  the recognizer reads "past spring" as the spring of the year before ("last
  spring" in a report of October is this year's spring, but "past spring" came back a
  year early) and leaves "this" out of the extent;
* :func:`vague_spans_before_signals` — "Hours later", "Days after the vote", "Minutes
  before the blast": a bare plural unit of time before a signal word is a span of
  time (``PTXH``, ``PXD``), as "three days later" is ``P3D`` (TimeML marks the signal
  outside the expression); nothing proposed these.

And: :func:`zoned_clock_times` ("at 1530 GMT" was the year 1530), :func:`every_quarter`
(``SET P1Q``), :func:`final_days` ("his last day" is not yesterday),
:func:`month_of_year` ("April of last year", "the first quarter of last year") and
:func:`and_a_half` ("two and a half years" is ``P2Y6M``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from storyline.model import Anchor, Span, TimeValue
from storyline.time.fallback import _count, _duration
from storyline.time.values import anchor, date_range, granularity

_RANGE_END = re.compile(
    r"(\s*(?:to|through|thru|until|till|and|-|–|—)\s*)((?:1[0-9]|20)\d\d)\b"
    r"(?!\s*(?:%|percent)|[.,:/]\d)"
)


def _overlaps(start: int, end: int, found: list[TimeValue]) -> bool:
    return any(t.span.start < end and start < t.span.end for t in found)


def range_end_years(doc: Any, found: list[TimeValue]) -> list[TimeValue]:
    """The second year of "from 2009 to 2012", "between 2005 and 2010" or "2010-2012"
    when nothing else found it; a number that counts ("from 1990 to 2000 troops") is
    left alone, and so is one that is not later than the first year."""
    out = list(found)
    for t in found:
        if (
            t.type != "DATE"
            or not re.fullmatch(r"\d{4}", t.value or "")
            or not t.text[-4:].isdigit()
        ):
            continue
        m = _RANGE_END.match(doc.text, t.span.end)
        if not m or int(m[2]) <= int(t.value or 0) or _overlaps(m.start(2), m.end(2), out):
            continue
        num = doc.char_span(m.start(2), m.end(2))
        if num is None:
            continue
        nxt = doc[num.end] if num.end < len(doc) else None
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.ent_type_ != "DATE":
            continue
        where = dataclasses.replace(t.span, start=m.start(2), end=m.end(2))
        out.append(TimeValue(where, m[2], "DATE", m[2], "year", "absolute", "the end of a range"))
    return out


_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")  # fmt: skip


def _last_before(pattern: str, dct: dt.date) -> str | None:
    """The most recent period of ``pattern`` (``XXXX-SP``, ``XXXX-04``) that has begun
    by ``dct``."""
    value = anchor(pattern, dct, "past")
    span = date_range(value)
    if span is not None and span[0] > dct and value[:4].isdigit():
        value = f"{int(value[:4]) - 1:04d}{value[4:]}"
    return None if value.startswith("X") else value


def this_past(doc: Any, found: list[TimeValue], dct: dt.date | None) -> list[TimeValue]:
    """ "this past spring" is the spring that has most recently begun, "this" in the
    extent; "this past weekend" only gets its "this" back (its value was right)."""
    out = []
    for t in found:
        low = t.text.lower()
        m = re.fullmatch(
            r"past (spring|summer|fall|autumn|winter|weekend|" + "|".join(_MONTHS) + ")", low
        )
        start_tok = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if not m or start_tok is None or start_tok.start == 0:
            out.append(t)
            continue
        this = doc[start_tok.start - 1]
        if this.lower_ != "this":
            out.append(t)
            continue
        value = t.value
        word = m[1]
        if dct is not None and word != "weekend":
            code = _SEASONS.get(word) or f"{_MONTHS.index(word) + 1:02d}"
            value = _last_before(f"XXXX-{code}", dct) or value
        where = dataclasses.replace(t.span, start=this.idx)
        text = doc.text[this.idx : t.span.end]
        out.append(
            dataclasses.replace(
                t, span=where, text=text, value=value, granularity=granularity(value)
            )
        )
    return out


_VAGUE = {"minutes": "PTXM", "hours": "PTXH", "days": "PXD", "weeks": "PXW",
          "months": "PXM", "years": "PXY", "decades": "PXDE"}  # fmt: skip
_SIGNALS = frozenset({"later", "earlier", "after", "before"})


def _matter_of(doc: Any, t: TimeValue) -> bool:
    """ "a matter of days": an idiom for "soon", which TimeML annotators leave unmarked
    (TBAQ-cleaned: 0 of 2)."""
    span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
    return (
        span is not None
        and t.type == "DURATION"
        and span[0].lower_ in _VAGUE
        and span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].lower_ == "matter"
    )


def vague_spans_before_signals(doc: Any, found: list[TimeValue], article: str) -> list[TimeValue]:
    """ "Hours later", "Days after the vote", "just minutes before": the bare plural
    unit as a span of time. Only where nothing counts or determines it ("the days
    after the attack" refers to a time, "two days later" is read elsewhere)."""
    out = [t for t in found if not _matter_of(doc, t)]
    for tok in doc[:-1]:
        value = _VAGUE.get(tok.lower_)
        if value is None or doc[tok.i + 1].lower_ not in _SIGNALS:
            continue
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and (
            prev.pos_ in ("DET", "NUM", "ADJ", "PRON") or prev.tag_ == "POS" or prev.lower_ == "of"
        ):  # "the days after", "two days later", "many years before", "a matter of days"
            continue
        start, end = tok.idx, tok.idx + len(tok)
        if _overlaps(start, end, out):
            continue
        out.append(
            TimeValue(Span(article, start, end), tok.text, "DURATION", value, "unknown", "absolute")
        )
    return out


_ZONED_CLOCK = re.compile(
    r"\b([01]\d|2[0-3])([0-5]\d)\s+(?:GMT|UTC|BST|CET|CEST|[ECMP][SD]T|local time|hours|hrs)\b"
)


def zoned_clock_times(
    doc: Any, found: list[TimeValue], dct: dt.date | None, article: str, anchor_name: Anchor
) -> list[TimeValue]:
    """ "at 1530 GMT", "0900 local time": a 24-hour clock time, which the recognizer
    took for the year 1530 or left alone. Restated in brackets after another clock
    time ("10:35 a.m. (0735 GMT)") it is the same time in another zone, which TimeML
    annotators leave unmarked (TBAQ-cleaned does); standing alone it is a ``TIME`` on
    the publication date (or the day the text named, see the tagger)."""
    out = list(found)
    for m in _ZONED_CLOCK.finditer(doc.text):
        start, end = m.span()
        out = [t for t in out if not (t.span.start < end and start < t.span.end)]
        before = doc.text[max(0, start - 40) : start]
        if re.search(
            r"(?:\d(?:\s*[ap]\.?m\.?)?|noon|midnight)(?:\s*(?:local time|[A-Z]{2,4}))?\s*[(\[]\s*$",
            before,
            re.I,
        ):
            continue  # the same time in another zone
        value = f"{dct.isoformat()}T{m[1]}:{m[2]}" if dct else None
        out.append(
            TimeValue(
                Span(article, start, end), m[0], "TIME", value, granularity(value),
                anchor_name if dct else "unknown-publication",
                "" if dct else f"{m[1]}:{m[2]} on an unknown day",
            )
        )  # fmt: skip
    out.sort(key=lambda t: t.span.start)
    return out


def every_quarter(doc: Any, found: list[TimeValue], article: str) -> list[TimeValue]:
    """ "every quarter", "each quarter": a ``SET`` (``P1Q``, as TimeML writes it) the
    recognizer does not read, although it reads "every week"."""
    out = list(found)
    for m in re.finditer(r"\b(?:every|each) quarter\b(?!-)", doc.text, re.I):
        if _overlaps(m.start(), m.end(), out):
            continue
        out.append(TimeValue(Span(article, *m.span()), m[0], "SET", "P1Q", "unknown", "absolute"))
    return out


def final_days(doc: Any, found: list[TimeValue]) -> list[TimeValue]:
    """ "his last day in office", "her last days", "the last day of the trial": the
    final one, not yesterday (the recognizer's reading of "last day"); with no date
    of its own to give, it is dropped ("the last day of March" is read whole)."""
    out = []
    for t in found:
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if span is None or not re.fullmatch(r"(?:the )?last days?", t.text.lower()):
            out.append(t)
            continue
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if (before is not None and before.tag_ in ("PRP$", "POS")) or (
            after is not None and after.lower_ == "of"  # "the last day of the tournament"
        ):
            continue
        out.append(t)
    return out


_OF_YEAR = re.compile(
    r"\b(?:(early|late|mid)[- ])?(?:(January|February|March|April|May|June|July|August|"
    r"September|October|November|December)|(?:the )?(first|second|third|fourth) quarter)"
    r" of (last|this|next) year\b",
    re.I,
)
_QUARTER_NO = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_OF_YEAR_MOD = {"early": "START", "late": "END", "mid": "MID"}


def month_of_year(
    doc: Any, found: list[TimeValue], dct: dt.date | None, article: str, anchor_name: Anchor
) -> list[TimeValue]:
    """ "April of last year", "June of this year", "the first quarter of last year": the
    month or quarter of the year named relative to the publication date. The
    recognizer read the first as ``P1Y``, the second not at all and the third in the
    publication year."""
    if dct is None:
        return found
    out = list(found)
    for m in _OF_YEAR.finditer(doc.text):
        year = dct.year + {"last": -1, "this": 0, "next": 1}[m[4].lower()]
        if m[2]:
            value = f"{year:04d}-{_MONTHS.index(m[2].lower()) + 1:02d}"
        else:
            value = f"{year:04d}-Q{_QUARTER_NO[m[3].lower()]}"
        start, end = m.span()
        out = [t for t in out if not (t.span.start < end and start < t.span.end)]
        out.append(
            TimeValue(
                Span(article, start, end), m[0], "DATE", value, granularity(value),
                anchor_name, "", _OF_YEAR_MOD.get((m[1] or "").lower(), ""),
            )
        )  # fmt: skip
    out.sort(key=lambda t: t.span.start)
    return out


_AND_A_HALF = re.compile(
    r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) and a half "
    r"(year|month|week|day|hour|minute)s\b",
    re.I,
)


def and_a_half(doc: Any, found: list[TimeValue], article: str) -> list[TimeValue]:
    """ "two and a half years" is ``P2Y6M``; the recognizer read only "half years"
    (``P0Y6M``)."""
    out = list(found)
    for m in _AND_A_HALF.finditer(doc.text):
        n = _count(m[1])
        if n is None:
            continue
        start, end = m.span()
        out = [t for t in out if not (t.span.start < end and start < t.span.end)]
        value = _duration(n, m[2], half=True)
        out.append(
            TimeValue(Span(article, start, end), m[0], "DURATION", value, "unknown", "absolute")
        )
    out.sort(key=lambda t: t.span.start)
    return out
