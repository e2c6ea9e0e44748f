"""Temporal expressions: find them, and anchor them to the calendar.

Expressions come from the spaCy model's DATE and TIME entities. Each is
resolved with dateparser against the article's publication date (its document
creation time), in the direction the governing verb's tense points: "arrived
Thursday" in a report of Friday 2016-04-15 is 2016-04-14, "will be lifted in
October" is the coming October. Modifiers ("early", "late", "mid") are kept as
a note. Durations ("two days") are typed DURATION and get a ``P…`` value.

When the publication date is unknown, only expressions that carry their own
year are resolved; the rest keep ``value=None`` and a note saying what they
are relative to — never today's clock.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from typing import Any

from storyline.model import AnnotatedArticle, Granularity, Span, TimeValue

_UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "hour": "H"}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "few": None,
    "several": None,
}  # fmt: skip
_DURATION = re.compile(
    r"^(?:(?:more than|less than|about|around|nearly|almost|over|some|the past|the last)\s+)?"
    r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several)"
    r"[\s-]+(?P<unit>day|week|month|year|decade|hour)s?(?:-long)?$",
    re.IGNORECASE,
)
_MODIFIERS = {
    "early": "START",
    "late": "END",
    "mid": "MID",
    "the end of": "END",
    "the start of": "START",
}
_LEADING = re.compile(r"^(?:(?:on|in|at|by|since|during|until|from)\s+)+", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)


@functools.cache
def _parser(prefer: str) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={"PREFER_DATES_FROM": prefer, "PREFER_DAY_OF_MONTH": "first"},
    )


def tense_direction(span: Any) -> str:
    """``future`` when the clause governing ``span`` looks ahead, else ``past``."""
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX"):
            break
        if tok.head is tok:
            break
        tok = tok.head
    words = [c for c in tok.children if c.dep_ in ("aux", "auxpass")] + [tok]
    if any(c.lower_ in ("will", "'ll", "shall") or c.tag_ == "MD" for c in words):
        return "future"
    if tok.lemma_ in ("schedule", "expect", "plan", "due") and tok.tag_ in ("VBN", "VBZ", "VBP"):
        return "future"
    if any(c.lemma_ in ("schedule", "expect", "plan") for c in tok.ancestors):
        return "future"
    return "past"


def _format(value: dt.datetime, period: str) -> tuple[str, Granularity]:
    if period == "year":
        return f"{value.year:04d}", "year"
    if period == "month":
        return f"{value.year:04d}-{value.month:02d}", "month"
    if period == "week":
        iso = value.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}", "week"
    return value.strftime("%Y-%m-%d"), "day"


def resolve(
    text: str, published: str | None, direction: str = "past"
) -> tuple[str, str | None, Granularity, str, str]:
    """Resolve one expression: (type, value, granularity, anchor, note)."""
    phrase = _LEADING.sub("", text.strip()).strip(" ,.")
    lowered = phrase.lower()
    note = ""
    for word, mod in _MODIFIERS.items():
        if lowered.startswith(word + " ") or lowered.startswith(word + "-"):
            phrase = phrase[len(word) + 1 :].strip()
            note = f"modifier {mod}"
            break
    duration = _DURATION.match(phrase)
    if duration:
        n = _NUMBERS.get(duration["n"].lower(), duration["n"])
        unit = _UNITS[duration["unit"].lower()]
        return "DURATION", f"P{n if n is not None else 'X'}{unit}", "unknown", "absolute", note
    kind = (
        "TIME"
        if re.search(r"\b(morning|night|evening|afternoon|noon|\d+:\d\d)\b", phrase, re.I)
        else "DATE"
    )
    has_year = bool(_YEAR.search(phrase))
    if published is None and not has_year:
        relative = f"{text.strip()}, relative to an unknown publication date"
        return (
            kind,
            None,
            "unknown",
            "unknown-publication",
            "; ".join(x for x in (note, relative) if x),
        )
    base = dt.datetime.fromisoformat(published) if published else dt.datetime(2000, 1, 1)
    weekend = re.match(r"^(last|this|next)\s+weekend$", phrase, re.I)
    if weekend:
        shift = {"last": -1, "this": 0, "next": 1}[weekend[1].lower()]
        week = (base + dt.timedelta(weeks=shift)).isocalendar()
        value = f"{week.year:04d}-W{week.week:02d}-WE"
        return kind, value, "week", "publication", note
    last = re.match(r"^last\s+(\w+)$", phrase, re.I)
    if last and last[1].lower() not in ("week", "month", "year"):
        phrase, direction = last[1], "past"
    data = (
        _parser(direction).get_date_data(phrase, date_formats=None)
        if published is None
        else _parse_relative(phrase, base, direction)
    )
    if data is None or data.date_obj is None:
        return (
            kind,
            None,
            "unknown",
            "publication" if published else "absolute",
            note or "not resolved",
        )
    value, gran = _format(data.date_obj, data.period)
    anchor = "absolute" if has_year and not _WEEKDAY.search(phrase) else "publication"
    return kind, value, gran, anchor, note


def _parse_relative(phrase: str, base: dt.datetime, direction: str) -> Any:
    from dateparser.date import DateDataParser

    parser = DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": direction,
            "PREFER_DAY_OF_MONTH": "first",
        },
    )
    return parser.get_date_data(phrase)


def tag_times(items: Sequence[AnnotatedArticle]) -> list[TimeValue]:
    """Every DATE/TIME expression in ``items``, resolved against its article's date."""
    out: list[TimeValue] = []
    for item in items:
        published = item.article.published
        for ent in item.doc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            ent_text = ent.text
            # spaCy sometimes runs a date into what follows ("July, days"): cut at a comma.
            cut = ent_text.find(",")
            end = ent.end_char if cut < 0 or _YEAR.search(ent_text[cut:]) else ent.start_char + cut
            text = item.article.text[ent.start_char : end]
            kind, value, gran, anchor, note = resolve(text, published, tense_direction(ent))
            out.append(
                TimeValue(
                    span=Span(item.article.id, ent.start_char, end),
                    text=text,
                    type=kind,  # type: ignore[arg-type]
                    value=value,
                    granularity=gran,
                    anchor=anchor,  # type: ignore[arg-type]
                    note=note,
                )
            )
    return out
