"""Name matching: how likely two names are to name the same person or organisation.

Built on rigour (name analysis: tokenising, person prefixes, organisation legal
forms, name symbols that pair "Qasim"/"Qasem" or "Ted"/"Theodore", ICU
transliteration of other scripts) and rapidfuzz (edit distances), plus
storyline's transliteration skeletons (:mod:`storyline.entities.names`).

:func:`compare` aligns the name parts of both sides one to one (best pairs
first; a part pairs with another by rigour symbol, equal skeleton, a shared loose
key (:func:`loose_keys`: the letters romanisations of Arabic, Persian and Malay
names disagree on, and those of :mod:`storyline.watchlist.readings`) or edit
similarity), and a part also with two adjacent parts of the other name written
joined ("Abdelrahman" / "Abd al-Rahman"; "Abdurrahim" / "Abdul Rahim", the
article's "l" assimilated; "Habibur Rahman" / "Habib ur-Rahman"; a rigour symbol
spanning several parts aligns them as one unit). Particles of Arabic names ("bin",
"ould", "al") and leading honorifics ("Mullah", "Haji") weigh less, two honorifics
pair with each other, "X ud-Din" pairs with X (and with "X al-Din"), and a part of a
person's name chain left out between two that are there (a father's name) counts
half; parts written joined in the other name count as one when telling the shorter
name from the longer. Vowels are loose where romanisations disagree on them: a final
"e" may be silent or not, a short vowel added after the first syllable ("Bakr" /
"Baker") leaves a part spelled alike. It measures the alignment
(:data:`FEATURES`) and turns the features into a probability with a logistic model
(:data:`WEIGHTS`). The weights were fitted by ``benchmarks/screening.py --fit`` on
the training half of the nomenklatura name bench (cases whose
``sha256(schema|name1|name2)`` is even; L2 strength by cross-validation within that
half), and :data:`NAME_THRESHOLD` is the threshold that maximised F1 there; the
benchmark reports the other half separately.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler, Levenshtein

from storyline.entities.names import skeleton_token
from storyline.watchlist.readings import extra_readings

_VOWELS = re.compile(r"[aeiouy]+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_STOP_WEIGHT = 0.3
_LEGAL_WEIGHT = 0.4
# Particles of Arabic and Maghrebi names that rigour leaves untagged: "bin"/"ibn"/"ould"
# (son of), the article's assimilated forms ("Abd ur-Rahman"). Inside a person's name
# only (a first "Ben" is a given name, a first "Bin" starts a family name).
_NAME_PARTICLES = frozenset({"bin", "ibn", "bn", "ben", "bint", "binti", "ould", "wuld", "walad",
                             "ul", "ur", "ud", "el", "al"})  # fmt: skip
# Religious and honorific titles that open Muslim names on sanctions lists and in news
# ("Mullah", "Haji", "Maulana", "Sheikh"); rigour's person prefixes are European ones.
_HONORIFICS = frozenset({"haji", "hajji", "hadji", "alhaji", "hajj", "haj", "mullah", "mulla",
                         "molla", "maulana", "mawlana", "maulvi", "maulavi", "mawlawi", "mawlavi",
                         "moulvi", "sheikh", "shaikh", "shaykh", "sheik", "qari", "mufti",
                         "sardar"})  # fmt: skip
_TITLE_SIMILARITY = 0.85
_INNER_EXTRA = 0.5  # "Maulana X" / "Mullah X": the religious title varies, not X

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
    "near_miss",  # aligned content parts similar (0.5..0.85) but not spelled alike
    "spelled",  # aligned content parts spelled otherwise with the same skeleton / loose key
    "cross_script",  # the names were written in different scripts
)

# Logistic weights fitted by `benchmarks/screening.py --fit` (see module docstring).
WEIGHTS: dict[str, float] = {
    "cover_q": 0.2946, "cover_r": 0.9482, "cover_min": 0.5511, "cover_max": 0.6917,
    "worst": 2.2103, "extra_long": -0.9046, "sort_ratio": -0.1932, "compact_ratio": -0.3829,
    "joined": 1.589, "acronym": -0.0168, "legal_mismatch": -0.838, "single": -0.1251,
    "near_miss": -1.2436, "spelled": 0.1825, "cross_script": 0.7791, "person*cover_q": -0.5971,
    "person*cover_r": 0.2059, "person*cover_min": -0.3389, "person*cover_max": -0.0523,
    "person*worst": 1.5905, "person*extra_long": 0.4832, "person*sort_ratio": -0.2268,
    "person*compact_ratio": -0.3381, "person*joined": 0.1973, "person*acronym": -0.0168,
    "person*legal_mismatch": 0.0, "person*single": -0.6936, "person*near_miss": -0.4834,
    "person*spelled": -0.2744, "person*cross_script": 0.7791, "person": -0.1751, "bias": -2.007,
}  # fmt: skip
NAME_THRESHOLD = 0.376


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
    # worked out once per name, not per comparison: parts written joined
    # (:func:`_joined_units`), the first half of "X ud-Din" parts, content flags
    joined: tuple[tuple[tuple[int, ...], str], ...] = ()
    stems: tuple[str | None, ...] = ()
    is_content: tuple[bool, ...] = ()

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
    parts = [(p, tok) for p in analysed.parts if (tok := _comparable(p))]
    for k, (p, tok) in enumerate(parts):
        tokens.append(tok)
        indices.append(p.index)
        inner = person and 0 < k < len(parts) - 1
        title = person and k < len(parts) - 2 and all(t in _HONORIFICS for _, t in parts[: k + 1])
        if p.tag == NamePartTag.STOP or (inner and tok in _NAME_PARTICLES) or title:
            weights.append(_STOP_WEIGHT)
        elif p.tag == NamePartTag.LEGAL:
            weights.append(_LEGAL_WEIGHT)
            legal.add(tok)
        else:
            weights.append(1.0)
    if not tokens:
        return None
    toks, ws = tuple(tokens), tuple(weights)
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
        joined=tuple(_joined_units(toks, ws)),
        stems=tuple(din_stem(t) for t in toks),
        is_content=tuple(w == 1.0 for w in ws),
    )


# Romanisations of one Arabic, Persian or Berber name disagree on a few letters: a
# silent "h" after a vowel ("Ubaydah"/"Obeida", "Mahfouz"/"Mafouz"), "w" for a vowel
# ("Tawfiq"/"Taufik"), "g" for q ("Gaddafi"/"Qaddafi", "Goumo"/"Qumu"), French "c"
# before e/i ("Hocine") and "ch" for sh ("Tantouche"), "th" for s or t ("Harith"/
# "Haris"), "dh" for d or z ("Al-Dhari"/"Al-Dari", "Badhali"/"Bazali"). Indonesian and
# Malay spellings before 1972 write "ch" for kh or h ("Mochtar", "Mochammad"), "sy" for
# sh ("Ba'asyir"), "dj", "tj", "oe" ("Soeharto"). A part's loose keys are its
# skeletons under each of these readings.
_SILENT_H = re.compile(r"(?<=[aeiouy])h(?![aeiouy])")
_W_VOWEL = re.compile(r"(?<=[aeiou])w(?![aeiouy])")
_SOFT_C = re.compile(r"c(?=[eiy])")
_LOOSE_READINGS = (("th", "s", "dh", "d"), ("th", "t", "dh", "z"))
_LOOSE_LETTERS = frozenset("hwcgyjx")  # every reading that can change a skeleton has one
# Spanish-based romanisations (the Philippines) write h as "j" between vowels ("Sajirun"
# for "Sahirun"); Somali writes ħ as "x" ("Maxamed", "Xasan").
_J_AS_H = re.compile(r"(?<=[aeiou])j(?=[aeiou])")
_MALAY_OLD = re.compile(r"ch|sy|dj|tj|oe")
_MALAY_OLD_AS = ({"ch": "kh", "sy": "sh", "dj": "j", "tj": "ch", "oe": "u"},
                 {"ch": "h", "sy": "sh", "dj": "j", "tj": "ch", "oe": "u"})  # fmt: skip


def plain_reading(token: str) -> str:
    """The part without silent "h", "w" for a vowel written "u", "g" as "k", soft "c"
    as "s": the first of the loose readings, the one screening indexes by."""
    return _SOFT_C.sub("s", _W_VOWEL.sub("u", _SILENT_H.sub("", token))).replace("g", "k")


def malay_readings(token: str) -> tuple[str, ...]:
    """The part read as an Indonesian or Malay spelling from before 1972 ("ch" as kh or
    h, "sy" as sh, "dj", "tj", "oe"); none for a part with none of them."""
    if not _MALAY_OLD.search(token):
        return ()
    return tuple(_MALAY_OLD.sub(lambda m, t=table: t[m.group()], token) for table in _MALAY_OLD_AS)


@lru_cache(maxsize=131_072)
def loose_keys(token: str) -> frozenset[str]:
    """Transliteration skeletons of a part under the loose readings above."""
    extra = extra_readings(token)
    if not extra and not _LOOSE_LETTERS.intersection(token):  # no reading changes it
        return frozenset((skeleton_token(token),))
    plain = plain_reading(token)
    readings = {token, plain, plain.replace("ch", "sh")}
    if "th" in plain or "dh" in plain:
        readings.update(plain.replace(th, th_as).replace(dh, dh_as)
                        for th, th_as, dh, dh_as in _LOOSE_READINGS)  # fmt: skip
    if "x" in token or _J_AS_H.search(token):
        readings.add(plain_reading(_J_AS_H.sub("h", token).replace("x", "h")))
    readings.update(malay_readings(token))
    readings.update(extra)
    if plain != token:  # the letter readings of the plain reading too
        readings.update(extra_readings(plain))
    return frozenset(skeleton_token(r) for r in readings)


_SILENT_FINAL_E = re.compile(r"(?<=[^aeiouy])e$")


def vowel_groups(token: str) -> int:
    """Vowel groups of a part, a final "e" after a consonant not counted: French
    romanisations of Maghrebi names write it silent ("Abderrahmane", "Slimane")."""
    n = len(_VOWELS.findall(token))
    return n - 1 if n > 1 and _SILENT_FINAL_E.search(token) else n


@lru_cache(maxsize=131_072)
def _group_counts(token: str) -> tuple[int, int]:
    n = len(_VOWELS.findall(token))
    return (n - 1 if n > 1 and _SILENT_FINAL_E.search(token) else n), n


def groups_apart(a: str, b: str) -> int:
    """How many vowel groups two parts differ by, a final "e" after a consonant read
    silent or not, whichever agrees better ("Hassane" / "Hassan": 0; "Refke" / "Rifki": 0)."""
    (a1, a2), (b1, b2) = _group_counts(a), _group_counts(b)
    return min(abs(a1 - b1), abs(a2 - b2), abs(a1 - b2), abs(a2 - b1))


@lru_cache(maxsize=262_144)
def spelled_alike(a: str, b: str) -> bool:
    """Whether two name parts are one name romanised otherwise: the same skeleton or a
    shared loose key, and as many vowel groups (one more or less for a skeleton of four
    letters or more: short skeletons are shared by chance, "Chen" / "Cihan")."""
    if not (a.isalpha() and b.isalpha() and len(a) > 1 and len(b) > 1):
        return False
    shared = {skeleton_token(a)} & {skeleton_token(b)} or loose_keys(a) & loose_keys(b)
    if not shared:
        return False
    groups = groups_apart(a, b)
    if groups == 0:
        return True
    longest = max(map(len, shared))
    if groups != 1:
        return False
    return longest >= 4 or (longest == 3 and _short_vowel_added(a, b))


_FIRST_VOWELS = re.compile(r"[aeiouy]+")


def _short_vowel_added(a: str, b: str) -> bool:
    """A three-consonant part of one or two syllables and the same with a short vowel
    more or less after the first ("Bakr" / "Baker", "Amr" / "Amru", "Hasri" /
    "Husari"), the parts' lengths within two letters; not longer names ("Marinoni" /
    "Moreno") nor parts a skeleton shares by chance ("Kerli" / "Khairullah")."""
    if abs(len(a) - len(b)) > 2 or min(vowel_groups(a), vowel_groups(b)) > 2:
        return False
    return _first_syllable(a) == _first_syllable(b)


def _first_syllable(token: str) -> str:
    """The skeleton of a part up to its first vowel group, the vowel marked: a short
    vowel added or dropped *after* it ("Bakr" / "Baker", "Amr" / "Amru": Arabic writes
    no short vowels) keeps it, one before it does not ("Chen" / "Cihan")."""
    m = _FIRST_VOWELS.search(token)
    return skeleton_token(token[: m.start()]) + "V" if m else token


@lru_cache(maxsize=262_144)
def token_similarity(a: str, b: str) -> float:
    """Similarity of two name parts, 0..1: the best of edit similarity, Jaro-Winkler
    (less 0.1) and transliteration skeletons (equal skeleton and as many vowel groups:
    0.9; equal skeleton only: 0.8; a shared loose key, :func:`loose_keys`: 0.85 with as
    many vowel groups, else 0.75). Two religious titles ("Maulana", "Mullah") are 0.85:
    sources give one man's title otherwise, the name after it is what must agree."""
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:  # an initial: compatible or not
        return 0.85 if a[0] == b[0] else 0.0
    if a in _HONORIFICS and b in _HONORIFICS:  # one title as two sources give it
        return _TITLE_SIMILARITY
    sim = Levenshtein.normalized_similarity(a, b)
    if sim >= 0.9:  # nothing below can do better
        return sim
    sim = max(sim, JaroWinkler.similarity(a, b) - 0.1)
    if sim < 0.9 and a.isalpha() and b.isalpha():
        if skeleton_token(a) == skeleton_token(b):
            same_groups = groups_apart(a, b) == 0
            sim = max(sim, 0.9 if same_groups else 0.8)
        elif sim < 0.85 and loose_keys(a) & loose_keys(b):
            same_groups = groups_apart(a, b) == 0
            sim = max(sim, 0.85 if same_groups else 0.75)
    return sim


def _symbol_pairs(
    a: NameForm, b: NameForm
) -> list[dict[tuple[tuple[int, ...], tuple[int, ...]], float]]:
    """Rigour's symbol pairings (name-equivalence classes, nicknames, legal forms) as
    pairs of part-index tuples with a similarity, one dict per alternative pairing. A
    symbol that spans several parts on one side ("Abdelrahman" / "Abd al-Rahman")
    pairs them as one unit, not each of them with the single part."""
    from rigour.names import SymbolCategory, pair_symbols

    scores = {
        SymbolCategory.NAME: 0.95,
        SymbolCategory.NICK: 0.9,
        SymbolCategory.INITIAL: 0.75,
        SymbolCategory.PHONETIC: 0.85,
    }
    out = []
    for edges in pair_symbols(a.analysed, b.analysed)[:6]:
        pairs: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}
        for e in edges:
            s = scores.get(e.symbol.category, 0.9) if e.symbol is not None else 0.9
            qs = tuple(sorted(p.index for p in e.qps))
            rs = tuple(sorted(q.index for q in e.rps))
            if len(qs) > 1 and len(rs) > 1:  # many to many: part by part
                keys = [((p,), (q,)) for p in qs for q in rs]
            else:
                keys = [(qs, rs)]
            for key in keys:
                pairs[key] = max(pairs.get(key, 0.0), s)
        out.append(pairs)
    return out or [{}]


def _joined_units(
    toks: tuple[str, ...], ws: tuple[float, ...]
) -> list[tuple[tuple[int, ...], str]]:
    """Two adjacent parts written as one ("abd" "rahman" → "abdrahman"), with a particle
    between them too ("abd" "al" "rahman" → "abdalrahman", "abdrahman")."""
    out: list[tuple[tuple[int, ...], str]] = []
    for i in range(len(toks) - 1):
        if len(toks[i]) < 2 or ws[i] == _LEGAL_WEIGHT:
            continue
        j = i + 1
        if ws[j] == 1.0 and len(toks[j]) > 1:  # "el" "sheikh" → "elsheikh" too
            out.append(((i, j), toks[i] + toks[j]))
            if toks[i].endswith(_ARTICLE_ENDINGS) and len(toks[i]) > 3:
                # the article's "l" assimilates: "Abdul Rahim" → "Abdurrahim"
                out.append(((i, j), toks[i][:-1] + toks[j]))
        elif ws[i] == 1.0 and ws[j] == _STOP_WEIGHT and j + 1 < len(toks) and ws[j + 1] == 1.0:
            out.append(((i, j, j + 1), toks[i] + toks[j] + toks[j + 1]))
            out.append(((i, j, j + 1), toks[i] + toks[j + 1]))
            if toks[j] in _ARTICLES:  # "Abd al-Rahman" → "Abdarrahman", "Abderrahmane"
                out.append(((i, j, j + 1), toks[i] + toks[j][0] + toks[j + 1]))
            if toks[j] in _JOINED_ARTICLES:  # "Mujib ur-Rahman" → "Mujibur Rahman"
                out.append(((i, j), toks[i] + toks[j]))
    return out


_ARTICLES = frozenset({"al", "el", "ul"})
# the article, assimilated or not, that South Asian names join to the part before it
_JOINED_ARTICLES = frozenset({"ul", "ur", "ud", "us", "uz", "al", "el"})
_ARTICLE_ENDINGS = ("ul", "al", "el")


# Compound names "X ud-Din" ("Sirajuddin", "Nasreddine", "Alaaddin") are known by X alone
_DIN = re.compile(
    r"^(?P<stem>[a-z]{3,}?)(?:(?:ou|u|e|i|a)dd|(?:ou|u|e)d|(?:ou|u|e|a)ld)(?:in|ine|een)$"
)
_DIN_SIMILARITY = 0.9


@lru_cache(maxsize=65_536)
def din_stem(token: str) -> str | None:
    m = _DIN.match(token)
    return m["stem"] if m else None


def _sim(x: str, y: str) -> float:
    return token_similarity(x, y) if x <= y else token_similarity(y, x)


def _comparable_lengths(k: int, n: int) -> bool:
    """Whether parts of lengths ``k`` and ``n`` are near enough in length to spell one
    another (edit similarity is at most 0.6 otherwise)."""
    return 5 * min(k, n) >= 3 * max(k, n)


def _joined_edges(
    tokens: Sequence[str],
    units: Sequence[tuple[tuple[int, ...], str]],
    sims: Sequence[Sequence[float]],
) -> list[tuple[float, int, tuple[int, ...]]]:
    """(similarity, part, joined parts) for each part of one name that spells two joined
    parts of the other (``units``) better than any one of them; ``sims[k][j]`` is part
    ``k`` against the other name's part ``j``."""
    out = []
    lens = [len(x) for x in tokens]
    for js, joined in units:
        n = len(joined)
        for k, x in enumerate(tokens):
            if _comparable_lengths(lens[k], n) and (s := _sim(x, joined)) >= 0.75:
                row = sims[k]
                if all(s > row[j] for j in js):
                    out.append((s, k, js))
    return out


def _edges(a: NameForm, b: NameForm) -> list[tuple[float, tuple[int, ...], tuple[int, ...]]]:
    """Candidate alignments: part with part, and a part with two joined parts of the other
    name when that spells it better than any one of them."""
    base = [[_sim(x, y) for y in b.tokens] for x in a.tokens]
    stems_a, stems_b = a.stems, b.stems
    if any(stems_a) or any(stems_b):  # "Sirajuddin" / "Siraj": "X ud-Din" known by X
        for i, x in enumerate(a.tokens):
            for j, y in enumerate(b.tokens):
                sa, sb = stems_a[i], stems_b[j]
                if sa and sb:  # "Nourredine" / "Nureldine": both "X ud-Din", X alike
                    s = _sim(sa, sb)
                elif sa or sb:
                    s = _sim(sa, y) if sa else _sim(x, sb)  # type: ignore[arg-type]
                else:
                    continue
                if s >= _DIN_SIMILARITY:  # the first half spelled alike, not another name
                    base[i][j] = max(base[i][j], _DIN_SIMILARITY)
    edges = [(s, (i,), (j,)) for i, row in enumerate(base) for j, s in enumerate(row)]
    if b.joined:
        edges += [(s, (i,), js) for s, i, js in _joined_edges(a.tokens, b.joined, base)]
    if a.joined:
        columns = tuple(zip(*base, strict=True))  # b's parts against a's
        edges += [(s, is_, (j,)) for s, j, is_ in _joined_edges(b.tokens, a.joined, columns)]
    return edges


def features(a: NameForm, b: NameForm) -> dict[str, float]:
    """The alignment features of two analysed names (see :data:`FEATURES`)."""
    edges = _edges(a, b)
    ia, ib = a.indices, b.indices
    wa, wb = sum(a.weights), sum(b.weights)
    best: tuple[list[tuple[float, tuple[int, ...], tuple[int, ...]]], float, float] | None = None
    pos_a = {k: n for n, k in enumerate(ia)}
    pos_b = {k: n for n, k in enumerate(ib)}
    ca, cb = a.is_content, b.is_content

    def particles_only(xs: tuple[int, ...], ys: tuple[int, ...]) -> bool:
        return not (any(ca[i] for i in xs) and any(cb[j] for j in ys))

    # content parts first: particles paired with each other ("al" / "al") must not take
    # a part that a joined unit or a symbol spanning several parts needs
    keyed = [(particles_only(xs, ys), s, xs, ys) for s, xs, ys in edges]
    for pairs in _symbol_pairs(a, b):
        cand = []
        for po, s, xs, ys in keyed:
            if pairs and len(xs) == 1 and len(ys) == 1:
                s = max(s, pairs.get(((ia[xs[0]],), (ib[ys[0]],)), 0.0))
            if s >= 0.5:
                cand.append((po, -s, -len(xs) - len(ys), xs, ys))
        for (ps, qs), s in pairs.items():
            if (
                len(ps) + len(qs) > 2
                and all(p in pos_a for p in ps)
                and all(q in pos_b for q in qs)
            ):
                xs, ys = tuple(pos_a[p] for p in ps), tuple(pos_b[q] for q in qs)
                cand.append((particles_only(xs, ys), -s, -len(xs) - len(ys), xs, ys))
        cand.sort()
        used_a: set[int] = set()
        used_b: set[int] = set()
        aligned = []
        for _, neg, _, xs, ys in cand:
            if used_a.isdisjoint(xs) and used_b.isdisjoint(ys):
                used_a.update(xs)
                used_b.update(ys)
                aligned.append((-neg, xs, ys))
        cq = sum(s * a.weights[i] for s, xs, _ in aligned for i in xs) / wa
        cr = sum(s * b.weights[j] for s, _, ys in aligned for j in ys) / wb
        if best is None or cq + cr > best[1] + best[2]:
            best = (aligned, cq, cr)
    assert best is not None
    aligned, cq, cr = best
    content_a = [k for k, w in enumerate(a.weights) if w == 1.0]
    content_b = [k for k, w in enumerate(b.weights) if w == 1.0]
    # the shorter name counts parts written joined in the other as one: "Abd al-Aziz X"
    # has as many units as "Abdalaziz X" (but a name is not made one part by it)
    a_short = (_units(content_a, aligned, 1), len(a.tokens)) <= (
        _units(content_b, aligned, 2),
        len(b.tokens),
    )
    got_a = {i: s for s, xs, _ in aligned for i in xs}
    got_b = {j: s for s, _, ys in aligned for j in ys}
    got_short, got_long = (got_a, got_b) if a_short else (got_b, got_a)
    content_short, content_long = (content_a, content_b) if a_short else (content_b, content_a)
    worst = min((got_short.get(k, 0.0) for k in content_short), default=1.0)
    # a part of a person's name chain left out between two parts that are there (a
    # father's name: "Siraj Haqqani" for "Sirajuddin Jalaluddin Haqqani") counts half
    first, last = min(got_long, default=0), max(got_long, default=0)
    extra_long = sum(
        _INNER_EXTRA if a.person and b.person and first < k < last else 1.0
        for k in content_long
        if k not in got_long
    )
    compact = fuzz.ratio(a.compact, b.compact) / 100
    acronym = (len(a.tokens) == 1 and len(b.tokens) >= 2 and a.compact == b.initials) or (
        len(b.tokens) == 1 and len(a.tokens) >= 2 and b.compact == a.initials
    )
    near_miss = spelled = 0
    for s, xs, ys in aligned:
        if not (any(a.weights[i] == 1.0 for i in xs) and any(b.weights[j] == 1.0 for j in ys)):
            continue
        x, y = "".join(a.tokens[i] for i in xs), "".join(b.tokens[j] for j in ys)
        alike = x != y and spelled_alike(x, y)
        spelled += alike
        near_miss += s < 0.85 and not alike
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
        "near_miss": float(min(3, near_miss)),
        "spelled": float(min(3, spelled)),
        "cross_script": 1.0 if a.latin != b.latin else 0.0,
    }


def _units(
    content: list[int], aligned: list[tuple[float, tuple[int, ...], tuple[int, ...]]], side: int
) -> int:
    """Content parts of one name (``side`` 1 or 2 of the aligned triples), two or three
    parts aligned as one joined part of the other name counted once; at least two."""
    parts = set(content)
    joined = sum(max(len(parts.intersection(unit[side])) - 1, 0) for unit in aligned)
    n = len(content)
    return max(n - joined, min(n, 2))


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
