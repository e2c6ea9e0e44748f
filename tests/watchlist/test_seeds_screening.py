"""The seeds screened against the real UN list: the general is found, and only he."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.cli import main
from tests.conftest import CORPORA, need_corpus

pytestmark = pytest.mark.slow


def test_seeds_against_the_un_list(seeds_dir: Path, tmp_path: Path, capsys) -> None:
    un = need_corpus(CORPORA / "sanctions" / "un" / "consolidated.xml")
    args = ["brief", str(seeds_dir), "--watchlist", str(un), "--format", "json", "-q",
            "--db", str(tmp_path / "s.db")]  # fmt: skip
    assert main(args) == 0
    brief = json.loads(capsys.readouterr().out)
    names = {e["id"]: e for e in brief["entities"]}
    # one entity per person and force, whatever the spelling
    sol = [e for e in brief["entities"] if "Qasem Soleimani" in [e["name"], *e["aliases"]]]
    assert len(sol) == 1 and "Qassem Soleimani" in [sol[0]["name"], *sol[0]["aliases"]]
    quds = [
        e for e in brief["entities"] if {"Quds Force", "Qods Force"} & {e["name"], *e["aliases"]}
    ]
    assert len(quds) == 1 and "IRGC-QF" in [quds[0]["name"], *quds[0]["aliases"]]
    # the general, and no one else, matches his listing
    assert [(names[m["entity"]]["name"], m["entry"]) for m in brief["matches"]] == [
        (sol[0]["name"], "IRi.039")
    ]
    assert brief["watchlist"][0]["restrictions"][0]["kind"] == "travel_ban"
    # alerts: only for him, each for a distinct reported trip, each citing its sources
    assert brief["alerts"]
    assert {a["entity"] for a in brief["alerts"]} == {sol[0]["id"]}
    travel = [a for a in brief["alerts"] if a["rule"] == "travel-ban-violation"]
    assert travel and len({a["event"] for a in travel}) == len(travel)
    for a in travel:
        assert a["sources"] and {x["article"] for x in a["evidence"]} <= set(a["sources"])
        assert a["places"] and "Tehran" not in a["places"]


def test_seeds_with_their_dates_raise_one_alert_per_trip(
    seeds_jsonl: Path, tmp_path: Path, capsys
) -> None:
    un = need_corpus(CORPORA / "sanctions" / "un" / "consolidated.xml")
    args = ["brief", str(seeds_jsonl), "--watchlist", str(un), "--format", "json", "-q",
            "--db", str(tmp_path / "s.db")]  # fmt: skip
    assert main(args) == 0
    brief = json.loads(capsys.readouterr().out)
    dates = {e["id"]: e["date"] for e in brief["events"]}
    # the 2015 trip (all three reports), Fox's Thursday, The Tower's Tuesday: all while
    # the UN travel ban (2010-06-09 to 2020-10-18) was in force
    alerts = sorted((dates[a["event"]], a["places"], a["sources"]) for a in brief["alerts"])
    assert [(d, "Moscow" in p) for d, p, _ in alerts] == [
        ("2015-07", True),
        ("2016-04-14", True),
        ("2017-02-14", True),
    ]
    assert len(alerts[0][2]) == 3
    # the Kremlin's denial (Breitbart, August 2015) is cited on the 2015 trip only: a report
    # published before the 2016 and 2017 trips denies nothing of them
    denied = {dates[a["event"]]: {x["article"] for x in a["denials"]} for a in brief["alerts"]}
    assert denied == {"2015-07": {"breitbart-2015-08-07"}, "2016-04-14": set(), "2017-02-14": set()}
