"""TIMEX3 values: their granularity, and anchoring underspecified ones to a date.

A TIMEX3 value is ISO-8601-like: ``2016-04-14``, ``2016-04-14TMO`` (morning),
``2015-07``, ``2015-W30``, ``2015-W30-WE`` (weekend), ``2015-SU`` (summer),
``2016-Q1``, ``2015``, ``201`` (a decade), ``20`` (a century), ``PRESENT_REF``,
``P2D`` (a duration). ``X`` stands for an unknown digit: ``XXXX-07-14`` is a 14 July
of unknown year, ``XXXX-WXX-4`` a Thursday.

:func:`anchor` fills in the unknown parts of a calendar value from the document
creation time (DCT) in a direction ("past": the latest such date on or before the
DCT; "future": the earliest on or after it; "near": the nearest either way).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from storyline.model import Granularity

Direction = Literal["past", "future", "near"]

SEASONS = ("WI", "SP", "SU", "FA")
# A season's months, for ordering and compatibility (northern hemisphere, as TimeML).
SEASON_MONTHS = {"SP": (3, 4, 5), "SU": (6, 7, 8), "FA": (9, 10, 11), "WI": (12, 1, 2)}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^\d{4}$")
_DECADE = re.compile(r"^\d{3}$")
_GRANULARITY: tuple[tuple[re.Pattern[str], Granularity], ...] = (
    (re.compile(r"[\dX]{4}-[\dX]{2}-[\dX]{2}|[\dX]{4}-W[\dX]{2}-[1-7]"), "day"),
    (re.compile(r"[\dX]{4}-W[\dX]{2}(-WE)?"), "week"),
    (re.compile(r"[\dX]{4}-(0[1-9]|1[0-2])"), "month"),
    (re.compile(r"[\dX]{4}-(SP|SU|FA|WI)"), "season"),
    (re.compile(r"[\dX]{4}-(Q[1-4]|H[12])"), "quarter"),
    (re.compile(r"[\dX]{4}"), "year"),
    (re.compile(r"\d{3}"), "decade"),
)


def granularity(value: str | None) -> Granularity:
    """How precise a calendar value is (``unknown`` for durations, references, sets)."""
    if not value:
        return "unknown"
    date_part = value.split("T", 1)[0] if re.match(r"^[\dX]{4}-[\dXW]", value) else value
    for pattern, gran in _GRANULARITY:
        if pattern.fullmatch(date_part):
            return gran
    return "unknown"


def is_underspecified(value: str | None) -> bool:
    """A calendar value with unknown digits (``XXXX-07-14``, ``XXXX-WXX-4``)."""
    return bool(value) and value[:1] == "X"  # type: ignore[index]


# A date named without its year that falls within this many days after the DCT is taken
# in the DCT's year even in a past-tense clause ("extended the offer to Nov. 20", written
# on Nov. 2): a whole year back is the less likely reading.
PAST_TOLERANCE_DAYS = 45


def _pick(
    candidates: list[tuple[dt.date, dt.date, str]],
    dct: dt.date,
    direction: Direction,
    tolerance: int = 0,
):
    """The candidate period ``(start, end, value)`` to keep, given where the DCT lies."""
    if direction == "past":
        soon = [c for c in candidates if dct < c[0] <= dct + dt.timedelta(days=tolerance)]
        if soon:
            return min(soon, key=lambda c: c[0])
        ok = [c for c in candidates if c[0] <= dct]
        return max(ok, key=lambda c: c[0]) if ok else None
    if direction == "future":
        ok = [c for c in candidates if c[1] >= dct]
        return min(ok, key=lambda c: c[0]) if ok else None

    def distance(c: tuple[dt.date, dt.date, str]) -> int:
        if c[0] <= dct <= c[1]:
            return 0
        return min(abs((c[0] - dct).days), abs((c[1] - dct).days))

    return min(candidates, key=distance)


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _season_span(year: int, season: str) -> tuple[dt.date, dt.date]:
    if season == "WI":  # winter 2015 runs from December 2015 into February 2016
        return dt.date(year, 12, 1), _month_end(year + 1, 2)
    months = SEASON_MONTHS[season]
    return dt.date(year, months[0], 1), _month_end(year, months[-1])


def anchor(value: str, dct: dt.date, direction: Direction = "near") -> str:
    """``value`` with its unknown year (and week) taken from ``dct`` in ``direction``.

    Values without unknown parts come back unchanged; shapes this does not know
    come back unchanged too (still underspecified).
    """
    if not value.startswith("XXXX"):
        return value
    rest = value[4:]
    time = ""
    if "T" in rest:
        rest, time = rest.split("T", 1)
        time = "T" + time
    years = (dct.year - 1, dct.year, dct.year + 1)
    m = re.fullmatch(r"-(\d{2})-(\d{2})", rest)
    if m:
        month, day = int(m[1]), int(m[2])
        cands = []
        for y in years:
            try:
                d = dt.date(y, month, day)
            except ValueError:
                continue
            cands.append((d, d, d.isoformat()))
        best = _pick(cands, dct, direction, PAST_TOLERANCE_DAYS) if cands else None
        return best[2] + time if best else value
    m = re.fullmatch(r"-(\d{2})", rest)
    if m:
        month = int(m[1])
        cands = [
            (dt.date(y, month, 1), _month_end(y, month), f"{y:04d}-{month:02d}") for y in years
        ]
        best = _pick(cands, dct, direction, PAST_TOLERANCE_DAYS)
        return best[2] + time if best else value
    m = re.fullmatch(r"-WXX-([1-7])", rest)
    if m:
        weekday = int(m[1])
        delta = weekday - dct.isoweekday()
        cands = []
        for shift in (delta - 7, delta, delta + 7):
            d = dct + dt.timedelta(days=shift)
            cands.append((d, d, d.isoformat()))
        if direction == "near":
            direction = "past"  # news reports what happened: a bare weekday looks back
        best = _pick(cands, dct, direction)
        return best[2] + time if best else value
    m = re.fullmatch(r"-(\d{2})-WXX-([1-7])-([1-5])", rest)
    if m:  # the nth weekday of a month (holidays: Thanksgiving is XXXX-11-WXX-4-4)
        month, weekday, n = int(m[1]), int(m[2]), int(m[3])
        cands = []
        for y in years:
            first = dt.date(y, month, 1)
            d = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
            if d.month == month:
                cands.append((d, d, d.isoformat()))
        best = _pick(cands, dct, direction) if cands else None
        return best[2] + time if best else value
    m = re.fullmatch(r"-(SP|SU|FA|WI)", rest)
    if m:
        season = m[1]
        cands = [(*_season_span(y, season), f"{y:04d}-{season}") for y in years]
        if season == "WI":  # a winter may have started the year before
            cands.insert(0, (*_season_span(dct.year - 2, "WI"), f"{dct.year - 2:04d}-WI"))
        best = _pick(cands, dct, direction)
        return best[2] if best else value
    m = re.fullmatch(r"-XX-(\d{2})", rest)
    if m:
        day = int(m[1])
        cands = []
        for k in (-1, 0, 1):
            y, mo = dct.year, dct.month + k
            if mo == 0:
                y, mo = y - 1, 12
            elif mo == 13:
                y, mo = y + 1, 1
            try:
                d = dt.date(y, mo, day)
            except ValueError:
                continue
            cands.append((d, d, d.isoformat()))
        best = _pick(cands, dct, direction) if cands else None
        return best[2] + time if best else value
    return value


def date_range(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a fully specified calendar value covers, else ``None``."""
    if not value:
        return None
    v = value.split("T", 1)[0] if re.match(r"^\d{4}-\d{2}-\d{2}T", value) else value
    try:
        if m := _DAY.match(v):
            if len(v) == 10:
                d = dt.date(int(m[1]), int(m[2]), int(m[3]))
                return d, d
            return None
        if m := _WEEK.match(v):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if v.endswith("-WE"):
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
            if len(v) == 8:
                return monday, monday + dt.timedelta(days=6)
            return None
        if m := _MONTH.match(v):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), _month_end(y, mo)
        if m := _SEASON.match(v):
            return _season_span(int(m[1]), m[2])
        if m := _QUARTER.match(v):
            y, q = int(m[1]), int(m[2])
            return dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        if m := _HALF.match(v):
            y, h = int(m[1]), int(m[2])
            return dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
        if _YEAR.match(v):
            return dt.date(int(v), 1, 1), dt.date(int(v), 12, 31)
        if _DECADE.match(v):
            return dt.date(int(v) * 10, 1, 1), dt.date(int(v) * 10 + 9, 12, 31)
    except ValueError:
        return None
    return None
