"""Fixtures for the renderer tests.

Briefs here are written by hand in the JSON wire form (plain dicts) about an invented
story, so each test can see exactly which span it expects where. Every span is computed
by :func:`cite` from the phrase it quotes, so offsets never drift from the text. Use
``brief`` for a well-formed brief, ``hostile_brief`` for one whose article carries markup
and a ``javascript:`` URL; both are fresh copies, so a test may change them freely.
"""

from __future__ import annotations

from typing import Any

import pytest

LEDGER = (
    "Defence minister Arlo Venn flew to Corvia on Thursday, officials said.\n\n"
    "The trip, on April 14, broke a travel ban imposed by the council in July 2015. "
    'Venn met "senior" figures & allies in the capital.'
)
TOWER = (
    "Arlo Venn visited Corvia this week, according to two aides.\n"
    "A spokesman for Venn denied that the minister had left the country."
)
WIRE = (
    "The council placed Venn on its list in 2015.\u00a0He has denied every accusation. "
    "Officials in Corvia gave no comment on the visit."
)

TEXTS = {"ledger-1": LEDGER, "tower/2": TOWER, "wire 3": WIRE}


def cite(article: str, phrase: str, nth: int = 0) -> dict[str, Any]:
    """The wire span of the ``nth`` occurrence of ``phrase`` in article ``article``."""
    text = TEXTS[article]
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return {"article": article, "start": start, "end": start + len(phrase)}


def mention(article: str, phrase: str, polarity: str = "asserted") -> dict[str, Any]:
    span = cite(article, phrase)
    return {
        **span,
        "text": phrase,
        "trigger": span,
        "lemma": "fly",
        "polarity": polarity,
        "modality": "actual",
    }


def make_brief() -> dict[str, Any]:
    return {
        "schema": "storyline-brief",
        "schema_version": "1.0",
        "pipeline_version": "storyline 0.1.0 / spacy 3.7.5 / en_core_web_sm 3.8.0",
        "articles": [
            {
                "id": "ledger-1",
                "title": "Minister flies to Corvia",
                "source": "Daily Ledger",
                "url": "https://ledger.example/venn?a=1&b=2",
                "published": "2016-04-15",
                "origin": "corpus/ledger.txt",
                "collection": None,
                "hash": "h1",
                "text": LEDGER,
            },
            {
                "id": "tower/2",
                "title": "Aides confirm visit",
                "source": "The Tower",
                "url": None,
                "published": None,
                "origin": "corpus/tower.txt",
                "collection": None,
                "hash": "h2",
                "text": TOWER,
            },
            {
                "id": "wire 3",
                "title": "Council listing recalled",
                "source": None,
                "url": "http://wire.example/3",
                "published": "2016-04-16",
                "origin": None,
                "collection": "c1",
                "hash": "h3",
                "text": WIRE,
            },
        ],
        "near_duplicates": [{"article": "ledger-1", "other": "wire 3", "similarity": 0.81}],
        "entities": [
            {
                "id": "ent-venn",
                "name": "Arlo Venn",
                "type": "PERSON",
                "aliases": ["Venn"],
                "articles": ["ledger-1", "tower/2", "wire 3"],
                "mentions": [
                    cite("ledger-1", "Arlo Venn"),
                    cite("tower/2", "Arlo Venn"),
                    cite("wire 3", "Venn"),
                ],
                "merges": [],
            },
            {
                "id": "ent-corvia",
                "name": "Corvia",
                "type": "GPE",
                "aliases": [],
                "articles": ["ledger-1", "tower/2"],
                "mentions": [cite("ledger-1", "Corvia"), cite("tower/2", "Corvia")],
                "merges": [],
            },
        ],
        "times": [],
        "events": [
            {
                "id": "evt-undated",
                "type": "Contact",
                "label": "Venn meets senior figures",
                "date": None,
                "granularity": "unknown",
                "date_note": "no date in the reports",
                "participants": ["ent-venn"],
                "sources": ["ledger-1"],
                "mentions": [mention("ledger-1", 'Venn met "senior" figures & allies')],
            },
            {
                "id": "evt-trip",
                "type": "Movement.Transport",
                "label": "Venn travels to Corvia",
                "date": "2016-04-14",
                "granularity": "day",
                "date_note": "",
                "participants": ["ent-venn", "ent-corvia"],
                "sources": ["ledger-1", "tower/2", "wire 3"],
                "mentions": [
                    mention("ledger-1", "Arlo Venn flew to Corvia on Thursday"),
                    mention("tower/2", "Arlo Venn visited Corvia this week"),
                    mention("tower/2", "denied that the minister had left the country", "denied"),
                ],
            },
            {
                "id": "evt-listing",
                "type": "Justice.Sanction",
                "label": "Council bans Venn from travel",
                "date": "2015-07",
                "granularity": "month",
                "date_note": "",
                "participants": ["ent-venn"],
                "sources": ["ledger-1"],
                "mentions": [
                    mention("ledger-1", "a travel ban imposed by the council in July 2015")
                ],
            },
        ],
        "summary": [
            {
                "text": "Defence minister Arlo Venn flew to Corvia on Thursday, officials said.",
                "source": cite(
                    "ledger-1",
                    "Defence minister Arlo Venn flew to Corvia on Thursday, officials said.",
                ),
                "citations": [
                    cite(
                        "ledger-1",
                        "Defence minister Arlo Venn flew to Corvia on Thursday, officials said.",
                    ),
                    cite("tower/2", "Arlo Venn visited Corvia this week, according to two aides."),
                ],
            },
            {
                "text": "A spokesman for Venn denied that the minister had left the country.",
                "source": cite(
                    "tower/2", "A spokesman for Venn denied that the minister had left the country."
                ),
                "citations": [
                    cite(
                        "tower/2",
                        "A spokesman for Venn denied that the minister had left the country.",
                    )
                ],
            },
        ],
        "claims": [
            {
                "id": "cl-date",
                "event": "evt-trip",
                "attribute": "date",
                "topic": "date of Venn travels to Corvia",
                "status": "agreed",
                "sources": ["ledger-1", "tower/2"],
                "sides": [
                    {
                        "stance": "states",
                        "text": "2016-04-14",
                        "citations": [cite("ledger-1", "Thursday"), cite("tower/2", "this week")],
                    }
                ],
            },
            {
                "id": "cl-occurrence",
                "event": "evt-trip",
                "attribute": "occurrence",
                "topic": "Venn travels to Corvia",
                "status": "denied",
                "sources": ["ledger-1", "tower/2"],
                "sides": [
                    {
                        "stance": "asserts",
                        "text": "Venn travels to Corvia",
                        "citations": [cite("ledger-1", "Arlo Venn flew to Corvia on Thursday")],
                    },
                    {
                        "stance": "denies",
                        "text": "Venn travels to Corvia",
                        "citations": [
                            cite("tower/2", "denied that the minister had left the country")
                        ],
                    },
                ],
            },
        ],
        "conflicts": [
            {
                "id": "con-1",
                "kind": "denial",
                "topic": "Did Venn leave the country?",
                "sides": [
                    {
                        "stance": "asserts",
                        "text": "Venn flew to Corvia.",
                        "citations": [cite("ledger-1", "Arlo Venn flew to Corvia on Thursday")],
                    },
                    {
                        "stance": "denies",
                        "text": "Venn did not leave the country.",
                        "citations": [
                            cite("tower/2", "denied that the minister had left the country")
                        ],
                    },
                ],
            },
        ],
        "watchlist": [
            {
                "id": "wl-1",
                "list_name": "Council consolidated list",
                "name": "VENN, Arlo",
                "aliases": ["Arlo Venn"],
                "type": "person",
                "nationalities": [],
                "programmes": [],
                "listed": "2015-07-20",
                "delisted": None,
                "restrictions": [
                    {
                        "kind": "travel_ban",
                        "basis": "Council resolution 99 (2015)",
                        "since": "2015-07-20",
                        "until": None,
                    }
                ],
            },
        ],
        "matches": [
            {
                "entity": "ent-venn",
                "entry": "wl-1",
                "score": 0.934,
                "matched_name": "Arlo Venn",
                "features": {"name": 1.0},
            }
        ],
        "alerts": [
            {
                "id": "alert-1",
                "rule": "travel-ban-breach",
                "entity": "ent-venn",
                "entry": "wl-1",
                "event": "evt-trip",
                "restriction": {
                    "kind": "travel_ban",
                    "basis": "Council resolution 99 (2015)",
                    "since": "2015-07-20",
                    "until": None,
                },
                "explanation": "Arlo Venn, under a travel ban, reportedly travelled to Corvia.",
                "score": 0.88,
                "evidence": [cite("ledger-1", "Arlo Venn flew to Corvia on Thursday")],
                "denials": [cite("tower/2", "denied that the minister had left the country")],
            },
        ],
        "stats": {"articles": 3, "entities": 2, "events": 3},
    }


HOSTILE_TEXT = (
    'Before.\n<img src=x onerror=alert(1)> and "quotes" & <script>alert(2)</script> after.'
)


def make_hostile_brief() -> dict[str, Any]:
    phrase = "<img src=x onerror=alert(1)>"
    start = HOSTILE_TEXT.index(phrase)
    span = {"article": "<x>\"'", "start": start, "end": start + len(phrase)}
    return {
        "schema": "storyline-brief",
        "schema_version": "1.0",
        "pipeline_version": "storyline 0.1.0",
        "articles": [
            {
                "id": "<x>\"'",
                "title": "<script>alert(1)</script>",
                "source": None,
                "url": "javascript:alert(1)",
                "published": None,
                "origin": "<b>o</b>",
                "collection": None,
                "hash": "h",
                "text": HOSTILE_TEXT,
            },
            {
                "id": "data",
                "title": "[click](javascript:alert(3)) `code` <b>bold</b>",
                "source": 'Evil" onmouseover="alert(4)',
                "url": "data:text/html,<script>alert(5)</script>",
                "published": None,
                "origin": None,
                "collection": None,
                "hash": "h2",
                "text": "Plain text.",
            },
        ],
        "near_duplicates": [],
        "entities": [
            {
                "id": "e<1>",
                "name": "<script>alert(6)</script>",
                "type": "PERSON",
                "aliases": ["<i>x</i>"],
                "articles": ["<x>\"'"],
                "mentions": [span],
                "merges": [],
            },
        ],
        "times": [],
        "events": [
            {
                "id": 'ev"1',
                "type": "<b>t</b>",
                "label": "<script>alert(7)</script>",
                "date": "2016-04-14",
                "granularity": "day",
                "date_note": "<i>n</i>",
                "participants": ["e<1>"],
                "sources": ["<x>\"'"],
                "mentions": [
                    {
                        **span,
                        "text": phrase,
                        "trigger": span,
                        "lemma": "x",
                        "polarity": "denied",
                        "modality": "actual",
                    }
                ],
            },
        ],
        "summary": [
            {"text": "Summary with <script>alert(8)</script>.", "source": span, "citations": [span]}
        ],
        "conflicts": [],
        "watchlist": [],
        "matches": [],
        "alerts": [],
    }


@pytest.fixture
def brief() -> dict[str, Any]:
    return make_brief()


@pytest.fixture
def hostile_brief() -> dict[str, Any]:
    return make_hostile_brief()
