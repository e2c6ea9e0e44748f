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
from collections.abc import Iterable, Iterator
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
    found = _ready.get((stripped, reference))
    if found is None:
        found = _recognize(stripped, reference)
    return [Raw(offset + r.start, offset + r.end, r.kind, r.timex, r.mod, r.values) for r in found]


Job = tuple[str, dt.datetime]
# Matches read ahead by a :class:`ReadAhead` in worker processes, while it is open:
# (text as given to the recognizer, reference) → the recognizer's matches.
_ready: dict[Job, tuple[Raw, ...]] = {}
# Below this many texts to read, starting worker processes (~1.5 s: an interpreter and the
# recognizer's model each) costs more than it saves; the recognizer reads ~50 texts a second.
MIN_PARALLEL_JOBS = 300
# Texts a worker takes at a time.
_CHUNK = 16


def job(text: str, reference: dt.datetime) -> Job:
    """What :func:`recognize` hands the recognizer for ``text``: its key in the caches."""
    return text.lstrip(), reference


def default_workers() -> int:
    """Worker processes for a :class:`ReadAhead`: one per core this process may use, at most
    4. The recognizer is pure Python, so threads could not run it side by side."""
    import os

    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


class ReadAhead:
    """The recognizer run over texts in worker processes, ahead of the :func:`recognize`
    calls that will ask for them, while the caller does other work.

    :meth:`submit` hands texts to the workers and returns at once; :meth:`wait` gathers
    what they found, for :func:`recognize` to serve until :meth:`close`. The matches are
    the recognizer's own, for the same text and reference (it is a pure function of the
    two), so the output is what it would be without this; only where and when the work is
    done changes. With one worker, or when fewer than :data:`MIN_PARALLEL_JOBS` texts come
    before the workers have started, nothing runs ahead and :func:`recognize` reads each
    text when asked, as it always did.
    """

    def __init__(self, workers: int | None = None) -> None:
        self.workers = default_workers() if workers is None else workers
        self.read = 0  # texts read ahead so far
        self._pool: Any = None
        self._pending: list[tuple[list[Job], Iterator[tuple[Raw, ...]]]] = []
        self._queued: set[Job] = set()

    def submit(self, jobs: Iterable[Job]) -> int:
        """Start reading ``jobs`` (those not read or queued already); how many were queued."""
        todo = [j for j in dict.fromkeys(jobs) if j not in _ready and j not in self._queued]
        if self.workers < 2 or not todo:
            return 0
        if self._pool is None:
            if len(todo) < MIN_PARALLEL_JOBS:
                return 0
            import multiprocessing

            # fresh interpreters, not forks: the caller may be a threaded server
            context = multiprocessing.get_context("spawn")
            self._pool = context.Pool(self.workers, initializer=_model)
        self._pending.append((todo, self._pool.imap(_work, todo, chunksize=_CHUNK)))
        self._queued.update(todo)
        return len(todo)

    def wait(self) -> None:
        """Gather everything submitted so far (blocks until the workers have read it)."""
        for todo, results in self._pending:
            for key, found in zip(todo, results, strict=True):
                _ready[key] = found
                self.read += 1
        self._pending = []

    def close(self) -> None:
        """Stop the workers and forget the matches read ahead."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        for key in self._queued:
            _ready.pop(key, None)
        self._queued = set()
        self._pending = []

    def __enter__(self) -> ReadAhead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _work(key: Job) -> tuple[Raw, ...]:
    return _recognize(*key)


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
