"""Quality gate: TempEval-3 scores of the tagger must not regress.

Runs the tagger (and the dateparser baseline) over the 20 documents of the
TempEval-3 platinum test set — 138 expressions, ~10-20 s here — and checks the
TempEval-3 measures against the floors pinned in ``timex_floor.json``. The floors
cannot be lowered silently: they must also stay at or above the minimums written
here, so lowering one means editing this file too, in its own commit, saying why.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPORA, need_corpus

pytestmark = pytest.mark.slow
FLOOR = json.loads((Path(__file__).parent / "timex_floor.json").read_text(encoding="utf-8"))
MINIMUMS = {
    "value_f1": 0.785,
    "relaxed_f1": 0.893,
    "strict_f1": 0.815,
    "type_acc": 0.925,
    "margin_over_dateparser": 0.45,
}


def test_floors_are_not_lowered_silently() -> None:
    for key, minimum in MINIMUMS.items():
        assert FLOOR[key] >= minimum, f"{key} floor lowered below {minimum}: edit both on purpose"


def test_tempeval3_platinum_stays_above_its_floors(nlp) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from storyline.time.evaluate import Timex, read_corpus, score_doc
    from storyline.time.tagger import tag_doc
    from timex import dateparser_baseline

    docs = read_corpus(need_corpus(CORPORA / "tempeval3" / "te3-platinum"))
    ours = [
        [
            Timex(t.span.start, t.span.end, t.text, t.type, t.value or "", t.mod)
            for t in tag_doc(parsed, d.name, d.dct)
        ]
        for d, parsed in zip(docs, nlp.pipe([d.text for d in docs]), strict=True)
    ]
    from storyline.time.evaluate import Counts

    counts, base = Counts(), Counts()
    for d, found, baseline in zip(docs, ours, dateparser_baseline(docs), strict=True):
        counts.add(score_doc(d.timexes, found))
        base.add(score_doc(d.timexes, baseline))
    got = counts.as_dict()
    for key in ("value_f1", "relaxed_f1", "strict_f1", "type_acc"):
        assert got[key] >= FLOOR[key], f"{key} {got[key]:.4f} fell below its floor {FLOOR[key]}"
    margin = counts.value_f1 - base.value_f1
    assert margin >= FLOOR["margin_over_dateparser"], (counts.value_f1, base.value_f1)
