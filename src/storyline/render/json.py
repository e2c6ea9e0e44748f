"""The brief's wire form: plain JSON described by ``docs/brief.schema.json``.

Every mention and citation is ``{"article", "start", "end"}``: character
offsets into that article's ``text``. Output is deterministic (sorted keys,
stable order), so the same input gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from storyline.model import (
    Alert,
    Brief,
    Claim,
    ClaimSide,
    Conflict,
    Entity,
    Event,
    EventMention,
    PublicationDate,
    Span,
    SummarySentence,
    TimeValue,
    to_dict,
)

SCHEMA_ID = "storyline-brief"


def _span(s: Span) -> dict[str, Any]:
    return {"article": s.article, "start": s.start, "end": s.end}


def _time(t: TimeValue) -> dict[str, Any]:
    return {**_span(t.span), "text": t.text, "type": t.type, "value": t.value,
            "granularity": t.granularity, "anchor": t.anchor, "note": t.note,
            "mod": t.mod}  # fmt: skip


def _publication(p: PublicationDate) -> dict[str, Any]:
    return {"article": p.article, "value": p.value, "confidence": p.confidence,
            "basis": p.basis, "evidence": _span(p.evidence) if p.evidence else None}  # fmt: skip


def _entity(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": list(e.aliases),
        "articles": list(e.articles),
        "mentions": [
            {**_span(m.span), "text": m.text, "label": m.label, "kind": m.kind, "id": m.id}
            for m in e.mentions
        ],
        "merges": [to_dict(m) for m in e.merges],
        "roles": list(e.roles),
        "nationalities": list(e.nationalities),
    }


def _event_mention(m: EventMention, texts: dict[str, str]) -> dict[str, Any]:
    return {
        **_span(m.span),
        "text": texts[m.span.article][m.span.start : m.span.end],
        "trigger": _span(m.trigger),
        "lemma": m.lemma,
        "polarity": m.polarity,
        "modality": m.modality,
        "participants": list(m.participants),
        "time": _time(m.time) if m.time else None,
        "roles": [{"role": r.role, **_span(r.span), "entity": r.entity} for r in m.roles],
        "attribution": _span(m.attribution) if m.attribution else None,
        "denied_by": _span(m.denied_by) if m.denied_by else None,
    }


def _event(e: Event, texts: dict[str, str]) -> dict[str, Any]:
    return {
        "id": e.id,
        "type": e.type,
        "label": e.label,
        "date": e.date,
        "granularity": e.granularity,
        "date_note": e.date_note,
        "participants": list(e.participants),
        "sources": list(e.sources),
        "mentions": [_event_mention(m, texts) for m in e.mentions],
    }


def _sentence(s: SummarySentence) -> dict[str, Any]:
    return {
        "text": s.text,
        "source": _span(s.span),
        "citations": [_span(c) for c in s.citations],
        "parts": [_span(p) for p in s.parts],
    }


def _sides(sides: Sequence[ClaimSide]) -> list[dict[str, Any]]:
    return [
        {"stance": s.stance, "text": s.text, "citations": [_span(x) for x in s.citations]}
        for s in sides
    ]


def _conflict(c: Conflict) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": c.kind,
        "topic": c.topic,
        "sides": _sides(c.sides),
        "event": c.event,
        "attribute": c.attribute,
    }


def _claim(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "event": c.event,
        "attribute": c.attribute,
        "topic": c.topic,
        "status": c.status,
        "sources": list(c.sources),
        "sides": _sides(c.sides),
    }


def _alert(a: Alert) -> dict[str, Any]:
    return {
        "id": a.id,
        "rule": a.rule,
        "entity": a.entity,
        "entry": a.entry,
        "event": a.event,
        "restriction": to_dict(a.restriction),
        "explanation": a.explanation,
        "score": a.score,
        "evidence": [_span(x) for x in a.evidence],
        "denials": [_span(x) for x in a.denials],
        "sources": list(a.sources),
        "places": list(a.places),
    }


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """The brief as JSON-ready data, in the documented schema."""
    texts = {a.id: a.text for a in brief.articles}
    return {
        "schema": SCHEMA_ID,
        "schema_version": brief.schema_version,
        "pipeline_version": brief.pipeline_version,
        "articles": [
            {
                k: getattr(a, k)
                for k in (
                    "id",
                    "title",
                    "source",
                    "url",
                    "published",
                    "origin",
                    "collection",
                    "hash",
                    "text",
                )
            }
            for a in brief.articles
        ],
        "near_duplicates": [
            {"article": x.article, "other": x.other, "similarity": x.similarity}
            for x in brief.links
        ],
        "entities": [_entity(e) for e in brief.entities],
        "publication_dates": [_publication(p) for p in brief.publication_dates],
        "times": [_time(t) for t in brief.times],
        "events": [_event(e, texts) for e in brief.events],
        "summary": [_sentence(s) for s in brief.summary],
        "conflicts": [_conflict(c) for c in brief.conflicts],
        "claims": [_claim(c) for c in brief.claims],
        "watchlist": [to_dict(e) for e in brief.watchlist],
        "matches": [to_dict(m) for m in brief.matches],
        "alerts": [_alert(a) for a in brief.alerts],
        "stats": {
            "articles": len(brief.articles),
            "entities": len(brief.entities),
            "events": len(brief.events),
            "summary_sentences": len(brief.summary),
            "conflicts": len(brief.conflicts),
            "claims": len(brief.claims),
            "alerts": len(brief.alerts),
        },
    }


def render_json(brief: Brief | dict[str, Any]) -> str:
    data = brief if isinstance(brief, dict) else brief_to_dict(brief)
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
