"""Which recognizer matches are temporal expressions, and where they begin and end.

The spaCy parse vets each match (:func:`_rejected`): a date word inside a name
("the Sunday Times", "Theresa May", "Senator John March"), a modal "may", a verb
"march" or "fall", a number that counts or names ("1500 troops", "Resolution
1747"), an age ("six-year-old"), a rate ("$2 million a year") or a title ("This
Week") is not one. Extents follow TimeML (:func:`_clean_extent`, :func:`_extend`):
leading prepositions out, determiners and modifiers in.
"""

from __future__ import annotations

import re
from typing import Any

from storyline.time.normalize import _NUMBER_WORDS, _UNITS
from storyline.time.recognize import TEMPORAL_WORDS

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
    "full", "entire", "whole", "morning", "afternoon", "evening", "night",
}  # fmt: skip

_ZONES = {"est", "edt", "et", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst",
          "cet", "cest"}  # fmt: skip


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
    if (
        span[0].lower_ in ("earlier", "later")
        and len(span) > 2
        and span[1].lower_ in ("this", "last", "next")
        and span[2].lower_ != "year"
    ):
        i += 1  # "earlier this week" is marked "this week" ("earlier this year" whole)
    if (
        i > 0
        and doc[i - 1].lower_ in ("earlier", "later")
        and doc[i].lower_ in ("yesterday", "today", "tonight", "tomorrow")
    ):
        i -= 1  # "later yesterday"
    if (
        i > 2
        and doc[i - 1].lower_ == "of"
        and doc[i - 3].lower_ == "the"
        and doc[i - 2].lower_ in ("end", "beginning", "start", "middle", "turn", "close")
    ):
        i -= 3  # "the end of 1990", "the beginning of October"
    if (
        j - i == 1
        and doc[i].lower_ in ("decade", "century")
        and i > 0
        and doc[i - 1].lower_ == "this"
    ):
        i -= 1  # "this decade": the recognizer reads "decade" alone
    for _ in range(2):
        if i > 0 and doc[i - 1].lower_ in _SEQUENCE_WORDS:
            i -= 1
        elif i > 1 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("early", "late", "mid"):
            i -= 2  # "mid-afternoon"
    counted = doc[i].like_num or doc[i].lower_ in _NUMBER_WORDS
    if (
        i > 0
        and doc[i - 1].lower_ == "the"
        and (doc[i].lower_ in _EXTEND_THE or (counted and doc[j - 1].tag_ == "NNS"))
        and doc[j - 1].lower_ != "long"  # "the year-long talks"
    ):
        i -= 1  # "the last three months", "the nine months" (not "the eight-year term")
    counted = doc[i].like_num or doc[i].lower_ in _NUMBER_WORDS
    if i > 1 and (doc[i - 2].lower_, doc[i - 1].lower_) in _APPROX_PAIRS:
        i -= 2
        if i > 0 and (doc[i - 1].lower_, doc[i].lower_) == ("no", "more"):
            i -= 1
    elif i > 0 and counted and (doc[i - 1].lower_ in _APPROX_WORDS or doc[i - 1].lower_ == "over"):
        i -= 1  # "nearly forty years", "around 7:15 p.m." (but "get around Wednesday's")
    if j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ == "long":
        j += 2  # "a month-long siege": the span of time is "month-long"
        if doc[i].lower_ in ("a", "an", "the") and i + 1 < j:
            i += 1
    if j < len(doc) and doc[j].lower_ in _ZONES and re.search(r"\d|noon|midnight", span.text):
        j += 1  # "4 p.m. EDT": the time zone is part of the time
    if (
        j < len(doc)
        and doc[j].lower_ in ("earlier", "ago")
        and (span[-1].lower_.rstrip("s") in _UNITS)
    ):
        j += 1
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1])


def _is_name(doc: Any, span: Any) -> bool:
    """Whether ``span`` is part of a name ("the Sunday Times", "John March", "Theresa May")."""
    feast = any(t.lower_ in _HOLIDAY_WORDS for t in span)
    if feast and span.end < len(doc) and doc[span.end].text in _FEAST_NAMES:
        return True  # "Easter Island", "the Easter Rising"
    if _year_of_an_event(doc, span):
        return False
    for tok in span:
        if tok.ent_type_ in _NAME_LABELS:
            ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
            holiday = feast or (ent is not None and ent.end <= span.end and ent.label_ == "EVENT")
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
            and nxt.lower_ not in _OBSERVANCES  # "his Sunday Mass" is that Sunday's
            and not (nxt.like_num or nxt.ent_type_ in ("DATE", "TIME"))
        ):
            return True
    return False


# Services held on a day, which the parser often takes for part of a name with it.
_OBSERVANCES = frozenset({"mass", "masses", "service", "services", "sermon", "prayers", "liturgy",
                          "vigil", "worship"})  # fmt: skip


# Feasts the small parser often takes for a person or an organisation ("by Easter").
_HOLIDAY_WORDS = frozenset({"easter", "christmas", "thanksgiving", "passover", "ramadan",
                            "hanukkah", "halloween", "pentecost", "lent"})  # fmt: skip
# Words that continue a feast's name into a place's or an event's: "Easter Island".
_FEAST_NAMES = frozenset({"Island", "Islands", "Islander", "Islanders", "Rising", "Uprising",
                          "Offensive", "Accord"})  # fmt: skip

_MONTH_OR_DAY = frozenset(
    re.findall(
        r"\w+",
        "january february march april may june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday",
    )
)

# Month names that are also surnames ("Theresa May", "John March").
_SURNAMES = frozenset({"may", "march", "april", "june", "july", "august"})


def _year_of_an_event(doc: Any, span: Any) -> bool:
    """The year that dates a named event: "the 2012 Olympics", "the 2013 Academy
    Awards", "Spain won the 2010 World Cup" (TimeML marks the year; the parser puts it
    inside an EVENT or ORG name)."""
    if len(span) != 1 or not re.fullmatch(r"(?:18|19|20)\d\d", span.text):
        return False
    tok = span[0]
    prev = doc[tok.i - 1] if tok.i > 0 else None
    return (
        tok.ent_type_ in ("EVENT", "ORG")
        and tok.dep_ == "nummod"
        and tok.head.i > tok.i
        and tok.head.text[:1].isupper()
        and prev is not None
        and (prev.lower_ == "the" or prev.tag_ in ("POS", "PRP$"))
    )


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
    if _year_of_an_event(doc, span):
        return False
    if prev is not None and prev.pos_ in ("NOUN", "PROPN") and prev.text[:1].isupper():
        return True  # a number naming something: "Resolution 1747", "Flight 1549"
    return tok.ent_type_ not in ("DATE", "TIME")


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
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if low == "now" and tok.is_sent_start and nxt is not None and nxt.text == ",":
            return True  # "Now, the alliance…": a discourse marker
        if low in _ADJECTIVAL_SETS:
            return True  # "annual report", "daily turnover": a property, not a time
    first = span[0]
    before = doc[first.i - 1] if first.i > 0 else None
    if (
        re.fullmatch(r"(a|an|per) (day|night|week|month|year|hour)", low)
        and before is not None
        and (
            before.like_num
            or before.tag_ == "NNS"
            or before.lower_ in ("million", "billion", "%", "percent", "cents")
        )
        and before.lower_ != "times"  # "three times a day" is a set
        and not (
            span[-1].i + 1 < len(doc)
            and doc[span[-1].i + 1].lower_ in ("earlier", "ago", "later", "before")
        )
    ):
        return True  # a rate: "24 hours a day", "$2 million a year", "four flights a week"
    if (
        len(span) == 1
        and low in ("day", "night", "week", "month", "year", "hour")
        and before is not None
        and before.lower_ in ("a", "an", "per")
        and first.i > 1
        and (doc[first.i - 2].like_num or doc[first.i - 2].tag_ == "NNS")
    ):
        return True  # the unit of a rate read alone: "$55 a night", "two flights a day"
    if (
        len(span) == 1
        and low in ("morning", "afternoon", "evening", "night")
        and before is not None
        and before.lower_ == "good"
    ):
        return True  # a greeting: "Good evening from Central Park"
    if (
        len(span) > 1
        and not first.is_sent_start
        and all(t.is_alpha and t.text[:1].isupper() and t.lower_ in _DEICTIC for t in span)
    ):
        return True  # a title: ABC's "This Week", "VOA Today"
    if _quoted_title(doc, span):
        return True  # a programme's title: CBS's "60 Minutes"
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
    if last.lower_ == "second" and nxt is not None and nxt.pos_ in ("NOUN", "ADJ", "PROPN"):
        return True  # "a second day", "a second term": the ordinal, not a second of time
    if nxt is not None and (nxt.lower_ in ("-old", "old") or nxt.text.startswith("-old")):
        return True  # an age: "a six-year-old boy"
    if re.fullmatch(r"\d{3,4}\.\d+", span.text):
        return True  # a decimal number: an index that "closed at 1462.93"
    if re.search(r"\d,\d{3}(?:\.\d+)?$", span.text):
        return True  # a number with thousands: an index level "at 11,188.23", "the day at 8,017"
    if _is_age_decade(doc, span, low):
        return True
    return _is_fraction(doc, span, surface)


_DECADE_AGE = re.compile(
    r"(?:(?:early|mid|late)[- ]?)?(?:\d0['’]?s|twenties|thirties|forties|fifties|sixties|"
    r"seventies|eighties|nineties)"
)


def _is_age_decade(doc: Any, span: Any, low: str) -> bool:
    """A decade of someone's life, not of the calendar: "in his 30s", "in their late
    forties" (a possessive before the decade)."""
    if not _DECADE_AGE.fullmatch(low):
        return False
    i = span[0].i
    if i > 0 and doc[i - 1].lower_ in ("early", "mid", "late", "-"):
        i -= 1
    return i > 0 and doc[i - 1].tag_ == "PRP$"


_QUOTES = frozenset({'"', "``", "''", "“", "”"})


def _quoted_title(doc: Any, span: Any) -> bool:
    """A capitalised span that fills a quotation after an owner's possessive: CBS's
    "60 Minutes", NBC's "Today", the film's "High Noon" — a title, not a time."""
    i, j = span[0].i, span[-1].i
    if i < 3 or j + 1 >= len(doc) or doc[i - 1].text not in _QUOTES:
        return False
    if doc[j + 1].text not in _QUOTES and not (
        doc[j + 1].is_punct and j + 2 < len(doc) and doc[j + 2].text in _QUOTES
    ):
        return False
    words = [t for t in span if t.is_alpha]
    return bool(words) and all(t.text[:1].isupper() for t in words) and doc[i - 2].tag_ == "POS"


def _is_fraction(doc: Any, span: Any, surface: str) -> bool:
    """A fraction, not a month/day: "2 1/2 years", a stock that "fell 7/8" (eighths)."""
    m = re.fullmatch(r"(\d+)/(\d+)", surface)
    if not m:
        return False
    prev = doc[span[0].i - 1] if span[0].i > 0 else None
    if prev is not None and prev.like_num:
        return True  # "2 1/2 years"
    eighths = int(m[2]) in (2, 4, 8, 16, 32) and int(m[1]) < int(m[2])
    if surface in _COMMON_FRACTIONS:
        return True  # "1/2 cup", "3/4 of": a slashed date has its year ("3/4/2016")
    return eighths and prev is not None and (prev.pos_ == "VERB" or prev.lower_ in ("up", "down"))


_COMMON_FRACTIONS = frozenset({"1/2", "1/3", "2/3", "1/4", "3/4", "1/8", "3/8", "5/8", "7/8"})
