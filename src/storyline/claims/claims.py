"""What each source states about each event, and where the sources agree or not.

Without an NLI model (none ships its weights on PyPI), claims are read off the
event structure, the polarity and attribution of each mention, and the values
themselves. For every event and attribute the values stated are gathered with
every span that states them, then compared:

* **occurrence** — asserted against denied: a mention governed by "deny"
  ("the Kremlin has denied that such a meeting took place") contradicts the
  asserted mentions of the event it refers to. A denial that names no one
  refers to the nearest preceding mention of the same kind in its article
  ("such a meeting" is the meeting just reported); it also reaches other
  events of that kind with the same people and a compatible date, never one
  dated after the denial was published. When the denial's own mention was joined to a
  dated event, that date bounds what it reaches too.
* **date** — day, month or year values; "2015-07" and "2015-07-24" agree,
  "2016-04-12" and "2016-04-14" do not.
* **ordinal**, **count**, **duration** — see :mod:`storyline.claims.values`.
* **status** — sanctions lifted against sanctions in force, see
  :mod:`storyline.claims.status`.
* **place**, **participants** — who and where, with the articles naming each;
  agreement or a single source, never a dispute (without a gazetteer "Moscow"
  and "Russia" cannot be told apart from two different places).

A value counts as disputed only between different articles: one article giving
two dates is more often two happenings than a contradiction.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from storyline.claims.status import status_claims
from storyline.claims.values import Value, compatible, ordinals, quantities
from storyline.events.ontology import LEAVING_LEMMAS
from storyline.model import (
    AnnotatedArticle,
    Claim,
    ClaimSide,
    Conflict,
    Entity,
    Event,
    EventMention,
    Span,
    stable_id,
)
from storyline.time.event_dates import dates_compatible

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_ACTUAL = ("actual", "reported")


def date_part(value: str | None) -> str | None:
    """The calendar part of a TIMEX value (``2016-04-14TMO`` → ``2016-04-14``), else None."""
    if not value:
        return None
    m = _DATE.match(value)
    return m.group(0) if m else None


def dates_agree(a: str, b: str) -> bool:
    """Two calendar values agree when one is a prefix of the other (2015-07 ⊇ 2015-07-24)."""
    return a.startswith(b) or b.startswith(a)


def _one_per_article(spans: Iterable[Span]) -> tuple[Span, ...]:
    first: dict[str, Span] = {}
    for sp in sorted(spans):
        first.setdefault(sp.article, sp)
    return tuple(first[a] for a in sorted(first))


def _articles(spans: Iterable[Span]) -> set[str]:
    return {s.article for s in spans}


def denial_targets(
    denial: EventMention,
    mentions: Sequence[EventMention],
    actors: set[str],
    event_of: dict[str, Event],
    published: dict[str, str | None],
) -> list[EventMention]:
    """The asserted mentions a denial contradicts (see the module docstring)."""
    who = set(denial.participants) & actors
    antecedent = None
    earlier = [
        m
        for m in mentions
        if m.span.article == denial.span.article
        and m.type == denial.type
        and m.trigger.start < denial.trigger.start
        and m.polarity == "asserted"
        and set(m.participants) & actors
    ]
    if earlier:
        antecedent = max(earlier, key=lambda m: m.trigger.start)
    if not who and antecedent is not None:
        who = set(antecedent.participants) & actors
    if not who:
        return []
    anchor_event = event_of.get(antecedent.id) if antecedent else None
    if anchor_event is None or not anchor_event.date:
        # the event the denial itself was joined to dates it ("denied that they met
        # during his visit last week" is not about a meeting months before)
        anchor_event = event_of.get(denial.id) or anchor_event
    anchor_date = date_part(anchor_event.date) if anchor_event else None
    limit = published.get(denial.span.article)
    out = []
    for m in mentions:
        if (
            m.polarity != "asserted"
            or m.type != denial.type
            or m.modality not in _ACTUAL
            or not who & set(m.participants)
        ):
            continue
        own = date_part(m.time.value) if m.time else None
        if own is None and limit and (published.get(m.span.article) or "") > limit:
            continue  # an undated report published after the denial tells of a later happening
        event = event_of.get(m.id)
        day = own or (date_part(event.date) if event else None)
        if day and limit and day[: len(limit)] > limit[: len(day)]:
            continue  # dated after the denial was published: not what it denies
        if day and anchor_date and not dates_agree(day, anchor_date):
            continue
        out.append(m)
    return out


def _values(
    event: Event, docs: dict[str, object]
) -> dict[tuple[str, str], list[tuple[Value, EventMention]]]:
    """Ordinals, counts and durations stated by the event's mentions, by (attribute, key)."""
    found: dict[tuple[str, str], list[tuple[Value, EventMention]]] = defaultdict(list)
    for m in event.mentions:
        doc = docs.get(m.span.article)
        if doc is None or m.polarity != "asserted":
            continue
        span = doc.char_span(m.trigger.start, m.trigger.end, alignment_mode="expand")  # type: ignore[attr-defined]
        if span is None:
            continue
        trigger = span.root
        for v in (*ordinals(trigger), *quantities(trigger, m.span.start, m.span.end)):
            key = f"{v.key} ({m.modality})" if v.attribute == "duration" else v.key
            found[(v.attribute, key)].append((v, m))
    # an ordinal counted over no stated span ("his second trip") is compared with the same
    # count over a stated one ("his third visit since the ban"), when there is only one
    bare = {k for a, k in found if a == "ordinal" and " " not in k}
    for base in bare:
        spans = [k for a, k in found if a == "ordinal" and k.startswith(base + " ")]
        if len(spans) == 1:
            found[("ordinal", spans[0])] = (
                found.pop(("ordinal", base)) + found[("ordinal", spans[0])]
            )
    return found


def _status(sides: Sequence[ClaimSide], disputed: bool) -> str:
    if disputed:
        return "disputed"
    articles = _articles(c for s in sides for c in s.citations)
    return "agreed" if len(articles) >= 2 else "single-source"


def _claim(
    event: Event, attribute: str, topic: str, status: str, sides: Sequence[ClaimSide]
) -> Claim:
    return Claim(
        id=stable_id("cl", event.id, attribute, topic),
        event=event.id,
        attribute=attribute,
        topic=topic,
        status=status,  # type: ignore[arg-type]
        sides=tuple(sides),
        sources=tuple(sorted(_articles(c for s in sides for c in s.citations))),
    )


def _grouped_dispute(values: list[tuple[Value, EventMention]]) -> tuple[list[ClaimSide], bool]:
    """Sides by value text, and whether two articles state incompatible values."""
    by_text: dict[str, list[tuple[Value, EventMention]]] = defaultdict(list)
    for v, m in values:
        by_text[v.text.lower()].append((v, m))
    sides = [
        ClaimSide(
            "states",
            group[0][0].text,
            _one_per_article(Span(m.span.article, v.start, v.end) for v, m in group),
        )
        for _, group in sorted(by_text.items())
    ]
    disputed = any(
        a.span.article != b.span.article and not compatible(u, w)
        for i, (u, a) in enumerate(values)
        for w, b in values[i + 1 :]
    )
    return sides, disputed


def find_claims(
    items: Sequence[AnnotatedArticle],
    events: Sequence[Event],
    mentions: Sequence[EventMention],
    entities: Sequence[Entity],
) -> list[Claim]:
    """Every event's claims: occurrence, date, place, participants, ordinal, count, duration,
    and for a lifting of sanctions, the status of the sanctions."""
    docs = {i.article.id: i.doc for i in items}
    published = {i.article.id: i.article.published for i in items}
    kinds = {e.id: e.type for e in entities}
    names = {e.id: e.name for e in entities}
    actors = {e.id for e in entities if e.type in ("PERSON", "ORG")}
    event_of = {m.id: ev for ev in events for m in ev.mentions}
    denied_by: dict[str, list[EventMention]] = defaultdict(list)
    for d in (m for m in mentions if m.polarity == "denied"):
        for target in denial_targets(d, mentions, actors, event_of, published):
            if target.id in event_of:
                denied_by[event_of[target.id].id].append(d)
    claims: list[Claim] = []
    for event in events:
        label = event.label
        asserted = [m for m in event.mentions if m.polarity == "asserted" and m.modality in _ACTUAL]
        denials = denied_by.get(event.id, []) + [
            m for m in event.mentions if m.polarity == "denied"
        ]
        if asserted:
            sides = [ClaimSide("asserts", label, _one_per_article(m.span for m in asserted))]
            if denials:
                sides.append(ClaimSide("denies", label, _one_per_article(m.span for m in denials)))
            status = "denied" if denials else _status(sides, False)
            claims.append(_claim(event, "occurrence", label, status, sides))
        dated = [
            (date_part(m.time.value), m)
            for m in asserted
            if m.time is not None and date_part(m.time.value)
        ]
        # A trip is dated by its arrival: "flew out late on Friday" dates the departure
        # that ends it, and does not dispute "arrived on Thursday".
        arriving = [(d, m) for d, m in dated if m.lemma not in LEAVING_LEMMAS]
        dated = arriving or dated
        if dated:
            values = [
                (Value("date", "", d, 0, 0, m.time.span.start, m.time.span.end), m)  # type: ignore[union-attr]
                for d, m in dated
            ]
            sides, _ = _grouped_dispute(values)
            sides = [
                ClaimSide(
                    "states",
                    s.text,
                    _one_per_article(
                        m.time.span
                        for d, m in dated
                        if d == s.text  # type: ignore[union-attr]
                    ),
                )
                for s in sides
            ]
            disputed = any(
                a.span.article != b.span.article
                and not dates_agree(x, y)
                and not dates_compatible(a.time, b.time)
                for i, (x, a) in enumerate(dated)
                for y, b in dated[i + 1 :]
            )
            claims.append(
                _claim(event, "date", f"date of {label}", _status(sides, disputed), sides)
            )
        for attribute, types in (
            ("place", ("GPE", "LOC", "FAC")),
            ("participants", ("PERSON", "ORG", "NORP")),
        ):
            by_entity: dict[str, list[Span]] = defaultdict(list)
            for m in asserted:
                # where a trip started ("from Tehran") is not where it happened
                origins = {r.entity for r in m.roles if r.role == "origin"}
                for p in m.participants:
                    if kinds.get(p) in types and not (attribute == "place" and p in origins):
                        by_entity[p].append(m.span)
            if by_entity:
                sides = [
                    ClaimSide("states", names.get(p, p), _one_per_article(spans))
                    for p, spans in sorted(
                        by_entity.items(), key=lambda kv: names.get(kv[0], kv[0])
                    )
                ]
                claims.append(
                    _claim(
                        event, attribute, f"{attribute} of {label}", _status(sides, False), sides
                    )
                )
        for (attribute, key), values in sorted(_values(event, docs).items()):
            sides, disputed = _grouped_dispute(values)
            claims.append(
                _claim(
                    event,
                    attribute,
                    f"{attribute} of {label}: {key}",
                    _status(sides, disputed),
                    sides,
                )
            )
    claims += status_claims(items, events, entities)
    claims.sort(key=lambda c: (c.event, c.attribute, c.topic, c.id))
    return claims


def _denier(denial: EventMention, texts: dict[str, str]) -> str:
    """Who denies, as the article names them ("The Kremlin"), when the parse found it."""
    who = denial.denied_by
    if who is None or who.article not in texts:
        return ""
    return f"{texts[who.article][who.start : who.end]} denies it"


def conflicts_from_claims(
    claims: Sequence[Claim],
    mentions: Sequence[EventMention],
    entities: Sequence[Entity],
    items: Sequence[AnnotatedArticle] = (),
    events: Sequence[Event] = (),
) -> list[Conflict]:
    """Disputed claims as disagreements, and each denial set against what it denies."""
    names = {e.id: e.name for e in entities}
    actors = {e.id for e in entities if e.type in ("PERSON", "ORG")}
    event_of = {m.id: ev for ev in events for m in ev.mentions}
    published = {i.article.id: i.article.published for i in items}
    texts = {i.article.id: i.article.text for i in items}
    conflicts: list[Conflict] = []
    # Denials of the same happening (the same target events, or the same asserted
    # mentions when they are in no event) make one conflict: every side cited once.
    groups: dict[tuple[str, ...], list[tuple[EventMention, list[EventMention]]]] = {}
    for denial in (m for m in mentions if m.polarity == "denied"):
        targets = denial_targets(denial, mentions, actors, event_of, published)
        if not targets:
            continue
        key = tuple(sorted({event_of[m.id].id if m.id in event_of else m.id for m in targets}))
        groups.setdefault((denial.type, *key), []).append((denial, targets))
    for group in groups.values():
        denials = sorted((d for d, _ in group), key=lambda d: (d.span.article, d.span.start))
        targets = sorted(
            {m.id: m for _, ts in group for m in ts}.values(),
            key=lambda m: (m.span.article, m.span.start),
        )
        who = sorted(
            {names[p] for m in targets for p in m.participants if p in actors and p in names}
        )
        topic = f"{denials[0].type}: " + ", ".join(who)
        target_events = sorted({event_of[m.id].id for m in targets if m.id in event_of})
        by_denier: dict[str, list[Span]] = {}
        for d in denials:
            by_denier.setdefault(_denier(d, texts) or topic, []).append(d.span)
        conflicts.append(
            Conflict(
                id=stable_id("c", "denial", *(d.id for d in denials)),
                kind="denial",
                topic=topic,
                sides=(
                    ClaimSide("asserts", topic, _one_per_article(m.span for m in targets)),
                    *(
                        ClaimSide("denies", text, tuple(spans))
                        for text, spans in sorted(by_denier.items())
                    ),
                ),
                event=target_events[0] if len(target_events) == 1 else None,
                attribute="occurrence",
            )
        )
    for c in claims:
        if c.status == "disputed":
            conflicts.append(
                Conflict(
                    id=stable_id("c", "disputed", c.id),
                    kind="disagreement",
                    topic=c.topic,
                    sides=c.sides,
                    event=c.event,
                    attribute=c.attribute,
                )
            )
    conflicts.sort(key=lambda c: (c.kind, c.topic, c.id))
    return conflicts
