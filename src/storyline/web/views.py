"""What the web pages show of a brief, computed once when the brief is made.

:func:`story_view` turns a brief's JSON wire form into the story page's content (summary with
citations, timeline, conflicts, alerts, top entities, sources), bounded in size whatever the
number of articles, so the page renders in milliseconds from one cached JSON document.
:func:`entity_dossiers` and :func:`alert_items` make the per-entity and per-alert documents the
dossier and alerts pages read. Everything is plain JSON-ready data; citations are
``{"n", "article", "start", "end", "label", "quote"}`` and link to the evidence view.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from storyline.render._evidence import (
    EvidenceIndex,
    article_label,
    date_sort_key,
    format_date,
    is_safe_url,
)
from storyline.render._view import claim_order, expected_status

from . import timeline

VIEW_VERSION = 2
"""Bump when the view's shape changes: cached views of another version are made again."""
MAX_EVENTS = 400
"""At most this many events are listed on the story page (those reported by most sources)."""
MAX_TIMELINE = 60
"""At most this many events are drawn on the visual timeline."""
MAX_ENTITIES = 40
MAX_ARTICLES = 300
QUOTE_CHARS = 160
_RESTRICTIONS = {
    "travel_ban": "travel ban",
    "asset_freeze": "asset freeze",
    "arms_embargo": "arms embargo",
}
_COARSE = {"week", "month", "season", "quarter", "year", "decade"}


def date_label(value: Any, granularity: Any) -> str:
    """A date as a reader expects it, including values only partly known ("2023-10-19,
    morning", "October, year unknown", "a Tuesday, week unknown"): the static brief's
    :func:`~storyline.render._evidence.format_date`, one reading for both."""
    return format_date(None if value is None else str(value), granularity)


def _s(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def _list(brief: Mapping[str, Any], key: str) -> Sequence[Mapping[str, Any]]:
    value = brief.get(key)
    return value if isinstance(value, list) else []


class _Cites:
    """Numbers distinct cited spans in order of first citation, with a short quote each."""

    def __init__(self, articles: Mapping[str, Mapping[str, Any]]) -> None:
        self._index = EvidenceIndex(articles)
        self._articles = articles

    def one(self, span: Mapping[str, Any], context: bool = False) -> dict[str, Any]:
        c = self._index.cite(span)
        article = str(span["article"])
        body = str(self._articles[article].get("text") or "")
        start, end = int(span["start"]), int(span["end"])
        quote = " ".join(body[start:end].split())
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1].rstrip() + "…"
        out = {"n": c.number, "article": article, "start": start, "end": end, "label": c.label}
        out["quote"] = quote
        if context:
            ev = self._index.evidence[c.number - 1]
            out.update(
                before=("…" if ev.cut_before else "") + ev.before,
                text=ev.quote,
                after=ev.after + ("…" if ev.cut_after else ""),
            )
        return out

    def many(self, spans: Sequence[Mapping[str, Any]], context: bool = False) -> list[dict]:
        seen: dict[int, dict[str, Any]] = {}
        for span in spans:
            c = self.one(span, context)
            seen.setdefault(c["n"], c)
        return list(seen.values())


def headline(brief: Mapping[str, Any], n: int = 3) -> str:
    """The story's most mentioned people, organisations and places: "A · B · C"."""
    ranked = sorted(
        (e for e in _list(brief, "entities") if e.get("type") in {"PERSON", "ORG", "GPE"}),
        key=lambda e: (-len(e.get("mentions") or ()), _s(e.get("name"))),
    )
    return " · ".join(_s(e.get("name")) for e in ranked[:n])


def _event_rank(event: Mapping[str, Any]) -> tuple[int, tuple, str]:
    return (-len(event.get("sources") or ()), date_sort_key(event.get("date")), _s(event.get("id")))


def story_view(brief: Mapping[str, Any]) -> dict[str, Any]:
    """The story page's content, ordered and cited (see the module docstring)."""
    articles = {str(a.get("id")): a for a in _list(brief, "articles")}
    entities = {str(e.get("id")): e for e in _list(brief, "entities")}
    cites = _Cites(articles)

    def entity_ref(entity_id: Any) -> dict[str, str]:
        e = entities.get(str(entity_id))
        return {"id": str(entity_id), "name": _s(e.get("name")) if e else str(entity_id)}

    summary = []
    for sentence in _list(brief, "summary"):
        spans = list(sentence.get("citations") or ())
        source = sentence.get("source")
        if source and all(
            (s.get("article"), s.get("start"), s.get("end"))
            != (source.get("article"), source.get("start"), source.get("end"))
            for s in spans
        ):
            spans.insert(0, source)
        summary.append({"text": _s(sentence.get("text")), "cites": cites.many(spans)})

    all_events = list(_list(brief, "events"))
    chosen = sorted(all_events, key=_event_rank)[:MAX_EVENTS]
    chosen.sort(key=lambda e: (_date_order(e), _event_rank(e)))

    def sides(item: Mapping[str, Any]) -> list[dict[str, Any]]:
        """The sides of a claim or a conflict, each with its quoted citations."""
        return [
            {
                "stance": _s(side.get("stance")),
                "text": _s(side.get("text")),
                "cites": cites.many(side.get("citations") or ()),
            }
            for side in item.get("sides") or ()
        ]

    claims_of: dict[str, list[dict[str, Any]]] = {}
    for claim in sorted(_list(brief, "claims"), key=claim_order):
        claims_of.setdefault(_s(claim.get("event")), []).append(
            {
                "attribute": _s(claim.get("attribute")),
                "status": _s(claim.get("status")),
                "sides": sides(claim),
            }
        )
    events = []
    for event in chosen:
        mentions = list(event.get("mentions") or ())
        sources = [str(s) for s in event.get("sources") or ()]
        first_by_article: dict[str, Mapping[str, Any]] = {}
        for m in sorted(mentions, key=lambda m: (m.get("start", 0), m.get("end", 0))):
            first_by_article.setdefault(str(m.get("article")), m)
        ordered = sorted(
            first_by_article.values(),
            key=lambda m: date_sort_key(articles.get(str(m.get("article")), {}).get("published")),
        )
        flags = [
            {"polarity": _s(m.get("polarity")), "text": _s(m.get("text")), "cite": cites.one(m)}
            for m in mentions
            if m.get("polarity") in {"denied", "negated"}
        ]
        granularity = _s(event.get("granularity"))
        date_note = _s(event.get("date_note"))
        events.append(
            {
                "id": _s(event.get("id")),
                "anchor": "event-" + _s(event.get("id")),
                "label": _s(event.get("label")) or _s(event.get("id")),
                "type": _s(event.get("type")),
                "date": event.get("date"),
                "granularity": granularity,
                "date_label": date_label(event.get("date"), granularity),
                "date_note": date_note,
                "dated": timeline.period(event.get("date"), granularity) is not None,
                "uncertain": bool(date_note)
                or granularity in _COARSE
                or "X" in str(event.get("date") or ""),
                "flagged": bool(flags),
                "sources": len(sources),
                "participants": [entity_ref(p) for p in event.get("participants") or ()],
                "cites": cites.many(ordered),
                "flags": flags,
                "claims": claims_of.get(_s(event.get("id")), []),
                "expected": expected_status(mentions),
            }
        )
    drawn = sorted((e for e in events if e["dated"]), key=_view_rank)[:MAX_TIMELINE]
    conflicts = [
        {
            "id": _s(c.get("id")),
            "kind": _s(c.get("kind")),
            "topic": _s(c.get("topic")),
            "sides": sides(c),
        }
        for c in _list(brief, "conflicts")
    ]
    alerts = [
        {
            "id": a["id"],
            "explanation": a["explanation"],
            "restriction": a["restriction"]["name"],
            "entity": a["entity"],
            "entry": a["entry"],
            "score": a["score"],
            "evidence": cites.many(_spans(a["evidence"])),
            "denials": cites.many(_spans(a["denials"])),
        }
        for a in alert_items(brief)
    ]
    listed = {str(m.get("entity")) for m in _list(brief, "matches")}
    ranked = sorted(
        entities.values(),
        key=lambda e: (-len(e.get("mentions") or ()), _s(e.get("name")), str(e.get("id"))),
    )
    people = [
        {
            "id": str(e.get("id")),
            "name": _s(e.get("name")),
            "type": _s(e.get("type")),
            "mentions": len(e.get("mentions") or ()),
            "articles": len(e.get("articles") or ()),
            "aliases": [_s(a) for a in e.get("aliases") or () if _s(a) != _s(e.get("name"))][:6],
            "listed": str(e.get("id")) in listed,
        }
        for e in ranked[:MAX_ENTITIES]
    ]
    sources = sorted(
        articles.values(),
        key=lambda a: (date_sort_key(a.get("published")), article_label(a), str(a.get("id"))),
    )
    published = [str(a["published"]) for a in sources if a.get("published")]
    stats = brief.get("stats") if isinstance(brief.get("stats"), Mapping) else {}
    return {
        "view_version": VIEW_VERSION,
        "headline": headline(brief),
        "stats": {
            "articles": len(articles),
            "entities": len(entities),
            "events": len(all_events),
            "conflicts": len(conflicts),
            "alerts": len(alerts),
            "summary_sentences": int((stats or {}).get("summary_sentences") or len(summary)),
        },
        "period": [published[0], published[-1]] if published else [],
        "summary": summary,
        "timeline": timeline.layout(drawn),
        "events": events,
        "events_total": len(all_events),
        "conflicts": conflicts,
        "alerts": alerts,
        "entities": people,
        "articles": [_article_row(a) for a in sources[:MAX_ARTICLES]],
        "schema_version": _s(brief.get("schema_version")),
        "pipeline_version": _s(brief.get("pipeline_version")),
    }


def _date_order(event: Mapping[str, Any]) -> tuple:
    """Events in date order: by the start of their period (longer periods first), then
    dates only partly known, then undated ones."""
    span = timeline.period(event.get("date"), event.get("granularity"))
    if span is not None:
        return (0, span[0].toordinal(), span[0].toordinal() - span[1].toordinal())
    return (1, *date_sort_key(event.get("date")))


def _view_rank(event: Mapping[str, Any]) -> tuple[int, tuple, str]:
    return (-int(event["sources"]), date_sort_key(event.get("date")), str(event["id"]))


def _spans(cited: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{"article": c["article"], "start": c["start"], "end": c["end"]} for c in cited]


def _article_row(article: Mapping[str, Any]) -> dict[str, Any]:
    url = _s(article.get("url"))
    return {
        "id": str(article.get("id")),
        "label": article_label(article),
        "title": _s(article.get("title")),
        "published": _s(article.get("published")),
        "url": url,
        "url_is_link": is_safe_url(url),
    }


def alert_items(brief: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every alert with what a reviewer needs to judge it: the restriction, the listed
    entry, the entity and event it concerns, and the evidence and denials quoted in context."""
    articles = {str(a.get("id")): a for a in _list(brief, "articles")}
    entities = {str(e.get("id")): e for e in _list(brief, "entities")}
    events = {str(e.get("id")): e for e in _list(brief, "events")}
    entries = {str(w.get("id")): w for w in _list(brief, "watchlist")}
    out = []
    for alert in _list(brief, "alerts"):
        cites = _Cites(articles)
        restriction = alert.get("restriction") or {}
        entry = entries.get(str(alert.get("entry")), {})
        entity = entities.get(str(alert.get("entity")), {})
        event = events.get(str(alert.get("event")), {})
        out.append(
            {
                "id": _s(alert.get("id")),
                "rule": _s(alert.get("rule")),
                "explanation": _s(alert.get("explanation")),
                "score": alert.get("score"),
                "restriction": {
                    "name": _RESTRICTIONS.get(
                        _s(restriction.get("kind")), _s(restriction.get("kind"))
                    ),
                    "basis": _s(restriction.get("basis")),
                    "since": _s(restriction.get("since")),
                    "until": _s(restriction.get("until")),
                },
                "entry": {
                    "id": _s(alert.get("entry")),
                    "name": _s(entry.get("name")) or _s(alert.get("entry")),
                    "list_name": _s(entry.get("list_name")),
                },
                "entity": {"id": _s(alert.get("entity")), "name": _s(entity.get("name"))},
                "event": {
                    "id": _s(alert.get("event")),
                    "label": _s(event.get("label")),
                    "date_label": date_label(event.get("date"), event.get("granularity"))
                    if event
                    else "",
                },
                "evidence": cites.many(alert.get("evidence") or (), context=True),
                "denials": cites.many(alert.get("denials") or (), context=True),
            }
        )
    return out


def entity_dossiers(brief: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """One dossier per entity: names and aliases, why mentions were merged, its mentions
    grouped by article, the events it takes part in, watchlist matches with score and the
    features behind it, and alerts about it."""
    articles = {str(a.get("id")): a for a in _list(brief, "articles")}
    entries = {str(w.get("id")): w for w in _list(brief, "watchlist")}
    matches: dict[str, list[Mapping[str, Any]]] = {}
    for m in _list(brief, "matches"):
        matches.setdefault(str(m.get("entity")), []).append(m)
    events_of: dict[str, list[Mapping[str, Any]]] = {}
    for event in _list(brief, "events"):
        for p in event.get("participants") or ():
            events_of.setdefault(str(p), []).append(event)
    alerts_of: dict[str, list[Mapping[str, Any]]] = {}
    for alert in _list(brief, "alerts"):
        alerts_of.setdefault(str(alert.get("entity")), []).append(alert)

    for entity in _list(brief, "entities"):
        entity_id = str(entity.get("id"))
        by_article: dict[str, list[dict[str, Any]]] = {}
        for m in entity.get("mentions") or ():
            by_article.setdefault(str(m.get("article")), []).append(
                {"start": m.get("start"), "end": m.get("end"), "text": _s(m.get("text"))}
            )
        mentions = []
        for article_id, found in by_article.items():
            article = articles.get(article_id, {})
            found.sort(key=lambda m: (m["start"], m["end"]))
            mentions.append(
                {
                    "article": article_id,
                    "label": article_label(article) if article else article_id,
                    "title": _s(article.get("title")),
                    "published": _s(article.get("published")),
                    "count": len(found),
                    "mentions": found[:40],
                }
            )
        mentions.sort(key=lambda g: (date_sort_key(g["published"] or None), g["label"]))
        found_matches = []
        for m in sorted(matches.get(entity_id, ()), key=lambda m: -float(m.get("score") or 0)):
            entry = entries.get(str(m.get("entry")), {})
            found_matches.append(
                {
                    "entry": _s(m.get("entry")),
                    "name": _s(entry.get("name")) or _s(m.get("entry")),
                    "list_name": _s(entry.get("list_name")),
                    "aliases": [_s(a) for a in entry.get("aliases") or ()],
                    "programmes": [_s(p) for p in entry.get("programmes") or ()],
                    "restrictions": [
                        {
                            "name": _RESTRICTIONS.get(_s(r.get("kind")), _s(r.get("kind"))),
                            "basis": _s(r.get("basis")),
                            "since": _s(r.get("since")),
                            "until": _s(r.get("until")),
                        }
                        for r in entry.get("restrictions") or ()
                    ],
                    "score": m.get("score"),
                    "matched_name": _s(m.get("matched_name")),
                    "features": {str(k): v for k, v in (m.get("features") or {}).items()},
                }
            )
        yield {
            "id": entity_id,
            "name": _s(entity.get("name")),
            "type": _s(entity.get("type")),
            "aliases": [_s(a) for a in entity.get("aliases") or ()],
            "merges": [
                {
                    "left": _s(x.get("left")),
                    "right": _s(x.get("right")),
                    "rule": _s(x.get("rule")),
                    "score": x.get("score"),
                    "features": {str(k): v for k, v in (x.get("features") or {}).items()},
                }
                for x in entity.get("merges") or ()
            ],
            "mention_count": len(entity.get("mentions") or ()),
            "mentions": mentions,
            "events": [
                {
                    "id": _s(e.get("id")),
                    "label": _s(e.get("label")),
                    "type": _s(e.get("type")),
                    "date_label": date_label(e.get("date"), e.get("granularity")),
                    "sources": len(e.get("sources") or ()),
                }
                for e in sorted(
                    events_of.get(entity_id, ()), key=lambda e: date_sort_key(e.get("date"))
                )
            ],
            "matches": found_matches,
            "alerts": [
                {"id": _s(a.get("id")), "explanation": _s(a.get("explanation"))}
                for a in alerts_of.get(entity_id, ())
            ],
        }
