"""Temporal expressions: find them, and anchor them to the calendar.

Finding: Microsoft's recognizers-text (:mod:`storyline.time.recognize`) proposes
expressions on the sentences that may hold one; the spaCy parse of the article
then vets them — a "Sunday" inside the name "Sunday Times", a "March" that is a
person's name, a "May" that is a modal verb, or a "1747" that numbers a
resolution are dropped — and spaCy DATE entities the recognizer missed ("the
1990s", "the 20th century") are added. Extents follow TimeML: determiners and
modifiers in ("the past two years", "early March"), prepositions out.

Resolving: each expression gets a TIMEX3 value (:mod:`storyline.time.values`),
type (DATE, TIME, DURATION, SET), granularity and modifier (``START`` for
"early March", ``END`` for "late July", ``APPROX``, ``LESS_THAN``, …). A value
the text leaves open ("July 14", "Thursday", "in October") is anchored to the
article's publication date (its document creation time, DCT) in the direction of
the governing verb's tense: "arrived Thursday" in a report of Friday 2016-04-15
is 2016-04-14, "will be lifted in October" is the coming October.

When the publication date is unknown, expressions with their own year keep their
value (``anchor="absolute"``); calendar expressions without a year keep an
underspecified value (``XXXX-07-14``, ``XXXX-WXX-4``); purely relative ones
("last month") get no value — all with ``anchor="unknown-publication"`` and a
note saying what they are relative to ("the month before publication"). Nothing
is ever resolved against today's clock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from storyline.model import Anchor, AnnotatedArticle, Granularity, Span, TimeValue
from storyline.time.recognize import TEMPORAL_WORDS, Raw, candidate_windows, recognize
from storyline.time.values import SEASONS, Direction, anchor, granularity

# Reference dates for articles of unknown date: expressions whose value changes
# between the two are relative to the (unknown) publication date.
_PLACEHOLDER = dt.datetime(2001, 6, 13)
_PLACEHOLDER_2 = dt.datetime(2003, 10, 22)

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
    (re.compile(r"^(late|the end of|the late)\b", re.I), "END"),
    (re.compile(r"^(mid|the middle of|the mid)\b", re.I), "MID"),
    (re.compile(r"^(about|around|approximately|roughly|some)\b", re.I), "APPROX"),
    (re.compile(r"^(more than|over|at least)\b", re.I), "MORE_THAN"),
    (re.compile(r"^(less than|under|almost|nearly|up to)\b", re.I), "LESS_THAN"),
)
_LEADING = re.compile(
    r"^(?:(?:since|in|on|at|by|from|until|till|to|during|for|before|after|through|throughout|"
    r"within|of|between|and|as of|starting|beginning|ending|right|just|only|barely|even)\s+)+",
    re.I,
)
# Named things that contain date words: a date inside one of these is part of a name.
_NAME_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "LAW", "PRODUCT", "FAC", "EVENT", "NORP", "GPE"}
_TITLES = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "gen", "gen.", "sen", "sen."}
_YEAR_PREPS = {
    "in", "since", "by", "of", "until", "till", "from", "to", "before", "after", "during",
    "and", "or", "between", "through", "for", "as", "early", "late", "mid", "around", "about",
}  # fmt: skip
_EXTEND_THE = {
    "past", "last", "next", "following", "previous", "coming", "same", "first", "end",
    "beginning", "start", "middle", "rest", "remainder", "latter", "early", "late", "day",
    "week", "month", "year", "weekend", "summer", "winter", "spring", "fall", "autumn",
    "period", "decade", "century", "second", "third", "final", "current", "recent", "other",
}  # fmt: skip


class Resolution(NamedTuple):
    """How one expression resolves (what :func:`resolve` returns)."""

    type: str
    value: str | None
    granularity: Granularity
    anchor: Anchor
    note: str
    mod: str = ""


def _verb_of(tok: Any) -> Any:
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


_FORWARD_ADJECTIVES = {"payable", "effective", "due", "scheduled", "slated", "expected"}
_LOOKING_AHEAD = {
    "go", "plan", "schedule", "expect", "due", "set", "intend", "hope", "want", "aim", "agree",
    "decide", "be", "prepare", "promise", "threaten", "vow", "seek",
}  # fmt: skip


def tense_direction(span: Any) -> Direction:
    """Where the clause governing ``span`` points in time: ``past``, ``future`` or ``near``.

    ``future``: "will", "'ll", "shall", "is going to", "is due/scheduled/expected to"
    and a verb governed by such a planning word; ``past``: a past-tense or perfect
    verb; ``near``: anything else (present tense, no verb), which anchors to the
    nearest matching date.
    """
    first = span[0]
    prep = span.doc[first.i - 1].lower_ if first.i > 0 else ""
    head = span.root.head
    if head.pos_ == "ADJ" and head.lower_ in _FORWARD_ADJECTIVES:
        return "future"  # "payable Dec. 15", "effective Feb. 1"
    if prep in ("until", "till", "through", "by", "before"):
        return "near"  # a deadline: "extended through January"
    tok = _verb_of(span.root)
    words = [c for c in tok.children if c.dep_ in ("aux", "auxpass")] + [tok]
    lowered = {c.lower_ for c in words}
    if lowered & {"will", "'ll", "shall", "wo"}:
        return "future"  # "will be lifted"
    if tok.tag_ == "VBN" and lowered & {"have", "has", "had", "'ve", "'d"}:
        return "past"  # the perfect, also "is believed to have helped in July"
    if any(c.tag_ == "MD" for c in words):
        return "near"  # "would be paid in January", "could meet on Friday"
    if "to" in lowered and (
        (tok.dep_ == "acl" and tok.head.pos_ == "NOUN") or tok.head.lemma_ in _LOOKING_AHEAD
    ):
        return "future"  # "guidelines to be published in early November", "plans to visit"
    if prep == "to":
        return "near"
    if tok.lemma_ in ("schedule", "plan", "intend") or (
        tok.lemma_ in ("expect", "due", "set") and tok.tag_ == "VBN"
    ):  # "protesters planned a demonstration on Saturday"
        return "future"
    for anc in list(tok.ancestors)[:3]:
        if anc.lemma_ in ("schedule", "expect", "plan", "intend") or anc.lower_ in ("will",):
            return "future"
    if tok.tag_ in ("VBD",) or lowered & {"had", "has", "have", "did", "was", "were"}:
        return "past"
    if tok.tag_ == "VBN":
        return "past"
    for _ in range(3):  # a verb without tense of its own takes its governor's
        if tok.tag_ not in ("VB", "VBG") or tok.head.i == tok.i or tok.dep_ not in _NONFINITE_DEPS:
            break
        tok = _verb_of(tok.head)
        aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if aux & {"will", "'ll", "shall", "wo"}:
            return "future"
        if tok.tag_ in ("VBD", "VBN") or aux & {"had", "has", "have", "did", "was", "were"}:
            return "past"
    return "near"


_NONFINITE_DEPS = {"advcl", "xcomp", "ccomp", "acl", "relcl", "conj", "pcomp", "advmod"}


def _clean_extent(text: str, start: int, end: int) -> tuple[int, int]:
    """TimeML extent: no leading preposition, no trailing punctuation or possessive 's."""
    while start < end and text[start].isspace():
        start += 1
    m = _LEADING.match(text[start:end])
    if m and m.end() < end - start:
        start += m.end()
    m = re.match(r"the\s+(?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|"
                 r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)",
                 text[start:end], re.I)  # fmt: skip
    if m:
        start += m.end()
    while end > start and (text[end - 1].isspace() or text[end - 1] in ',.;:!?)("”“'):
        end -= 1
    if text[start:end].lower().endswith("'s") or text[start:end].endswith("’s"):
        end -= 2
    comma = text.find(", ", start, end)
    if comma > 0 and not any(
        w in TEMPORAL_WORDS or w[:1].isdigit() for w in text[comma + 2 : end].lower().split()
    ):
        end = comma  # "this evening, one [of them]"
    return start, end


# TimeML extents (TBAQ-cleaned counts) take in "nearly", "around", "some", "more than",
# "at least", but mostly leave out "about" and "almost", which still set the modifier.
_APPROX_WORDS = {"nearly", "around", "approximately", "roughly", "some"}
_OUTSIDE_MODS = {"about": "APPROX", "almost": "LESS_THAN", "approximately": "APPROX"}
_APPROX_PAIRS = {("more", "than"), ("less", "than"), ("up", "to"), ("at", "least"),
                 ("fewer", "than"), ("no", "more")}  # fmt: skip
_SEQUENCE_WORDS = {
    "last", "past", "first", "next", "previous", "coming", "final", "initial", "following",
    "recent", "latest", "same", "other", "early", "late", "mid", "entire", "whole", "full",
    "fiscal", "current",
}  # fmt: skip


def _extend(doc: Any, start: int, end: int) -> tuple[int, int]:
    """TimeML extents take in what the recognizer leaves out around an expression:
    modifiers ("nearly forty years", "more than four hours", "early Thursday
    morning"), sequence words and the determiner ("the last three months", "the
    first nine months", "fiscal 1989"), and "ago"/"earlier"/"later" after a span
    of time ("a year earlier")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return start, end
    i, j = span.start, span.end
    for _ in range(2):
        if i > 0 and doc[i - 1].lower_ in _SEQUENCE_WORDS:
            i -= 1
        elif i > 1 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("early", "late", "mid"):
            i -= 2  # "mid-afternoon"
    if i > 0 and doc[i - 1].lower_ == "the" and doc[i].lower_ in _EXTEND_THE:
        i -= 1
    counted = doc[i].like_num or doc[i].lower_ in _NUMBER_WORDS
    if i > 1 and (doc[i - 2].lower_, doc[i - 1].lower_) in _APPROX_PAIRS:
        i -= 2
        if i > 0 and (doc[i - 1].lower_, doc[i].lower_) == ("no", "more"):
            i -= 1
    elif i > 0 and counted and (doc[i - 1].lower_ in _APPROX_WORDS or doc[i - 1].lower_ == "over"):
        i -= 1  # "nearly forty years", "around 7:15 p.m." (but "get around Wednesday's")
    if (
        j < len(doc)
        and doc[j].lower_ in ("earlier", "later", "ago", "before")
        and (span[-1].lower_.rstrip("s") in _UNITS)
    ):
        j += 1
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1])


_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "couple": 2,
}  # fmt: skip
_UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
    "year": "Y", "decade": "DE", "century": "CE", "quarter": "Q", "weekend": "WE",
}  # fmt: skip


def _is_name(doc: Any, span: Any) -> bool:
    """Whether ``span`` is part of a name ("the Sunday Times", "John March", "Theresa May")."""
    for tok in span:
        if tok.ent_type_ in _NAME_LABELS:
            ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
            holiday = ent is not None and ent.label_ == "EVENT" and ent.end <= span.end
            if not holiday:  # "Thanksgiving Day" may be an EVENT, and is a date
                return True
    first = span[0]
    if first.i > 0 and doc[first.i - 1].lower_ in _TITLES:
        return True
    prev = doc[first.i - 1] if first.i > 0 else None
    nxt_tok = doc[span[-1].i + 1] if span[-1].i + 1 < len(doc) else None
    if (
        len(span) == 1
        and first.lower_ in _SURNAMES
        and prev is not None
        and prev.pos_ == "PROPN"
        and prev.text[:1].isupper()
        and prev.lower_ not in _MONTH_OR_DAY
        and prev.ent_type_ not in ("GPE", "LOC", "DATE")
        and not (nxt_tok is not None and nxt_tok.like_num)
    ):
        return True  # a surname: "Theresa May", "John March"
    if len(span) == 1 and first.text[:1].isupper() and first.lower_ in _MONTH_OR_DAY:
        # a capitalised month/day name joined to a proper noun: "Sunday Times", "Gen. March"
        nxt = doc[first.i + 1] if first.i + 1 < len(doc) else None
        if (
            nxt is not None
            and nxt.pos_ == "PROPN"
            and nxt.lower_ not in _MONTH_OR_DAY
            and not (nxt.like_num or nxt.ent_type_ in ("DATE", "TIME"))
        ):
            return True
    return False


_MONTH_OR_DAY = frozenset(
    re.findall(
        r"\w+",
        "january february march april may june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday",
    )
)


# Month names that are also surnames ("Theresa May", "John March").
_SURNAMES = frozenset({"may", "march", "april", "june", "july", "august"})


def _is_modal_may(span: Any) -> bool:
    return (
        len(span) == 1
        and span[0].lower_ == "may"
        and (span[0].tag_ == "MD" or span[0].text == "may")
    )


def _is_bare_number(doc: Any, span: Any, text: str) -> bool:
    """A number that the recognizer took for a year but that counts or names something."""
    if not re.fullmatch(r"\d{4}", text):
        return False
    tok = span[0]
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if (
        tok.dep_ == "nummod"
        and tok.head.tag_ == "NNS"
        and tok.head.i > tok.i
        and tok.ent_type_ not in ("DATE", "TIME")
    ):
        return True  # "1747 troops" (but "the 1996 law" is a year)
    if prev is not None and (prev.lower_ in _YEAR_PREPS or prev.lower_ in _MONTH_OR_DAY):
        return False  # "in 2015", "since 2007", "May 2015"
    if prev is not None and prev.pos_ in ("NOUN", "PROPN") and prev.text[:1].isupper():
        return True  # a number naming something: "Resolution 1747", "Flight 1549"
    return tok.ent_type_ not in ("DATE", "TIME")


def _to_timeml(raw: Raw, surface: str) -> tuple[str, str, str]:
    """(type, value, mod) in TimeML terms, before anchoring."""
    kind = raw.kind
    timex = raw.timex
    mod = _MODS.get(raw.mod.lower(), "")
    ttype = _KIND_TYPE.get(kind, "DATE")
    if timex in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        return "DATE", timex, mod
    m = re.fullmatch(r"\((.*?),(.*?),(P[^)]*)\)", timex)
    if m:  # a range: "the past two years" is a duration in TimeML
        return "DURATION", m[3], mod
    if ttype == "DURATION":
        return ttype, timex, mod
    if ttype == "TIME" and timex.startswith("T") and kind in ("time", "timerange"):
        return ttype, timex, mod  # a clock time: the date is the DCT's, added later
    return ttype, timex, mod


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
             "4th": 4}  # fmt: skip
_VAGUE = {"few", "several", "some", "many", "couple", "numerous"}
_PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                 "tonight": "NI", "overnight": "NI"}  # fmt: skip
_DURATION_TEXT = re.compile(
    r"(?P<n>\d+(?:\.\d+)?|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ])?"
    r"[a-z]+)(?:[- ](?:and[- ]a[- ]half|more))?(?: of)?[- ]+"
    r"(?P<unit>second|minute|hour|day|week|month|year|decade|century|centurie|quarter)s?\b",
    re.I,
)


def _count(word: str) -> int | None:
    """The number a count word stands for; ``None`` for a vague one ("several")."""
    w = word.lower()
    if w.replace(".", "", 1).isdigit():
        return int(float(w))
    parts = re.split(r"[- ]", w)
    if len(parts) == 2 and parts[0] in _NUMBER_WORDS and parts[1] in _NUMBER_WORDS:
        return _NUMBER_WORDS[parts[0]] + _NUMBER_WORDS[parts[1]]  # "twenty four"
    return _NUMBER_WORDS.get(w)


def _duration_value(surface: str) -> str | None:
    """``P…`` for "two decades", "three quarters", "several years", "24 hours"."""
    m = _DURATION_TEXT.search(surface)
    if not m:
        return None
    unit = m["unit"].lower()
    n = _count(m["n"])
    vague = n is None and (
        m["n"].lower() in _VAGUE or re.search(r"\b(few|several|many)\b", surface)
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
        return ttype, value, mod
    if value in SEASONS:  # "the summer": a season of unknown year
        value = f"XXXX-{value}"
    if ttype == "TIME":
        part = next((c for w, c in _PARTS_OF_DAY.items() if w in low), None)
        if part and not re.search(r"\d", low) and "T" in value:
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


def tag_doc(
    doc: Any,
    article: str,
    published: str | None,
    anchor_name: Anchor = "publication",
) -> list[TimeValue]:
    """Every temporal expression in ``doc`` (the spaCy Doc of article ``article``)."""
    text = doc.text
    dct = dt.date.fromisoformat(published[:10]) if published else None
    ref = dt.datetime(dct.year, dct.month, dct.day) if dct else _PLACEHOLDER
    sentences = candidate_windows(doc)
    raws: list[Raw] = []
    other: dict[tuple[int, int], str] = {}
    for sent in sentences:
        raws.extend(recognize(sent.text, sent.start_char, ref))
        if dct is None:
            for r in recognize(sent.text, sent.start_char, _PLACEHOLDER_2):
                other[(r.start, r.end)] = r.timex
    found: list[TimeValue] = []
    raws = [part for raw in raws for part in _split_range(raw, text, ref)]
    for raw in raws:
        tv = _from_raw(doc, text, article, raw, dct, ref, other, anchor_name)
        if tv is not None:
            found.append(tv)
    for raw in _missed_entities(doc, found, ref, other if dct is None else None):
        tv = _from_raw(doc, text, article, raw, dct, ref, other, anchor_name)
        if tv is not None:
            found.append(tv)
    found.extend(_from_entities(doc, text, article, found, dct, anchor_name))
    return _clock_times_on_their_day(doc, _dedupe(found), dct)


def _missed_entities(
    doc: Any, found: Sequence[TimeValue], ref: dt.datetime, other: dict | None
) -> list[Raw]:
    """spaCy DATE/TIME entities the recognizer missed in context, read by the recognizer
    on their own ("Wednesday's ruling"), else their year numbers ("between 1982 and
    1992", where the recognizer finds nothing)."""
    taken = [(t.span.start, t.span.end) for t in found]
    out: list[Raw] = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or any(
            s < ent.end_char and ent.start_char < e for s, e in taken
        ):
            continue
        plain = re.sub(r"['’]s\b", "  ", ent.text)  # the possessive, offsets kept
        raws = recognize(plain, ent.start_char, ref)
        if other is not None:
            for r in recognize(plain, ent.start_char, _PLACEHOLDER_2):
                other[(r.start, r.end)] = r.timex
        if not raws:
            raws = [
                Raw(t.idx, t.idx + len(t), "daterange", t.text, "", ())
                for t in ent
                if re.fullmatch(r"1[0-9]\d\d|20\d\d", t.text)
            ]
        out.extend(raws)
    return out


def _clock_times_on_their_day(
    doc: Any, found: list[TimeValue], dct: dt.date | None
) -> list[TimeValue]:
    """A clock time with no day of its own ("at 10:35 a.m.") happened on the day the
    text last named, in its sentence or the one before; only failing that on the DCT."""
    if dct is None:
        return found
    out: list[TimeValue] = []
    last_day: tuple[int, str] | None = None  # (sentence start, date)
    sent_of = {s.start_char: k for k, s in enumerate(doc.sents)}
    starts = sorted(sent_of)
    for t in found:
        k = sent_of[max((s for s in starts if s <= t.span.start), default=0)]
        own_day = not re.search(r"\d{4}-\d{2}-\d{2}T\d", t.value or "") or _has_day_word(t.text)
        if (
            t.type == "TIME"
            and not own_day
            and last_day is not None
            and k - last_day[0] <= 1
            and t.value
            and t.value.startswith(dct.isoformat())
        ):
            t = dataclasses.replace(t, value=last_day[1] + t.value[10:])
        if (
            t.value
            and re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", t.value)
            and t.type in ("DATE", "TIME")
        ):
            last_day = (k, t.value[:10])
        out.append(t)
    return out


def _has_day_word(text: str) -> bool:
    low = text.lower()
    return any(w in low for w in (*_WEEKDAYS, "today", "yesterday", "tomorrow", "tonight")) or bool(
        re.search(r"\d", re.sub(r"\d{1,2}(:\d\d)?\s*(a\.?m\.?|p\.?m\.?)", "", low))
    )


_CONNECTOR = re.compile(r"\s*(?:\bto\b|\bthrough\b|\buntil\b|\band\b|-|–|—)\s*", re.I)


def _split_range(raw: Raw, text: str, ref: dt.datetime) -> list[Raw]:
    """TimeML marks the two ends of "Sept. 14 to Thursday" or "1994-1997" as two
    expressions: a range between two dates is recognised again in two parts."""
    if not raw.timex.startswith("(") or raw.kind not in ("daterange", "datetimerange"):
        return [raw]
    surface = text[raw.start : raw.end]
    m = None
    for m in _CONNECTOR.finditer(surface):
        if m.start() > 0 and m.end() < len(surface):
            break
    else:
        return [raw]
    if re.search(r"\b(past|last|next|coming|recent|previous)\b", surface, re.I):
        return [raw]
    left = recognize(surface[: m.start()], raw.start, ref)
    right = recognize(surface[m.end() :], raw.start + m.end(), ref)
    return (left + right) or [raw]


def _dedupe(found: list[TimeValue]) -> list[TimeValue]:
    found.sort(key=lambda t: (t.span.start, -(t.span.end - t.span.start)))
    out: list[TimeValue] = []
    for t in found:
        if out and t.span.start < out[-1].span.end:
            continue
        out.append(t)
    return out


# TimeML (TBAQ-cleaned) marks "daily" as a set, but hardly ever "annual"/"quarterly".
_DEICTIC = frozenset({"this", "week", "today", "tonight", "day", "morning", "night"})
_ADJECTIVAL_SETS = frozenset({"annual", "annually", "yearly", "quarterly"})


def _rejected(doc: Any, span: Any, surface: str) -> bool:
    """Words the recognizer takes for dates that, in this parse, are not."""
    if _is_modal_may(span) or _is_name(doc, span) or _is_bare_number(doc, span, surface):
        return True
    low = surface.lower()
    if len(span) == 1:
        tok = span[0]
        if tok.pos_ in ("VERB", "AUX") and tok.lower_ not in ("today", "tomorrow", "tonight"):
            return True  # "may", "march", "fall", "spring" as verbs
        if tok.lower_ in ("march", "may", "fall") and tok.text.islower():
            return True  # "the march", "a fall" — a lower-case month or season noun
        if low in ("previously", "once", "then", "former", "formerly"):
            return True
        if low in _ADJECTIVAL_SETS:
            return True  # "annual report", "daily turnover": a property, not a time
    first = span[0]
    before = doc[first.i - 1] if first.i > 0 else None
    if (
        re.fullmatch(r"(a|an|per) (day|night|week|month|year|hour)", low)
        and before is not None
        and (before.like_num or before.tag_ == "NNS" or before.lower_ in ("million", "billion"))
    ):
        return True  # a rate: "24 hours a day", "$2 million a year", "four flights a week"
    if (
        len(span) > 1
        and not first.is_sent_start
        and all(t.is_alpha and t.text[:1].isupper() and t.lower_ in _DEICTIC for t in span)
    ):
        return True  # a title: ABC's "This Week", "VOA Today"
    if re.fullmatch(r"the (day|week|month|year|night) before", low):
        return True  # relative to another event, with no value of its own
    last = span[-1]
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    after = doc[last.i + 2] if last.i + 2 < len(doc) else None
    if (
        last.lower_ in ("fall", "spring")
        and nxt is not None
        and nxt.lower_ == "of"
        and not (after is not None and (after.like_num or after.ent_type_ == "DATE"))
    ):
        return True  # "the fall of Bashar al Assad", "the spring of the revolt"
    if nxt is not None and nxt.text in ("-", "–") and last.lower_ in ("year", "quarter"):
        return True  # "the year-earlier period" is a noun modifier, not "the year"
    if nxt is not None and (nxt.lower_ in ("-old", "old") or nxt.text.startswith("-old")):
        return True  # an age: "a six-year-old boy"
    # a fraction: "2 1/2 years"
    return bool(re.fullmatch(r"\d+/\d+", surface) and span[0].i > 0 and doc[span[0].i - 1].like_num)


def _from_raw(
    doc: Any,
    text: str,
    article: str,
    raw: Raw,
    dct: dt.date | None,
    ref: dt.datetime,
    other: Mapping[tuple[int, int], str],
    anchor_name: Anchor,
) -> TimeValue | None:
    start, end = _clean_extent(text, raw.start, raw.end)
    if end <= start:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    surface = text[start:end]
    if _rejected(doc, span, surface):
        return None
    start, end = _extend(doc, start, end)
    span = doc.char_span(start, end, alignment_mode="expand") or span
    surface = text[start:end]
    ttype, value, mod = _to_timeml(raw, surface)
    ttype, value, mod = _refine(ttype, value, mod, surface, dct)
    before = doc[span[0].i - 1].lower_ if span[0].i > 0 else ""
    mod = mod or _OUTSIDE_MODS.get(before, "")
    direction = tense_direction(span)
    where = Span(article, start, end)

    def make(value: str | None, anchor_kind: Anchor, note: str = "") -> TimeValue:
        gran = granularity(value) if ttype in ("DATE", "TIME") else "unknown"
        return TimeValue(where, surface, ttype, value, gran, anchor_kind, note, mod)  # type: ignore[arg-type]

    if ttype in ("DURATION", "SET"):
        return make(value, "absolute")
    if not value:
        return make(None, "unknown-publication" if dct is None else anchor_name, "not resolved")
    refs = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
    relative = _is_relative(raw, other, surface)
    if dct is None:
        if value in refs:
            return make(value, "absolute")
        if value.startswith("T"):
            return make(None, "unknown-publication", f"“{surface}” on an unknown day")
        if relative:
            return make(None, "unknown-publication", _relative_note(surface, value, ref, direction))
        if value.startswith("X"):
            return make(
                value, "unknown-publication", _underspecified_note(surface, value, direction)
            )
        return make(value, "absolute")
    if value.startswith("T"):
        return make(_dct_time(value, dct), anchor_name)
    if value.startswith("X"):
        anchored = anchor(value, dct, direction)
        if anchored.startswith("X"):  # a shape only the recognizer knows: a holiday
            anchored = _recognizer_choice(raw, dct, direction) or anchored
        return make(anchored, anchor_name)
    return make(value, anchor_name if relative or value in refs else "absolute")


def _recognizer_choice(raw: Raw, dct: dt.date, direction: Direction) -> str | None:
    """The recognizer's own past or future reading of an underspecified value
    ("Thanksgiving" is the fourth Thursday of November)."""
    days = []
    for v in raw.values:
        try:
            days.append(dt.date.fromisoformat(v[:10]))
        except ValueError:
            return None
    if not days:
        return None
    past = [d for d in days if d <= dct]
    future = [d for d in days if d >= dct]
    if direction == "future" and future:
        return min(future).isoformat()
    if direction == "past" and past:
        return max(past).isoformat()
    return min(days, key=lambda d: abs((d - dct).days)).isoformat()


def _is_relative(raw: Raw, other: Mapping[tuple[int, int], str], surface: str) -> bool:
    """Whether the value depends on the publication date.

    Without a publication date (``other`` holds the recognizer's timexes against a
    second reference date) a relative expression is one whose value changed; with
    one, it is any expression that does not carry its own year.
    """
    if other:
        alt = other.get((raw.start, raw.end))
        return alt is not None and alt != raw.timex
    return not re.search(r"\b\d{4}\b|'\d\d\b", surface)


_DECADE_TEXT = re.compile(r"^(?:the\s+)?(?:(early|late|mid)[- ])?(1[0-9]|20)?(\d)0'?s$", re.I)
_CENTURY_TEXT = re.compile(r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)[- ]century$", re.I)
_PLURAL_UNITS = {
    "years": "PXY", "months": "PXM", "weeks": "PXW", "days": "PXD", "decades": "PXDE",
    "centuries": "PXCE", "hours": "PTXH", "minutes": "PTXM",
}  # fmt: skip
_LEXICON = {"currently": "PRESENT_REF", "nowadays": "PRESENT_REF"}
_REFS = {
    "now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "the past": "PAST_REF",
    "the future": "FUTURE_REF",
    "recently": "PAST_REF",
    "once": "PAST_REF",
}


def _from_entities(
    doc: Any,
    text: str,
    article: str,
    found: Sequence[TimeValue],
    dct: dt.date | None,
    anchor_name: Anchor,
) -> list[TimeValue]:
    """spaCy DATE entities the recognizer missed that have a value we can state."""
    taken = [(t.span.start, t.span.end) for t in found]
    out = []
    for tok in doc:
        ref = _LEXICON.get(tok.lower_)
        start, end = tok.idx, tok.idx + len(tok)
        kind = "DATE"
        if tok.lower_ in _PLURAL_UNITS and tok.i > 0:
            prev = doc[tok.i - 1]
            if prev.lower_ in ("for", "within") or (
                prev.lower_ == "recent" and tok.i > 1 and doc[tok.i - 2].lower_ == "in"
            ):
                kind, ref = "DURATION", _PLURAL_UNITS[tok.lower_]
                if prev.lower_ == "recent":
                    start = prev.idx
        if (
            tok.lower_ == "quarter"
            and tok.i > 0
            and doc[tok.i - 1].lower_ in ("the", "latest")
            and dct is not None
            and not (tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("-", "of"))
        ):
            first = tok.i - 1
            if doc[first].lower_ == "latest" and first > 0 and doc[first - 1].lower_ == "the":
                first -= 1
            if doc[first].lower_ == "the":  # "the (latest) quarter": the last one reported
                q = (dct.month - 1) // 3  # the quarter before the DCT's
                year = dct.year if q else dct.year - 1
                ref, start = f"{year:04d}-Q{q or 4}", doc[first].idx
        if tok.lower_ == "future" and tok.pos_ == "NOUN" and tok.i > 0:
            if doc[tok.i - 1].lower_ == "the":
                ref, start = "FUTURE_REF", doc[tok.i - 1].idx
            elif doc[tok.i - 1].tag_ == "POS" or doc[tok.i - 1].lower_ == "near":
                ref = "FUTURE_REF"
        if ref is None or any(s < end and start < e for s, e in taken):
            continue
        surface = text[start:end]
        surface = text[start:end]
        dated = ref[:1].isdigit()  # a quarter counted back from the publication date
        out.append(
            TimeValue(
                Span(article, start, end), surface, kind, ref,  # type: ignore[arg-type]
                granularity(ref) if dated else "unknown",
                anchor_name if dated else "absolute",
            )
        )  # fmt: skip

        taken.append((start, end))
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        if any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        start, end = _clean_extent(text, ent.start_char, ent.end_char)
        surface = text[start:end]
        value = None
        gran: Granularity = "unknown"
        if m := _DECADE_TEXT.match(surface):
            century = m[2] or ("19" if int(m[3]) > 2 else "20")
            value, gran = f"{century}{m[3]}", "decade"
        elif m := _CENTURY_TEXT.match(surface):
            value = f"{int(m[1]) - 1:02d}"
        elif surface.lower() in _REFS:
            value = _REFS[surface.lower()]
        if value is None:
            continue
        out.append(
            TimeValue(Span(article, start, end), surface, "DATE", value, gran, "absolute", "")
        )
    return out


def tag_times(
    items: Sequence[AnnotatedArticle], published: Mapping[str, str | None] | None = None
) -> list[TimeValue]:
    """Every temporal expression in ``items``, resolved against its article's date.

    ``published`` may give a date for an article whose metadata has none (an
    inferred publication date); its expressions are then anchored to it with
    ``anchor="inferred-publication"``.
    """
    out: list[TimeValue] = []
    for item in items:
        date = item.article.published
        anchor_name: Anchor = "publication"
        if date is None and published and published.get(item.article.id):
            date = published[item.article.id]
            anchor_name = "inferred-publication"
        out.extend(tag_doc(item.doc, item.article.id, date, anchor_name))
    return out


def resolve(text: str, published: str | None, direction: Direction = "past") -> Resolution:
    """Resolve one expression on its own (no parse): its type, value, granularity, anchor,
    note and modifier. The whole of ``text`` is taken as the expression, and
    ``direction`` stands in for the tense of the clause around it."""
    phrase = text.strip()
    dct = dt.date.fromisoformat(published[:10]) if published else None
    ref = dt.datetime(dct.year, dct.month, dct.day) if dct else _PLACEHOLDER
    raws = recognize(phrase, 0, ref)
    if not raws:
        return Resolution("DATE", None, "unknown", "absolute", "not resolved")
    raw = max(raws, key=lambda r: r.end - r.start)
    ttype, value, mod = _to_timeml(raw, phrase)
    ttype, value, mod = _refine(ttype, value, mod, phrase, dct)
    if ttype in ("DURATION", "SET"):
        return Resolution(ttype, value, "unknown", "absolute", "", mod)
    if value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        return Resolution("DATE", value, "unknown", "publication" if dct else "absolute", "", mod)
    if dct is None:
        alt = {(r.start, r.end): r.timex for r in recognize(phrase, 0, _PLACEHOLDER_2)}
        if value.startswith("T"):
            return Resolution(ttype, None, "unknown", "unknown-publication", "", mod)
        if _is_relative(raw, alt, phrase):
            note = _relative_note(phrase, value, ref, direction)
            return Resolution(ttype, None, "unknown", "unknown-publication", note, mod)
        if value.startswith("X"):
            note = _underspecified_note(phrase, value, direction)
            return Resolution(ttype, value, granularity(value), "unknown-publication", note, mod)
        return Resolution(ttype, value, granularity(value), "absolute", "", mod)
    kind: Anchor = "absolute"
    if value.startswith("T"):
        value, kind = _dct_time(value, dct), "publication"
    elif value.startswith("X"):
        value, kind = anchor(value, dct, direction), "publication"
    elif _is_relative(raw, {}, phrase):
        kind = "publication"
    return Resolution(ttype, value, granularity(value), kind, "", mod)
