"""Dating events: which expression governs a trigger, and how dates combine.

Three functions for the event stages (``storyline.events``) to call:

``governing_time(trigger, times)``
    The temporal expression that dates the happening named by ``trigger`` (a spaCy
    ``Token``), chosen among ``times`` (the article's :class:`TimeValue` list, or those
    of the trigger's sentence) by the dependency parse: an expression attached inside
    the trigger's own clause first ("arrived … early Thursday morning"), then one
    attached to a clause that governs the trigger ("On Tuesday he flew to Moscow to
    meet Putin" dates "meet"), then any other in the sentence; ties go to the shorter
    path in the tree, then the nearer in the text. Durations and sets date nothing
    and are skipped; expressions outside the trigger's sentence are never chosen.
    Returns ``None`` when the sentence has no candidate.

``combine_dates(values)``
    One date for an event from the dates of its mentions (``TimeValue`` objects or
    TIMEX3 value strings): the finest value compatible with the most others wins, so
    a day-precise mention refines a month-precise one (``2015-07`` + ``2015-07-24``
    → ``2015-07-24``, day) and ``XXXX-07-14`` takes its year from a compatible
    ``2016-07``. The value is always a date a reader can place on a calendar: a
    value whose year stays unknown ("July 14" in an article of unknown date) refines
    and checks, but is not returned alone — the mention's note says what it is.
    Incompatible values are kept in ``conflicts`` (sorted, distinct), never averaged.
    Returns ``CombinedDate(value, granularity, conflicts)``, a named tuple; ``value``
    is ``None`` (granularity ``unknown``) when nothing dates it.

``dates_compatible(a, b)``
    Whether two TIMEX3 values (or ``TimeValue`` objects) can both be true of one
    happening: their calendar ranges overlap, granularity-aware — a day inside a
    month, a week straddling a month end, a season and its months, ``XXXX-07-14``
    and ``2016-07-14``; a modifier narrows a range (``late July`` is its last third,
    ``early March`` its first). Values that are not calendar dates (durations,
    ``PRESENT_REF``, ``None``) cannot contradict anything and are compatible.

Example, for the lead's event stage::

    from storyline.time.event_dates import combine_dates, governing_time

    time = governing_time(tok, sentence_times)            # per trigger token
    date = combine_dates([m.time for m in mentions if m.time])
    event_date, granularity, conflicts = date
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from storyline.model import Granularity, TimeValue
from storyline.time.values import SEASON_MONTHS, date_range, granularity

_ORDER: dict[str, int] = {
    "day": 0, "week": 1, "month": 2, "season": 3, "quarter": 4, "year": 5, "decade": 6,
    "unknown": 9,
}  # fmt: skip


class CombinedDate(NamedTuple):
    value: str | None
    granularity: Granularity
    conflicts: tuple[str, ...]


# ---------------------------------------------------------------- governing expression


def _clause_head(tok: Any) -> Any:
    """The verb heading the clause ``tok`` stands in (itself if it is one)."""
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _path_length(a: Any, b: Any) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    up_a = [a, *a.ancestors]
    depth_a = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in depth_a:
            return n + depth_a[t.i]
    return len(up_a) + 50  # not connected (should not happen within a sentence)


def _is_ancestor(a: Any, b: Any) -> bool:
    """Whether ``a`` dominates ``b`` (or is ``b``)."""
    return a.i == b.i or any(t.i == a.i for t in b.ancestors)


def governing_time(trigger: Any, times: Sequence[TimeValue]) -> TimeValue | None:
    """The expression among ``times`` that dates the event named by ``trigger``."""
    doc = trigger.doc
    sent = trigger.sent
    trigger_clause = _clause_head(trigger)
    best: tuple[tuple[int, int, int, int], TimeValue] | None = None
    for t in times:
        if t.type in ("DURATION", "SET") or not (
            sent.start_char <= t.span.start and t.span.end <= sent.end_char
        ):
            continue
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        attach = root.head if root.head.i != root.i else root
        time_clause = _clause_head(attach)
        if _is_ancestor(trigger, root) and time_clause.i in (trigger.i, trigger_clause.i):
            rank = 0  # inside the trigger's own clause
        elif _is_ancestor(trigger, root) or time_clause.i == trigger_clause.i:
            rank = 1  # the trigger's subtree or its clause, through another word
        elif _is_ancestor(time_clause, trigger):
            rank = 2  # a clause that governs the trigger
        else:
            rank = 3  # elsewhere in the sentence
        vague = t.value in (None, "PRESENT_REF", "PAST_REF", "FUTURE_REF")
        key = (rank, int(vague), _path_length(trigger, root), abs(root.i - trigger.i))
        if best is None or key < best[0]:
            best = (key, t)
    return best[1] if best else None


# ---------------------------------------------------------------- compatibility


def _text_value(v: TimeValue | str | None) -> tuple[str | None, str]:
    if isinstance(v, TimeValue):
        return v.value, v.mod
    return v, ""


def _narrow(lo: dt.date, hi: dt.date, mod: str) -> tuple[dt.date, dt.date]:
    """A modifier's part of a range: START the first third, MID the middle, END the last."""
    days = (hi - lo).days + 1
    if days < 3 or mod not in ("START", "MID", "END"):
        return lo, hi
    third = days // 3
    if mod == "START":
        return lo, lo + dt.timedelta(days=third)
    if mod == "END":
        return hi - dt.timedelta(days=third), hi
    return lo + dt.timedelta(days=third), hi - dt.timedelta(days=third)


def _calendar(value: str | None) -> str | None:
    """The calendar part of a value (``2016-04-14TMO`` → ``2016-04-14``), or ``None``
    when the value is not a calendar date at all."""
    if not value or value.startswith("P") or value.endswith("_REF"):
        return None
    if re.match(r"^[\dX]{4}-[\dX]{2}-[\dX]{2}T", value) or re.match(
        r"^[\dX]{4}-W[\dX]{2}-\dT", value
    ):
        value = value.split("T", 1)[0]
    if not re.match(r"^[\dX]{2,4}", value):
        return None
    return value


def _partial_fits(pattern: str, lo: dt.date, hi: dt.date) -> bool | None:
    """Whether some date matching an underspecified value lies in ``[lo, hi]``;
    ``None`` when the shape is not one this knows."""
    if m := re.fullmatch(r"XXXX-(\d{2})-(\d{2})", pattern):
        month, day = int(m[1]), int(m[2])
        for y in range(lo.year, hi.year + 1):
            try:
                if lo <= dt.date(y, month, day) <= hi:
                    return True
            except ValueError:
                continue
        return False
    if m := re.fullmatch(r"XXXX-(\d{2})", pattern):
        month = int(m[1])
        d = lo.replace(day=1)
        while d <= hi:
            if d.month == month:
                return True
            d = (d + dt.timedelta(days=32)).replace(day=1)
        return False
    if m := re.fullmatch(r"XXXX-WXX-([1-7])", pattern):
        weekday = int(m[1])
        return any(
            (lo + dt.timedelta(days=k)).isoweekday() == weekday
            for k in range(min(7, (hi - lo).days + 1))
        )
    if m := re.fullmatch(r"XXXX-(SP|SU|FA|WI)", pattern):
        months = SEASON_MONTHS[m[1]]
        return any(_partial_fits(f"XXXX-{mo:02d}", lo, hi) for mo in months)
    return None


def _fields_agree(a: str, b: str) -> bool:
    """Two underspecified values agree where both state a digit (``XXXX-07-14``, ``XXXX-07``)."""
    return all(x == y or "X" in (x, y) for x, y in zip(a, b, strict=False))


def dates_compatible(a: TimeValue | str | None, b: TimeValue | str | None) -> bool:
    """Whether ``a`` and ``b`` can both be the date of one happening."""
    return _compatible(*_text_value(a), *_text_value(b))


def _compatible(va: str | None, ma: str, vb: str | None, mb: str) -> bool:
    ca, cb = _calendar(va), _calendar(vb)
    if ca is None or cb is None:
        return True
    ra, rb = date_range(ca), date_range(cb)
    if ra and rb:
        lo_a, hi_a = _narrow(*ra, ma)
        lo_b, hi_b = _narrow(*rb, mb)
        return lo_a <= hi_b and lo_b <= hi_a
    if ra is None and rb is None:
        if "-W" in ca or "-W" in cb or ca[5:7] in SEASON_MONTHS or cb[5:7] in SEASON_MONTHS:
            return True  # a weekday or season of unknown year against another: cannot tell
        return _fields_agree(ca, cb)
    pattern, rng = (ca, rb) if ra is None else (cb, ra)
    assert rng is not None
    fits = _partial_fits(pattern, *rng)
    return True if fits is None else fits


# ---------------------------------------------------------------- combination


def _fill_year(pattern: str, others: Iterable[str]) -> str:
    """``XXXX-07-14`` with the year that a compatible, year-bearing value states."""
    if not pattern.startswith("XXXX-") or "-W" in pattern:
        return pattern
    years = set()
    for o in others:
        rng = date_range(o)
        if rng and rng[0].year == rng[1].year and _partial_fits(pattern, *rng):
            years.add(rng[0].year)
    if len(years) == 1:
        filled = f"{years.pop():04d}{pattern[4:]}"
        if date_range(filled) is not None:
            return filled
    return pattern


def combine_dates(values: Sequence[TimeValue | str | None]) -> CombinedDate:
    """One date from the dates of an event's mentions; incompatible ones are flagged."""
    items: list[tuple[str, str]] = []
    for v in values:
        text, mod = _text_value(v)
        cal = _calendar(text)
        if cal is not None and granularity(cal) != "unknown":
            items.append((cal, mod))
    if not items:
        return CombinedDate(None, "unknown", ())
    # Candidates are calendar dates a reader can place: the fully specified values, and the
    # underspecified ones whose year a compatible value states ("XXXX-07-14" + "2016-07").
    full = [(v, m) for v, m in items if date_range(v) is not None]
    candidates = list(full)
    for v, m in items:
        if date_range(v) is None:
            filled = _fill_year(v, [f for f, fm in full if _compatible(v, m, f, fm)])
            if date_range(filled) is not None:
                candidates.append((filled, m))
    if not candidates:
        return CombinedDate(None, "unknown", ())

    def key(c: tuple[str, str]) -> tuple[int, int, str]:
        support = sum(1 for b in items if _compatible(*c, *b))
        return (-support, _ORDER[granularity(c[0])], c[0])

    best, best_mod = min(candidates, key=key)
    conflicts = sorted({v for v, m in items if not _compatible(best, best_mod, v, m)})
    return CombinedDate(best, granularity(best), tuple(conflicts))
