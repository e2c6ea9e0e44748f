"""Temporal expressions the recognizer misses, and values that depend on the text before.

The recognizer reads nothing in some spaCy DATE/TIME entities that TimeML marks:
"around 7:15 p.m." (a time it finds but cannot resolve after "around"), "February
this year", "2 1/2 years", "at least 20 more years", "the past two quarters",
"nineteen ninety-six", "the nineties", "year-end", "these days", "that year".
:func:`missed_in_entities` reads such an entity with a small grammar of its own
and gives the tagger a recognizer-like match (:class:`~storyline.time.recognize.Raw`)
to vet, extend and resolve like any other.

:func:`anaphoric_phrases`, :func:`counted_and_referring_phrases`,
:func:`clipped_years` and :func:`holidays` find what no entity marks: "that year",
"the following week", "20 more years", "in the past", "for now", "the latest
period" of a quarterly report, "the '80s", "in '98", "Easter", "Palm Sunday".
:func:`fiscal_year` reads "the year ended March 31" (``P1Y``), "the full year" and
"the year two thousand".

:func:`present_and_past_words` adds the adjectives TimeML (and HeidelTime) mark as
references to the present: "current" in "current market conditions", vetted by
the parse (an adjective modifying a noun that is not a unit of time or a term of
accounting).

:func:`resolve_anaphora` gives "that year", "the same day", "earlier that day",
"the following month" the value of the last date the text named at that
granularity (TimeML's reference time, as HeidelTime reads it), and only failing
that of the publication date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from storyline.model import TimeValue
from storyline.time.extent import _FEAST_NAMES
from storyline.time.normalize import _NUMBER_WORDS
from storyline.time.recognize import Raw, recognize
from storyline.time.values import granularity

_UNIT = r"(second|minute|hour|day|week|month|year|decade|quarter)s?"
_UNIT_CODE = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W",
              "month": "M", "year": "Y", "decade": "DE"}  # fmt: skip
# Half a unit, written out in the next smaller one.
_HALF = {"year": "6M", "month": "15D", "week": "3DT12H", "day": "T12H", "hour": "30M",
         "minute": "30S"}  # fmt: skip
_COUNT = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)"

_INCLUDED_HEDGES = {"around", "approximately", "roughly", "nearly", "some", "earlier", "later"}
_HEDGES = re.compile(
    r"^(?:around|about|approximately|roughly|some|just|only|nearly|almost|more than|less than|"
    r"over|under|at least|earlier|later)\s+",
    re.I,
)

_FRACTION = re.compile(rf"^(?:(?P<n>\d+) 1/2|(?P<w>a|an|one|\d+) {_UNIT} and a half)"
                       rf"(?: {_UNIT})?$", re.I)  # fmt: skip
_MORE = re.compile(rf"^(?:(?:at least|another|an additional|) ?)?{_COUNT} (?:more|additional)"
                   rf" {_UNIT}$|^(?:an|one) additional {_UNIT}$", re.I)  # fmt: skip
_QUARTERS = re.compile(r"^(?:the )?(?:(past|last|next|coming|first|previous) )?"
                       r"(two|three|four|several|few|\d) quarters$", re.I)  # fmt: skip
_DECADE = re.compile(r"^(?:the )?(past|last|previous) decade$", re.I)
_DECADES = re.compile(r"^(?:the )?(?:(?:past|last|next|coming|first|previous) )?"
                      r"(\w+) (decades|centuries)$", re.I)  # fmt: skip
_HALF_OF = re.compile(
    r"^(?:the )?(first|second|last|latter) half of (?:(?:the|this|(next|last)) year|"
    r"(1[89]\d\d|20\d\d)|the '?(\d)0'?s)$"
)
_YEAR_END = re.compile(r"^(?:around )?year(?:-| |'s )end$", re.I)
_MONTH_YEAR = re.compile(
    r"^(?:(early|late|mid) )?(january|february|march|april|may|june|july|august|september|"
    r"october|november|december) (this|last|next) year$",
    re.I,
)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")  # fmt: skip
_ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                  "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
                  "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
                  "twentieth", "twenty-first")  # fmt: skip
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}  # fmt: skip
_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
         "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
         "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9}  # fmt: skip
_SPELLED_YEAR = re.compile(
    r"\b(nineteen|eighteen|twenty) (ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)$"
    r"|\btwo thousand(?: and)?(?: (one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen))?$",
    re.I,
)
_REF_PHRASES = {
    "these days": "PRESENT_REF",
    "a later date": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "coming quarters": "FUTURE_REF",
    "future quarters": "FUTURE_REF",
    "the near future": "FUTURE_REF",
}
_AGO = re.compile(rf"^(?:{_COUNT} |a few )?(?:{_UNIT}|centur(?:y|ies)) (?:ago|earlier)$", re.I)
_END_OF = re.compile(r"^the (end|beginning|start|middle|turn) of the (decade|century)$", re.I)
# "that year", "the same day", "earlier that day", "later that year", "the previous
# quarter": the reference time.
ANAPHORA = re.compile(
    r"^(?:(?:earlier|later) )?(?:that|the same|that same) (day|week|month|year|quarter)$"
    r"|^(?:the )?following (day|week|month|year)$"
    r"|^the (?:(next) day|(?:previous|preceding|prior) (day|week|month|year|quarter))$",
    re.I,
)


def _spelled_year(text: str) -> int | None:
    m = _SPELLED_YEAR.search(text)
    if not m:
        return None
    if m[1]:
        century = {"eighteen": 18, "nineteen": 19, "twenty": 20}[m[1].lower()]
        rest = m[2].lower().split("-")
        years = _TENS[rest[0]] + (_ONES[rest[1]] if len(rest) > 1 else 0)
        return century * 100 + years
    ones = (m[3] or "").lower()
    return 2000 + (_ONES.get(ones) or _TENS.get(ones) or 0)


def _duration(n: int | None, unit: str, half: bool = False) -> str:
    unit = unit.lower().rstrip("s")
    if unit == "quarter":
        return f"P{n * 3}M" if n is not None else "PXQ"
    if unit == "decade":
        return f"P{n * 10}Y" if n is not None else "PXDE"
    t = "T" if unit in ("second", "minute", "hour") else ""
    count = "X" if n is None else str(n)
    extra = _HALF[unit] if half and unit in _HALF else ""
    if extra.startswith("T") and t:
        extra = extra[1:]
    return f"P{t}{count}{_UNIT_CODE[unit]}{extra}"


def _count(word: str) -> int | None:
    w = word.lower()
    return int(w) if w.isdigit() else _NUMBER_WORDS.get(w)


def read_entity(surface: str, dct: dt.date | None) -> tuple[str, str] | None:
    """(kind, timex) for an entity text the recognizer left unread, or ``None``."""
    low = " ".join(surface.lower().split())
    low = re.sub(r"^the\s+(?=\d)", "", low)
    if (m := _HALF_OF.match(low)) and (dct is not None or m[3] or m[4]):
        half = "H1" if m[1] == "first" else "H2"
        if m[3]:
            return "date", f"{m[3]}-{half}"
        if m[4]:  # "the last half of the '80s": the decade, later half
            return "date", f"19{m[4][0]}"
        year = dct.year + {"next": 1, "last": -1}.get(m[2] or "", 0)  # type: ignore[union-attr]
        return "date", f"{year:04d}-{half}"
    if m := _FRACTION.match(low):
        n = int(m["n"]) if m["n"] else _count(m["w"])
        unit = m[3] or m[4]
        return ("duration", _duration(n, unit, half=True)) if unit else None
    if m := _MORE.match(low):
        if m[3]:
            return "duration", _duration(1, m[3])
        return "duration", _duration(_count(m[1]), m[2])
    if m := _QUARTERS.match(low):
        return "duration", _duration(_count(m[2]), "quarter")
    if _DECADE.match(low):
        return "duration", "P10Y"
    if (m := _DECADES.match(low)) and (n := _count(m[1])) is not None and n > 1:
        return "duration", f"P{n * (10 if m[2] == 'decades' else 100)}Y"  # "the past two decades"
    if m := _MONTH_YEAR.match(low):
        month = _MONTHS.index(m[2]) + 1
        if dct is None:
            return "date", f"XXXX-{month:02d}"
        year = dct.year + {"last": -1, "this": 0, "next": 1}[m[3]]
        return "date", f"{year:04d}-{month:02d}"
    if _YEAR_END.match(low) and dct is not None:
        return "date", f"{dct.year:04d}"
    if low in _REF_PHRASES:
        return "date", _REF_PHRASES[low]
    if m := re.fullmatch(r"(?:the )?(?:(?:early|mid|late)[- ])?(twenties|thirties|forties|"
                         r"fifties|sixties|seventies|eighties|nineties)", low):  # fmt: skip
        return "date", f"19{_DECADE_WORDS[m[1]]}"  # the modifier comes from the words
    m = re.fullmatch(r"(?:the )?(?:(?:early|mid|late)[- ])?(\S+) century", low)
    if m and m[1] in _ORDINAL_WORDS:  # "the fourth century" is 03
        return "date", f"{_ORDINAL_WORDS.index(m[1]):02d}"
    if m and (digits := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", m[1])):
        return "date", f"{int(digits[1]) - 1:02d}"  # "the early 20th century"
    if low == "this century" and dct is not None:
        return "date", f"{dct.year // 100:02d}"
    if m := re.fullmatch(rf"{_COUNT} (?:trading|business|working) (day|week)s?", low):
        return "duration", _duration(_count(m[1]), m[2])
    if re.fullmatch(r"(?:a|one) quarter[- ]century", low):
        return "duration", "P25Y"
    year = _spelled_year(low)
    if year is not None:
        month = next((k for k, name in enumerate(_MONTHS, 1) if low.startswith(name)), None)
        return "date", f"{year:04d}-{month:02d}" if month else f"{year:04d}"
    if (m := _END_OF.match(low)) and dct is not None:  # the mod comes from the words
        return "date", f"{dct.year // 10:03d}" if m[2] == "decade" else f"{dct.year // 100:02d}"
    if m := _AGO.match(low):  # "a decade ago" is valued by normalize._refine
        return "date", "" if m[1] else "PAST_REF"
    if ANAPHORA.match(low) and low != "that day":  # TBAQ-cleaned marks one bare "that day" in three
        return "date", "REF"
    return None


def missed_in_entities(
    doc: Any, taken: Sequence[tuple[int, int]], ref: dt.datetime, dct: dt.date | None
) -> list[Raw]:
    """Matches for the spaCy DATE/TIME entities nothing else has read; an entity that
    joins two expressions ("more than a decade ago and a century ago") is read in its
    parts when it cannot be read whole."""
    out: list[Raw] = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") and not (
            ent.label_ in ("QUANTITY", "CARDINAL") and _UNIT_END.search(ent.text)
        ):  # "about 5 1/2 hours", "several quarters" are sometimes quantities or numbers
            continue
        if any(s < ent.end_char and ent.start_char < e for s, e in taken):
            if _HALF_OF.match(ent.text.lower()) and (read := read_entity(ent.text, dct)):
                out.append(Raw(ent.start_char, ent.end_char, *read, "", ()))  # over "1989"
            continue
        found = _read_entity_text(ent.text, ent.start_char, ref, dct)
        if not found and (join := re.search(r"\s+(?:and|or)\s+", ent.text)):
            found = _read_entity_text(ent.text[: join.start()], ent.start_char, ref, dct)
            rest = ent.start_char + join.end()
            found += _read_entity_text(ent.text[join.end() :], rest, ref, dct)
        out.extend(found)
    return out


_UNIT_END = re.compile(rf"\s{_UNIT}$", re.I)


def _read_entity_text(text: str, start: int, ref: dt.datetime, dct: dt.date | None) -> list[Raw]:
    """Matches for one entity text at ``start``: the recognizer on it without a hedge,
    else :func:`read_entity`."""
    hedge = _HEDGES.match(text)
    if hedge:  # "around 7:15 p.m.": the recognizer reads the time without its hedge
        rest = text[hedge.end() :]
        raws = [
            r
            for r in recognize(rest, start + hedge.end(), ref)
            if r.end - r.start >= len(rest.rstrip(".")) - 1
        ]
        if raws:  # TimeML takes "around" into the extent, but not "just" or "only"
            keep = hedge[0].strip().lower() in _INCLUDED_HEDGES
            return [dataclasses.replace(r, start=start) if keep else r for r in raws]
        text, start = rest, start + hedge.end()
    read = read_entity(text, dct)
    if read is None and (m := re.search(r"\s+(later|earlier)$", text)):
        text = text[: m.start()]  # "a minute and a half later": the span of time
        read = read_entity(text, dct)
        read = read if read and read[0] == "duration" else None
    return [] if read is None else [Raw(start, start + len(text), *read, "", ())]


_ANAPHORIC_UNITS = frozenset({"day", "week", "month", "year", "quarter"})


def anaphoric_phrases(doc: Any, taken: Sequence[tuple[int, int]]) -> list[Raw]:
    """ "that year", "the same day", "later that month", "the following week" in the
    parse (a unit of time with its determiner), where no entity marks them."""
    out: list[Raw] = []
    for tok in doc:
        if tok.lower_ not in _ANAPHORIC_UNITS or tok.i == 0 or tok.pos_ != "NOUN":
            continue
        i = tok.i - 1
        pair = (doc[i - 1].lower_, doc[i].lower_) if i > 0 else ("", "")
        if pair in (("the", "same"), ("that", "same"), ("the", "following")):
            i -= 1
        elif doc[i].lower_ != "that" or doc[i].dep_ != "det":
            continue
        if i > 0 and doc[i - 1].lower_ in ("earlier", "later"):
            i -= 1
        elif tok.lower_ == "day" and pair[1] == "that":
            continue  # a bare "that day", as in read_entity ("that same day" is kept)
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.text in ("-", "'s"):
            continue  # "that year's results" is still the year, but "that day-care" is not
        start, end = doc[i].idx, tok.idx + len(tok)
        if any(s < end and start < e for s, e in taken):
            continue
        out.append(Raw(start, end, "date", "REF", "", ()))
    return out


_CLIPPED = re.compile(
    r"\b(?:(the) )?(?:(early|mid|late)-? ?)?['’](\d)0s\b"  # "the '80s", "the mid-'90s"
    r"|\b(?:in|since|of|by|until|from) (['’](\d\d))\b(?![-'’\w])",  # "in '98"
    re.I,
)


def clipped_years(text: str, taken: Sequence[tuple[int, int]], dct: dt.date | None) -> list[Raw]:
    """Years and decades written with an apostrophe: "the '80s" (198), "the mid-'90s",
    "in '98" (the nearest such year before publication, or 19xx without a date)."""
    out: list[Raw] = []
    for m in _CLIPPED.finditer(text):
        start, end = (m.start(4), m.end(4)) if m[4] else (m.start(), m.end())
        if any(s < end and start < e for s, e in taken):
            continue
        if m[3]:
            century = "20" if dct is not None and int(m[3]) * 10 + 2000 <= dct.year else "19"
            timex = f"{century}{m[3]}"
        else:
            year = 1900 + int(m[5])
            if dct is not None and year + 100 <= dct.year:
                year += 100
            timex = f"{year:04d}"
        out.append(Raw(start, end, "date", timex, "", ()))
    return out


# Days counted from Easter Sunday.
_EASTER = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2,
           "holy thursday": -3, "maundy thursday": -3, "palm sunday": -7, "ash wednesday": -46,
           "holy week": -1}  # fmt: skip
_HOLIDAY = re.compile(
    r"\b(Easter(?: Sunday| Monday)?|Good Friday|Holy Thursday|Maundy Thursday|Palm Sunday|"
    r"Ash Wednesday|Holy Week|Election Day)\b"
)


def _election_day(year: int) -> dt.date:
    """The United States' Election Day: the Tuesday after the first Monday of November."""
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(0 - first.weekday()) % 7 + 1)


def holidays(text: str, taken: Sequence[tuple[int, int]], dct: dt.date | None) -> list[Raw]:
    """Easter and the days counted from it ("Palm Sunday", "Good Friday", "Holy Week"),
    and the United States' Election Day, which the recognizer does not know. A movable
    feast carries its dates in the years around publication, and the tagger picks one in
    the direction of the tense, as it does for the recognizer's holidays."""
    from dateutil.easter import easter

    out: list[Raw] = []
    for m in _HOLIDAY.finditer(text):
        start, end = m.start(), m.end()
        nxt = re.match(r" (\w+)", text[end:])
        if any(s < end and start < e for s, e in taken) or (nxt and nxt[1] in _FEAST_NAMES):
            continue  # "Easter Island", "the Easter Rising": a name
        name = m[1].lower()
        if dct is None:
            continue
        years = range(dct.year - 1, dct.year + 2)
        if name == "election day":
            days = [_election_day(y) for y in years]
        else:
            days = [easter(y) + dt.timedelta(days=_EASTER[name]) for y in years]
        if name == "holy week":  # the week from Palm Sunday
            weeks = ["{}-W{:02d}".format(*d.isocalendar()[:2]) for d in days]
            day = min(days, key=lambda d: abs((d - dct).days))
            out.append(Raw(start, end, "date", weeks[days.index(day)], "", ()))
            continue
        out.append(Raw(start, end, "date", "XXXX-HOLIDAY", "", tuple(d.isoformat() for d in days)))
    return out


_PLURAL_UNITS = {"seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades"}
_IN_A_ROW = {"consecutive", "straight", "successive", "full", "long"}


def counted_and_referring_phrases(
    doc: Any, taken: Sequence[tuple[int, int]], dct: dt.date | None
) -> list[Raw]:
    """Phrases the recognizer reads nothing in: "20 more years", "two more weeks"
    (``P20Y``, ``P2W``), "three straight days", "six centuries", "the past" as a noun
    ("in the past": ``PAST_REF``), "now" after "for" ("for now": ``PRESENT_REF``), "for a
    while" and "for some time" (``PXX``) and, in a report of quarterly results, "the
    latest period" (the quarter before publication)."""
    out: list[Raw] = []
    for tok in doc:
        start = end = -1
        kind, timex = "date", ""
        if (
            tok.lower_ in _PLURAL_UNITS
            and tok.i > 1
            and doc[tok.i - 1].lower_ in ("more", "additional")
            and (doc[tok.i - 2].like_num or doc[tok.i - 2].lower_ in _NUMBER_WORDS)
        ):
            n = _count(doc[tok.i - 2].text)
            if n is not None and n > 1:
                start, end = doc[tok.i - 2].idx, tok.idx + len(tok)
                kind, timex = "duration", _duration(n, tok.lower_)
        elif (
            tok.lower_ == "long"
            and tok.i > 1
            and doc[tok.i - 1].text == "-"
            and (unit := doc[tok.i - 2].lower_).rstrip("s") in _UNIT_CODE
        ):  # "a day-long meeting", "decades-long": a span of time
            k, n = tok.i - 2, None if unit.endswith("s") else 1
            if k > 1 and doc[k - 1].text == "-" and (count := _count(doc[k - 2].text)):
                k, n = k - 2, count  # "a 10-year-long truce"
            start, end, kind = doc[k].idx, tok.idx + len(tok), "duration"
            timex = _duration(n, unit)
        elif dct is not None and (first := _ordinal_day_today(doc, tok)) is not None:
            start, end, timex = doc[first].idx, tok.idx + len(tok), dct.isoformat()
        elif (tok.lower_ in _PLURAL_UNITS or tok.lower_ == "centuries") and tok.i > 0:
            k = tok.i - 1 - (doc[tok.i - 1].lower_ in _IN_A_ROW)  # "three straight days"
            n = _count(doc[k].text) if k >= 0 else None
            if n is not None and n > 1 and (k < tok.i - 1 or tok.lower_ == "centuries"):
                start, end = doc[k].idx, tok.idx + len(tok)
                kind = "duration"
                timex = f"P{n * 100}Y" if tok.lower_ == "centuries" else _duration(n, tok.lower_)
        elif (
            tok.lower_ == "past"
            and tok.pos_ == "NOUN"
            and tok.i > 0
            and doc[tok.i - 1].lower_ == "the"
            and not (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in ("NOUN", "NUM", "ADJ"))
        ):
            start, end, timex = doc[tok.i - 1].idx, tok.idx + len(tok), "PAST_REF"
        elif tok.lower_ == "now" and tok.i > 0 and doc[tok.i - 1].lower_ == "for":
            start, end, timex = tok.idx, tok.idx + len(tok), "PRESENT_REF"
        elif (
            tok.lower_ in ("while", "time")
            and tok.i > 1
            and (doc[tok.i - 1].lower_, tok.lower_) in (("a", "while"), ("some", "time"))
            and doc[tok.i - 2].lower_ in ("for", "after")
            and not (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("ago", "later", "now"))
        ):  # "for a while", "for some time": a span of time of unstated length
            start, end, kind, timex = doc[tok.i - 1].idx, tok.idx + len(tok), "duration", "PXX"
        elif (
            dct is not None
            and tok.lower_ == "period"
            and tok.i > 1
            and (doc[tok.i - 2].lower_, doc[tok.i - 1].lower_) == ("the", "latest")
            and any(t.lower_ in ("quarter", "quarterly") for t in doc[: tok.i])
        ):  # a quarterly report's "latest period": the last quarter before publication
            q = (dct.month - 1) // 3
            year = dct.year if q else dct.year - 1
            start, end, timex = doc[tok.i - 2].idx, tok.idx + len(tok), f"{year:04d}-Q{q or 4}"
        if start < 0 or any(s < end and start < e for s, e in taken):
            continue
        out.append(Raw(start, end, kind, timex, "", ()))
    return out


def _ordinal_day_today(doc: Any, tok: Any) -> int | None:
    """Where "the second day" starts when the present tense makes it the day of the
    report ("it's the second day of an offensive", "the strike is in its third day")."""
    if tok.lower_ != "day" or tok.i < 2:
        return None
    ordinal = doc[tok.i - 1]
    if not (
        ordinal.lower_ in _ORDINAL_WORDS[1:] or re.fullmatch(r"\d+(?:st|nd|rd|th)", ordinal.lower_)
    ):
        return None
    verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "in" else tok.head
    if tok.dep_ not in ("attr", "pobj") or verb.lemma_ != "be" or verb.tag_ not in ("VBZ", "VBP"):
        return None
    det = doc[tok.i - 2]
    return tok.i - 2 if det.lower_ == "the" else tok.i - 1


# Nouns "current" modifies as a term of its own, not a time: accounting and physics.
_CURRENT_TERMS = frozenset({"account", "accounts", "assets", "liabilities", "ratio", "dollars",
                            "prices", "affairs", "events", "flow", "flows"})  # fmt: skip
_TIME_UNITS = frozenset({"year", "quarter", "month", "week", "day", "period", "season", "term",
                         "fiscal", "decade", "century", "half"})  # fmt: skip


def present_and_past_words(
    doc: Any, taken: Sequence[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """(start, end, value) of "current" used as an adjective of time ("current market
    conditions", "his current position"), which TimeML marks ``PRESENT_REF``, and of
    "then current" (``PAST_REF``)."""
    out = []
    for tok in doc:
        if tok.lower_ != "current" or tok.pos_ != "ADJ" or tok.dep_ != "amod":
            continue
        head = tok.head
        if head.i < tok.i or head.lower_ in _CURRENT_TERMS or head.lower_ in _TIME_UNITS:
            continue
        between = [doc[k].lower_ for k in range(tok.i + 1, head.i + 1)]
        if any(w in _TIME_UNITS or w in _CURRENT_TERMS for w in between):
            continue  # "the current fiscal year" is a date of its own, "current account" a term
        start, end = tok.idx, tok.idx + len(tok)
        if any(s < end and start < e for s, e in taken):
            continue
        then = tok.i > 0 and doc[tok.i - 1].lower_ == "then"
        out.append(
            (doc[tok.i - 1].idx if then else start, end, "PAST_REF" if then else "PRESENT_REF")
        )
    return out


def resolve_anaphora(found: list[TimeValue], dct: dt.date | None) -> list[TimeValue]:
    """Values for "that year", "the same day", "the following month", "the next day": the
    last date the text named that is at least that precise, moved by one for "following",
    "next" and "previous"; the publication date when the text named none; no value
    without either."""
    out: list[TimeValue] = []
    named: list[str] = []
    for t in found:
        m = ANAPHORA.match(t.text.lower())
        if m and t.type == "DATE":
            unit = (m[1] or m[2] or ("day" if m[3] else m[4])).lower()
            shift = 1 if m[2] or m[3] else -1 if m[4] else 0
            value = next(
                (v for v in map(lambda b: _at_unit(b, unit, shift), reversed(named)) if v), None
            )
            note = "the date named before" if value else ""
            if value is None and dct is not None:
                value = _at_unit(dct.isoformat(), unit, shift)
            t = dataclasses.replace(
                t, value=value, granularity=granularity(value), note=t.note or note
            )
        elif t.value == "REF":  # a reference whose extent grew past the phrase: no value
            t = dataclasses.replace(t, value=None, granularity="unknown")
        elif t.value and re.match(r"\d{4}(-\d\d|-Q\d)?", t.value) and t.type != "DURATION":
            named.append(t.value)
        out.append(t)
    return out


def _at_unit(base: str, unit: str, shift: int) -> str | None:
    """``base`` (an ISO-like value) at the precision of ``unit``, moved by ``shift`` units."""
    m = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q(\d))?", base)
    if not m:
        return None
    if unit == "week" and (w := re.fullmatch(r"(\d{4})-W(\d\d)", base)):
        monday = dt.date.fromisocalendar(int(w[1]), int(w[2]), 1) + dt.timedelta(weeks=shift)
        return "{:04d}-W{:02d}".format(*monday.isocalendar()[:2])
    year = int(m[1])
    month = int(m[2]) if m[2] else None
    day = int(m[3]) if m[3] else None
    if unit == "year":
        return f"{year + shift:04d}"
    if unit == "quarter":
        q = int(m[4]) if m[4] else ((month - 1) // 3 + 1 if month else None)
        if q is None:
            return None
        k = year * 4 + q - 1 + shift
        return f"{k // 4:04d}-Q{k % 4 + 1}"
    if month is None:
        return None
    if unit == "month":
        k = year * 12 + month - 1 + shift
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    if day is None:
        return None
    date = dt.date(year, month, day)
    if unit == "week":
        iso = (date + dt.timedelta(weeks=shift)).isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    return (date + dt.timedelta(days=shift)).isoformat()


def fiscal_year(
    doc: Any, span: Any, ttype: str, value: str, dct: dt.date | None
) -> tuple[str, str, int]:
    """(type, value, end) for "the year" in its accounting and spelled-out senses: "the
    (fiscal) year ended March 31" is a span of a year (``P1Y``), "the full year" the
    year of publication, "the year two thousand" the year 2000."""
    low = span.text.lower()
    end = span.end_char
    nxt = doc[span.end] if span.end < len(doc) else None
    if re.fullmatch(r"the (fiscal )?year", low) and nxt is not None:
        if nxt.lower_ in ("ended", "ending"):
            return "DURATION", "P1Y", end
        rest = doc.text[end : end + 40].lower()
        if m := re.match(r" two thousand(?: and)?(?: (one|two|three|four|five|six|seven|eight|"
                         r"nine|ten|eleven|twelve|thirteen))?\b", rest):  # fmt: skip
            return "DATE", f"{_spelled_year(m[0].strip()):04d}", end + m.end()
    if low == "the full year" and dct is not None:
        return "DATE", f"{dct.year:04d}", end
    return ttype, value, end


_SECOND_DAY = re.compile(
    r"(\s*(?:and|or|to|through|-|–)\s*)(\d{1,2})\b(?![.,:/]\d|\s*(?:%|percent))"
)


def coordinated_days(doc: Any, found: list[TimeValue]) -> list[TimeValue]:
    """The second day of "April 24 and 25" or "March 20-22", which TimeML marks as a date
    of its own in the month of the first; a number that counts something ("April 24 and
    25 people") is left alone."""
    out = list(found)
    taken = [(t.span.start, t.span.end) for t in found]
    for t in found:
        if t.type != "DATE" or not re.fullmatch(r"\d{4}-\d\d-\d\d", t.value or ""):
            continue
        if not t.text[-1:].isdigit():
            continue
        m = _SECOND_DAY.match(doc.text, t.span.end)
        if not m:
            continue
        start, end = m.start(2), m.end(2)
        num = doc.char_span(start, end)
        if num is None or any(s < end and start < e for s, e in taken):
            continue
        nxt = doc[num.end] if num.end < len(doc) else None
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.ent_type_ != "DATE":
            continue
        try:
            second = dt.date.fromisoformat(t.value[:8] + f"{int(m[2]):02d}")  # type: ignore[index]
        except ValueError:
            continue
        if second.isoformat() <= (t.value or ""):
            continue
        where = dataclasses.replace(t.span, start=start, end=end)
        out.append(dataclasses.replace(t, span=where, text=m[2], value=second.isoformat()))
    return out


_YEAR_AGO = re.compile(r"(?:(?:a|one) year (?:ago|earlier)|year-(?:ago|earlier))", re.I)
_THE_QUARTER = re.compile(r"the (?:latest )?(?:quarter|period)", re.I)


def year_ago_quarters(found: list[TimeValue], dct: dt.date | None) -> list[TimeValue]:
    """In a report of quarterly results, "a year earlier" is the quarter the report is
    about (the first one it names), a year before; the tagger's first guess is the last
    quarter completed at publication, but a fiscal "fourth quarter" of 1989 makes it
    1988-Q4. Only a quarter in the year before publication counts as the report's own."""
    if dct is None:
        return found
    out: list[TimeValue] = []
    named: str | None = None
    now = dct.year * 4 + (dct.month - 1) // 3
    for t in found:
        value = t.value or ""
        quarter = re.fullmatch(r"(\d{4})-Q([1-4])", value)
        if quarter and _YEAR_AGO.fullmatch(t.text) and named:
            value = f"{int(named[:4]) - 1:04d}{named[4:]}"
            t = dataclasses.replace(t, value=value, note=t.note or "the quarter named before")
        elif quarter and _THE_QUARTER.fullmatch(t.text) and named:  # "the latest period"
            t = dataclasses.replace(t, value=named, note=t.note or "the quarter named before")
        elif quarter and t.type == "DATE":
            k = int(quarter[1]) * 4 + int(quarter[2]) - 1
            if 0 <= now - k <= 4 and named is None:
                named = value
        out.append(t)
    return out
