"""TIMEX3 values from the recognizer's output, in TimeML's conventions.

The recognizer gives a timex close to TIMEX3; :func:`_to_timeml` maps its result
types to TimeML types, and :func:`_refine` applies the conventions it does not
follow: quarters (``1989-Q3``), "two years ago" at the precision of its unit
(``2014``), "a couple of years" (``P2Y``), "several years" (``PXY``), parts of the
day (``TMO``, ``TAF``, ``TEV``, ``TNI``), clock times as ``T15:00``, "last April"
as the latest April before the publication date, a range that is a calendar half or
quarter as that period ("the second half of last year": ``2015-H2``), "this decade"
(``201``), "this coming Sunday" (the first one ahead), "the week of March 6" (its ISO
week), modifiers from the words
("early" START, "late" END, "mid" MID, "about" APPROX, "more than" MORE_THAN,
"less than" LESS_THAN). For articles of unknown date, the notes say what a
relative expression is relative to ("the Thursday before publication").
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.time.recognize import Raw
from storyline.time.values import SEASONS, Direction, anchor, granularity

_KIND_TYPE = {
    "date": "DATE",
    "daterange": "DATE",
    "datetime": "TIME",
    "datetimerange": "TIME",
    "time": "TIME",
    "timerange": "TIME",
    "duration": "DURATION",
    "set": "SET",
}

_MODS = {
    "start": "START",
    "end": "END",
    "mid": "MID",
    "approx": "APPROX",
    "less": "LESS_THAN",
    "more": "MORE_THAN",
}

_TEXT_MODS = (
    (re.compile(r"^(early|the (start|beginning) of|the early)\b", re.I), "START"),
    (re.compile(r"^(late|the (end|close) of|the late)\b", re.I), "END"),
    (re.compile(r"^(mid|the middle of|the mid)\b", re.I), "MID"),
    (re.compile(r"^(about|around|approximately|roughly|some)\b(?! time$)", re.I), "APPROX"),
    (re.compile(r"^(more than|over|at least)\b", re.I), "MORE_THAN"),
    (re.compile(r"^(less than|under|almost|nearly|up to)\b", re.I), "LESS_THAN"),
)

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "couple": 2, "dozen": 12,
}  # fmt: skip

_UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
    "year": "Y", "decade": "DE", "century": "CE", "quarter": "Q", "weekend": "WE",
}  # fmt: skip


def _to_timeml(raw: Raw, surface: str) -> tuple[str, str, str]:
    """(type, value, mod) in TimeML terms, before anchoring."""
    kind = raw.kind
    timex = raw.timex
    mod = _MODS.get(raw.mod.lower(), "")
    ttype = _KIND_TYPE.get(kind, "DATE")
    if timex in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        return "DATE", timex, mod
    m = re.fullmatch(r"\((.*?),(.*?),(P[^)]*)\)", timex)
    if m and (period := _calendar_period(m[1], m[3], surface)):
        return "DATE", period, mod  # "the second half of last year" is 2012-H2
    if m:  # a range: "the past two years" is a duration in TimeML
        return "DURATION", m[3], mod
    if ttype == "DURATION":
        return ttype, timex, mod
    if ttype == "TIME" and timex.startswith("T") and kind in ("time", "timerange"):
        return ttype, timex, mod  # a clock time: the date is the DCT's, added later
    if kind in ("date", "datetime") and _COUNTED_SPAN.fullmatch(surface.strip()):
        value = _duration_value(surface)  # "in one day", "within 30 days", "in thirty
        if value:  # minutes": the recognizer's date that far ahead; TimeML's span of time
            return "DURATION", value, mod
    return ttype, timex, mod


_COUNTED_SPAN = re.compile(
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|forty-five|fifty|sixty|ninety)\s+(?:minute|hour|day|week|month)s?",
    re.I,
)


def _calendar_period(start: str, length: str, surface: str) -> str | None:
    """The half-year or quarter a range names when it is one ("the second half of last
    year": ``2012-H2``), rather than a span of six months ending at publication."""
    m = re.fullmatch(r"(\d{4})-(\d\d)-01", start)
    if not m:
        return None
    year, month = m[1], int(m[2])
    if length == "P6M" and month in (1, 7) and re.search(r"\bhalf\b", surface, re.I):
        return f"{year}-H{1 if month == 1 else 2}"
    if length == "P3M" and month % 3 == 1 and re.search(r"\bquarter\b", surface, re.I):
        return f"{year}-Q{month // 3 + 1}"
    return None


# Half of a unit in the next smaller one: P2Y6M for "two and a half years".
_HALVES = {"Y": "6M", "M": "15D", "W": "3DT12H", "D": "T12H", "TH": "30M", "TM": "30S",
           "TS": ""}  # fmt: skip

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
             "4th": 4}  # fmt: skip

_SEQUENCE = {"coming", "next", "past", "last", "recent", "following", "previous"}

_VAGUE = {"few", "several", "some", "many", "couple", "numerous"}

_PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                 "tonight": "NI", "overnight": "NI"}  # fmt: skip

_DURATION_TEXT = re.compile(
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|"
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ])?[a-z]+)"
    r"(?:[- ](?:and[- ]a[- ]half|more))?(?: of)?[- ]+"
    r"(?P<unit>second|minute|hour|day|week|month|year|decade|century|centurie|quarter)s?\b",
    re.I,
)


def _count(word: str) -> int | None:
    """The number a count word stands for; ``None`` for a vague one ("several")."""
    w = word.lower().replace(",", "")  # "1,700 years"
    if w.replace(".", "", 1).isdigit():
        return int(float(w))
    parts = re.split(r"[- ]", w)
    if len(parts) == 2 and parts[0] in _NUMBER_WORDS and parts[1] in _NUMBER_WORDS:
        return _NUMBER_WORDS[parts[0]] + _NUMBER_WORDS[parts[1]]  # "twenty four"
    return _NUMBER_WORDS.get(w)


def _duration_value(surface: str) -> str | None:
    """``P…`` for "two decades", "three quarters", "several years", "24 hours"."""
    if re.search(r"\bquarter[- ]century\b", surface, re.I):
        return "P25Y"
    m = _DURATION_TEXT.search(surface)
    if not m or re.search(r"\b1/2\b|\band a half\b", surface):
        return None  # "2 1/2 years" (P2Y6M): the value read with the fraction stays
    unit = m["unit"].lower()
    n = _count(m["n"])
    vague = n is None and (
        m["n"].lower() in _VAGUE
        or re.search(r"\b(few|several|many)\b", surface)
        or (m["n"].lower() in _SEQUENCE and m[0].lower().endswith("s"))  # "coming weeks"
    )
    if n is None and not vague:
        return None
    if unit in ("decade", "century", "centurie"):
        size = 10 if unit == "decade" else 100
        return f"P{n * size}Y" if n is not None else "PXDE" if unit == "decade" else "PXCE"
    if unit == "quarter":
        return f"P{n * 3}M" if n is not None else "PXQ"
    code = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W",
            "month": "M", "year": "Y"}[unit]  # fmt: skip
    t = "T" if unit in ("second", "minute", "hour") else ""
    return f"P{t}{n if n is not None else 'X'}{code}"


def _shift(dct: dt.date, n: int, unit: str) -> str | None:
    """The DCT moved by ``n`` units, written at that unit's precision."""
    if unit == "year":
        return f"{dct.year + n:04d}"
    if unit == "month":
        k = dct.year * 12 + dct.month - 1 + n
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    if unit == "week":
        iso = (dct + dt.timedelta(weeks=n)).isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if unit == "day":
        return (dct + dt.timedelta(days=n)).isoformat()
    if unit == "decade":
        return f"{(dct.year + 10 * n) // 10:03d}"
    if unit in ("century", "centurie"):
        return f"{(dct.year + 100 * n) // 100:02d}"
    return None


def _refine(
    ttype: str, value: str, mod: str, surface: str, dct: dt.date | None
) -> tuple[str, str, str]:
    """TimeML conventions the recognizer does not follow (or gets wrong)."""
    low = surface.lower()
    for rx, text_mod in _TEXT_MODS:
        if rx.match(low):
            mod = (
                text_mod if text_mod not in ("START", "END", "MID") or ttype != "DURATION" else mod
            )
            break
    words = re.findall(r"[a-z0-9.]+", low)
    m = re.search(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter\b", low)
    if m and not re.search(r"\b(quarters|two|three)\b", low):
        q = _ORDINALS[m[1]]
        year_m = re.search(r"\b(1[89]\d\d|20\d\d)\b", low)
        if year_m:
            return "DATE", f"{year_m[1]}-Q{q}", mod
        if dct is not None:
            year = dct.year - (1 if q > (dct.month - 1) // 3 + 1 else 0)
            return "DATE", f"{year:04d}-Q{q}", mod
        return "DATE", f"XXXX-Q{q}", mod
    if (
        words
        and words[-1] in ("ago", "earlier", "later", "before")
        and (d := _DURATION_TEXT.search(low))
    ):
        unit = d["unit"].lower()
        n = _count(d["n"])
        sign = 1 if words[-1] == "later" else -1
        if n is None:
            return "DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", mod
        if mod in ("MORE_THAN", "LESS_THAN") and words[-1] == "ago":
            mod = "BEFORE" if mod == "MORE_THAN" else "AFTER"  # a date, not a span of time
        if dct is not None and (shifted := _shift(dct, sign * n, unit)):
            return "DATE", shifted, mod
        return "DATE", value if not value.startswith("P") else "", mod
    m = re.fullmatch(r"(last|next|this) (january|february|march|april|may|june|july|august|"
                     r"september|october|november|december)", low)  # fmt: skip
    if m and dct is not None:  # "last April": the latest April before this month
        month = _MONTHS.index(m[2]) + 1
        if m[1] == "last":
            year = dct.year if month < dct.month else dct.year - 1
        elif m[1] == "next":
            year = dct.year if month > dct.month else dct.year + 1
        else:
            year = dct.year
        return "DATE", f"{year:04d}-{month:02d}", mod
    if re.match(r"(the )?week of\b", low) and dct is not None:  # "the week of March 6"
        day = anchor(value, dct, "near")
        if re.fullmatch(r"\d{4}-\d\d-\d\d", day):
            iso = dt.date.fromisoformat(day).isocalendar()
            return "DATE", f"{iso.year:04d}-W{iso.week:02d}", mod
    if low in ("this decade", "the current decade") and dct is not None:
        return "DATE", f"{dct.year // 10:03d}", mod
    if low in ("this century", "the current century") and dct is not None:
        return "DATE", f"{dct.year // 100:02d}", mod
    m = re.fullmatch(r"(?:this |the )?coming (monday|tuesday|wednesday|thursday|friday|"
                     r"saturday|sunday)", low)  # fmt: skip
    if m and dct is not None:  # "this coming Sunday": the first Sunday after publication
        ahead = (_WEEKDAYS.index(m[1]) + 1 - dct.isoweekday()) % 7 or 7
        return "DATE", (dct + dt.timedelta(days=ahead)).isoformat(), mod
    m = re.fullmatch(r"(january|february|march|april|may|june|july|august|september|"
                     r"october|november|december) (last|this|next) year", low)  # fmt: skip
    if m:
        month = _MONTHS.index(m[1]) + 1
        if dct is None:
            return "DATE", f"XXXX-{month:02d}", mod
        year = dct.year + {"last": -1, "this": 0, "next": 1}[m[2]]
        return "DATE", f"{year:04d}-{month:02d}", mod
    if ttype == "DURATION":
        better = _duration_value(surface)
        if better:
            value = better
        if m := re.fullmatch(r"P(T?)(\d+)\.5([YMWDHS])", value):  # "a minute and a half"
            half = _HALVES["T" + m[3] if m[1] else m[3]]
            value = f"P{m[1]}{m[2]}{m[3]}{half[1:] if m[1] and half[0] == 'T' else half}"
        return ttype, value, mod
    if value in SEASONS:  # "the summer": a season of unknown year
        value = f"XXXX-{value}"
    if ttype == "TIME":
        part = next((c for w, c in _PARTS_OF_DAY.items() if w in low), None)
        if "midnight" in low and not re.search(r"\d", low) and "T" in value:
            value = value.split("T", 1)[0] + "T24:00"  # the end of the day, in ISO 8601
        elif part and not re.search(r"\d", low) and "T" in value:
            value = value.split("T", 1)[0] + "T" + part
        elif re.search(r"T\d\d$", value):
            value += ":00"
    return ttype, value, mod


_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip


def _relative_note(surface: str, value_a: str, ref_a: dt.datetime, direction: Direction) -> str:
    """What a relative expression means when the publication date is unknown."""
    gran = granularity(value_a)
    weekday = next((w for w in _WEEKDAYS if w in surface.lower()), None)
    base = ref_a.date()
    if gran == "day" and re.match(r"^\d{4}-\d{2}-\d{2}", value_a):
        d = dt.date.fromisoformat(value_a[:10])
        delta = (d - base).days
        if weekday:
            side = "before" if delta < 0 else "after" if delta > 0 else "on the day of"
            if delta == 0:
                return f"the {weekday.title()} of publication"
            return f"the {weekday.title()} {side} publication"
        return _offset_note(delta, "day")
    if gran == "month" and re.match(r"^\d{4}-\d{2}$", value_a):
        delta = (int(value_a[:4]) - base.year) * 12 + int(value_a[5:7]) - base.month
        return _offset_note(delta, "month")
    if gran == "year" and re.match(r"^\d{4}$", value_a):
        return _offset_note(int(value_a) - base.year, "year")
    if gran == "week" and re.match(r"^\d{4}-W\d{2}", value_a):
        monday = dt.date.fromisocalendar(int(value_a[:4]), int(value_a[6:8]), 1)
        this = base - dt.timedelta(days=base.weekday())
        return _offset_note((monday - this).days // 7, "weekend" if "WE" in value_a else "week")
    return f"“{surface}”, relative to an unknown publication date"


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _offset_note(delta: int, unit: str) -> str:
    if delta == 0:
        return f"the {unit} of publication"
    if abs(delta) == 1:
        return f"the {unit} {'before' if delta < 0 else 'after'} publication"
    return f"{abs(delta)} {unit}s {'before' if delta < 0 else 'after'} publication"


def _underspecified_note(surface: str, value: str, direction: Direction) -> str:
    weekday = next((w for w in _WEEKDAYS if w in surface.lower()), None)
    if weekday and "-WXX-" in value:
        side = "after" if direction == "future" else "before"
        return f"the {weekday.title()} {side} publication"
    return f"“{surface}”: the year depends on an unknown publication date"


def _dct_time(timex: str, dct: dt.date) -> str:
    """A clock time or part of day (``T15:00``, ``TMO``) placed on the DCT."""
    return dct.isoformat() + timex
