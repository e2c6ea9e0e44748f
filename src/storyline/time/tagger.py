"""Temporal expressions: find them, and anchor them to the calendar.

Finding: Microsoft's recognizers-text (:mod:`storyline.time.recognize`) proposes
expressions on the sentences that may hold one; the spaCy parse of the article
then vets them — a "Sunday" inside the name "Sunday Times", a "March" that is a
person's name, a "May" that is a modal verb, or a "1747" that numbers a
resolution are dropped — and spaCy DATE entities the recognizer missed ("the
1990s", "the 20th century") are added. Extents follow TimeML: determiners and
modifiers in ("the past two years", "early March"), prepositions out. (Vetting and
extents: :mod:`storyline.time.extent`; TimeML values: :mod:`storyline.time.normalize`.)

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
from storyline.time.extent import (
    _OUTSIDE_MODS,
    _clean_extent,
    _extend,
    _is_age_decade,
    _rejected,
)
from storyline.time.fallback import (
    anaphoric_phrases,
    clipped_years,
    coordinated_days,
    counted_and_referring_phrases,
    fiscal_year,
    holidays,
    missed_in_entities,
    present_and_past_words,
    resolve_anaphora,
    year_ago_quarters,
)
from storyline.time.neighbours import (
    and_a_half,
    every_quarter,
    final_days,
    month_of_year,
    range_end_years,
    this_past,
    vague_spans_before_signals,
    zoned_clock_times,
)
from storyline.time.normalize import (
    _WEEKDAYS,
    _dct_time,
    _refine,
    _relative_note,
    _to_timeml,
    _underspecified_note,
)
from storyline.time.recognize import Raw, candidate_windows, recognize
from storyline.time.values import Direction, anchor, granularity

# Reference dates for articles of unknown date: expressions whose value changes
# between the two are relative to the (unknown) publication date.
_PLACEHOLDER = dt.datetime(2001, 6, 13)
_PLACEHOLDER_2 = dt.datetime(2003, 10, 22)


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


# Verbs whose simple present reports a schedule: "the conclave starts Tuesday".
_SCHEDULED = frozenset({"meet", "start", "begin", "open", "resume", "convene", "arrive", "visit",
                        "travel", "depart", "launch", "kick", "expire", "reopen"})  # fmt: skip


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
    if prep in ("until", "till", "through", "by", "before"):  # a deadline
        aux = {c.lower_ for c in _verb_of(span.root).children if c.dep_ in ("aux", "auxpass")}
        return "future" if aux & {"will", "'ll", "shall"} else "near"  # "will end by May"
    tok = _verb_of(span.root)
    words = [c for c in tok.children if c.dep_ in ("aux", "auxpass")] + [tok]
    lowered = {c.lower_ for c in words}
    if lowered & {"will", "'ll", "shall", "wo"}:
        return "future"  # "will be lifted"
    if tok.tag_ == "VBN" and lowered & {"have", "has", "had", "'ve", "'d"}:
        if tok.lemma_ in ("schedule", "plan", "set") and not lowered & {"had", "'d"}:
            return "future"  # "has scheduled a news conference Thursday"
        return "past"  # the perfect, also "is believed to have helped in July"
    if any(c.tag_ == "MD" for c in words):
        return "near"  # "would be paid in January", "could meet on Friday"
    if tok.tag_ in ("VBZ", "VBP") and len(words) == 1 and tok.lemma_ in _SCHEDULED:
        return "future"  # "the summit opens Monday", "they meet separately Monday"
    if "to" in lowered and (
        (tok.dep_ == "acl" and tok.head.pos_ == "NOUN") or tok.head.lemma_ in _LOOKING_AHEAD
    ):  # "guidelines to be published in early November", "plans to visit"
        return "past" if _pluperfect(tok.head) else "future"  # "had been due to expire"
    if prep == "to":
        return "near"
    set_for = tok.lemma_ == "set" and (
        prep == "for" or any(c.dep_ == "xcomp" for c in tok.children)
    )  # "a vote set for Aug. 6", "is set to open Monday"; "the record (was) set on Aug. 6"
    if tok.lemma_ in ("schedule", "plan", "intend") or (
        (tok.lemma_ in ("expect", "due") or set_for) and tok.tag_ == "VBN"
    ):  # "protesters planned a demonstration on Saturday"
        return "future"
    finite_past = tok.tag_ == "VBD" or lowered & {"had", "did", "was", "were"}
    for anc in [] if finite_past else list(tok.ancestors)[:3]:  # "which began in January"
        if anc.lemma_ in ("schedule", "expect", "plan", "intend") or anc.lower_ in ("will",):
            return "past" if _pluperfect(anc) else "future"
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


# Nouns that "today's" makes the present in general, not a day: "today's world".
_GENERIC = frozenset({"world", "youth", "society", "generation", "children", "kids", "economy",
                      "standards", "technology", "culture", "market", "markets", "computers",
                      "families", "politics", "young"})  # fmt: skip


def _generic_today(span: Any) -> bool:
    """ "today's world", "today's youth": TimeML's ``PRESENT_REF``, not the day."""
    if span.text.lower() not in ("today", "today's", "today’s"):
        return False
    doc = span.doc
    head = doc[span[-1].i].head
    k = span[-1].i + 1
    nxt = doc[k + 1] if k < len(doc) and doc[k].tag_ == "POS" and k + 1 < len(doc) else None
    return head.lower_ in _GENERIC or (nxt is not None and nxt.lower_ in _GENERIC)


def _frequency(span: Any) -> int | None:
    """Where "twice", "once" or "three times" starts before "a week" (TimeML's ``SET``)."""
    doc = span.doc
    if not re.fullmatch(r"(a|an|per|each) (day|week|month|year)", span.text.lower()):
        return None
    i = span.start
    if i > 0 and doc[i - 1].lower_ in ("once", "twice"):
        return i - 1
    if (
        i > 1
        and doc[i - 1].lower_ == "times"
        and (doc[i - 2].like_num or doc[i - 2].lower_ in _COUNTS)
    ):
        return i - 2
    return None


_COUNTS = {"three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "many"}


def _signal_after(surface: str) -> re.Match[str] | None:
    """The "later"/"before"/"after" ending a counted span of time ("three days later",
    "10 days before"), which TimeML leaves outside the expression as a signal."""
    m = re.search(r"\s+(later|before|after)$", surface, re.I)
    if not m or re.match(r"the\s", surface, re.I):
        return None
    head = surface[: m.start()].lower()
    return m if re.search(r"\b(second|minute|hour|day|week|month|year|decade)s?$", head) else None


def _pluperfect(tok: Any) -> bool:
    """A plan stated in the past perfect ("had been scheduled to expire Friday") was
    for a time before the report."""
    verbs = [tok, tok.head] if tok.dep_ in ("acomp", "xcomp") else [tok]  # "had been due"
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for v in verbs for c in v.children)


_NEGATORS = {"neither", "no", "nobody", "none", "nothing"}
_MODALS = {"would", "could", "might", "may", "can", "should", "must"}


def _looks_ahead(span: Any, direction: Direction) -> bool:
    """Whether a bare weekday lies ahead: after "as soon as"/"as early as" ("could
    come as early as Tuesday"), as a deadline outside a past-tense clause ("has until
    Monday", "will stay closed until Tuesday", also after a clock time: "until 9 a.m.
    Tuesday"), as the new date of a deferral in any tense ("postponed until Tuesday"),
    or in a clause of no definite tense with a modal ("would be traveling Thursday"; but
    "could not be reached Tuesday" and "would not comment Monday" report the past)."""
    doc = span.doc
    i = span[0].i
    if re.search(r"\bas (soon|early) as$", " ".join(t.lower_ for t in doc[max(0, i - 3) : i])):
        return True
    tok = _verb_of(span.root)
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    before = doc.text[max(0, span.start_char - 30) : span.start_char]
    if clock := _DEADLINE_CLOCK.search(before):  # "until 9 a.m. EST Tuesday"
        at = span.start_char - len(before) + clock.start()
        prep = doc.char_span(at, at + len(clock[0].split()[0]))
        if prep is not None:
            i, tok = prep[0].i + 1, _verb_of(prep[0])
            aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if i > 0 and doc[i - 1].lower_ in ("until", "till", "by"):  # a deadline
        if tok.lemma_ in _DEFERRING:
            return True  # "postponed until Tuesday": a deferral points ahead in any tense
        return tok.tag_ != "VBD" and not aux & {"had", "was", "were", "did"}
    negated = any(  # "could not be reached Tuesday", "no one could be reached"
        c.dep_ == "neg" or (c.dep_.startswith("nsubj") and c.left_edge.lower_ in _NEGATORS)
        for c in tok.children
    )
    return direction == "near" and bool(aux & _MODALS) and not negated


_DEADLINE_CLOCK = re.compile(
    r"\b(?:until|till|by)\s+(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?|noon|midnight)\s*(?:[A-Z]{2,4})?,?\s*$"
)
_DEFERRING = {"postpone", "delay", "defer", "adjourn", "extend", "suspend", "recess", "push"}

_NONFINITE_DEPS = {"advcl", "xcomp", "ccomp", "acl", "relcl", "conj", "pcomp", "advmod"}


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
    taken = [(t.span.start, t.span.end) for t in found]
    extra = missed_in_entities(doc, taken, ref, dct) + anaphoric_phrases(doc, taken)
    valued = [(t.span.start, t.span.end) for t in found if t.value]  # "Easter": no value
    extra += clipped_years(text, taken, dct) + holidays(text, valued, dct)
    for raw in extra + counted_and_referring_phrases(doc, taken, dct):
        tv = _from_raw(doc, text, article, raw, dct, ref, other, anchor_name)
        if tv is not None:
            found.append(tv)
    taken = [(t.span.start, t.span.end) for t in found]
    for start, end, value in present_and_past_words(doc, taken):
        where = Span(article, start, end)
        found.append(TimeValue(where, text[start:end], "DATE", value, "unknown", "absolute"))
    found = range_end_years(doc, coordinated_days(doc, found))
    found = vague_spans_before_signals(doc, final_days(doc, found), article)
    found = every_quarter(doc, found, article)
    found = month_of_year(doc, found, dct, article, anchor_name)
    found = and_a_half(doc, found, article)
    found = resolve_anaphora(_dedupe(this_past(doc, found, dct)), dct)
    found = zoned_clock_times(doc, year_ago_quarters(found, dct), dct, article, anchor_name)
    found = _time_with_its_day(doc, found)
    return _clock_times_on_their_day(doc, found, dct)


_ZONE = r"(?:\s*\(?(?:[ECMP][SD]T|GMT|UTC|BST|CET|local time)\)?)?"


def _time_with_its_day(doc: Any, found: list[TimeValue]) -> list[TimeValue]:
    """A clock time followed by its day ("5 p.m. EST Nov. 9", "4 a.m. EDT Thursday") is
    one expression in TimeML, the day's date at that time."""
    out: list[TimeValue] = []
    for t in found:
        prev = out[-1] if out else None
        between = doc.text[prev.span.end : t.span.start] if prev else ""
        if (
            prev is not None
            and prev.type == "TIME"
            and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d(:\d\d)?", prev.value or "")
            and t.type == "DATE"
            and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value or "")
            and re.fullmatch(_ZONE + r",?\s+(?:on\s+)?", between)
        ):
            start, end = prev.span.start, t.span.end
            out[-1] = dataclasses.replace(
                prev,
                span=Span(prev.span.article, start, end),
                text=doc.text[start:end],
                value=t.value + prev.value[10:],
                anchor=t.anchor,
            )
            continue
        out.append(t)
    return out


def _weekend_before(surface: str, value: str, dct: dt.date) -> str:
    """ "Over the weekend" said on a weekday, in the past tense, is the weekend before
    the publication date, not the one of its week (the recognizer's reading)."""
    m = re.fullmatch(r"(\d{4})-W(\d\d)-WE", value)
    if not m or not re.fullmatch(r"(the |this )?weekend", surface.lower()):
        return value
    monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1) - dt.timedelta(weeks=1)
    iso = monday.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}-WE"


_VAGUE_UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE",
                "centurie": "CE", "quarter": "Q"}  # fmt: skip
_VAGUE_SPAN = re.compile(
    r"(?:the |recent |the past |the last |the next |the coming |the following |just )?"
    r"(?:few |several |many )?(hour|minute|day|week|month|year|decade|centurie|quarter)s"
    r"(?: ahead)?"
)


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
        vague = _VAGUE_SPAN.fullmatch(ent.text.lower())
        if not raws and vague:  # "for months", "in the weeks ahead", "in recent years"
            timex = "PTX" + vague[1][0].upper() if vague[1] in ("hour", "minute") else None
            timex = timex or "PX" + _VAGUE_UNITS[vague[1]]
            raws = [Raw(ent.start_char, ent.end_char, "duration", timex, "", ())]
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
    found.sort(key=lambda t: (t.span.start, -(t.span.end - t.span.start), t.value is None))
    out: list[TimeValue] = []
    for t in found:
        if out and t.span.start < out[-1].span.end:
            continue
        out.append(t)
    return out


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
    if len(span) > 1 and span[0].lower_ == "last" and span[0].pos_ == "VERB":
        span = span[1:]  # "expected to last several weeks"
        start = span.start_char
    freq = _frequency(span)
    if freq is not None:  # "twice a week": a set, the count kept in the extent
        span = doc[freq : span.end]
        start = span.start_char
    surface = text[start:end]
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if re.fullmatch(r"the (day|week|month|year|night)( before)?", surface.lower()) and (
        surface.lower().endswith("before") or after in ("before", "after")
    ):
        return None  # "the day before": relative to another event, with no value of its own
    signal = _signal_after(surface)
    if signal:  # "three days later": the span of time, "later" a signal outside it
        end = start + signal.start()
        span = doc.char_span(start, end, alignment_mode="expand") or span
        surface = text[start:end]
    ttype, value, mod = _to_timeml(raw, surface)
    if signal:
        ttype, value = "DURATION", ""
    if freq is not None and (unit := re.search(r"(day|week|month|year)$", surface.lower())):
        ttype, value = "SET", "P1" + unit[1][0].upper()
    ttype, value, mod = _refine(ttype, value, mod, surface, dct)
    if _generic_today(span):
        value = "PRESENT_REF"
    if surface == "9/11":  # the attacks of 11 September 2001, not this year's 11 September
        value = "2001-09-11"
    if dct is not None and re.fullmatch(r"(a|one) year (ago|earlier)", surface.lower()):
        value = _year_ago_quarter(span, dct) or value
    ttype, value, end = fiscal_year(doc, span, ttype, value, dct)
    if end != span.end_char:  # "the year two thousand"
        surface = text[start:end]
        span = doc.char_span(start, end, alignment_mode="expand") or span
    before = doc[span[0].i - 1].lower_ if span[0].i > 0 else ""
    mod = mod or _OUTSIDE_MODS.get(before, "")
    direction = tense_direction(span)
    if re.search(r"WXX-\d", value or "") and _looks_ahead(span, direction):
        direction = "future"
    if direction == "past" and dct is not None and dct.isoweekday() < 6:
        value = _weekend_before(surface, value, dct)
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


def _year_ago_quarter(span: Any, dct: dt.date) -> str | None:
    """In a report of quarterly results, "a year earlier" is the same quarter of the
    year before: the last quarter completed at publication, less a year."""
    sent = span.sent
    before = span.doc[max(0, sent.start - 40) : sent.end]
    if not any(t.lower_ in ("quarter", "quarterly") for t in before):
        return None
    q = (dct.month - 1) // 3 or 4
    year = dct.year - 1 if q != 4 or dct.month > 3 else dct.year - 2
    return f"{year:04d}-Q{q}"


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
        if (
            tok.lower_ in ("earlier", "ago")
            and tok.i > 1
            and doc[tok.i - 1].text == "-"
            and doc[tok.i - 2].lower_ == "year"
            and dct is not None
        ):  # "year-earlier profit": a year before, in quarterly results the same quarter
            start = doc[tok.i - 2].idx
            ref = _year_ago_quarter(doc[tok.i - 2 : tok.i + 1], dct) or f"{dct.year - 1:04d}"
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
        if (m := _DECADE_TEXT.match(surface)) and not _is_age_decade(doc, ent, surface.lower()):
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
