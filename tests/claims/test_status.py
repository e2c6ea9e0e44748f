"""Sanctions said to be lifted against sanctions said to be in force (real parse and events)."""

from __future__ import annotations

import pytest

from storyline.annotate import annotate
from storyline.claims import find_claims, find_conflicts
from storyline.entities.resolve import resolve_entities
from storyline.events.cluster import cluster_events
from storyline.events.extract import extract_event_mentions
from storyline.model import Article
from storyline.time.tagger import tag_times

pytestmark = pytest.mark.slow

TEXTS = {
    "early": "General Arvid Kessel is banned from traveling abroad by Council Resolution 99.",
    "ledger": (
        "General Arvid Kessel flew to Velmora last month. As part of the final deal, Kessel had "
        "personal sanctions against him dropped. The Council has upheld a travel ban and asset "
        "freezes on Kessel since 2007. The Treasury has twice sanctioned Kessel."
    ),
    "tower": (
        "General Arvid Kessel is banned from traveling abroad by Council Resolution 99. "
        "The ban on Kessel will be lifted in October 2020."
    ),
}
PUBLISHED = {"early": "2014-01-10", "ledger": "2015-08-07", "tower": "2017-02-16"}


@pytest.fixture(scope="module")
def brief():
    articles = [Article(id=k, text=t, source=k, published=PUBLISHED[k]) for k, t in TEXTS.items()]
    items = annotate(articles)
    entities = resolve_entities(items)
    mentions = extract_event_mentions(items, entities, tag_times(items))
    events = cluster_events(mentions, entities, items)
    claims = find_claims(items, events, mentions, entities)
    conflicts = find_conflicts(events, mentions, entities, items, claims=claims)
    return claims, conflicts


def quote(span) -> str:
    return TEXTS[span.article][span.start : span.end]


def test_lifted_set_against_in_force_after_the_lifting(brief) -> None:
    claims, conflicts = brief
    status = [c for c in claims if c.attribute == "status"]
    assert len(status) == 1 and status[0].status == "disputed"
    sides = {s.text: [quote(c) for c in s.citations] for s in status[0].sides}
    assert sides["lifted"] == [
        "As part of the final deal, Kessel had personal sanctions against him dropped."
    ]
    # the ban upheld in the same report, and the ban The Tower says is in force later; not
    # the report from before the lifting, not "will be lifted", not "has twice sanctioned"
    assert sides["in force"] == [
        "The Council has upheld a travel ban and asset freezes on Kessel since 2007.",
        "General Arvid Kessel is banned from traveling abroad by Council Resolution 99.",
    ]
    assert [s.citations[0].article for s in status[0].sides] == ["ledger", "ledger"]
    assert status[0].sides[1].citations[1].article == "tower"
    disagreement = [c for c in conflicts if c.attribute == "status"]
    assert len(disagreement) == 1 and disagreement[0].kind == "disagreement"
    assert disagreement[0].topic == "status of sanctions on Arvid Kessel"


def test_a_ban_is_what_forbids_travel_not_a_trip(brief) -> None:
    claims, _ = brief
    # "is banned from traveling" is no trip: only the flight to Velmora is a travel event
    travel = {c.event for c in claims if c.attribute == "occurrence" and "travel" in c.topic}
    assert len(travel) == 1
