"""Watchlist screening: name matching quality, transliteration recall, speed.

    python benchmarks/screening.py [--corpora DIR] [--queries N] [--rounds N] [--json] [--fit]

(a) Name matching on the nomenklatura name bench (``names/nomenklatura_name_bench/
    cases.csv``: 826 labelled pairs). Split: a case is in the *training* half when
    ``int(sha256("schema|name1|name2"), 16)`` is even, else *held out*. storyline's
    matcher (:mod:`storyline.watchlist.match`) was fitted on the training half
    (``--fit`` refits and prints the weights); its threshold is the one that
    maximised F1 there. Baseline in the same run: rapidfuzz ``token_sort_ratio``
    (with rapidfuzz's default processor) at its best threshold on the training
    half. Reference: nomenklatura logic-v2's frozen scores (``logicv2-frozen.csv``,
    threshold 0.7). P/R/F1 on held-out, on all, and per case group (all).
(b) Transliteration recall at the same threshold: the "Good" aliases of UN list
    individuals that are spelling variants of the entry's primary name
    (:func:`is_spelling_variant`; ``alias_recall``), also on the half of those pairs
    kept out of error analysis (:func:`held_out_pair`), under the first, looser test
    (``_v1``), and end to end through screening (:func:`screening_recall`); all
    "Good" aliases; and apart from the target, the other name
    sets of ``names/`` (Putin's 80 spellings; Arabic→English and Wikidata
    English→script name-part pairs).
(c) Speed: entities screened per second against the full OFAC SDN list
    (``sanctions/ofac/sdn.csv``), queries made from the bench names and ordinary
    people's names; baseline in the same run: rapidfuzz ``process.extractOne`` over
    every SDN name. Median of ``--rounds`` passes, each with emptied caches.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import Levenshtein

from _common import CORPORA
from storyline.watchlist import match as M


def load_bench(corpora: Path) -> list[dict]:
    bench = corpora / "names" / "nomenklatura_name_bench"
    with (bench / "cases.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    frozen = {}
    with (bench / "logicv2-frozen.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            frozen[(r["schema"], r["name1"], r["name2"])] = float(r["score"])
    for r in rows:
        key = f"{r['schema']}|{r['name1']}|{r['name2']}"
        r["train"] = int(hashlib.sha256(key.encode("utf-8")).hexdigest(), 16) % 2 == 0
        r["gold"] = r["is_match"] == "true"
        r["person"] = r["schema"] == "Person"
        r["logicv2"] = frozen.get((r["schema"], r["name1"], r["name2"]))
    return rows


def prf(pred: list[bool], gold: list[bool]) -> dict[str, float]:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "n": len(gold)}  # fmt: skip


def best_threshold(scores: list[float], gold: list[bool]) -> float:
    grid = sorted({round(s, 3) for s in scores})
    return max(grid, key=lambda t: (prf([s >= t for s in scores], gold)["f1"], -t))


def our_scores(rows: list[dict]) -> list[float]:
    return [M.name_score(r["name1"], r["name2"], r["person"]) for r in rows]


L2_GRID = (0.3, 1.0, 3.0, 10.0)


def _logistic(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(5000):  # plain gradient descent, L2 on all but the bias
        p = 1 / (1 + np.exp(-x @ w))
        w -= 0.5 * (x.T @ (p - y) + l2 * np.r_[w[:-1], 0.0]) / len(y)
    return w


def fit(rows: list[dict]) -> None:
    """Refit the logistic weights on the training half and print them. The L2 strength
    is the one of :data:`L2_GRID` with the least log-loss in 5-fold cross-validation
    within the training half; the threshold is the one that maximises F1 there."""
    train = [r for r in rows if r["train"]]
    xs, ys = [], []
    for r in train:
        a, b = M.prepare(r["name1"], r["person"]), M.prepare(r["name2"], r["person"])
        feats = M.features(a, b) if a and b else dict.fromkeys(M.FEATURES, 0.0)
        xs.append(M.vector(feats, r["person"]))
        ys.append(float(r["gold"]))
    x = np.hstack([np.array(xs), np.ones((len(xs), 1))])
    y = np.array(ys)
    folds = np.arange(len(y)) % 5
    losses = {}
    for l2 in L2_GRID:
        loss = 0.0
        for k in range(5):
            w = _logistic(x[folds != k], y[folds != k], l2)
            p = np.clip(1 / (1 + np.exp(-x[folds == k] @ w)), 1e-9, 1 - 1e-9)
            loss -= float(np.sum(y[folds == k] * np.log(p) + (1 - y[folds == k]) * np.log(1 - p)))
        losses[l2] = round(loss / len(y), 4)
    l2 = min(L2_GRID, key=lambda v: (losses[v], v))
    w = _logistic(x, y, l2)
    weights = dict(zip([*M.WEIGHT_NAMES, "bias"], (round(float(v), 4) for v in w), strict=True))
    M.WEIGHTS.update(weights)
    threshold = best_threshold(our_scores(train), [r["gold"] for r in train])
    print("cross-validated log-loss by L2:", losses, "-> L2 =", l2)
    print("WEIGHTS =", json.dumps(weights, indent=None))
    print("NAME_THRESHOLD =", threshold)
    M.NAME_THRESHOLD = threshold


def name_matching(rows: list[dict]) -> dict:
    ours = our_scores(rows)
    base = [fuzz.token_sort_ratio(r["name1"], r["name2"], processor=utils.default_process) / 100
            for r in rows]  # fmt: skip
    train = [r["train"] for r in rows]
    gold = [r["gold"] for r in rows]
    base_t = best_threshold([s for s, t in zip(base, train, strict=True) if t],
                            [g for g, t in zip(gold, train, strict=True) if t])  # fmt: skip
    out: dict = {"threshold": M.NAME_THRESHOLD, "baseline_threshold": base_t, "parts": {}}
    for part, keep in (("held_out", [not t for t in train]), ("all", [True] * len(rows))):
        g = [x for x, k in zip(gold, keep, strict=True) if k]
        sel = [i for i, k in enumerate(keep) if k]
        lv = [(rows[i]["logicv2"], rows[i]["gold"]) for i in sel if rows[i]["logicv2"] is not None]
        out["parts"][part] = {
            "storyline": prf([ours[i] >= M.NAME_THRESHOLD for i in sel], g),
            "rapidfuzz_token_sort": prf([base[i] >= base_t for i in sel], g),
            "logicv2_frozen": prf([s >= 0.7 for s, _ in lv], [x for _, x in lv]),
        }
    groups: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        groups[r["case_group"]].append(i)
    out["groups"] = {
        name: {
            "storyline": prf([ours[i] >= M.NAME_THRESHOLD for i in idx], [gold[i] for i in idx]),
            "rapidfuzz_token_sort": prf([base[i] >= base_t for i in idx], [gold[i] for i in idx]),
        }
        for name, idx in sorted(groups.items())
    }
    return out


def _un_alias_pairs(corpora: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(Latin-script "Good" aliases, original-script names) of UN individuals, each paired
    with the entry's primary name."""
    from storyline.watchlist.sources import read_un_xml

    latin, original = [], []
    for e in read_un_xml(corpora / "sanctions" / "un" / "consolidated.xml"):
        if e.type != "person":
            continue
        for alias in e.aliases:
            (latin if alias.isascii() else original).append((e.name, alias))
    return latin, original


_PARTICLES_V1 = frozenset({"al", "el", "bin", "ibn", "ben", "abu", "ould", "de", "y", "jr"})
_PARTICLES = _PARTICLES_V1 | {"bn", "bint", "ul", "ur", "ud"}
_APOSTROPHES = re.compile(r"['\u2019\u2018`\u02bc\u02bb]")
_INITIAL_CLASSES = (("aeiouyw", "a"), ("ckqg", "k"), ("sz", "s"))


def _variant_parts(text: str) -> list[str]:
    from storyline.entities.names import fold

    words = fold(_APOSTROPHES.sub("", text)).split()
    return [w for w in words if w not in _PARTICLES and w.isalpha()]


def _initial_class(word: str) -> str:
    word = re.sub(r"^(dj|dzh|zh)", "j", word)
    return next((key for group, key in _INITIAL_CLASSES if word[0] in group), word[0])


def _spelling_of(x: str, y: str) -> float:
    """How plainly ``y`` spells the name part ``x``: 0 unless both start alike (vowels
    alike, c/k/q/g alike, s/z alike); an initial 0.5; else the edit similarity of the
    letters, at least 0.5 when their metaphone codes (rigour) are within an edit or two."""
    from rigour.text.phonetics import metaphone

    if _initial_class(x) != _initial_class(y):
        return 0.0
    if len(x) == 1 or len(y) == 1:
        return 0.5
    mx, my = metaphone(x.upper()), metaphone(y.upper())
    sound = Levenshtein.normalized_similarity(mx, my) if mx and my else 0.0
    return max(Levenshtein.normalized_similarity(x, y), 0.5 if sound > 0.6 else 0.0)


def is_spelling_variant(name: str, alias: str) -> bool:
    """Whether ``alias`` writes the same name parts as ``name``, only spelled otherwise.

    Structural and independent of the matcher (it uses neither its skeletons nor its
    scores): particles ("al", "bin", "ould") and apostrophes aside, the parts of the two
    names are aligned one to one, a part also with two adjacent parts of the other name
    written joined ("Abdelrahman" / "Abd Al-Rahman"), an initial with a part of its
    letter; a pair aligns when :func:`_spelling_of` gives at least 0.5. The alias is a
    spelling variant when at most one part of either name is left over and at least two
    parts of the longer name are aligned. This leaves out other names (noms de guerre,
    "Abu …" names, a different surname), which no name matcher can be asked to find, and
    an alias that is a single given name of a longer name.
    """
    a, b = _variant_parts(name), _variant_parts(alias)
    if not a or not b:
        return False
    edges = []
    for short, other, flip in ((a, b, False), (b, a, True)):
        units = [((j,), other[j]) for j in range(len(other))]
        units += [((j, j + 1), other[j] + other[j + 1]) for j in range(len(other) - 1)]
        for i, x in enumerate(short):
            for js, y in units:
                if (flip and len(js) == 1) or (len(js) == 2 and len(x) == 1):
                    continue
                s = _spelling_of(x, y)
                if s >= 0.5:
                    edges.append((s, len(js), js, (i,)) if flip else (s, len(js), (i,), js))
    edges.sort(key=lambda e: (-e[0], -e[1], e[2], e[3]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, _, ia, ib in edges:
        if used_a.isdisjoint(ia) and used_b.isdisjoint(ib):
            used_a.update(ia)
            used_b.update(ib)
    left = len(a) - len(used_a) + len(b) - len(used_b)
    aligned_long = len(used_a) if len(a) >= len(b) else len(used_b)
    return left <= 1 and (aligned_long >= 2 or max(len(a), len(b)) == 1)


def is_spelling_variant_v1(name: str, alias: str) -> bool:
    """The first, looser test (reported for comparison): as many parts ±1 (particles
    aside), every part of the shorter matched one to one by a part of the other with the
    same first letter of its skeleton. It let in other names that share initials
    ("Leodomir Mugaragu" / "Leo Manzi", "… Ismailov" / "… Aliev")."""
    from storyline.entities.names import fold, skeleton_token

    def heads(text: str) -> list[str]:
        return [skeleton_token(t)[:1] for t in fold(text).split() if t not in _PARTICLES_V1]

    a, b = heads(name), heads(alias)
    if not a or not b or abs(len(a) - len(b)) > 1:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    pool = list(long_)
    for h in short:
        if h not in pool:
            return False
        pool.remove(h)
    return True


def held_out_pair(name: str, alias: str) -> bool:
    """The half of the alias pairs kept out of error analysis (``sha256`` odd)."""
    digest = hashlib.sha256(f"{name}|{alias}".encode()).hexdigest()
    return int(digest, 16) % 2 == 1


def screening_recall(corpora: Path, pairs: list[tuple[str, str]], threshold: float) -> float:
    """End to end: the UN list indexed by primary names only (aliases dropped), each alias
    of ``pairs`` screened as a person; a hit when the best match at ``threshold`` is an
    entry of that primary name. Unlike :func:`_recall` this counts the blocking's misses
    and aliases that another listed person's name fits better."""
    import dataclasses

    from storyline.watchlist.screen import ScreeningIndex, screen
    from storyline.watchlist.sources import read_un_xml

    entries = [dataclasses.replace(e, aliases=(), weak_aliases=())
               for e in read_un_xml(corpora / "sanctions" / "un" / "consolidated.xml")]  # fmt: skip
    ids: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        ids[e.name].add(e.id)
    found = {m.entity: m.entry for m in screen(_entities([(b, True) for _, b in pairs]),
                                                ScreeningIndex(entries), threshold)}  # fmt: skip
    hits = sum(found.get(f"e{k}") in ids[a] for k, (a, _) in enumerate(pairs))
    return round(hits / len(pairs), 4) if pairs else 0.0


def _recall(pairs: list[tuple[str, str]], threshold: float) -> float:
    hits = sum(M.name_score(a, b, True) >= threshold for a, b in pairs)
    return round(hits / len(pairs), 4) if pairs else 0.0


def transliteration(corpora: Path, thresholds: dict[str, float], limit: int = 400) -> dict:
    names = corpora / "names"
    latin, original = _un_alias_pairs(corpora)
    variants = [(a, b) for a, b in latin if is_spelling_variant(a, b)]
    sets: dict[str, list[tuple[str, str]]] = {
        "un_spelling_variants": variants,
        "un_spelling_variants_dev": [p for p in variants if not held_out_pair(*p)],
        "un_spelling_variants_held_out": [p for p in variants if held_out_pair(*p)],
        "un_spelling_variants_v1": [(a, b) for a, b in latin if is_spelling_variant_v1(a, b)],
        "un_good_aliases": latin,
        "un_original_script": original,
    }
    putin = (names / "nomenklatura" / "putin_names.txt").read_text(encoding="utf-8").splitlines()
    sets["putin_spellings"] = [("Vladimir Putin", p.strip()) for p in putin if p.strip()]
    ar = (names / "google_transliteration_ar2en" / "ar2en-test.txt").read_text(encoding="utf-8")
    sets["ar2en_name_parts"] = [tuple(line.split("\t")[:2]) for line in ar.splitlines()[:limit]
                                if line.count("\t") >= 1]  # fmt: skip
    for script in ("russian", "arabic", "hebrew", "chinese", "korean"):
        path = names / "netransliteration_coling2018" / f"wd_{script}_20"
        rows = path.read_text(encoding="utf-8").splitlines()[:limit]
        sets[f"wikidata_{script}_name_parts"] = [
            (r.split("\t")[0], r.split("\t")[1].replace(" ", "")) for r in rows if "\t" in r
        ]
    out = {
        name: {
            "pairs": len(pairs),
            **{f"recall@{k}": _recall(pairs, t) for k, t in thresholds.items()},
        }
        for name, pairs in sets.items()
    }
    out["un_spelling_variants_screened"] = {
        "pairs": len(variants),
        **{f"recall@{k}": screening_recall(corpora, variants, t) for k, t in thresholds.items()},
    }
    return out


def _entities(names: list[tuple[str, bool]]) -> list:
    from storyline.model import Entity, Mention, Span

    out = []
    for k, (name, person) in enumerate(names):
        etype = "PERSON" if person else "ORG"
        m = Mention(f"m{k}", Span("q", 0, len(name)), name, etype, 0)  # type: ignore[arg-type]
        out.append(Entity(f"e{k}", name, etype, (), (m,)))  # type: ignore[arg-type]
    return out


def ordinary_names(corpora: Path, n: int) -> list[tuple[str, bool]]:
    """People's names as news names them: given name + surname, made by pairing
    consecutive Latin name parts of the Wikidata English→Russian test slice."""
    path = corpora / "names" / "netransliteration_coling2018" / "wd_russian_20"
    parts = [r.split("\t")[0].title() for r in path.read_text(encoding="utf-8").splitlines()
             if "\t" in r and r.split("\t")[0].isalpha()]  # fmt: skip
    return [(f"{parts[2 * k]} {parts[2 * k + 1]}", True) for k in range(min(n, len(parts) // 2))]


ROUNDS = 5  # timed passes per query set; the median is reported


def _clear_caches() -> None:
    """Empty the name caches of screening and matching (not the territory lookup), so that
    every timed pass starts as cold as the first: repeated passes over the same queries
    would otherwise time cache hits."""
    import importlib

    for module in ("storyline.watchlist.screen", "storyline.watchlist.match",
                   "storyline.entities.names"):  # fmt: skip
        mod = importlib.import_module(module)
        for name, fn in vars(mod).items():
            if hasattr(fn, "cache_clear") and name != "country_code":
                fn.cache_clear()


def speed(corpora: Path, n_queries: int, rows: list[dict], rounds: int = ROUNDS) -> dict:
    """Entities screened per second against the whole SDN list, on two query sets: the
    bench's names (sanctions-like, most share parts with listed names) and ordinary
    people's names; baseline in the same run: rapidfuzz extractOne over every SDN name.

    Each set is timed in ``rounds`` passes, each with the name caches emptied and warmed
    on the first 50 queries, and the baseline timed on 100 queries right after each pass
    (so both see the same load); reported: the median and the slowest pass, the median
    ratio to the baseline, the median per second of CPU time, and how many full garbage
    collections the passes ran into."""
    import gc
    import statistics

    from storyline.watchlist.screen import ScreeningIndex, screen
    from storyline.watchlist.sources import read_ofac_csv

    t0 = time.perf_counter()
    entries = read_ofac_csv(corpora / "sanctions" / "ofac" / "sdn.csv")
    t1 = time.perf_counter()
    index = ScreeningIndex(entries)
    t2 = time.perf_counter()
    bench = [(r["name1"], r["person"]) for r in rows] + [(r["name2"], r["person"]) for r in rows]
    sets = {"bench_names": bench[:n_queries], "ordinary_names": ordinary_names(corpora, n_queries)}
    out: dict = {"sdn_entries": len(entries), "load_s": round(t1 - t0, 3),
                 "index_s": round(t2 - t1, 3), "rounds": rounds}  # fmt: skip
    listed = [e.name for e in entries]
    full = [0]

    def count_full(phase: str, info: dict) -> None:
        full[0] += phase == "start" and info["generation"] == 2

    gc.callbacks.append(count_full)
    try:
        for name, names in sets.items():
            ents = _entities(names)
            rates, cpu_rates, base_rates, collections = [], [], [], 0
            for _ in range(rounds):
                _clear_caches()
                screen(ents[:50], index)  # warm the caches of rigour's name data
                full[0] = 0
                t3, c3 = time.perf_counter(), time.process_time()
                matches = screen(ents, index)
                t4, c4 = time.perf_counter(), time.process_time()
                collections += full[0]
                base_n = min(len(names), 100)
                t5 = time.perf_counter()
                for q, _ in names[:base_n]:
                    process.extractOne(q, listed, scorer=fuzz.token_sort_ratio,
                                       processor=utils.default_process)  # fmt: skip
                t6 = time.perf_counter()
                rates.append(len(ents) / (t4 - t3))
                cpu_rates.append(len(ents) / (c4 - c3))
                base_rates.append(base_n / (t6 - t5))
            with_candidates = sum(
                bool(index.candidates("person" if e.type == "PERSON" else "organization", e.name))
                for e in ents
            )
            out[name] = {
                "queries": len(ents),
                "matches": len(matches),
                "with_candidates": with_candidates,
                "screens_per_s": round(statistics.median(rates), 1),
                "screens_per_s_slowest": round(min(rates), 1),
                # per second of this process's CPU time: what the other processes on the
                # machine take from it does not count
                "screens_per_cpu_s": round(statistics.median(cpu_rates), 1),
                "baseline_extractone_per_s": round(statistics.median(base_rates), 1),
                "ratio_to_baseline": round(
                    statistics.median(r / b for r, b in zip(rates, base_rates, strict=True)), 1
                ),
                "full_collections": collections,
            }
    finally:
        gc.callbacks.remove(count_full)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--queries", type=int, default=1652, help="entities per speed query set")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="timed passes per query set")
    parser.add_argument("--fit", action="store_true", help="refit the matcher, print weights")
    parser.add_argument("--json", action="store_true", help="one JSON object on the last line")
    args = parser.parse_args()
    if not (args.corpora / "names" / "nomenklatura_name_bench").exists():
        sys.exit(f"{args.corpora}: corpora absent (needs names/ and sanctions/)")
    rows = load_bench(args.corpora)
    if args.fit:
        fit(rows)
    from storyline.watchlist.screen import DEFAULT_THRESHOLD

    t0 = time.perf_counter()
    a = name_matching(rows)
    t_a = time.perf_counter() - t0
    b = transliteration(args.corpora, {"name": M.NAME_THRESHOLD, "screen": DEFAULT_THRESHOLD})
    c = speed(args.corpora, args.queries, rows, args.rounds)
    report = {"name_matching": a, "transliteration": b, "speed": c,
              "name_pairs_per_s": round(len(rows) / t_a, 1)}  # fmt: skip
    print(json.dumps(report, indent=2, ensure_ascii=False))
    held, every = a["parts"]["held_out"], a["parts"]["all"]
    summary = {
        "f1": every["storyline"]["f1"],
        "precision": every["storyline"]["precision"],
        "recall": every["storyline"]["recall"],
        "f1_held_out": held["storyline"]["f1"],
        "baseline_f1": every["rapidfuzz_token_sort"]["f1"],
        "baseline_f1_held_out": held["rapidfuzz_token_sort"]["f1"],
        "logicv2_f1": 0.79,
        "logicv2_f1_measured": every["logicv2_frozen"]["f1"],
        "alias_recall": b["un_spelling_variants"]["recall@name"],
        "alias_recall_held_out": b["un_spelling_variants_held_out"]["recall@name"],
        "alias_recall_v1": b["un_spelling_variants_v1"]["recall@name"],
        "alias_recall_screened": b["un_spelling_variants_screened"]["recall@name"],
        "alias_recall_all_good": b["un_good_aliases"]["recall@name"],
        "screens_per_s": c["ordinary_names"]["screens_per_s"],
        "screens_per_s_slowest": c["ordinary_names"]["screens_per_s_slowest"],
        "screens_per_s_bench_names": c["bench_names"]["screens_per_s"],
        "baseline_screens_per_s": c["ordinary_names"]["baseline_extractone_per_s"],
        "speed_ratio_to_baseline": c["ordinary_names"]["ratio_to_baseline"],
    }
    if args.json:
        print(json.dumps(summary))
    else:
        print("\n".join(f"{k}: {v}" for k, v in summary.items()))


if __name__ == "__main__":
    main()
