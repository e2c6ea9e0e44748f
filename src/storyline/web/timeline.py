"""The visual timeline: events placed on a date axis, as plain geometry for an SVG.

Each dated event becomes a mark spanning the period its date names (a day, a week, a month,
a year…), so granularity is visible as width: a day is a dot, a month a short bar, a year a
long one. Marks are packed into lanes so that neither marks nor labels overlap. The result is
numbers and strings only; the template draws it (autoescaped) and CSS colours it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from storyline.time.values import date_range

WIDTH = 1000
"""Width of the drawing in SVG user units (the SVG scales to the page width)."""
MARGIN = 12
LANE_HEIGHT = 30
AXIS_HEIGHT = 34
CHAR_WIDTH = 6.4
"""Estimated width of one label character at the timeline's font size, in user units."""
LABEL_CHARS = 34
MAX_LANES = 14

# months a day value spans when drawn at a month-like coarser granularity
_SPAN_MONTHS = {"month": 1, "season": 3, "quarter": 3}
_COARSER = {"week", "year", "decade", *_SPAN_MONTHS}
_MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _add_months(day: dt.date, months: int) -> dt.date:
    m = day.month - 1 + months
    return dt.date(day.year + m // 12, m % 12 + 1, 1)


def period(value: str | None, granularity: str | None = None) -> tuple[dt.date, dt.date] | None:
    """The days ``[start, end)`` a TIMEX-style date value names, or ``None`` if not a date.

    The calendar range is :func:`storyline.time.values.date_range`'s; a day value with a
    coarser ``granularity`` ("the week of …", "April 2016") spans that coarser period.
    """
    rng = date_range(value)
    if rng is None:
        return None
    first, last = rng
    if first == last and granularity in _COARSER:
        if granularity == "week":
            return first, first + dt.timedelta(days=7)
        if granularity in {"year", "decade"}:
            return dt.date(first.year, 1, 1), dt.date(first.year + 1, 1, 1)
        start = first.replace(day=1)
        return start, _add_months(start, _SPAN_MONTHS[granularity])
    return first, last + dt.timedelta(days=1)


def _ticks(lo: dt.date, hi: dt.date) -> list[tuple[dt.date, str]]:
    """Axis ticks between ``lo`` and ``hi``: days, months or years, at most ~10 of them."""
    span = (hi - lo).days
    ticks: list[tuple[dt.date, str]] = []
    if span <= 70:
        step = max(1, span // 8)
        day = lo
        while day <= hi:
            ticks.append((day, f"{day.day} {_MONTH_ABBR[day.month - 1]}"))
            day += dt.timedelta(days=step)
        return ticks
    if span <= 3 * 366:
        step = max(1, round(span / 30.4 / 9))
        day = _add_months(lo.replace(day=1), 1)
        while day <= hi:
            label = _MONTH_ABBR[day.month - 1]
            if day.month == 1 or not ticks:
                label += f" {day.year}"
            ticks.append((day, label))
            day = _add_months(day, step)
        return ticks
    step = max(1, round(span / 365.25 / 9))
    year = lo.year + 1
    while dt.date(year, 1, 1) <= hi:
        if year % step == 0:
            ticks.append((dt.date(year, 1, 1), str(year)))
        year += 1
    return ticks


def layout(events: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """Place ``events`` (each with ``date``, ``granularity``, ``label``, ``anchor``,
    ``sources`` (a count), ``uncertain``, ``flagged``) on an axis; ``None`` if none is dated.

    Returns ``{"width", "height", "axis_y", "ticks": [{"x", "label"}], "marks": [...]}``;
    each mark has ``x``, ``y``, ``w`` (0 for a point), ``r``, ``label``, ``label_x``, and
    the event's ``anchor``, ``sources``, ``date_label``, ``uncertain``, ``flagged``.
    """
    placed = []
    for event in events:
        span = period(event.get("date"), event.get("granularity"))
        if span is not None:
            placed.append((span, event))
    if not placed:
        return None
    lo, hi = _focus([span for span, _ in placed])
    outside = [(span, e) for span, e in placed if span[1] <= lo or span[0] >= hi]
    placed = [(span, e) for span, e in placed if not (span[1] <= lo or span[0] >= hi)]
    total = (hi - lo).days
    usable = WIDTH - 2 * MARGIN

    def x_of(day: dt.date) -> float:
        return round(MARGIN + usable * (min(max(day, lo), hi) - lo).days / total, 1)

    lanes: list[float] = []  # the right end (mark and label) of the last item in each lane
    marks = []
    for (start, end), event in sorted(placed, key=lambda p: (p[0][0], -(p[0][1] - p[0][0]).days)):
        x0, x1 = x_of(start), x_of(end)
        point = (end - start).days <= 1 or x1 - x0 < 6
        sources = int(event.get("sources") or 0)
        r = round(min(9.0, 3.5 + 1.5 * sources**0.5), 1)
        label = str(event.get("label") or "")
        if len(label) > LABEL_CHARS:
            label = label[: LABEL_CHARS - 1].rstrip() + "…"
        label = f"{label} ({sources})" if sources else label
        left = x0 - r if point else x0
        mark_end = x0 + r if point else x1
        label_x = mark_end + 5
        right = label_x + CHAR_WIDTH * len(label)
        if right > WIDTH:  # no room on the right: put the label on the left of the mark
            label_x = left - 5
            left, right = label_x - CHAR_WIDTH * len(label), mark_end
        lane = next((i for i, end_x in enumerate(lanes) if end_x + 8 <= left), None)
        if lane is None:
            if len(lanes) >= MAX_LANES:
                continue
            lanes.append(right)
            lane = len(lanes) - 1
        else:
            lanes[lane] = right
        marks.append(
            {
                "x": x0,
                "w": 0.0 if point else round(x1 - x0, 1),
                "y": AXIS_HEIGHT + LANE_HEIGHT * lane + LANE_HEIGHT // 2,
                "r": r,
                "label": label,
                "label_x": round(label_x, 1),
                "anchor_end": label_x < x0,
                "event_anchor": event.get("anchor", ""),
                "title": str(event.get("title") or event.get("label") or ""),
                "sources": sources,
                "date_label": event.get("date_label", ""),
                "uncertain": bool(event.get("uncertain")),
                "flagged": bool(event.get("flagged")),
            }
        )
    height = AXIS_HEIGHT + LANE_HEIGHT * max(1, len(lanes)) + 8
    before = sorted((e for (_, end), e in outside if end <= lo), key=lambda e: str(e.get("date")))
    after = sorted(
        (e for (start, _), e in outside if start >= hi), key=lambda e: str(e.get("date"))
    )
    return {
        "width": WIDTH,
        "height": height,
        "axis_y": AXIS_HEIGHT - 12,
        "ticks": [{"x": x_of(day), "label": label} for day, label in _ticks(lo, hi)],
        "marks": marks,
        "shown": len(marks),
        "dated": len(placed) + len(outside),
        "before": [_outside(e) for e in before],
        "after": [_outside(e) for e in after],
    }


def _outside(event: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "event_anchor": event.get("anchor", ""),
        "date_label": event.get("date_label", ""),
        "label": str(event.get("label") or ""),
    }


def _focus(spans: Sequence[tuple[dt.date, dt.date]]) -> tuple[dt.date, dt.date]:
    """The period the axis shows: the shortest stretch holding 80% of the events, widened by
    a third of its length on each side, then to whole events. Events far before or after
    it (background: "listed in 2021") are named beside the axis instead of squeezing it."""
    lo = min(s for s, _ in spans)
    hi = max(e for _, e in spans)
    if len(spans) >= 5:
        mids = sorted(s + (e - s) / 2 for s, e in spans)
        k = max(2, -(-len(mids) * 4 // 5))
        i = min(range(len(mids) - k + 1), key=lambda i: mids[i + k - 1] - mids[i])
        width = max(mids[i + k - 1] - mids[i], dt.timedelta(days=42))
        window = (mids[i] - width / 3, mids[i + k - 1] + width / 3)
        inside = [(s, e) for s, e in spans if s >= window[0] and e <= window[1]]
        if len(inside) >= k:
            lo = min(s for s, _ in inside)
            hi = max(e for _, e in inside)
    if (hi - lo).days < 14:
        pad = (14 - (hi - lo).days) // 2 + 1
        lo, hi = lo - dt.timedelta(days=pad), hi + dt.timedelta(days=pad)
    margin = dt.timedelta(days=max(1, round((hi - lo).days * 0.02)))
    return lo - margin, hi + margin
