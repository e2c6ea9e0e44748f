"""Candidate temporal expressions from Microsoft's recognizers-text, on candidate sentences.

The recognizer (package ``recognizers-text-suite``) finds dates, times, ranges,
durations and sets and gives each a TIMEX-style value with modifiers, offline.
It costs ~10-30 ms a sentence, so it only runs on sentences that contain a
temporal word or a spaCy DATE/TIME entity (:func:`candidate_sentences`).

Its output is raw: a match (offsets into the sentence), a result type
(``datetimeV2.date``, ``…daterange``, ``…duration``, ``…set``, …), a timex and a
modifier. :mod:`storyline.time.tagger` decides what to keep and normalises the
values to TimeML.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

# Words whose presence makes a sentence worth giving to the recognizer.
TEMPORAL_WORDS = frozenset(
    re.findall(
        r"\S+",
        """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri
    sat sun today tonight yesterday tomorrow now currently recently nowadays weekend weekends
    day days daily week weeks weekly month months monthly year years yearly annual annually
    decade decades century centuries quarter quarters hour hours minute minutes second seconds
    morning mornings afternoon afternoons evening evenings night nights noon midnight dawn dusk
    spring summer autumn fall winter ago earlier later season seasons fortnight
    am pm a.m. p.m. gmt utc est edt bst cet
    thanksgiving christmas easter halloween ramadan passover hanukkah pentecost
    midday midmorning midafternoon
    """,
    )
)
_DIGITS = re.compile(r"\d")
WINDOW_MARGIN = 2


@dataclass(frozen=True, slots=True)
class Raw:
    """One recognizer match: ``[start, end)`` in the document, its kind, timex and modifier."""

    start: int
    end: int
    kind: str
    timex: str
    mod: str
    values: tuple[str, ...]


@functools.cache
def _model() -> Any:
    from recognizers_date_time import Culture, DateTimeRecognizer

    _fast_compiled_patterns()
    return DateTimeRecognizer(Culture.English).get_datetime_model()


def _fast_compiled_patterns() -> None:
    """The recognizer calls ``regex.finditer(pattern, text)`` with patterns it compiled
    already, over half a million times a hundred articles; each call looks up the
    locale before ``regex`` notices the pattern is compiled and hands it back. This
    hands a compiled pattern (no flags, no named lists) back at once, which is what
    ``regex`` itself returns for it, and cuts the tagging time by about a third."""
    import inspect

    import regex._main as regex_main

    original = getattr(regex_main, "_compile", None)
    if original is None or getattr(original, "storyline_fast", False):
        return
    expected = ["pattern", "flags", "ignore_unused", "kwargs", "cache_it"]
    if list(inspect.signature(original).parameters) != expected:
        return  # another regex release: leave it as it is (slower, same results)
    compiled = regex_main.Pattern

    def fast(pattern: Any, flags: int, ignore_unused: bool, kwargs: Any, cache_it: bool) -> Any:
        if type(pattern) is compiled and not flags and not kwargs:
            return pattern
        return original(pattern, flags, ignore_unused, kwargs, cache_it)

    fast.storyline_fast = True  # type: ignore[attr-defined]
    regex_main._compile = fast


# Words that are temporal only when capitalised ("May", "March") or only rarely ("second").
_WEAK = frozenset({"may", "march", "fall", "spring", "second", "sun", "sat", "wed", "mon", "est"})
# Numbers that may be dates or times by themselves: years, 3/14/2016, 10:30, 14th.
_DATE_NUMBER = re.compile(
    r"^(?:1[0-9]\d\d|20\d\d|\d{1,4}[/.:-]\d{1,2}(?:[/.:-]\d{1,4})?|\d{1,2}(?:st|nd|rd|th))$"
)


def _is_anchor(tok: Any) -> bool:
    low = tok.lower_.rstrip(".")  # "Aug.", "Sept."
    if low in TEMPORAL_WORDS:
        return low not in _WEAK or (tok.text[:1].isupper() and tok.pos_ == "PROPN")
    return tok.ent_type_ in ("DATE", "TIME") or bool(_DATE_NUMBER.match(tok.text))


def candidate_windows(doc: Any, margin: int = WINDOW_MARGIN) -> list[Any]:
    """The stretches of ``doc`` that may hold a temporal expression: ``margin`` tokens
    either side of every temporal word, number or DATE/TIME entity token, merged, and
    never across a sentence boundary. The recognizer's cost grows with the length of
    what it reads, so it reads only these."""
    out = []
    for sent in doc.sents:
        lo = hi = -1
        for tok in sent:
            if not _is_anchor(tok):
                continue
            a, b = max(sent.start, tok.i - margin), min(sent.end, tok.i + margin + 1)
            if lo >= 0 and a <= hi:
                hi = max(hi, b)
                continue
            if lo >= 0:
                out.append(doc[lo:hi])
            lo, hi = a, b
        if lo >= 0:
            out.append(doc[lo:hi])
    return out


# "early"/"late"/"mid" before a date confuse the recognizer ("early Thursday morning"
# comes back as just "morning"): they are blanked out (offsets kept) and the tagger takes
# them back into the extent, as the modifier START/END/MID.
_PREMODIFIER = re.compile(r"\b(?:early|late|mid)(?=[\s-])", re.I)


def _realign(lowered: str, found: str, start: int) -> int | None:
    """Where the match ``found`` really starts: the recognizer's offsets drift after
    some characters it normalises, so the match text is looked up near its offset."""
    if lowered[start : start + len(found)] == found:
        return start
    hits = [m.start() for m in re.finditer(re.escape(found), lowered)]
    return min(hits, key=lambda h: abs(h - start)) if hits else None


def recognize(text: str, offset: int, reference: dt.datetime) -> list[Raw]:
    """Recognizer matches in ``text`` (which starts at ``offset`` in its document)."""
    stripped = text.lstrip()  # the recognizer miscounts offsets after leading space
    offset += len(text) - len(stripped)
    return [
        Raw(offset + r.start, offset + r.end, r.kind, r.timex, r.mod, r.values)
        for r in _recognize(stripped, reference)
    ]


@functools.lru_cache(maxsize=50_000)
def _recognize(text: str, reference: dt.datetime) -> tuple[Raw, ...]:
    """The recognizer's matches in ``text``, offsets from its start; cached, because the
    same stretch of text is read again when a brief is rebuilt or an article of unknown
    date is tagged twice (to infer its date, then against it)."""
    out = []
    masked = _PREMODIFIER.sub(lambda m: "_" * len(m[0]), text)
    lowered = masked.lower()
    for r in _model().parse(masked, reference):
        start = _realign(lowered, r.text, r.start)
        if start is None:
            continue
        values = r.resolution.get("values") or [] if r.resolution else []
        if not values:
            continue
        first = values[0]
        timex = first.get("timex", "")
        mod = first.get("Mod", "") or ""
        resolved = tuple(str(v.get("value") or v.get("start") or "") for v in values)
        kind = r.type_name.rsplit(".", 1)[-1]
        out.append(Raw(start, start + len(r.text), kind, timex, mod, resolved))
    return tuple(out)
