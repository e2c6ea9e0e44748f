"""Name matching: how likely two names are to name the same person or organisation.

Built on rigour (name analysis: tokenising, person prefixes, organisation legal
forms, name symbols that pair "Qasim"/"Qasem" or "Ted"/"Theodore", ICU
transliteration of other scripts) and rapidfuzz (edit distances), plus
storyline's transliteration skeletons (:mod:`storyline.entities.names`).

:func:`compare` aligns the name parts of both sides one to one (best pairs
first; a part pairs with another by rigour symbol, equal skeleton or edit
similarity), measures the alignment (:data:`FEATURES`) and turns the features
into a probability with a logistic model (:data:`WEIGHTS`). The weights were
fitted by ``benchmarks/screening.py --fit`` on the training half of the
nomenklatura name bench (cases whose ``sha256(schema|name1|name2)`` is even),
and :data:`NAME_THRESHOLD` is the threshold that maximised F1 there; the
benchmark reports the other half separately.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler, Levenshtein

from storyline.entities.names import skeleton_token

_VOWELS = re.compile(r"[aeiouy]+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_STOP_WEIGHT = 0.3
_LEGAL_WEIGHT = 0.4

# Feature names, in the order of the weight vector (person interactions follow).
FEATURES = (
    "cover_q",  # weighted share of the first name's parts aligned (times their similarity)
    "cover_r",  # the same for the second name
    "cover_min",
    "cover_max",
    "worst",  # the weakest aligned content part of the shorter name (0 if one is unaligned)
    "extra_long",  # content parts of the longer name left unaligned (capped at 3)
    "sort_ratio",  # rapidfuzz token_sort_ratio of the comparable forms
    "compact_ratio",  # ratio of the names with spaces removed (joined/split words)
    "joined",  # 1 when the names are equal but for spacing
    "acronym",  # 1 when one side is the initials of the other
    "legal_mismatch",  # both organisations carry legal forms and none is shared
    "single",  # one side is a single part
    "near_miss",  # aligned content parts that are similar but not alike (0.5..0.85)
    "cross_script",  # the names were written in different scripts
)

# Logistic weights fitted by `benchmarks/screening.py --fit` (see module docstring).
WEIGHTS: dict[str, float] = {
    "cover_q": 0.2264, "cover_r": 0.6231, "cover_min": 0.2598, "cover_max": 0.5897,
    "worst": 1.9691, "extra_long": -0.6325, "sort_ratio": 0.1273, "compact_ratio": 0.136,
    "joined": 1.3711, "acronym": -0.0117, "legal_mismatch": -0.4679, "single": 0.096,
    "near_miss": -0.8799, "cross_script": 0.3134, "person*cover_q": -0.2879,
    "person*cover_r": 0.0519, "person*cover_min": -0.2872, "person*cover_max": 0.0512,
    "person*worst": 1.1703, "person*extra_long": 0.2259, "person*sort_ratio": -0.1691,
    "person*compact_ratio": -0.1486, "person*joined": 0.4206, "person*acronym": -0.0117,
    "person*legal_mismatch": 0.0, "person*single": -0.2586, "person*near_miss": -0.6042,
    "person*cross_script": 0.3134, "person": -0.2248, "bias": -2.0829,
}  # fmt: skip
NAME_THRESHOLD = 0.403


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name analysed once for comparison."""

    original: str
    person: bool
    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    legal: frozenset[str]
    compact: str
    sorted_text: str
    initials: str
    latin: bool
    indices: tuple[int, ...]  # rigour part index of each token
    analysed: Any  # rigour.names.Name, for symbol pairing

    @property
    def content(self) -> tuple[str, ...]:
        return tuple(t for t, w in zip(self.tokens, self.weights, strict=True) if w == 1.0)


def _comparable(part: Any) -> str:
    if part.latinize or part.ascii:
        return str(part.comparable)
    from rigour.text import ascii_text  # ICU, slow: only for scripts rigour does not latinise

    return _NON_ALNUM.sub("", ascii_text(part.form).lower())


@lru_cache(maxsize=262_144)
def prepare(name: str, person: bool) -> NameForm | None:
    """Analyse ``name`` (a person's or an organisation's); ``None`` if nothing is left.

    "SURNAME, Given" is turned around for people; legal forms ("Aktiengesellschaft",
    "L.L.C.") are reduced to rigour's comparable codes and weigh less; particles
    ("al", "bin", "of") weigh less.
    """
    from rigour.names import NamePartTag, NameTypeTag, analyze_names

    text = name.strip()
    if person and text.count(",") == 1:
        last, first = text.split(",")
        text = f"{first.strip()} {last.strip()}"
    names = analyze_names(NameTypeTag.PER if person else NameTypeTag.ORG, [text])
    if not names:
        return None
    analysed = max(names, key=lambda n: (len(n.parts), n.form))
    tokens, weights, legal, indices = [], [], set(), []
    for p in analysed.parts:
        tok = _comparable(p)
        if not tok:
            continue
        tokens.append(tok)
        indices.append(p.index)
        if p.tag == NamePartTag.STOP:
            weights.append(_STOP_WEIGHT)
        elif p.tag == NamePartTag.LEGAL:
            weights.append(_LEGAL_WEIGHT)
            legal.add(tok)
        else:
            weights.append(1.0)
    if not tokens:
        return None
    return NameForm(
        original=name,
        person=person,
        tokens=tuple(tokens),
        weights=tuple(weights),
        legal=frozenset(legal),
        compact="".join(tokens),
        sorted_text=" ".join(sorted(tokens)),
        initials="".join(t[0] for t, w in zip(tokens, weights, strict=True) if w != _STOP_WEIGHT),
        latin=all(p.latinize or p.ascii for p in analysed.parts),
        indices=tuple(indices),
        analysed=analysed,
    )


@lru_cache(maxsize=262_144)
def token_similarity(a: str, b: str) -> float:
    """Similarity of two name parts, 0..1: the best of edit similarity, Jaro-Winkler
    (less 0.1) and transliteration skeletons (equal skeleton and as many vowel groups:
    0.9; equal skeleton only: 0.8)."""
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:  # an initial: compatible or not
        return 0.85 if a[0] == b[0] else 0.0
    sim = max(Levenshtein.normalized_similarity(a, b), JaroWinkler.similarity(a, b) - 0.1)
    if sim < 0.9 and a.isalpha() and b.isalpha() and skeleton_token(a) == skeleton_token(b):
        same_groups = len(_VOWELS.findall(a)) == len(_VOWELS.findall(b))
        sim = max(sim, 0.9 if same_groups else 0.8)
    return sim


def _symbol_pairs(a: NameForm, b: NameForm) -> list[dict[tuple[int, int], float]]:
    """Rigour's symbol pairings (name-equivalence classes, nicknames, legal forms) as
    part-index pairs with a similarity, one dict per alternative pairing."""
    from rigour.names import SymbolCategory, pair_symbols

    scores = {
        SymbolCategory.NAME: 0.95,
        SymbolCategory.NICK: 0.9,
        SymbolCategory.INITIAL: 0.75,
        SymbolCategory.PHONETIC: 0.85,
    }
    out = []
    for edges in pair_symbols(a.analysed, b.analysed)[:6]:
        pairs: dict[tuple[int, int], float] = {}
        for e in edges:
            s = scores.get(e.symbol.category, 0.9) if e.symbol is not None else 0.9
            for p in e.qps:
                for q in e.rps:
                    pairs[(p.index, q.index)] = max(pairs.get((p.index, q.index), 0.0), s)
        out.append(pairs)
    return out or [{}]


def features(a: NameForm, b: NameForm) -> dict[str, float]:
    """The alignment features of two analysed names (see :data:`FEATURES`)."""
    base = [
        [token_similarity(x, y) if x <= y else token_similarity(y, x) for y in b.tokens]
        for x in a.tokens
    ]
    ia, ib = a.indices, b.indices
    wa, wb = sum(a.weights), sum(b.weights)
    best: tuple[float, list[tuple[float, int, int]], float, float] | None = None
    for pairs in _symbol_pairs(a, b):
        cand = []
        for i, row in enumerate(base):
            for j, s in enumerate(row):
                s = max(s, pairs.get((ia[i], ib[j]), 0.0))
                if s >= 0.5:
                    cand.append((s, i, j))
        cand.sort(key=lambda c: (-c[0], c[1], c[2]))
        used_a, used_b, aligned = set(), set(), []
        for s, i, j in cand:
            if i not in used_a and j not in used_b:
                used_a.add(i)
                used_b.add(j)
                aligned.append((s, i, j))
        cq = sum(s * a.weights[i] for s, i, _ in aligned) / wa
        cr = sum(s * b.weights[j] for s, _, j in aligned) / wb
        if best is None or cq + cr > best[2] + best[3]:
            best = (0.0, aligned, cq, cr)
    assert best is not None
    _, aligned, cq, cr = best
    a_short = len(a.tokens) <= len(b.tokens)
    short, long_ = (a, b) if a_short else (b, a)
    got_short = {(i if a_short else j): s for s, i, j in aligned}
    got_long = {(j if a_short else i) for s, i, j in aligned}
    content_short = [k for k, w in enumerate(short.weights) if w == 1.0]
    worst = min((got_short.get(k, 0.0) for k in content_short), default=1.0)
    extra_long = sum(
        1 for k, w in enumerate(long_.weights) if w == 1.0 and k not in got_long
    )  # fmt: skip
    compact = fuzz.ratio(a.compact, b.compact) / 100
    acronym = (len(a.tokens) == 1 and len(b.tokens) >= 2 and a.compact == b.initials) or (
        len(b.tokens) == 1 and len(a.tokens) >= 2 and b.compact == a.initials
    )
    return {
        "cover_q": cq,
        "cover_r": cr,
        "cover_min": min(cq, cr),
        "cover_max": max(cq, cr),
        "worst": worst,
        "extra_long": float(min(extra_long, 3)),
        "sort_ratio": fuzz.ratio(a.sorted_text, b.sorted_text) / 100,
        "compact_ratio": max(
            compact, fuzz.ratio("".join(sorted(a.tokens)), "".join(sorted(b.tokens))) / 100
        ),
        "joined": 1.0 if compact >= 0.95 else 0.0,
        "acronym": 1.0 if acronym else 0.0,
        "legal_mismatch": 1.0 if a.legal and b.legal and not (a.legal & b.legal) else 0.0,
        "single": 1.0 if min(len(a.tokens), len(b.tokens)) == 1 else 0.0,
        "near_miss": float(
            min(
                3,
                sum(
                    1
                    for s, i, j in aligned
                    if s < 0.85 and a.weights[i] == 1.0 and b.weights[j] == 1.0
                ),
            )
        ),
        "cross_script": 1.0 if a.latin != b.latin else 0.0,
    }


def vector(feats: dict[str, float], person: bool) -> list[float]:
    """The model's input: the features, the same times ``person``, and ``person``."""
    base = [feats[k] for k in FEATURES]
    return [*base, *(x * person for x in base), float(person)]


WEIGHT_NAMES = (*FEATURES, *(f"person*{k}" for k in FEATURES), "person")


def probability(feats: dict[str, float], person: bool) -> float:
    z = WEIGHTS["bias"] + sum(
        WEIGHTS[k] * x for k, x in zip(WEIGHT_NAMES, vector(feats, person), strict=True)
    )
    return 1.0 / (1.0 + math.exp(-z))


def compare(a: NameForm, b: NameForm) -> tuple[float, dict[str, float]]:
    """Probability that ``a`` and ``b`` name the same party, with the features behind it."""
    if a.compact == b.compact and a.tokens == b.tokens:
        return 1.0, {"identical": 1.0}
    feats = features(a, b)
    return probability(feats, a.person and b.person), feats


def name_score(a: str, b: str, person: bool = True) -> float:
    """:func:`compare` for two plain strings (0 when either has no comparable part)."""
    fa, fb = prepare(a, person), prepare(b, person)
    if fa is None or fb is None:
        return 0.0
    return compare(fa, fb)[0]
