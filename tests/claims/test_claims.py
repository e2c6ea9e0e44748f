"""Claims and conflicts on a team-written story, events built by hand over the real parse.

The events stage is exercised elsewhere; here the mentions are written down
directly (article, clause, trigger, participants, time, polarity), so the test
checks what the claims stage makes of them: agreement, disputes over dates,
counts and ordinals, denials, and single-source claims, every side cited.
"""

from __future__ import annotations

import dataclasses

import pytest

from storyline.claims import find_claims, find_conflicts
from storyline.model import (
    AnnotatedArticle,
    Article,
    Entity,
    Event,
    EventMention,
    Mention,
    Span,
    TimeValue,
)

pytestmark = pytest.mark.slow

TEXTS = {
    "ledger": (
        "General Arvid Kessel flew to Velmora on Monday for talks with President Ilse Marren. "
        "It was his second trip to Velmora this year. "
        "At least 12 protesters were arrested outside the palace."
    ),
    "harbor": (
        "General Arvid Kessel arrived in Velmora on Sunday for talks with President Ilse Marren. "
        "It was his third trip to Velmora this year. "
        "Police arrested 40 protesters outside the palace."
    ),
    "wire": (
        "General Arvid Kessel traveled to Velmora this week and held talks with President "
        "Ilse Marren, a diplomat said. The presidential office denied that the talks took place."
    ),
}
PUBLISHED = {"ledger": "2024-03-12", "harbor": "2024-03-13", "wire": "2024-03-14"}


@pytest.fixture(scope="module")
def story():
    from storyline.annotate import load_nlp

    nlp = load_nlp()
    articles = [
        Article(id=k, text=t, source=k.title(), published=PUBLISHED[k]) for k, t in TEXTS.items()
    ]
    items = [AnnotatedArticle(a, nlp(a.text)) for a in articles]

    def span(article: str, text: str) -> Span:
        start = TEXTS[article].index(text)
        return Span(article, start, start + len(text))

    def person(eid: str, name: str) -> Entity:
        ms = tuple(
            Mention(f"{eid}-{a}", span(a, name), name, "PERSON", 0)
            for a in TEXTS
            if name in TEXTS[a]
        )
        return Entity(eid, name, "PERSON", (), ms)

    kessel, marren = person("kessel", "Arvid Kessel"), person("marren", "Ilse Marren")
    velmora = Entity(
        "velmora",
        "Velmora",
        "GPE",
        (),
        tuple(Mention(f"v-{a}", span(a, "Velmora"), "Velmora", "GPE", 0) for a in TEXTS),
    )

    def mention(mid, article, clause, trigger, etype, who, day=None, polarity="asserted"):
        sp = span(article, clause)
        t = Span(
            article,
            sp.start + clause.index(trigger),
            sp.start + clause.index(trigger) + len(trigger),
        )
        time = None
        if day:
            word, value = day
            time = TimeValue(span(article, word), word, "DATE", value, "day", "publication")
        return EventMention(mid, sp, t, trigger.lower(), etype, who, time, polarity)

    trip = [
        mention(
            "m1",
            "ledger",
            "General Arvid Kessel flew to Velmora on Monday",
            "flew",
            "travel",
            ("kessel", "velmora"),
            ("Monday", "2024-03-11"),
        ),
        mention(
            "m2",
            "ledger",
            "It was his second trip to Velmora this year",
            "trip",
            "travel",
            ("kessel", "velmora"),
        ),
        mention(
            "m3",
            "harbor",
            "General Arvid Kessel arrived in Velmora on Sunday",
            "arrived",
            "travel",
            ("kessel", "velmora"),
            ("Sunday", "2024-03-10"),
        ),
        mention(
            "m4",
            "harbor",
            "It was his third trip to Velmora this year",
            "trip",
            "travel",
            ("kessel", "velmora"),
        ),
        mention(
            "m5",
            "wire",
            "General Arvid Kessel traveled to Velmora this week",
            "traveled",
            "travel",
            ("kessel", "velmora"),
        ),
    ]
    talks = [
        mention(
            "t1",
            "ledger",
            "talks with President Ilse Marren",
            "talks",
            "meet",
            ("kessel", "marren"),
        ),
        mention(
            "t2",
            "harbor",
            "talks with President Ilse Marren",
            "talks",
            "meet",
            ("kessel", "marren"),
        ),
        mention("t3", "wire", "the talks took place", "talks", "meet", (), polarity="denied"),
    ]
    arrests = [
        mention(
            "a1",
            "ledger",
            "At least 12 protesters were arrested outside the palace",
            "arrested",
            "arrest",
            (),
        ),
        mention(
            "a2",
            "harbor",
            "Police arrested 40 protesters outside the palace",
            "arrested",
            "arrest",
            (),
        ),
    ]
    # the denial names no one: "the talks" are those the wire reported just before
    talks.insert(
        2,
        mention(
            "t0",
            "wire",
            "held talks with President Ilse Marren",
            "talks",
            "meet",
            ("kessel", "marren"),
        ),
    )
    # the parse names who denies (the events stage fills denied_by)
    talks[3] = dataclasses.replace(talks[3], denied_by=span("wire", "The presidential office"))

    def event(eid, label, ms):
        return Event(
            eid,
            ms[0].type,
            label,
            None,
            "unknown",
            ("kessel",),
            tuple(ms),
            tuple(sorted({m.span.article for m in ms})),
        )

    events = [
        event("ev-trip", "travel: Kessel — Velmora", trip),
        event("ev-talks", "talks", talks),
        event("ev-arrests", "arrests", arrests),
    ]
    mentions = trip + talks + arrests
    return items, events, mentions, [kessel, marren, velmora]


def quote(sp: Span) -> str:
    return TEXTS[sp.article][sp.start : sp.end]


def by(claims, event, attribute):
    found = [c for c in claims if c.event == event and c.attribute == attribute]
    assert found, [(c.event, c.attribute) for c in claims]
    return found[0]


def test_agreement_and_single_source(story) -> None:
    claims = find_claims(*story)
    occurrence = by(claims, "ev-trip", "occurrence")
    assert occurrence.status == "agreed"
    assert set(occurrence.sources) == {"ledger", "harbor", "wire"}
    place = by(claims, "ev-trip", "place")
    assert place.status == "agreed"
    assert [s.text for s in place.sides] == ["Velmora"]


def test_dates_that_differ_are_disputed_with_every_side_cited(story) -> None:
    date = by(find_claims(*story), "ev-trip", "date")
    assert date.status == "disputed"
    assert {s.text: [quote(c) for c in s.citations] for s in date.sides} == {
        "2024-03-10": ["Sunday"],
        "2024-03-11": ["Monday"],
    }


def test_second_trip_against_third_trip(story) -> None:
    ordinal = by(find_claims(*story), "ev-trip", "ordinal")
    assert ordinal.status == "disputed"
    assert {quote(c) for s in ordinal.sides for c in s.citations} == {"second trip", "third trip"}


def test_counts_with_a_hedge(story) -> None:
    count = by(find_claims(*story), "ev-arrests", "count")
    # "at least 12" and "40" can both be true: not a dispute
    assert count.status == "agreed"
    assert {s.text for s in count.sides} == {"At least 12 protesters", "40 protesters"}


def test_denial_set_against_the_reports(story) -> None:
    claims = find_claims(*story)
    assert by(claims, "ev-talks", "occurrence").status == "denied"
    conflicts = find_conflicts(story[1], story[2], story[3], story[0], claims=claims)
    denial = [c for c in conflicts if c.kind == "denial"]
    assert len(denial) == 1
    sides = {s.stance: s for s in denial[0].sides}
    assert {c.article for c in sides["asserts"].citations} == {"ledger", "harbor", "wire"}
    assert [quote(c) for c in sides["denies"].citations] == ["the talks took place"]
    assert sides["denies"].text == "The presidential office denies it"
    kinds = {(c.kind, c.attribute) for c in conflicts}
    assert {("disagreement", "date"), ("disagreement", "ordinal")} <= kinds


def test_a_departure_does_not_dispute_the_arrival_date(story) -> None:
    items, events, mentions, entities = story
    # "flew out on Monday" (the events stage's lemma ``depart``) ends the trip that began
    # with "arrived on Sunday": the trip is dated by its arrival, and nothing is disputed.
    leaving = dataclasses.replace(events[0].mentions[0], lemma="depart")
    trip = dataclasses.replace(events[0], mentions=(leaving, *events[0].mentions[1:]))
    mentions = [leaving if m.id == leaving.id else m for m in mentions]
    date = by(find_claims(items, [trip, *events[1:]], mentions, entities), "ev-trip", "date")
    assert date.status == "single-source"
    assert {s.text: [quote(c) for c in s.citations] for s in date.sides} == {
        "2024-03-10": ["Sunday"]
    }


def read(texts: dict[str, str], published: str):
    """Articles (id = source) through the real pipeline: items, entities, mentions, events."""
    from storyline.annotate import annotate
    from storyline.entities.resolve import resolve_entities
    from storyline.events.cluster import cluster_events
    from storyline.events.extract import extract_event_mentions
    from storyline.time.tagger import tag_times

    items = annotate(
        [Article(id=k, text=t, source=k, published=published) for k, t in texts.items()]
    )
    entities = resolve_entities(items)
    mentions = extract_event_mentions(items, entities, tag_times(items))
    return items, entities, mentions, cluster_events(mentions, entities, items)


def test_the_origin_of_a_trip_is_not_its_place() -> None:
    text = "General Arvid Kessel flew to Moscow from Tehran on Monday."
    items, entities, mentions, events = read({"O": text}, "2024-03-12")
    place = by(find_claims(items, events, mentions, entities), events[0].id, "place")
    assert [s.text for s in place.sides] == ["Moscow"]


def test_second_trip_against_third_visit_since_the_ban() -> None:
    texts = {
        "wire": "General Arvid Kessel arrived in Moscow on Tuesday. It was his second trip to "
        "Moscow in defiance of a travel ban.",
        "radio": "General Arvid Kessel arrived in Moscow on Tuesday. It was his third visit to "
        "Moscow since the council banned him from travelling abroad.",
    }
    items, entities, mentions, events = read(texts, "2024-03-15")
    ordinal = [
        c for c in find_claims(items, events, mentions, entities) if c.attribute == "ordinal"
    ]
    # "trip" and "visit" count the same thing; a count with no stated span is set against
    # the one count that states its span
    assert len(ordinal) == 1 and ordinal[0].status == "disputed"
    assert sorted(s.text for s in ordinal[0].sides) == ["second trip", "third visit"]


def test_two_outlets_denying_one_meeting_make_one_conflict() -> None:
    texts = {
        "wire": "General Arvid Kessel met Foreign Minister Ida Marsh in Orvane on Thursday, "
        "according to three officials. He arrived with a delegation of 12 officials.",
        "radio": "The foreign ministry has denied that Ida Marsh met Arvid Kessel during his "
        "visit to Orvane last week. It did not deny that Kessel had been in the country.",
        "paper": "General Arvid Kessel met Ida Marsh on Thursday, two officials said. The "
        "foreign ministry has denied that any meeting took place.",
    }
    items, entities, mentions, events = read(texts, "2024-03-18")
    conflicts = find_conflicts(events, mentions, entities, items)
    denials = [c for c in conflicts if c.kind == "denial"]
    assert len(denials) == 1, denials
    denied = {sp.article for s in denials[0].sides if s.stance == "denies" for sp in s.citations}
    assert denied == {"radio", "paper"}
    asserted = {sp.article for s in denials[0].sides if s.stance == "asserts" for sp in s.citations}
    assert asserted == {"wire", "paper"}
    # "did not deny" denies nothing
    assert not [m for m in mentions if m.polarity == "denied" and "not deny" in quote_of(items, m)]
    # the officials who tell it are no count of the event, the delegation is
    counts = [c for c in find_claims(items, events, mentions, entities) if c.attribute == "count"]
    assert [s.text for c in counts for s in c.sides] == ["12 officials"]


def quote_of(items, m) -> str:
    text = next(i.article.text for i in items if i.article.id == m.span.article)
    return text[m.span.start : m.span.end]
