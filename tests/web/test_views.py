"""The pieces under the pages, without the language model: dates on the timeline axis,
story grouping and the store's search, and the story view of a hand-written brief."""

from __future__ import annotations

import datetime as dt
import itertools

from storyline.model import Article
from storyline.store import Store
from storyline.web import timeline
from storyline.web.stories import (
    UNFILED,
    articles_key,
    collection_story_id,
    find_story,
    list_stories,
)
from storyline.web.views import date_label, story_view

D = dt.date


def test_a_date_spans_the_period_it_names() -> None:
    assert timeline.period("2016-04-14") == (D(2016, 4, 14), D(2016, 4, 15))
    assert timeline.period("2016-04-14", "week") == (D(2016, 4, 14), D(2016, 4, 21))
    assert timeline.period("2016-04-14", "month") == (D(2016, 4, 1), D(2016, 5, 1))
    assert timeline.period("2015-07") == (D(2015, 7, 1), D(2015, 8, 1))
    assert timeline.period("2015-12") == (D(2015, 12, 1), D(2016, 1, 1))
    assert timeline.period("2015") == (D(2015, 1, 1), D(2016, 1, 1))
    assert timeline.period("2024-W11") == (D(2024, 3, 11), D(2024, 3, 18))
    assert timeline.period("2015-Q3") == (D(2015, 7, 1), D(2015, 10, 1))
    assert timeline.period("2015-SU") == (D(2015, 6, 1), D(2015, 9, 1))
    assert timeline.period("201") == (D(2010, 1, 1), D(2020, 1, 1))
    assert timeline.period("2023-10-19TMO") == (D(2023, 10, 19), D(2023, 10, 20))
    for unknown in (None, "", "XXXX-10", "PRESENT_REF", "2015-13", "P2D"):
        assert timeline.period(unknown) is None, unknown


def test_partly_known_dates_read_as_such() -> None:
    assert date_label("2023-10-19TMO", "day") == "2023-10-19, morning"
    assert date_label("XXXX-10", "month") == "October, year unknown"
    assert date_label("XXXX-WXX-2", "day") == "a Tuesday, week unknown"
    assert date_label("2015-07", "month") == "July 2015"
    assert date_label(None, "unknown") == "date unknown"


def _event(i: int, date: str | None, granularity: str = "day", sources: int = 1) -> dict:
    return {"anchor": f"event-{i}", "label": f"event {i}", "date": date,
            "granularity": granularity, "sources": sources, "date_label": date or ""}  # fmt: skip


def test_layout_places_marks_in_date_order_without_overlap() -> None:
    events = [_event(i, f"2024-03-{10 + i:02d}") for i in range(6)]
    events.append(_event(9, "2024-03", "month", sources=3))
    t = timeline.layout(events)
    assert t is not None and t["shown"] == 7 and t["dated"] == 7
    days = [m for m in t["marks"] if m["w"] == 0]
    assert [m["x"] for m in days] == sorted(m["x"] for m in days)
    month = next(m for m in t["marks"] if m["w"] > 0)  # a month is a bar, not a dot
    assert month["w"] > 10 * min(b["x"] - a["x"] for a, b in itertools.pairwise(days))
    assert month["label"] == "event 9 (3)"
    lanes: dict[int, list[dict]] = {}
    for m in t["marks"]:
        lanes.setdefault(m["y"], []).append(m)
    for marks in lanes.values():  # marks sharing a lane do not overlap
        marks.sort(key=lambda m: m["x"])
        for a, b in itertools.pairwise(marks):
            assert b["x"] - b["r"] > a["label_x"], (a, b)


def test_far_away_background_events_are_named_beside_the_axis() -> None:
    events = [_event(i, f"2024-03-{10 + i:02d}") for i in range(8)]
    events.append(_event(20, "2007", "year"))
    t = timeline.layout(events)
    assert t is not None and [o["label"] for o in t["before"]] == ["event 20"]
    assert t["shown"] == 8 and t["dated"] == 9
    assert all(tick["label"] != "2007" for tick in t["ticks"])
    assert timeline.layout([_event(1, None)]) is None


def _article(i: str, text: str, collection: str | None = None, **meta: str) -> Article:
    return Article(id=i, text=text, collection=collection, origin=f"/srv/in/{i}.txt", **meta)


def test_stories_group_by_collection_named_story_or_neither(tmp_path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.add_article(_article("a", "Alpha report on the summit.", "cl-1"))
        store.add_article(
            _article("b", "Beta report on the summit.", "cl-1", published="2024-01-02")
        )
        store.add_article(_article("c", "Gamma: a visit to Lumenhold."))
        store.add_article(_article("d", "Delta: the delegation left."))
        store.add_story("s-1", "Delegation", ["d"])
        stories = {s.id: s for s in list_stories(store)}
        assert set(stories) == {collection_story_id("cl-1"), "s-1", UNFILED}
        assert stories[collection_story_id("cl-1")].articles == 2
        assert stories["s-1"].name == "Delegation" and stories[UNFILED].articles == 1
        story = find_story(store, collection_story_id("cl-1"))
        assert story is not None and story.last_published == "2024-01-02"
        assert find_story(store, "c-000000000000") is None
        # The brief key depends on the set of texts, not their order.
        assert articles_key([("a", "h1"), ("b", "h2")]) == articles_key([("b", "h2"), ("a", "h1")])


def test_search_takes_words_not_syntax_and_marks_the_match(tmp_path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.add_article(_article("a", "The general flew to Lumenhold on Monday.", title="Visit"))
        store.add_article(_article("b", "Nothing to see in Kel Varan.", source="Wire"))
        hits = store.search_articles("lumenhold GENERAL")
        assert [h["id"] for h in hits] == ["a"] and "\x02Lumenhold\x03" in hits[0]["snippet"]
        assert [h["id"] for h in store.search_articles("Lumen*")] == ["a"]
        assert [h["id"] for h in store.search_articles("wire")] == ["b"]  # the source too
        assert store.search_articles('" OR ( NEAR') == []
        assert store.search_articles("") == []


def test_upload_origins_are_renamed_and_reads_can_be_made_read_only(tmp_path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.add_article(_article("a", "Text one."))
        assert store.rename_origins("/srv/in/", "upload j1/") == 1
        assert store.article("a").origin == "upload j1/a.txt"
        assert [s["origin"] for s in store.sources_of("a")] == ["upload j1/a.txt"]
    reader = Store(tmp_path / "s.db")
    reader.read_only()
    try:
        import sqlite3

        import pytest

        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.add_article(_article("z", "A write."))
    finally:
        reader.close()


def test_story_view_of_a_hand_written_brief() -> None:
    text = "On 14 March 2024 Ana Reyes met Tomas Vell in Lumenhold. Vell denied it."
    brief = {
        "articles": [{"id": "a1", "text": text, "source": "Wire", "published": "2024-03-15"}],
        "entities": [
            {
                "id": "e1",
                "name": "Ana Reyes",
                "type": "PERSON",
                "aliases": ["Ana Reyes"],
                "articles": ["a1"],
                "mentions": [{"article": "a1", "start": 17, "end": 26}],
            },
        ],
        "events": [
            {
                "id": "ev1",
                "type": "meet",
                "label": "meet: Ana Reyes",
                "date": "2024-03-14",
                "granularity": "day",
                "date_note": "",
                "participants": ["e1"],
                "sources": ["a1"],
                "mentions": [
                    {"article": "a1", "start": 0, "end": 55, "polarity": "asserted"},
                    {
                        "article": "a1",
                        "start": 56,
                        "end": 71,
                        "polarity": "denied",
                        "text": "Vell denied it.",
                    },
                ],
            },
        ],
        "summary": [
            {
                "text": text[:55],
                "source": {"article": "a1", "start": 0, "end": 55},
                "citations": [{"article": "a1", "start": 0, "end": 55}],
            }
        ],
        "claims": [
            {
                "id": "cl2",
                "event": "ev1",
                "attribute": "date",
                "status": "single-source",
                "sides": [
                    {
                        "stance": "states",
                        "text": "2024-03-14",
                        "citations": [{"article": "a1", "start": 3, "end": 16}],
                    }
                ],
            },
            {
                "id": "cl1",
                "event": "ev1",
                "attribute": "occurrence",
                "status": "denied",
                "sides": [
                    {"stance": "asserts", "citations": [{"article": "a1", "start": 0, "end": 55}]},
                    {"stance": "denies", "citations": [{"article": "a1", "start": 56, "end": 71}]},
                ],
            },
        ],
        "conflicts": [],
        "matches": [],
        "alerts": [],
        "watchlist": [],
    }
    view = story_view(brief)
    assert view["headline"] == "Ana Reyes"
    cite = view["summary"][0]["cites"][0]
    assert (cite["article"], cite["start"], cite["end"], cite["label"]) == (
        "a1",
        0,
        55,
        "Wire, 2024-03-15",
    )
    event = view["events"][0]
    assert event["flagged"] and event["flags"][0]["cite"]["start"] == 56
    assert event["participants"] == [{"id": "e1", "name": "Ana Reyes"}]
    # the event's claims, occurrence first, each side with its quoted evidence
    claims = event["claims"]
    assert [(c["attribute"], c["status"]) for c in claims] == [
        ("occurrence", "denied"),
        ("date", "single-source"),
    ]
    assert [s["stance"] for s in claims[0]["sides"]] == ["asserts", "denies"]
    assert claims[1]["sides"][0]["cites"][0]["start"] == 3
    assert view["timeline"]["marks"][0]["flagged"]
    assert view["period"] == ["2024-03-15", "2024-03-15"]
    assert not event["uncertain"]
    # a month-precise event is uncertain, and drawn so
    month = {**brief["events"][0], "id": "ev2", "date": "2024-02", "granularity": "month"}
    view = story_view({**brief, "events": [brief["events"][0], month]})
    assert {e["id"]: e["uncertain"] for e in view["events"]} == {"ev1": False, "ev2": True}
    assert sorted(m["uncertain"] for m in view["timeline"]["marks"]) == [False, True]
