"""Restriction rules over hand-built events: each trip abroad its own alert, home trips none."""

from __future__ import annotations

from storyline.model import (
    ClaimSide,
    Conflict,
    Entity,
    Event,
    EventMention,
    Mention,
    Restriction,
    Span,
    WatchlistEntry,
    WatchlistMatch,
)
from storyline.watchlist import apply_rules
from storyline.watchlist.rules import RULES, is_abroad

TEXT = "Qasem Soleimani flew to Moscow on Tuesday."  # the act: name, trigger, destination
BAN = Restriction("travel_ban", "UN Iran list", "2010-06-09", "2020-10-18")
FREEZE = Restriction("asset_freeze", "UN Iran list", "2007-03-24", "2023-10-18")
ENTRY = WatchlistEntry("IRi.039", "UN list", "QASEM SOLEIMANI", (), "person",
                       birth_places=("Qom, Iran (Islamic Republic of)",),
                       restrictions=(BAN, FREEZE))  # fmt: skip
MATCH = WatchlistMatch("e-sol", "IRi.039", 0.97, "QASEM SOLEIMANI")


def ent(eid: str, name: str, etype: str, article: str = "a1", start: int = 0) -> Entity:
    m = Mention(f"m-{eid}-{article}", Span(article, start, start + len(name)), name, etype, 0)  # type: ignore[arg-type]
    return Entity(eid, name, etype, (), (m,))  # type: ignore[arg-type]


def trip(eid: str, place: str, date: str | None, articles=("a1",), lemma: str = "fly",
         polarity: str = "asserted", modality: str = "actual") -> Event:  # fmt: skip
    mentions = tuple(
        EventMention(f"em-{eid}-{a}", Span(a, 0, len(TEXT)), Span(a, 16, 20), lemma, "travel",
                     ("e-sol", place), None, polarity, modality)  # type: ignore[arg-type]
        for a in articles
    )  # fmt: skip
    return Event(eid, "travel", "travel", date, "day", ("e-sol", place), mentions, articles)


ENTITIES = [
    ent("e-sol", "Qasem Soleimani", "PERSON"),
    ent("p-mos", "Moscow", "GPE", start=24),
    ent("p-teh", "Tehran", "GPE", start=24),
    ent("p-rus", "Russia", "GPE", start=24),
]


def test_each_trip_abroad_raises_its_own_alert_citing_every_source() -> None:
    events = [
        trip("ev1", "p-mos", "2015-07", articles=("a1", "a2", "a3")),
        trip("ev2", "p-mos", "2016-04-14"),
        trip("ev3", "p-rus", "2017-02-14", articles=("a2",)),
    ]
    alerts = apply_rules(events, ENTITIES, [ENTRY], [MATCH])
    assert [a.event for a in alerts] == ["ev1", "ev2", "ev3"]
    assert all(a.rule == "travel-ban-violation" and a.restriction == BAN for a in alerts)
    first = alerts[0]
    assert first.sources == ("a1", "a2", "a3")
    assert {s.article for s in first.evidence} == {"a1", "a2", "a3"}
    assert first.places == ("Moscow",) and "Moscow" in first.explanation
    assert "IRi.039" in first.explanation and "UN Iran list" in first.explanation


def test_home_trips_out_of_force_denied_or_planned_trips_raise_none() -> None:
    quiet = [
        trip("home", "p-teh", "2016-04-14"),  # Tehran is in Iran, his country of birth
        trip("before", "p-mos", "2009-05-01"),  # before the ban became binding
        trip("after", "p-mos", "2021-01-10"),  # after the 2231 travel ban ended
        trip("denied", "p-mos", "2016-04-14", polarity="denied"),
        trip("planned", "p-mos", "2016-04-14", modality="planned"),
        trip("return", "p-mos", "2016-04-14", lemma="return"),
    ]
    assert apply_rules(quiet, ENTITIES, [ENTRY], [MATCH]) == []


def test_a_denial_of_the_trip_is_cited() -> None:
    denial = Conflict("c1", "denial", "Qasem Soleimani meeting",
                      (ClaimSide("asserts", "met", (Span("a1", 0, 10),)),
                       ClaimSide("denies", "denied", (Span("a2", 5, 30),))))  # fmt: skip
    alerts = apply_rules([trip("ev1", "p-mos", "2015-07")], ENTITIES, [ENTRY], [MATCH], [denial])
    assert alerts and alerts[0].denials == (Span("a2", 5, 30),)


def test_a_denial_tied_to_another_time_is_not_cited() -> None:
    import dataclasses

    meeting = Event("ev-meet", "meet", "meet", "2015-07", "month", ("e-sol",), (), ("a1",))
    denial = Conflict("c1", "denial", "Qasem Soleimani meeting",
                      (ClaimSide("asserts", "met", (Span("a1", 0, 10),)),
                       ClaimSide("denies", "denied", (Span("a2", 5, 30),))),
                      event="ev-meet")  # fmt: skip
    trips = [trip("ev1", "p-mos", "2015-07"), trip("ev2", "p-mos", "2016-04-14")]
    alerts = apply_rules([*trips, meeting], ENTITIES, [ENTRY], [MATCH], [denial])
    # the 2015 denial of the 2015 meeting is cited on the 2015 trip, not the 2016 one
    assert {a.event: a.denials for a in alerts} == {"ev1": (Span("a2", 5, 30),), "ev2": ()}
    untied = dataclasses.replace(denial, event=None)
    alerts = apply_rules(trips, ENTITIES, [ENTRY], [MATCH], [untied])
    assert all(a.denials for a in alerts)  # not tied to anything: it may concern either


def test_unlisted_or_unmatched_people_raise_nothing() -> None:
    putin = ent("e-put", "Vladimir Putin", "PERSON")
    event = Event("ev", "travel", "travel", "2015-07", "month", ("e-put", "p-teh"), (), ("a1",))
    assert apply_rules([event], [*ENTITIES, putin], [ENTRY], [MATCH]) == []


def test_abroad_uses_countries_demonyms_and_capitals() -> None:
    codes, names = {"ir"}, {"iran"}
    assert is_abroad("Moscow", codes, names) and is_abroad("Russia", codes, names)
    assert not is_abroad("Tehran", codes, names) and not is_abroad("Iran", codes, names)
    assert not is_abroad("Qom", codes, names)  # unknown to the territory data: not claimed
    # a fictional home country: anything not named as home is abroad
    assert is_abroad("Port Sallowmere", set(), {"karvessa"})
    assert not is_abroad("Karvessa", set(), {"karvessa"})


def test_the_list_decides_home_not_a_nationality_read_from_the_articles() -> None:
    import dataclasses

    # the articles' context misread "Moscow" as his nationality; the list says Iran
    misread = dataclasses.replace(ENTITIES[0], nationalities=("ir", "ru"))
    alerts = apply_rules([trip("ev1", "p-mos", "2015-07")], [misread, *ENTITIES[1:]], [ENTRY],
                         [MATCH])  # fmt: skip
    assert [a.places for a in alerts] == [("Moscow",)]
    # with nothing on the list, the articles' nationality is all there is to go on
    bare = dataclasses.replace(ENTRY, birth_places=())
    assert apply_rules([trip("ev1", "p-mos", "2015-07")], [misread, *ENTITIES[1:]], [bare],
                       [MATCH]) == []  # fmt: skip


def test_a_headline_above_the_name_is_not_its_title() -> None:
    from storyline.entities.context import person_context

    text = "General defies ban, flies to Moscow\n\nIranian Quds Force commander Qassem Soleimani"
    start = text.index("Qassem")
    ctx = person_context(text, start, len(text))
    assert ctx.nationalities == {"ir"} and "commander" in ctx.roles


def test_asset_freeze_needs_the_party_to_act_not_just_be_mentioned() -> None:
    text_len = len("Russia sent the S-300 to Tehran, a delivery planned during Soleimani’s trip.")
    m = EventMention("em", Span("a1", 0, text_len), Span("a1", 35, 43), "delivery",
                     "supply-weapons", ("p-rus", "e-sol", "p-teh"), None)  # fmt: skip
    sol = ent("e-sol", "Soleimani", "PERSON", start=59)
    event = Event("ev", "supply-weapons", "delivery", "2016-04", "month",
                  ("p-rus", "e-sol", "p-teh"), (m,), ("a1",))  # fmt: skip
    assert apply_rules([event], [sol, *ENTITIES[1:]], [ENTRY], [MATCH]) == []
    acting = ent("e-sol", "Soleimani", "PERSON", start=0)
    m2 = EventMention("em2", Span("a1", 0, 40), Span("a1", 10, 17), "deliver", "supply-weapons",
                      ("e-sol", "p-teh"), None)  # fmt: skip
    event2 = Event("ev2", "supply-weapons", "deliver", "2016-04", "month", ("e-sol", "p-teh"),
                   (m2,), ("a1",))  # fmt: skip
    alerts = apply_rules([event2], [acting, *ENTITIES[1:]], [ENTRY], [MATCH])
    assert [a.rule for a in alerts] == ["asset-freeze-transfer"]


def test_rules_are_data_with_descriptions() -> None:
    assert {r.restriction for r in RULES} == {"travel_ban", "asset_freeze", "arms_embargo"}
    assert all(r.description for r in RULES)


def test_a_denial_published_before_the_trip_is_not_cited() -> None:
    # the denial is tied to an undated meeting, so its date cannot rule it out; its
    # article's publication date can: a report of 2015 denies nothing of a 2016 trip
    meeting = Event("ev-meet", "meet", "meet", None, "unknown", ("e-sol",), (), ("a1",))
    denial = Conflict("c1", "denial", "Qasem Soleimani meeting",
                      (ClaimSide("asserts", "met", (Span("a1", 0, 10),)),
                       ClaimSide("denies", "denied", (Span("a2", 5, 30),))),
                      event="ev-meet")  # fmt: skip
    trips = [trip("ev1", "p-mos", "2015-07"), trip("ev2", "p-mos", "2016-04-14")]
    published = {"a1": "2016-04-15", "a2": "2015-08-07"}
    alerts = apply_rules([*trips, meeting], ENTITIES, [ENTRY], [MATCH], [denial], published)
    assert {a.event: a.denials for a in alerts} == {"ev1": (Span("a2", 5, 30),), "ev2": ()}
    # without publication dates nothing rules it out
    alerts = apply_rules([*trips, meeting], ENTITIES, [ENTRY], [MATCH], [denial])
    assert all(a.denials for a in alerts)
