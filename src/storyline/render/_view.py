"""What a rendered brief shows, in the order it shows it, independent of the output format.

:func:`build_view` reads the brief's JSON wire form and returns a :class:`BriefView`:
plain strings, numbers and :class:`~storyline.render._evidence.Cite` objects, already
ordered. The Markdown and HTML renderers only lay it out (and escape it), so both show
the same facts with the same citations and the same evidence numbers.

Evidence is numbered in order of first citation as the sections are read top to bottom:
summary, timeline, conflicts, alerts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ._evidence import (
    Cite,
    Evidence,
    EvidenceIndex,
    article_anchor,
    article_label,
    article_name,
    date_sort_key,
    format_date,
    is_safe_url,
    plural,
    safe_id,
    text,
)

__all__ = ["BriefView", "build_view"]

FLAGGED_POLARITIES = ("denied", "negated")
"""Event mentions with these polarities are flagged in the timeline."""

_RESTRICTION_NAMES = {
    "travel_ban": "travel ban",
    "asset_freeze": "asset freeze",
    "arms_embargo": "arms embargo",
}


@dataclass(frozen=True, slots=True)
class Ref:
    """A named thing, with the anchor of its entry in the brief (empty when it has none)."""

    name: str
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class SummaryItem:
    text: str
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class Flag:
    """An event mention that denies or negates the event."""

    polarity: str
    text: str
    cite: Cite


@dataclass(frozen=True, slots=True)
class Side:
    stance: str
    text: str
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class ClaimItem:
    """What the sources state about one attribute of an event, and whether they agree."""

    attribute: str
    status: str
    sides: tuple[Side, ...]


@dataclass(frozen=True, slots=True)
class TimelineItem:
    anchor: str
    label: str
    type: str
    dated: bool
    date: str
    date_note: str
    participants: tuple[Ref, ...]
    sources: str
    first_report: str
    latest_report: str
    cites: tuple[Cite, ...]
    flags: tuple[Flag, ...]
    claims: tuple[ClaimItem, ...] = ()
    expected: str = ""


@dataclass(frozen=True, slots=True)
class ConflictItem:
    anchor: str
    kind: str
    topic: str
    sides: tuple[Side, ...]


@dataclass(frozen=True, slots=True)
class AlertItem:
    anchor: str
    rule: str
    explanation: str
    restriction: str
    basis: str
    since: str
    until: str
    entry: str
    list_name: str
    entity: Ref
    event: Ref
    score: str
    evidence: tuple[Cite, ...]
    denials: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class MatchItem:
    entry: str
    list_name: str
    matched_name: str
    score: str


@dataclass(frozen=True, slots=True)
class EntityItem:
    anchor: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: str
    articles: str
    matches: tuple[MatchItem, ...]


@dataclass(frozen=True, slots=True)
class DuplicateNote:
    other: Ref
    similarity: str


@dataclass(frozen=True, slots=True)
class SourceItem:
    anchor: str
    label: str
    title: str
    url: str
    url_is_link: bool
    published: str
    origin: str
    collection: str
    duplicates: tuple[DuplicateNote, ...]
    text: str


@dataclass(frozen=True, slots=True)
class BriefView:
    title: str
    counts: str
    claim_counts: str
    summary: tuple[SummaryItem, ...]
    timeline: tuple[TimelineItem, ...]
    conflicts: tuple[ConflictItem, ...]
    alerts: tuple[AlertItem, ...]
    entities: tuple[EntityItem, ...]
    sources: tuple[SourceItem, ...]
    evidence: tuple[Evidence, ...]
    schema_version: str
    pipeline_version: str


def _list(brief: Mapping[str, Any], key: str) -> Sequence[Mapping[str, Any]]:
    value = brief.get(key)
    return value if isinstance(value, Sequence) and not isinstance(value, str) else ()


def _score(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, (int, float)) else text(value)


def _one_line(value: Any) -> str:
    return " ".join(text(value).split())


def _entity_rank(entity: Mapping[str, Any]) -> tuple[int, int, str, str]:
    return (
        -len(entity.get("mentions") or ()),
        -len(entity.get("articles") or ()),
        text(entity.get("name")),
        text(entity.get("id")),
    )


def _match_rank(match: Mapping[str, Any]) -> tuple[float, str]:
    score = match.get("score")
    return (-score if isinstance(score, (int, float)) else 0.0, text(match.get("entry")))


def brief_title(brief: Mapping[str, Any]) -> str:
    """``brief["title"]`` if given, else "Brief: " and the most mentioned entity's name,
    else "Brief: " and the first article's title, else "Brief"."""
    if brief.get("title"):
        return _one_line(brief["title"])
    entities = [e for e in _list(brief, "entities") if e.get("name")]
    if entities:
        return "Brief: " + _one_line(min(entities, key=_entity_rank)["name"])
    for article in _list(brief, "articles"):
        if article.get("title"):
            return "Brief: " + _one_line(article["title"])
    return "Brief"


def _counts(brief: Mapping[str, Any]) -> str:
    stats = brief.get("stats")
    if not isinstance(stats, Mapping):
        stats = {}
    parts = []
    for key, word in (
        ("articles", "article"),
        ("entities", "entity"),
        ("events", "event"),
        ("conflicts", "conflict"),
        ("alerts", "alert"),
    ):
        n = stats.get(key)
        if not isinstance(n, int) or isinstance(n, bool):
            n = len(_list(brief, key))
        parts.append(plural(n, word, "entities" if word == "entity" else None))
    return " · ".join(parts)


_ATTRIBUTES = (
    *("occurrence", "status", "date", "place", "participants", "count", "ordinal", "duration"),
)
_STATUSES = ("agreed", "single-source", "disputed", "denied")


def expected_status(mentions: Sequence[Mapping[str, Any]]) -> str:
    """ "planned" or "cancelled" when no report tells the event as done ("will be lifted in
    October 2020"), else ""."""
    kinds = {
        text(m.get("modality")) for m in mentions if m.get("polarity", "asserted") == "asserted"
    }
    if not kinds or kinds & {"actual", "reported", ""}:
        return ""
    return "cancelled" if kinds == {"cancelled"} else "planned"


def claim_order(claim: Mapping[str, Any]) -> tuple[int, str, str]:
    """Sort key of an event's claims: occurrence first, then the attributes in a fixed order."""
    attribute = text(claim.get("attribute"))
    rank = _ATTRIBUTES.index(attribute) if attribute in _ATTRIBUTES else len(_ATTRIBUTES)
    return (rank, attribute, text(claim.get("id")))


def _claim_counts(brief: Mapping[str, Any]) -> str:
    """How the claims split by status: "13 agreed · 11 single-source · 2 disputed · 4 denied"."""
    counts: dict[str, int] = {}
    for claim in _list(brief, "claims"):
        status = text(claim.get("status"))
        counts[status] = counts.get(status, 0) + 1
    order = [*_STATUSES, *sorted(set(counts) - set(_STATUSES))]
    return " · ".join(f"{counts[s]} {s}" for s in order if counts.get(s))


def _article_order(article: Mapping[str, Any]) -> tuple[tuple[int, int, int, str], str, str]:
    return (
        date_sort_key(article.get("published")),
        article_label(article),
        text(article.get("id")),
    )


def build_view(brief: Mapping[str, Any]) -> BriefView:
    """The content of a brief, ordered and cited, ready to lay out."""
    articles = {text(a.get("id")): a for a in _list(brief, "articles")}
    entities = {text(e.get("id")): e for e in _list(brief, "entities")}
    events = {text(e.get("id")): e for e in _list(brief, "events")}
    entries = {text(w.get("id")): w for w in _list(brief, "watchlist")}
    index = EvidenceIndex(articles)

    def entity_ref(entity_id: Any) -> Ref:
        entity = entities.get(text(entity_id))
        if entity is None:
            return Ref(text(entity_id))
        return Ref(
            _one_line(entity.get("name")) or text(entity_id), "entity-" + safe_id(text(entity_id))
        )

    # Summary: each sentence cites the span it was taken from and every supporting span.
    summary = []
    for sentence in _list(brief, "summary"):
        spans = list(sentence.get("citations") or ())
        source = sentence.get("source")
        if source and not any(
            (s.get("article"), s.get("start"), s.get("end"))
            == (source.get("article"), source.get("start"), source.get("end"))
            for s in spans
        ):
            spans.insert(0, source)
        summary.append(SummaryItem(text(sentence.get("text")), index.cites(spans)))

    # Claims, per event: occurrence first, then the attributes in a fixed order.
    def sides(item: Mapping[str, Any]) -> tuple[Side, ...]:
        """The sides of a claim or a conflict, each with its citations."""
        return tuple(
            Side(
                text(s.get("stance")),
                _one_line(s.get("text")),
                index.cites(s.get("citations") or ()),
            )
            for s in item.get("sides") or ()
        )

    claims_of: dict[str, list[ClaimItem]] = {}
    for claim in sorted(_list(brief, "claims"), key=claim_order):
        item = ClaimItem(text(claim.get("attribute")), text(claim.get("status")), sides(claim))
        claims_of.setdefault(text(claim.get("event")), []).append(item)

    # Timeline: dated events by date (coarser first), then undated ones, in brief order.
    timeline = []
    for event in sorted(_list(brief, "events"), key=lambda e: date_sort_key(e.get("date"))):
        mentions = list(event.get("mentions") or ())
        source_ids = [text(s) for s in event.get("sources") or ()]
        reports = sorted((articles[s] for s in source_ids if s in articles), key=_article_order)
        dated = [a for a in reports if a.get("published")]
        first = f"{dated[0]['published']} ({article_name(dated[0])})" if dated else ""
        latest = f"{dated[-1]['published']} ({article_name(dated[-1])})" if dated else ""
        # One citation per reporting article: its first mention of the event.
        spans = []
        for article in reports:
            own = [m for m in mentions if text(m.get("article")) == text(article.get("id"))]
            if own:
                spans.append(min(own, key=lambda m: (m.get("start", 0), m.get("end", 0))))
        cites = index.cites(spans)
        flags = tuple(
            Flag(text(m.get("polarity")), _one_line(m.get("text")), index.cite(m))
            for m in mentions
            if m.get("polarity") in FLAGGED_POLARITIES
        )
        timeline.append(
            TimelineItem(
                anchor="event-" + safe_id(text(event.get("id"))),
                label=_one_line(event.get("label")) or text(event.get("id")),
                type=text(event.get("type")),
                dated=bool(event.get("date")),
                date=format_date(event.get("date"), event.get("granularity")),
                date_note=_one_line(event.get("date_note")),
                participants=tuple(entity_ref(p) for p in event.get("participants") or ()),
                sources=plural(len(source_ids), "source"),
                first_report=first,
                latest_report=latest,
                cites=cites,
                flags=flags,
                claims=tuple(claims_of.get(text(event.get("id")), ())),
                expected=expected_status(mentions),
            )
        )

    conflicts = tuple(
        ConflictItem(
            anchor="conflict-" + safe_id(text(c.get("id"))),
            kind=text(c.get("kind")),
            topic=_one_line(c.get("topic")),
            sides=sides(c),
        )
        for c in _list(brief, "conflicts")
    )

    alerts = []
    for alert in _list(brief, "alerts"):
        restriction = alert.get("restriction") or {}
        entry = entries.get(text(alert.get("entry")), {})
        event_id = text(alert.get("event"))
        reported = events.get(event_id)
        alerts.append(
            AlertItem(
                anchor="alert-" + safe_id(text(alert.get("id"))),
                rule=text(alert.get("rule")),
                explanation=text(alert.get("explanation")),
                restriction=_RESTRICTION_NAMES.get(
                    text(restriction.get("kind")), text(restriction.get("kind"))
                ),
                basis=text(restriction.get("basis")),
                since=text(restriction.get("since")),
                until=text(restriction.get("until")),
                entry=_one_line(entry.get("name")) or text(alert.get("entry")),
                list_name=_one_line(entry.get("list_name")),
                entity=entity_ref(alert.get("entity")),
                event=(
                    Ref(_one_line(reported.get("label")) or event_id, "event-" + safe_id(event_id))
                    if reported is not None
                    else Ref(event_id)
                ),
                score=_score(alert.get("score")),
                evidence=index.cites(alert.get("evidence") or ()),
                denials=index.cites(alert.get("denials") or ()),
            )
        )

    matches: dict[str, list[MatchItem]] = {}
    for match in sorted(_list(brief, "matches"), key=_match_rank):
        listed = entries.get(text(match.get("entry")), {})
        matches.setdefault(text(match.get("entity")), []).append(
            MatchItem(
                entry=_one_line(listed.get("name")) or text(match.get("entry")),
                list_name=_one_line(listed.get("list_name")),
                matched_name=_one_line(match.get("matched_name")),
                score=_score(match.get("score")),
            )
        )
    entity_items = []
    for entity in sorted(_list(brief, "entities"), key=_entity_rank):
        entity_id = text(entity.get("id"))
        name = _one_line(entity.get("name")) or entity_id
        aliases = tuple(
            dict.fromkeys(a for a in map(_one_line, entity.get("aliases") or ()) if a and a != name)
        )
        mention_count = len(entity.get("mentions") or ())
        article_count = len(entity.get("articles") or ()) or len(
            {text(m.get("article")) for m in entity.get("mentions") or ()}
        )
        entity_items.append(
            EntityItem(
                anchor="entity-" + safe_id(entity_id),
                name=name,
                type=text(entity.get("type")),
                aliases=aliases,
                mentions=plural(mention_count, "mention"),
                articles=plural(article_count, "article"),
                matches=tuple(matches.get(entity_id, ())),
            )
        )

    duplicates: dict[str, list[tuple[str, Any]]] = {}
    for link in _list(brief, "near_duplicates"):
        a, b = text(link.get("article")), text(link.get("other"))
        sim = link.get("similarity")
        duplicates.setdefault(a, []).append((b, sim))
        duplicates.setdefault(b, []).append((a, sim))

    def duplicate_note(other: str, sim: Any) -> DuplicateNote:
        if other in articles:
            return DuplicateNote(
                Ref(article_label(articles[other]), article_anchor(other)), _score(sim)
            )
        return DuplicateNote(Ref(other), _score(sim))

    sources = []
    for article in sorted(articles.values(), key=_article_order):
        article_id = text(article.get("id"))
        url = text(article.get("url"))
        sources.append(
            SourceItem(
                anchor=article_anchor(article_id),
                label=article_label(article),
                title=_one_line(article.get("title")),
                url=url,
                url_is_link=is_safe_url(url),
                published=format_date(article.get("published")),
                origin=_one_line(article.get("origin")),
                collection=_one_line(article.get("collection")),
                duplicates=tuple(
                    duplicate_note(other, sim)
                    for other, sim in sorted(duplicates.get(article_id, ()), key=lambda d: d[0])
                ),
                text=text(article.get("text")),
            )
        )

    return BriefView(
        title=brief_title(brief),
        counts=_counts(brief),
        claim_counts=_claim_counts(brief),
        summary=tuple(summary),
        timeline=tuple(timeline),
        conflicts=conflicts,
        alerts=tuple(alerts),
        entities=tuple(entity_items),
        sources=tuple(sources),
        evidence=index.evidence,
        schema_version=text(brief.get("schema_version")),
        pipeline_version=text(brief.get("pipeline_version")),
    )
