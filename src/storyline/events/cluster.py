"""Group event mentions into events: one per real-world happening.

Two mentions can be one event when they have the same type, share a
participant (a person or organisation; a mention naming only places joins
only mentions of the same article with that place), and their dates are
compatible at their granularity ("2015-07" contains "2015-07-14"; "2015-07" and
"2016-04-14" exclude each other). Dated mentions are placed first, most precise
first; an undated mention joins an event only when exactly one candidate fits,
otherwise it stands alone. Candidates are blocked by (type, participant), so
the work grows with the number of mentions, not its square.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.model import Entity, Event, EventMention, Granularity, stable_id

_ORDER: dict[str, int] = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4,
                          "decade": 5, "unknown": 6}  # fmt: skip


def dates_compatible(a: str | None, b: str | None) -> bool:
    """True when two TIMEX values may denote the same time ("2015-07" and "2015-07-14")."""
    if a is None or b is None:
        return True
    if "W" in a or "W" in b:
        return a[:4] == b[:4]
    return a.startswith(b) or b.startswith(a)


@dataclass
class _Draft:
    type: str
    date: str | None = None
    granularity: Granularity = "unknown"
    mentions: list[EventMention] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)


def _keys(m: EventMention, kinds: dict[str, str]) -> set[str]:
    """Blocking keys: the actors; a mention naming only places is grouped within its article."""
    actors = {p for p in m.participants if kinds.get(p) in ("PERSON", "ORG", "NORP")}
    return actors or {f"{m.span.article}/{p}" for p in m.participants}


def cluster_events(mentions: Sequence[EventMention], entities: Sequence[Entity]) -> list[Event]:
    """Events from ``mentions``; each keeps all its mentions and sources."""
    kinds = {e.id: e.type for e in entities}
    names = {e.id: e.name for e in entities}
    usable = [m for m in mentions if m.participants and m.type != "deny"]

    def precision(m: EventMention) -> tuple[int, str, int]:
        gran = m.time.granularity if m.time and m.time.value else "unknown"
        return (_ORDER[gran], m.span.article, m.trigger.start)

    drafts: list[_Draft] = []
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for m in sorted(usable, key=precision):
        keys = _keys(m, kinds)
        value = m.time.value if m.time and m.time.value else None
        candidates = sorted({i for k in keys for i in index[(m.type, k)]})
        fits = [i for i in candidates if dates_compatible(drafts[i].date, value)]
        if value is not None:
            fits = [i for i in fits if drafts[i].date is not None] or fits
        if len(fits) == 1 or (value is not None and fits):
            d = drafts[fits[0]]
        else:
            d = _Draft(m.type)
            drafts.append(d)
        d.mentions.append(m)
        if value is not None and (
            d.date is None or _ORDER[m.time.granularity] < _ORDER[d.granularity]
        ):  # type: ignore[union-attr]
            d.date, d.granularity = value, m.time.granularity  # type: ignore[union-attr]
        for k in keys - d.keys:
            index[(m.type, k)].append(drafts.index(d))
        d.keys |= keys

    events = [_event(d, kinds, names) for d in drafts]
    events.sort(key=lambda e: (e.date is None, e.date or "", e.label, e.id))
    return events


def _event(d: _Draft, kinds: dict[str, str], names: dict[str, str]) -> Event:
    mentions = sorted(d.mentions, key=lambda m: (m.span.article, m.trigger.start))
    participants: list[str] = []
    for m in mentions:
        for p in m.participants:
            if p not in participants:
                participants.append(p)
    actors = [names[p] for p in participants if kinds.get(p) in ("PERSON", "ORG")][:3]
    places = [names[p] for p in participants if kinds.get(p) in ("GPE", "LOC", "FAC")][:2]
    label = d.type + ": " + (", ".join(actors) or "unknown actors")
    if places:
        label += " — " + ", ".join(places)
    notes = sorted({m.time.note for m in mentions if m.time and m.time.note and not m.time.value})
    return Event(
        id=stable_id("ev", d.type, *(m.id for m in mentions)),
        type=d.type,
        label=label,
        date=d.date,
        granularity=d.granularity if d.date else "unknown",
        participants=tuple(participants),
        mentions=tuple(mentions),
        sources=tuple(sorted({m.span.article for m in mentions})),
        date_note="" if d.date else "; ".join(notes),
    )
