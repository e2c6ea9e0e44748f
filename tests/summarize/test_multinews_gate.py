"""Quality gate: ROUGE on the first Multi-News test clusters against pinned floors.

The floors live in ``multinews_floor.json`` beside this file. They can be raised
freely; lowering one needs a new entry in its ``history`` with the reason, and
the test refuses a floor that went down without one (so a regression cannot be
waved through by editing a number). Skips when ../shared/corpora is absent.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

from tests.conftest import CORPORA, REPO, need_corpus

FLOORS = Path(__file__).with_name("multinews_floor.json")


def load_floors() -> dict:
    return json.loads(FLOORS.read_text(encoding="utf-8"))


def test_floors_never_go_down_silently() -> None:
    data = load_floors()
    history = data["history"]
    assert history and history[-1]["floors"] == data["floors"], "record every floor change"
    for before, after in itertools.pairwise(history):
        for system, metrics in after["floors"].items():
            for metric, value in metrics.items():
                if value < before["floors"].get(system, {}).get(metric, float("-inf")):
                    assert after.get("lowered_because"), f"{system} {metric} lowered silently"


def test_multinews_rouge_above_floors() -> None:
    data = load_floors()
    path = need_corpus(CORPORA / "multinews" / "test.json")
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import multinews
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    clusters = multinews.load(path, data["subset"]["offset"], data["subset"]["limit"])
    result = multinews.evaluate(clusters)
    margin = {
        m: round(result["storyline"][m] - result["lexrank"][m], 2) for m in ("rouge1", "rouge2")
    }
    measured = {"storyline": result["storyline"], "margin_over_lexrank": margin}
    for system, metrics in data["floors"].items():
        for metric, floor in metrics.items():
            assert measured[system][metric] >= floor, (system, metric, measured)
    assert result["clusters_per_s"] >= data["min_clusters_per_s"], result
