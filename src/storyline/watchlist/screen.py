"""Screening: which resolved entities are which watchlist entries.

A :class:`ScreeningIndex` is built once per list. It keys every listed name (primary
name, aliases, weak aliases; "SURNAME, Given" turned around) by the transliteration
skeleton of each of its parts, the skeleton of the part's plain reading (silent "h",
"w" for a vowel, "g" for "q", soft "c":
:func:`storyline.watchlist.match.plain_reading`), of its readings as an Indonesian
spelling from before 1972 ("Mochtar" is found by "Mokhtar") and of X in "X ud-Din"
("Sirajuddin" by "Siraj"), and the skeletons of adjacent parts written joined ("Abd
al-Rahman" is found by "Abdelrahman", "El Sheikh" by "Elsheikh"). An entity's names
are looked up part by part; a listed name is a candidate when it shares two parts
with the entity's name (or one part whose keys are rare on the list), so an entity
is compared with a handful of names, never the whole list. Candidates are ranked by
a cheap rapidfuzz ratio of skeleton strings, and the best few are scored by the name
matcher (:mod:`storyline.watchlist.match`).

The match score adds the context the articles give to the name probability (in
log-odds, so a strong name match stays strong): the entity's nationality agreeing
with the entry's (+0.5) or contradicting it (-1.5), a role the articles give the
entity appearing in the entry's designations (+0.5), a weak alias (-0.5). A
person must be named by at least two parts (a surname alone never matches).
Each match keeps its score, the listed name it matched and these features.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from rapidfuzz import fuzz

from storyline.entities.names import clean_name, fold, skeleton_token
from storyline.model import Entity, WatchlistEntry, WatchlistMatch
from storyline.watchlist.match import (
    compare,
    din_stem,
    malay_readings,
    plain_reading,
    prepare,
)

# Screening news entities wants fewer false alarms than the name bench's F1-optimal
# threshold (NAME_THRESHOLD) gives; benchmarks/screening.py reports recall at both.
DEFAULT_THRESHOLD = 0.7
_TYPES = {"PERSON": "person", "ORG": "organization"}
_SKIP = frozenset({"al", "el", "bin", "ibn", "bn", "bint", "ould", "ul", "ur", "ud", "abu", "de",
                   "la", "the", "of", "and", "von", "van"})  # fmt: skip
_EMPTY: frozenset[int] = frozenset()
_NO_CODES: frozenset[str] = frozenset()
_NO_POSTINGS: dict[str, tuple[int, ...] | frozenset[int]] = {}
_LOOSE_LETTERS = frozenset("hwgc")  # the letters plain_reading can change
_APOSTROPHE = re.compile(r"(?<=\w)['\u2019\u2018`\u02bc\u02bb](?=\w)")  # "Ba'asyir"
BIG = 64  # postings of this many listed names or more are kept as sets
RARE = 40  # a part whose skeleton names fewer listed names than this is enough for a candidate
TOP = 3  # candidates scored in full per entity name
GATE = 60.0  # least rapidfuzz ratio of part skeletons for a candidate to be scored in full
WEAK_GATE = 75.0  # the same for a candidate that shares only one (rare) part
NATIONALITY_AGREES, NATIONALITY_CONFLICTS, ROLE_AGREES, WEAK_ALIAS = 0.5, -1.5, 0.5, -0.5


@lru_cache(maxsize=262_144)
def _words(name: str) -> tuple[str, ...]:
    return tuple(fold(_APOSTROPHE.sub("", name)).split())


@lru_cache(maxsize=262_144)
def _keys(name: str) -> tuple[str, ...]:
    """Skeletons of the name's parts (particles and single letters aside)."""
    parts = [t for t in _words(name) if len(t) > 1 and t not in _SKIP]
    return tuple(dict.fromkeys(skeleton_token(t) for t in parts))


@lru_cache(maxsize=262_144)
def _part_keys(word: str) -> tuple[str, ...]:
    """A part's skeleton and the skeletons of its plain reading (silent "h", "w" for a
    vowel, "g" for "q", soft "c": :func:`storyline.watchlist.match.plain_reading`), of
    its old Indonesian readings and of the X of "X ud-Din"."""
    strict = skeleton_token(word)
    keys = [strict]
    if _LOOSE_LETTERS.intersection(word):
        keys.append(skeleton_token(plain_reading(word)))
    # "Mochammad", "Ba'asyir": Indonesian spellings before 1972
    keys.extend(skeleton_token(r) for r in malay_readings(word))
    if stem := din_stem(word):  # "Sirajuddin" is found by "Siraj"
        keys.append(skeleton_token(stem))
    return tuple(dict.fromkeys(keys))


@lru_cache(maxsize=262_144)
def _groups(name: str) -> tuple[tuple[str, ...], ...]:
    """The keys a name is found by, one group per part (its skeleton and that of its plain
    reading) and one per two adjacent parts written joined, with any particle between
    them or without ("Abd al-Rahman": "abdlrhmn", "abdrhmn"). Tuples, not sets: the
    cache keeps them, and tuples of strings cost the garbage collector nothing."""
    words = _words(name)
    content = [k for k, t in enumerate(words) if len(t) > 1 and t not in _SKIP]
    groups = []
    for k in content:  # "El Sheikh" is found as "Elsheikh" too
        keys = _part_keys(words[k])
        if k > 0 and words[k - 1] in _SKIP:
            keys = (*keys, skeleton_token(words[k - 1] + words[k]))
        groups.append(tuple(dict.fromkeys(keys)))
    for a, b in pairwise(content):
        first = words[a]
        joined = [skeleton_token(first + words[b])]
        if b > a + 1:  # with the particle between them too
            joined.append(skeleton_token("".join(words[a : b + 1])))
        if first.endswith(("ul", "al", "el")):  # "Abdul Rahim" / "Abdurrahim"
            joined.append(skeleton_token(first[:-1] + words[b]))
        groups.append(tuple(dict.fromkeys(joined)))
    return tuple(dict.fromkeys(groups))


def _listed_form(name: str, person: bool) -> str:
    if person and name.count(",") == 1:
        last, first = name.split(",")
        return f"{first.strip()} {last.strip()}"
    return name


@dataclass
class ScreeningIndex:
    """Listed names of ``entries`` keyed by part skeletons (see module docstring)."""

    entries: Sequence[WatchlistEntry]
    # entry, name, weak alias, part skeletons sorted and in order without spaces, the
    # number of spaces in the sorted skeletons
    names: list[tuple[int, str, bool, str, str, int]] = field(default_factory=list)
    # tuples, not sets: tuples of ints are left alone by the garbage collector, and tens
    # of thousands of sets made every full collection during screening slow. The few
    # keys that name many listed names (BIG or more) are frozensets, so that a set
    # operation with them costs the size of the other operand, not theirs.
    # keyed by party ("person", "organization"), then by key
    postings: dict[str, dict[str, tuple[int, ...] | frozenset[int]]] = field(default_factory=dict)
    _codes: dict[int, frozenset[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        postings: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for i, entry in enumerate(self.entries):
            person = entry.type == "person"
            listed = [(n, False) for n in (entry.name, *entry.aliases)]
            listed += [(n, True) for n in entry.weak_aliases]
            for name, weak in dict.fromkeys(listed):
                form = _listed_form(name, person)
                keys = _keys(form)
                if not keys or (person and len(keys) < 2):
                    continue
                k = len(self.names)
                self.names.append(
                    (i, form, weak, " ".join(sorted(keys)), "".join(keys), len(keys) - 1)
                )
                for key in set().union(*_groups.__wrapped__(form)):  # not kept in the cache
                    postings[entry.type][key].append(k)
        self.postings = {
            party: {key: frozenset(v) if len(v) >= BIG else tuple(v) for key, v in keyed.items()}
            for party, keyed in postings.items()
        }
        country_code("Iran")  # load the territory names now, not during the first screen

    def nationality_codes(self, i: int) -> frozenset[str]:
        if i not in self._codes:
            entry = self.entries[i]
            places = entry.nationalities or tuple(p.split(",")[-1] for p in entry.birth_places)
            self._codes[i] = frozenset(filter(None, (country_code(p) for p in places)))
        return self._codes[i]

    def _found(self, party: str, group: tuple[str, ...]) -> frozenset[int]:
        """Listed names with any key of ``group``."""
        keyed = self.postings.get(party, _NO_POSTINGS)
        hits = [h for key in group if (h := keyed.get(key))]
        if len(hits) < 2:
            return (h if isinstance(h := hits[0], frozenset) else frozenset(h)) if hits else _EMPTY
        return frozenset().union(*hits)

    def candidates(self, party: str, name: str) -> list[int]:
        """Listed names sharing two parts (or one rare part) with ``name``, the closest
        ``TOP`` by a ratio of their part skeletons, sorted or else in order without
        spaces (at least ``GATE``)."""
        keys, groups = _keys(name), _groups(name)
        lists = sorted((self._found(party, g) for g in groups), key=len)
        strong: set[int] = set()  # sharing two parts (or the only part)
        weak: set[int] = set()  # sharing one rare part
        for x, a in enumerate(lists):
            if not a:
                continue
            if len(groups) == 1:
                strong.update(a)
            elif len(a) < RARE:
                weak.update(a)
            for b in lists[x + 1 :]:
                strong.update(a & b)
        if not strong and not weak:
            return []
        query, joined, spaces = " ".join(sorted(keys)), "".join(keys), len(keys) - 1
        scored = []
        for k in strong | weak:
            gate = GATE if k in strong else WEAK_GATE
            listed = self.names[k]
            ratio = fuzz.ratio(query, listed[3], score_cutoff=gate)
            if not ratio and listed[5] != spaces:
                # parts joined or split otherwise sort apart: compare them in order
                ratio = fuzz.ratio(joined, listed[4], score_cutoff=gate)
            if ratio >= gate:
                scored.append((-ratio, k))
        scored.sort()
        return sorted(k for _, k in scored[:TOP])


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO 3166 code of a country, demonym or capital ("Iranian", "Tehran" → "ir")."""
    from rigour.territories import lookup_territory

    text = text.strip()
    if not text:
        return None
    territory = lookup_territory(text)
    if territory is None:
        return None
    while territory.parent is not None and not territory.is_country:
        territory = territory.parent
    return str(territory.code)


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def screen(
    entities: Sequence[Entity],
    entries: Sequence[WatchlistEntry] | ScreeningIndex,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[WatchlistMatch]:
    """The best match at or above ``threshold`` for each entity that has one, best first."""
    index = entries if isinstance(entries, ScreeningIndex) else ScreeningIndex(entries)
    matches: list[WatchlistMatch] = []
    for ent in entities:
        party = _TYPES.get(ent.type)
        if party is None:
            continue
        person = party == "person"
        forms = []
        for f in (ent.name, *ent.aliases):
            form = clean_name(f, person=person)
            if form and (not person or len(_keys(form)) >= 2) and form not in forms:
                forms.append(form)
        best: WatchlistMatch | None = None
        for form in forms:
            found = index.candidates(party, form)
            # Names are analysed afresh here, not through prepare's cache: an analysed name
            # is some thirty objects (rigour's parts, symbols, spans), and kept in a cache
            # they pile up until a full garbage collection walks the whole process, which
            # costs more than analysing the few names a screen compares again (measured in
            # docs/benchmarks.md); analysed and dropped, they die young.
            analyse = prepare.__wrapped__
            query = analyse(form, person) if found else None
            if query is None:
                continue
            for k in found:
                i, listed, weak = index.names[k][:3]
                target = analyse(listed, person)
                if target is None:
                    continue
                if min(len(query.tokens), len(target.tokens)) == 1 and (
                        query.compact != target.compact):  # fmt: skip
                    continue  # a one-word name matches only itself
                name_p, feats = compare(query, target)
                z = _logit(name_p)
                context: dict[str, float | str] = {"name_score": round(name_p, 4)}
                codes = index.nationality_codes(i) if ent.nationalities else _NO_CODES
                if codes:
                    agrees = bool(codes & set(ent.nationalities))
                    z += NATIONALITY_AGREES if agrees else NATIONALITY_CONFLICTS
                    context["nationality"] = "agrees" if agrees else "conflicts"
                entry = index.entries[i]
                roles = []
                if ent.roles:
                    positions = f" {fold(' '.join(entry.positions))} "
                    roles = [r for r in ent.roles if f" {fold(r)} " in positions]
                if roles:
                    z += ROLE_AGREES
                    context["role"] = ", ".join(roles)
                if weak:
                    z += WEAK_ALIAS
                    context["weak_alias"] = 1.0
                score = 1 / (1 + math.exp(-z))
                if score >= threshold and (best is None or score > best.score):
                    best = WatchlistMatch(
                        ent.id, entry.id, round(score, 4), listed,
                        {**{k: round(v, 4) for k, v in feats.items()}, **context,
                         "entity_name": form, "threshold": threshold},
                    )  # fmt: skip
        if best is not None:
            matches.append(best)
    matches.sort(key=lambda m: (-m.score, m.entity))
    return matches
