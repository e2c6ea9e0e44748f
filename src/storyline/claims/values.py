"""The values a mention states about its event, read from the parse of its sentence.

* **ordinal** — "second trip", "third visit", "for the third time"; "again" /
  "once again" says only "not the first". A "since …" attached to the trigger
  ("second trip to Moscow since July") qualifies the count: only ordinals with
  the same qualifier are compared.
* **count** — a number attached to a noun in the trigger's phrase ("killed 15
  people", "at least 500 Americans"), keyed by that noun, with its hedge ("at
  least", "about", "more than", "up to") turned into an interval.
* **duration** — a number of days, weeks, hours… ("a two-day trip", "after one
  day", "three-day visit").

Values are compared by :func:`compatible`: two counts agree when their
intervals meet; two ordinals when they are equal (or one is "again" and the
other is not "first").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100,
    "dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000,
}  # fmt: skip
UNITS = {"minute", "hour", "day", "night", "week", "month", "year"}
_LOWER = {"at least": 1.0, "more than": 1.0, "over": 1.0, "upwards of": 1.0}
_UPPER = {"up to": 1.0, "less than": 1.0, "fewer than": 1.0, "under": 1.0, "at most": 1.0}
_ROUGH = {"about", "around", "some", "nearly", "almost", "approximately", "roughly", "few"}
_ORDINAL_SUFFIX = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


@dataclass(frozen=True, slots=True)
class Value:
    """One stated value: ``attribute``, a ``key`` saying what is counted, the
    value's text as a reader sees it, and its numeric interval ``[low, high]``."""

    attribute: str  # "ordinal" | "count" | "duration"
    key: str
    text: str
    low: float
    high: float
    start: int  # character offsets of the evidence (the phrase stating the value)
    end: int


def compatible(a: Value, b: Value) -> bool:
    """Whether two values of the same attribute and key can both be true."""
    return a.low <= b.high and b.low <= a.high


def _number(tok: Any) -> float | None:
    text = tok.lower_.replace(",", "")
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    try:
        return float(text)
    except ValueError:
        return None


def _hedge(tok: Any, value: float) -> tuple[float, float, str]:
    """The interval a hedged number stands for, and the hedge's words."""
    doc = tok.doc
    before = " ".join(t.lower_ for t in doc[max(tok.sent.start, tok.i - 2) : tok.i])
    for phrase in _LOWER:
        if before.endswith(phrase):
            return value, float("inf"), phrase
    for phrase in _UPPER:
        if before.endswith(phrase):
            return 0.0, value, phrase
    prev = doc[tok.i - 1].lower_ if tok.i > tok.sent.start else ""
    if prev in _ROUGH or tok.lower_ in ("dozens", "hundreds", "thousands"):
        return value * 0.5, value * 2.0, prev
    return value, value, ""


def _phrase(tokens: list[Any]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _ordinal_of(tok: Any) -> int | None:
    word = tok.lower_
    if word in ORDINALS:
        return ORDINALS[word]
    m = _ORDINAL_SUFFIX.match(word)
    return int(m.group(1)) if m else None


# Nouns that count the same thing: "his second trip" and "his third visit" disagree.
ORDINAL_NOUNS = {"visit": "trip", "journey": "trip", "travel": "trip"}


def _since(trigger: Any) -> str:
    for c in trigger.children:
        if c.lower_ == "since":
            return " ".join(t.text for t in c.subtree)
    return ""


def ordinals(trigger: Any) -> list[Value]:
    """Ordinal values stated of the event named by ``trigger`` (a spaCy token)."""
    out = []
    qualifier = _since(trigger)
    lemma = trigger.lemma_.lower()
    key = f"{ORDINAL_NOUNS.get(lemma, lemma)} {qualifier}".strip()
    for c in trigger.children:
        n = _ordinal_of(c) if c.dep_ in ("amod", "nummod", "advmod", "npadvmod") else None
        if n is not None:
            a, b = _phrase([c, trigger] if c.i < trigger.i else [trigger, c])
            out.append(Value("ordinal", key, f"{c.lower_} {trigger.lower_}", n, n, a, b))
        # "for the third time", "the second time"
        time_nouns = [c] if c.lemma_.lower() == "time" else []
        if c.dep_ == "prep":
            time_nouns += [g for g in c.children if g.lemma_.lower() == "time"]
        for noun in time_nouns:
            for g in noun.children:
                n = _ordinal_of(g)
                if n is not None:
                    toks = sorted(noun.subtree, key=lambda t: t.i)
                    a, b = _phrase(toks)
                    out.append(Value("ordinal", key, " ".join(t.lower_ for t in toks), n, n, a, b))
        if c.lower_ == "again" and c.dep_ == "advmod":
            a, b = _phrase([c])
            out.append(Value("ordinal", key, "again", 2, float("inf"), a, b))
    return out


_REPORTING = {"say", "tell", "confirm", "report", "add", "note", "claim", "state", "allege"}


def _sources(noun: Any) -> bool:
    """Whether ``noun`` counts the sources of a report, not a part of what happened:
    "according to three officials", "two officials said", "citing four diplomats"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    if noun.dep_ == "nsubj" and head.lemma_.lower() in _REPORTING:
        return True
    return noun.dep_ == "dobj" and head.lemma_.lower() == "cite"


def quantities(trigger: Any, lo: int, hi: int) -> list[Value]:
    """Counts and durations in the trigger's phrase (tokens within ``[lo, hi)`` chars)."""
    out = []
    for tok in trigger.subtree:
        if not lo <= tok.idx < hi or tok.dep_ != "nummod":
            continue
        value = _number(tok)
        if value is None or (tok.ent_type_ == "DATE" and tok.head.lemma_.lower() not in UNITS):
            continue
        head = tok.head
        noun = head.lemma_.lower()
        if 1800 <= value <= 2100 and tok.like_num and not tok.lower_.isalpha():
            continue  # a year
        low, high, hedge = _hedge(tok, value)
        words = list(tok.doc[tok.i - len(hedge.split()) : tok.i]) if hedge else []
        a, b = _phrase([*words, tok, head] if head.i > tok.i else [head, tok])
        shown = tok.doc.text[a:b]
        if noun in UNITS:
            out.append(Value("duration", noun, shown, low, high, a, b))
        elif head.pos_ in ("NOUN", "PROPN") and not _sources(head):
            out.append(Value("count", noun, shown, low, high, a, b))
    return out
