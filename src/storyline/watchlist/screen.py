"""Screening: which resolved entities are which watchlist entries.

Names are compared in two forms — folded (case, accents, punctuation) and as
transliteration skeletons (:func:`storyline.entities.names.skeleton`) — with
rapidfuzz, and the better score counts. A person must be named by at least two
name parts on both sides (a surname alone never matches). "SURNAME, Given"
list spellings are turned around first. Candidates come from an index keyed by
each name part's skeleton, so an entity is compared only with entries that
share a name part with it: no full cross product.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz

from storyline.entities.names import clean_name, fold, skeleton
from storyline.model import Entity, WatchlistEntry, WatchlistMatch

DEFAULT_THRESHOLD = 0.88
_TYPES = {"PERSON": "person", "ORG": "organization"}


def _list_names(entry: WatchlistEntry) -> list[str]:
    names = []
    for n in (entry.name, *entry.aliases):
        if "," in n:
            last, _, first = n.partition(",")
            n = f"{first.strip()} {last.strip()}"
        names.append(n)
    return names


def _score(a: str, b: str) -> tuple[float, dict[str, float | str]]:
    fa, fb = fold(a), fold(b)
    sa, sb = skeleton(a), skeleton(b)
    folded = fuzz.token_sort_ratio(fa, fb) / 100
    skel = fuzz.token_sort_ratio(sa, sb) / 100
    # a middle name on one side only ("Vakhtan Ilyarovich Orzhelyev") should not count against
    subset = (
        fuzz.token_set_ratio(sa, sb) / 100 if min(len(sa.split()), len(sb.split())) >= 2 else 0.0
    )
    score = max(folded, skel, subset * 0.97)
    return score, {"folded_ratio": round(folded, 3), "skeleton_ratio": round(skel, 3),
                   "skeleton_subset_ratio": round(subset, 3)}  # fmt: skip


def screen(
    entities: Sequence[Entity],
    entries: Sequence[WatchlistEntry],
    threshold: float = DEFAULT_THRESHOLD,
) -> list[WatchlistMatch]:
    """Matches at or above ``threshold``, best first per entity."""
    index: dict[tuple[str, str], set[int]] = defaultdict(set)
    names_of = [_list_names(e) for e in entries]
    for i, (entry, names) in enumerate(zip(entries, names_of, strict=True)):
        for n in names:
            for part in skeleton(n).split():
                index[(entry.type, part)].add(i)
    matches: list[WatchlistMatch] = []
    for ent in entities:
        etype = _TYPES.get(ent.type)
        if etype is None:
            continue
        forms = [f for f in (ent.name, *ent.aliases) if etype != "person" or " " in clean_name(f)]
        candidates = {
            i for f in forms for part in skeleton(f).split() for i in index[(etype, part)]
        }
        best: WatchlistMatch | None = None
        for i in sorted(candidates):
            for form in forms:
                for listed in names_of[i]:
                    if etype == "person" and len(listed.split()) < 2:
                        continue
                    score, features = _score(clean_name(form), listed)
                    if score >= threshold and (best is None or score > best.score):
                        best = WatchlistMatch(ent.id, entries[i].id, round(score, 3), listed,
                                              {**features, "entity_name": form})  # fmt: skip
        if best is not None:
            matches.append(best)
    matches.sort(key=lambda m: (-m.score, m.entity))
    return matches
