"""Restriction rules: which reported acts break which listed restriction → alerts.

Rules are data (:data:`RULES`): a restriction kind, the event types that break
it, and the condition on the event. Documented in ``docs/watchlists.md``.

* ``travel_ban``: a listed person reported travelling (asserted, not merely
  planned or cancelled, not a return home) to a place that is not one of the
  entry's nationalities, while the ban is in force on the event's date.
* ``asset_freeze``: the listed party reported receiving or making a transfer
  or delivery (event types ``supply-weapons``).
* ``arms_embargo``: the listed party reported supplying or receiving weapons.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.entities.names import fold
from storyline.model import (
    Alert,
    Conflict,
    Entity,
    Event,
    Restriction,
    WatchlistEntry,
    WatchlistMatch,
    stable_id,
)


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    restriction: str
    event_types: frozenset[str]
    needs_foreign_place: bool
    skip_lemmas: frozenset[str] = frozenset()


RULES: tuple[Rule, ...] = (
    Rule("travel-ban-violation", "travel_ban", frozenset({"travel"}), True, frozenset({"return"})),
    Rule("asset-freeze-transfer", "asset_freeze", frozenset({"supply-weapons"}), False),
    Rule("arms-embargo-delivery", "arms_embargo", frozenset({"supply-weapons"}), False),
)


def in_force(r: Restriction, date: str | None) -> bool:
    """Whether ``r`` applies at ``date`` (compared at the date's own precision; unknown → True)."""
    if date is None:
        return True
    if r.since and date < r.since[: len(date)]:
        return False
    return not (r.until and date > r.until[: len(date)])


def apply_rules(
    events: Sequence[Event],
    entities: Sequence[Entity],
    entries: Sequence[WatchlistEntry],
    matches: Sequence[WatchlistMatch],
    conflicts: Sequence[Conflict] = (),
) -> list[Alert]:
    by_id = {e.id: e for e in entities}
    entry_by_id = {e.id: e for e in entries}
    alerts: list[Alert] = []
    for match in matches:
        entry = entry_by_id[match.entry]
        entity = by_id[match.entity]
        home = {fold(n) for n in entry.nationalities}
        for rule in RULES:
            restriction = next((r for r in entry.restrictions if r.kind == rule.restriction), None)
            if restriction is None:
                continue
            for event in events:
                if event.type not in rule.event_types or entity.id not in event.participants:
                    continue
                acts = [
                    m
                    for m in event.mentions
                    if m.polarity == "asserted"
                    and m.modality in ("actual", "reported")
                    and m.lemma not in rule.skip_lemmas
                    and entity.id in m.participants
                ]
                if not acts or not in_force(restriction, event.date):
                    continue
                places = [
                    by_id[p].name
                    for p in event.participants
                    if p in by_id and by_id[p].type in ("GPE", "LOC", "FAC")
                ]
                foreign = [p for p in places if fold(p) not in home]
                if rule.needs_foreign_place and not foreign:
                    continue
                denials = tuple(
                    cite
                    for c in conflicts
                    if c.kind == "denial" and entity.name in c.topic
                    for side in c.sides
                    if side.stance == "denies"
                    for cite in side.citations
                )
                when = event.date or "an unknown date"
                where = f" to {', '.join(foreign)}" if foreign else ""
                explanation = (
                    f"{entity.name} ({entry.name}, {entry.list_name} {entry.id}) is reported in "
                    f"{len(event.sources)} source(s) as {event.type}{where} on {when}, while a "
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
                        evidence=tuple(sorted({m.span for m in acts})),
                        denials=denials,
                        score=match.score,
                    )
                )
    alerts.sort(key=lambda a: (a.entity, a.rule, a.event))
    return alerts
