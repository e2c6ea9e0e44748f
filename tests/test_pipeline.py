"""End-to-end: the brief of the seeds and of the demo, through the real model."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from storyline.cli import main
from storyline.demo import corpus_dir, watchlist_path

pytestmark = pytest.mark.slow
SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "docs" / "brief.schema.json").read_text()
)


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def brief_json(args: list[str], capsys) -> dict:
    assert main(["brief", *args, "--format", "json", "-q"]) == 0
    return json.loads(capsys.readouterr().out)


def check_offsets(brief: dict) -> None:
    """Every span lies inside its article and quotes what it says it quotes."""
    texts = {a["id"]: a["text"] for a in brief["articles"]}

    def ok(span: dict, quote: str | None = None) -> None:
        text = texts[span["article"]]
        assert 0 <= span["start"] < span["end"] <= len(text), span
        if quote is not None:
            assert text[span["start"] : span["end"]] == quote

    for e in brief["entities"]:
        for m in e["mentions"]:
            ok(m, m["text"])
    for t in brief["times"]:
        ok(t, t["text"])
    for ev in brief["events"]:
        for m in ev["mentions"]:
            ok(m, m["text"])
            ok(m["trigger"], None)
            assert m["start"] <= m["trigger"]["start"] < m["trigger"]["end"] <= m["end"]
            for extra in [*m["roles"], m["attribution"], m["denied_by"]]:
                if extra is not None:
                    ok(extra)
    for s in brief["summary"]:
        ok(s["source"], s["text"])
        assert s["citations"], s
        for c in s["citations"]:
            ok(c)
    for c in brief["conflicts"]:
        for side in c["sides"]:
            for x in side["citations"]:
                ok(x)
    for a in brief["alerts"]:
        for x in a["evidence"] + a["denials"]:
            ok(x)


def test_seeds_brief(seeds_dir: Path, tmp_path: Path, capsys) -> None:
    brief = brief_json([str(seeds_dir), "--db", str(tmp_path / "s.db")], capsys)
    jsonschema.validate(brief, SCHEMA)
    assert len(brief["articles"]) == 3
    check_offsets(brief)
    soleimani = [e for e in brief["entities"] if "Qassem Soleimani" in [e["name"], *e["aliases"]]]
    assert len(soleimani) == 1
    assert "Qasem Soleimani" in [soleimani[0]["name"], *soleimani[0]["aliases"]]
    assert soleimani[0]["articles"] == sorted(a["id"] for a in brief["articles"])
    # the Kremlin's denial is set against the reports of a meeting
    denial = [c for c in brief["conflicts"] if c["kind"] == "denial"]
    assert denial, brief["conflicts"]
    texts = {a["id"]: a["text"] for a in brief["articles"]}
    denies = [texts[x["article"]][x["start"] : x["end"]] for s in denial[0]["sides"]
              if s["stance"] == "denies" for x in s["citations"]]  # fmt: skip
    assert any("Kremlin has denied" in d for d in denies)


def test_seeds_jsonl_carries_metadata_and_gives_the_same_brief(
    seeds_dir: Path, seeds_jsonl: Path, tmp_path: Path, capsys
) -> None:
    from_files = brief_json([str(seeds_dir), "--db", str(tmp_path / "a.db")], capsys)
    from_jsonl = brief_json([str(seeds_jsonl), "--db", str(tmp_path / "b.db")], capsys)
    jsonschema.validate(from_jsonl, SCHEMA)
    check_offsets(from_jsonl)
    by_source = {a["source"]: a for a in from_jsonl["articles"]}
    assert set(by_source) == {"Fox News", "The Tower", "Breitbart"}
    assert by_source["Fox News"]["published"] == "2016-04-15"
    assert by_source["Fox News"]["title"].startswith("Iranian general defies sanctions")
    assert by_source["Breitbart"]["url"].startswith("https://www.breitbart.com/")
    # same texts, so the same entities and summary sentences, whatever the ids
    assert sorted(a["text"] for a in from_files["articles"]) == sorted(
        a["text"] for a in from_jsonl["articles"]
    )
    assert [e["name"] for e in from_files["entities"]] == [
        e["name"] for e in from_jsonl["entities"]
    ]
    # with a publication date, "early Thursday morning" in the Fox report is 2016-04-14
    fox = by_source["Fox News"]["id"]
    thursday = [t for t in from_jsonl["times"] if t["article"] == fox and "Thursday" in t["text"]]
    assert thursday and thursday[0]["value"].startswith("2016-04-14")  # "…TMO": morning
    # Breitbart's "sanctions against him dropped" against its own "has upheld a travel ban"
    # and The Tower's "is banned from traveling", two years on: a disagreement, every side cited
    texts = {a["id"]: a["text"] for a in from_jsonl["articles"]}
    status = [c for c in from_jsonl["conflicts"] if c["attribute"] == "status"]
    assert len(status) == 1 and status[0]["kind"] == "disagreement"
    said = {
        s["text"]: {
            texts[x["article"]][x["start"] : x["end"]].split(",")[0] for x in s["citations"]
        }
        for s in status[0]["sides"]
    }
    assert said["lifted"] == {"As part of the final deal between Iran and world powers"}
    assert (
        "The UN Security Council has upheld a travel ban and asset freezes on Soleimani since 2007"
        in said["in force"]
    )
    assert "Qassem Soleimani" in said["in force"]


def test_undated_article_keeps_relative_dates_relative(
    seeds_dir: Path, tmp_path: Path, capsys
) -> None:
    brief = brief_json(
        [str(seeds_dir / "003_1fdd7de76f818974.txt"), "--db", str(tmp_path / "u.db")], capsys
    )
    last_month = [t for t in brief["times"] if t["text"] == "last month"]
    assert last_month and last_month[0]["value"] is None
    assert last_month[0]["anchor"] == "unknown-publication"
    assert last_month[0]["note"] == "the month before publication"


def test_brief_is_deterministic(tmp_path: Path, capsys) -> None:
    args = [str(corpus_dir()), "--watchlist", str(watchlist_path())]
    first = brief_json([*args, "--db", str(tmp_path / "1.db")], capsys)
    second = brief_json([*args, "--db", str(tmp_path / "2.db")], capsys)
    assert first == second


def test_demo_writes_briefs_with_alerts(tmp_path: Path, capsys) -> None:
    out = tmp_path / "demo"
    assert main(["demo", "--out-dir", str(out), "--db", str(tmp_path / "demo.db")]) == 0
    printed = capsys.readouterr().err
    for name in ("brief.html", "brief.md", "brief.json"):
        assert (out / name).exists() and str(out / name) in printed
    brief = json.loads((out / "brief.json").read_text())
    jsonschema.validate(brief, SCHEMA)
    check_offsets(brief)
    names = {e["id"]: e for e in brief["entities"]}
    general = [e for e in brief["entities"] if e["name"] in ("Vakhtan Orzhelev", "Vaktan Orjelev")]
    assert len(general) == 1 and {"Vakhtan Orzhelev", "Vaktan Orjelev"} <= {
        general[0]["name"],
        *general[0]["aliases"],
    }
    # alerts only for the listed general, for travel, each with evidence
    assert brief["alerts"]
    assert {names[a["entity"]]["name"] for a in brief["alerts"]} == {general[0]["name"]}
    assert all(a["restriction"]["kind"] == "travel_ban" for a in brief["alerts"])
    # exactly one alert per trip abroad: October 2023, February 2024 (Lumenhold: "was in
    # Lumenhold on Monday" in Calloway's report of Friday 2024-02-16), March 2024
    event_dates = {ev["id"]: ev["date"] for ev in brief["events"]}
    assert sorted(event_dates[a["event"]] for a in brief["alerts"]) == [
        "2023-10-19",
        "2024-02-12",
        "2024-03-12",
    ]
    # the Lumenhold trip is told by Calloway, TPA, the Herald, LBS and the Frontier Dispatch
    # ("was in", "travelled to", "was seen in", "In February he was in Lumenhold"); Lumenhold
    # is a place
    lumenhold = next(
        ev for ev in brief["events"] if ev["date"] == "2024-02-12" and ev["type"] == "travel"
    )
    # the talks held on each trip ("held talks", "for talks with") are told with their trip
    talks = sorted(ev["date"] for ev in brief["events"] if ev["type"] == "meet")
    assert talks == ["2023-10-19", "2024-02-12", "2024-03-14"], talks
    assert set(lumenhold["sources"]) == {"demo-03", "demo-04", "demo-05", "demo-06", "demo-07"}
    assert {e["type"] for e in brief["entities"] if e["name"] in ("Lumenhold", "Vantria")} == {
        "GPE"
    }
    # the October stay the undated explainer tells ("In October he spent several days in
    # Port Sallowmere") is the October trip, as is TPA's undated "landed at the airfield"
    october = next(
        ev
        for ev in brief["events"]
        if ev["id"]
        == next(a["event"] for a in brief["alerts"] if event_dates[a["event"]] == "2023-10-19")
    )
    assert "demo-07" in october["sources"]
    october_alert = next(a for a in brief["alerts"] if a["event"] == october["id"])
    assert list(october_alert["places"]) == ["Port Sallowmere"], october_alert["places"]
    assert not [ev for ev in brief["events"] if ev["type"] == "travel" and not ev["date"]]
    # one conflict for the ministry's denial, told by two outlets; "did not deny that
    # Orjelev had been in the country" denies nothing
    denials = [c for c in brief["conflicts"] if c["kind"] == "denial"]
    assert len(denials) == 1
    denied = [s for s in denials[0]["sides"] if s["stance"] == "denies"]
    assert {c["article"] for s in denied for c in s["citations"]} == {"demo-06", "demo-07"}
    assert not any(
        "did not deny" in m["text"] and m["polarity"] == "denied"
        for ev in brief["events"]
        for m in ev["mentions"]
    )
    # the March trip's alert cites the two sentences denying the meeting held during it,
    # not "did not deny that Orjelev had been in the country" nor only who denies
    texts = {a["id"]: a["text"] for a in brief["articles"]}
    march = next(a for a in brief["alerts"] if event_dates[a["event"]] == "2024-03-12")
    quoted = [texts[d["article"]][d["start"] : d["end"]] for d in march["denials"]]
    assert {d["article"] for d in march["denials"]} == {"demo-06", "demo-07"}, quoted
    assert all("has denied that" in q for q in quoted), quoted
    # "according to three officials" counts the sources, not the delegation of 12
    assert not [c for c in brief["conflicts"] if c["attribute"] == "count"]
    unlisted = {"Estelle Marrak", "Tobias Renfeld", "Odile Brannagh", "Nadia Quellbrook"}
    matched = {names[m["entity"]]["name"] for m in brief["matches"]}
    assert not matched & unlisted
    # the foreign ministry's denial is a conflict with both sides cited
    assert denials[0]["sides"][0]["stance"] == "asserts" and denials[0]["sides"][0]["citations"]
    # the re-run wire story is linked as a near-duplicate
    assert brief["near_duplicates"]
    html = (out / "brief.html").read_text()
    assert "Content-Security-Policy" in html and "<script" not in html


def test_seeds_soleimani_travel_to_moscow_is_three_events(
    seeds_jsonl: Path, tmp_path: Path, capsys
) -> None:
    """The 2015 trip (reported or recalled by all three), Fox's Thursday, The Tower's Tuesday."""
    brief = brief_json([str(seeds_jsonl), "--db", str(tmp_path / "t.db")], capsys)
    names = {e["id"]: e["name"] for e in brief["entities"]}
    soleimani = next(e["id"] for e in brief["entities"] if e["name"] == "Qassem Soleimani")
    abroad = {"Moscow", "Russia"}
    trips = [
        ev
        for ev in brief["events"]
        if ev["type"] == "travel"
        and soleimani in ev["participants"]
        and abroad & {names.get(p) for p in ev["participants"]}
        and any(m["polarity"] == "asserted" for m in ev["mentions"])
        and ev["date"]
    ]
    by_date = {ev["date"]: ev for ev in trips}
    assert sorted(by_date) == ["2015-07", "2016-04-14", "2017-02-14"], [
        (ev["date"], ev["sources"]) for ev in trips
    ]
    assert by_date["2015-07"]["sources"] == sorted(
        ["fox-2016-04-15", "tower-2017-02-16", "breitbart-2015-08-07"]
    )
    assert by_date["2016-04-14"]["sources"] == ["fox-2016-04-15"]
    assert by_date["2017-02-14"]["sources"] == ["tower-2017-02-16"]


def test_seeds_meetings_with_putin_are_dated_by_their_trips_and_the_plot_is_one(
    seeds_jsonl: Path, tmp_path: Path, capsys
) -> None:
    """Breitbart's July 2015 meeting (the one the Kremlin denies) and Fox's April 2016 one,
    the purpose of its trip ("traveled to Moscow once again to meet with … Putin")."""
    brief = brief_json([str(seeds_jsonl), "--db", str(tmp_path / "t.db")], capsys)
    ids = {e["name"]: e["id"] for e in brief["entities"]}
    meets = [
        ev
        for ev in brief["events"]
        if ev["type"] == "meet"
        and {ids["Qassem Soleimani"], ids["Vladimir Putin"]} <= set(ev["participants"])
    ]
    assert sorted((ev["date"], ev["sources"]) for ev in meets) == [
        ("2015-07", ["breitbart-2015-08-07"]),
        ("2016-04-14", ["fox-2016-04-15"]),
    ]
    denial = next(c for c in brief["conflicts"] if c["kind"] == "denial")
    assert denial["event"] == next(ev["id"] for ev in meets if ev["date"] == "2015-07")
    # the 2011 plot, told by Fox ("the Treasury tied Soleimani to the plot") and The Tower
    # ("Soleimani … were implicated in the plot"), is one event, Soleimani's, not the Treasury's
    plots = [ev for ev in brief["events"] if ev["type"] == "plot"]
    assert [(ev["date"][:4], ev["sources"]) for ev in plots] == [
        ("2011", ["fox-2016-04-15", "tower-2017-02-16"])
    ]
    assert ids["Qassem Soleimani"] in plots[0]["participants"]
    assert ids["United States Treasury Department"] not in plots[0]["participants"]
