"""Restriction rules: which reported acts break which listed restriction → alerts.

Rules are data (:data:`RULES`, documented in ``docs/watchlists.md``): the
restriction kind, the event types that break it, trigger lemmas that do not,
and whether the act must take the party abroad.

* ``travel-ban-violation``: a listed person reported travelling (asserted, not
  merely planned or cancelled) to a place abroad while the ban is in force.
* ``asset-freeze-transfer``: the listed party reported making or receiving a
  transfer or delivery (``supply-weapons`` events: deliveries, shipments).
* ``arms-embargo-delivery``: the listed party reported supplying or receiving weapons.

"Abroad" needs no gazetteer of our own: places, demonyms and capitals are
resolved to ISO countries with rigour's territory data ("Tehran" → Iran,
"Moscow" → Russia). Home is the entry's nationalities (else the country of its
place of birth); only when the list gives neither, the nationalities the articles give
the person. A place is
abroad when it resolves to another country; when home does not resolve (a list
of fictional or unrecognised countries), when its name is not a home name.
Places an event's roles mark as its origin are not destinations; a name the parse marks
as the destination counts as a place whatever type the tagger gave it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storyline.entities.names import fold, without_name_parts
from storyline.events.ontology import LEAVING_LEMMAS, TRIP_SPAN_DAYS
from storyline.model import (
    Alert,
    Conflict,
    Entity,
    Event,
    EventMention,
    Restriction,
    Span,
    WatchlistEntry,
    WatchlistMatch,
    stable_id,
)
from storyline.time.event_dates import dates_compatible
from storyline.time.values import date_range
from storyline.watchlist.screen import country_code

_PLACE_TYPES = ("GPE", "LOC", "FAC")
_DOING = {"travel": "travelling", "supply-weapons": "supplying or receiving weapons"}


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    restriction: str
    event_types: frozenset[str]
    needs_foreign_place: bool
    skip_lemmas: frozenset[str] = frozenset()
    description: str = ""
    # the roles the party must play in the act, when the event stage gives roles
    party_roles: frozenset[str] = frozenset({"agent"})


RULES: tuple[Rule, ...] = (
    Rule("travel-ban-violation", "travel_ban", frozenset({"travel"}), True,
         LEAVING_LEMMAS,
         "travelling to a country other than the person's own while a travel ban is in force"),
    Rule("asset-freeze-transfer", "asset_freeze", frozenset({"supply-weapons"}), False,
         description="making or receiving a transfer or delivery while assets are frozen",
         party_roles=frozenset({"agent", "recipient"})),
    Rule("arms-embargo-delivery", "arms_embargo", frozenset({"supply-weapons"}), False,
         description="supplying or receiving weapons under an arms embargo",
         party_roles=frozenset({"agent", "recipient"})),
)  # fmt: skip


def in_force(r: Restriction, date: str | None) -> bool:
    """Whether ``r`` applies at ``date`` (compared at the date's own precision; unknown → True)."""
    if date is None:
        return True
    if r.since and date < r.since[: len(date)]:
        return False
    return not (r.until and date > r.until[: len(date)])


def home_countries(entry: WatchlistEntry, entity: Entity) -> tuple[set[str], set[str]]:
    """(ISO codes, folded names) of the listed person's own countries: the list's
    nationalities, else the country of birth; the nationalities the articles give the
    person only when the list says nothing (a word misread as a nationality must not
    turn a trip abroad into a trip home and silence the alert)."""
    places = list(entry.nationalities) or [p.split(",")[-1] for p in entry.birth_places]
    names = {fold(p) for p in places if p.strip()}
    codes = {c for c in (country_code(p) for p in places) if c}
    if not codes and not names:
        codes = set(entity.nationalities)
    return codes, names


def is_abroad(place: str, codes: set[str], names: set[str]) -> bool:
    """Whether ``place`` lies outside the home countries (see module docstring)."""
    if fold(place) in names:
        return False
    code = country_code(place)
    if codes:
        return code is not None and code not in codes
    if names:  # home is known only by name (an unrecognised country)
        return True
    return code is not None  # nothing known of home: any recognised country


def _origins(mentions: Sequence[EventMention]) -> set[str]:
    return {
        r.entity
        for m in mentions
        for r in getattr(m, "roles", ())
        if r.role == "origin" and r.entity is not None
    }


def _destinations(mentions: Sequence[EventMention]) -> set[str]:
    """Entities the parse marks as where the event went, whatever type the tagger gave
    them (an unfamiliar capital is often tagged as a person or organisation)."""
    return {
        r.entity
        for m in mentions
        for r in getattr(m, "roles", ())
        if r.role == "destination" and r.entity is not None
    }


def _plays(m: EventMention, entity: Entity, roles: frozenset[str]) -> bool:
    """Whether ``entity`` plays one of ``roles`` in ``m``, when the mention has roles;
    else whether it takes part, named before the trigger (the clause's subject side:
    "Soleimani flew to Moscow", not "a delivery planned during Soleimani’s trip")."""
    given = getattr(m, "roles", ())
    if any(r.entity is not None for r in given):
        return any(r.entity == entity.id and r.role in roles for r in given)
    if entity.id not in m.participants:
        return False
    if "agent" not in roles:
        return True
    return any(x.span.article == m.span.article and m.span.start <= x.span.start < m.trigger.start
               for x in entity.mentions) or not any(
        x.span.article == m.span.article and m.span.start <= x.span.start < m.span.end
        for x in entity.mentions)  # fmt: skip


def _published_before(span: Span, event: Event, published: Mapping[str, str | None]) -> bool:
    """Whether the article of ``span`` came out before the event began: a report of
    August 2015 cannot deny a trip of April 2016, whatever event its denial is tied to."""
    day, start = published.get(span.article), date_range(event.date) if event.date else None
    return bool(day and start and day[:10] < start[0].isoformat())


def _during_stay(date: str | None, trip: Event) -> bool:
    """Whether ``date`` falls within the first days of ``trip``, whose date is its arrival
    ("arrived on Tuesday … on Thursday he met the minister")."""
    when, start = date_range(date) if date else None, date_range(trip.date) if trip.date else None
    if when is None or start is None or trip.type != "travel":
        return False
    return 0 <= (when[0] - start[0]).days <= TRIP_SPAN_DAYS and when[1] == when[0]


def _denials(
    event: Event,
    entity: Entity,
    conflicts: Sequence[Conflict],
    events: dict[str, Event] | None = None,
    published: Mapping[str, str | None] | None = None,
) -> tuple[Span, ...]:
    """Denials of the event: conflicts tied to it, or whose topic names the person
    (unless they are tied to another event at another time: a 2015 denial of a 2015
    meeting says nothing of a 2016 trip; a meeting in the first days of a trip is part of
    it), and mentions of it governed by a denial.
    A denial published before the event began is never its denial (the conflict may be
    tied to an undated event, whose date says nothing)."""
    names = {fold(n) for n in (entity.name, *entity.aliases)}
    spans = {m.span for m in event.mentions}
    found: set[Span] = set()
    for c in conflicts:
        if c.kind != "denial":
            continue
        other = (events or {}).get(c.event or "")
        if (
            other is not None
            and other.id != event.id
            and not dates_compatible(other.date, event.date)
            and not _during_stay(other.date, event)
        ):
            continue
        tied = getattr(c, "event", None) == event.id
        named = any(n and n in fold(c.topic) for n in names)
        overlaps = any(x in spans for side in c.sides for x in side.citations)
        if tied or named or overlaps:
            found.update(x for side in c.sides if side.stance == "denies" for x in side.citations)
    for m in event.mentions:
        if m.polarity == "denied":
            found.add(m.span)  # the sentence that denies it, not only who denies
    return tuple(sorted(x for x in found if not _published_before(x, event, published or {})))


def apply_rules(
    events: Sequence[Event],
    entities: Sequence[Entity],
    entries: Sequence[WatchlistEntry],
    matches: Sequence[WatchlistMatch],
    conflicts: Sequence[Conflict] = (),
    published: Mapping[str, str | None] | None = None,
) -> list[Alert]:
    """One alert per (matched entity, rule, event) where the event breaks a restriction.

    ``published`` maps article ids to their publication dates (ISO), where known: a
    denial in an article published before the event began is not cited on its alert."""
    by_id = {e.id: e for e in entities}
    entry_by_id = {e.id: e for e in entries}
    event_by_id = {e.id: e for e in events}
    alerts: list[Alert] = []
    for match in matches:
        entry, entity = entry_by_id.get(match.entry), by_id.get(match.entity)
        if entry is None or entity is None:
            continue
        codes, names = home_countries(entry, entity)
        for rule in RULES:
            restriction = next((r for r in entry.restrictions if r.kind == rule.restriction), None)
            if restriction is None:
                continue
            for event in events:
                if event.type not in rule.event_types or entity.id not in event.participants:
                    continue
                acts = [m for m in event.mentions
                        if m.polarity == "asserted" and m.modality in ("actual", "reported")
                        and m.lemma not in rule.skip_lemmas]  # fmt: skip
                own = [m for m in acts if _plays(m, entity, rule.party_roles)]
                if not own or not in_force(restriction, event.date):
                    continue
                origins = _origins(event.mentions)
                goals = _destinations(event.mentions)
                places = [
                    by_id[p].name
                    for p in event.participants
                    if p in by_id
                    and (by_id[p].type in _PLACE_TYPES or p in goals)
                    and p not in origins
                ]
                foreign = without_name_parts(
                    list(dict.fromkeys(p for p in places if is_abroad(p, codes, names)))
                )
                if rule.needs_foreign_place and not foreign:
                    continue
                # every source reporting the act: its own mentions, else the event's
                evidence = set(own)
                for source in event.sources:
                    if not any(m.span.article == source for m in evidence):
                        evidence.update(m for m in acts if m.span.article == source)
                when = event.date or "an unknown date"
                where = f" to {', '.join(foreign)}" if foreign else ""
                explanation = (
                    f"{entity.name} (listed as {entry.name}, {entry.list_name} {entry.id}) is "
                    f"reported by {len(event.sources)} source(s) "
                    f"{_DOING.get(event.type, event.type)}{where} on {when}, while a "
                    f"{restriction.kind.replace('_', ' ')} is in force ({restriction.basis})."
                )
                alerts.append(
                    Alert(
                        id=stable_id("al", rule.name, entity.id, entry.id, event.id),
                        rule=rule.name,
                        entity=entity.id,
                        entry=entry.id,
                        event=event.id,
                        restriction=restriction,
                        explanation=explanation,
                        evidence=tuple(sorted({m.span for m in evidence})),
                        denials=_denials(event, entity, conflicts, event_by_id, published),
                        score=match.score,
                        sources=tuple(event.sources),
                        places=tuple(foreign),
                    )
                )
    alerts.sort(key=lambda a: (a.entity, a.rule, a.event))
    return alerts
