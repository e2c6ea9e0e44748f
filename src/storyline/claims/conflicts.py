"""Where sources disagree: denials set against assertions, and incompatible dates.

Without an NLI model (none ships its weights on PyPI), conflicts are read off
the event structure:

* **denial** — a mention whose trigger is governed by "deny" ("the Kremlin has
  denied that such a meeting took place") against asserted mentions of the same
  kind of event with the same participants. A denial that names no participant
  takes those of the nearest preceding mention of that type in its article
  ("such a meeting" refers back to the meeting just reported).
* **disagreement** — one event whose mentions give day-precise dates that
  differ.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import ClaimSide, Conflict, Entity, Event, EventMention, Span, stable_id


def _denial_participants(
    denial: EventMention, mentions: Sequence[EventMention], actors: set[str]
) -> set[str]:
    """The people and organisations a denial is about (see the module docstring)."""
    if set(denial.participants) & actors:
        return set(denial.participants) & actors
    before = [
        m
        for m in mentions
        if m.span.article == denial.span.article
        and m.type == denial.type
        and m.trigger.start < denial.trigger.start
        and set(m.participants) & actors
    ]
    return set(before[-1].participants) & actors if before else set()


def find_conflicts(
    events: Sequence[Event], mentions: Sequence[EventMention], entities: Sequence[Entity]
) -> list[Conflict]:
    names = {e.id: e.name for e in entities}
    persons = {e.id for e in entities if e.type in ("PERSON", "ORG")}
    conflicts: list[Conflict] = []
    for denial in (m for m in mentions if m.polarity == "denied"):
        who = _denial_participants(denial, mentions, persons)
        if not who:
            continue
        asserted = [
            m
            for m in mentions
            if m.type == denial.type
            and m.polarity == "asserted"
            and who & set(m.participants)
            and m.modality != "planned"
        ]
        if not asserted:
            continue
        topic = f"{denial.type}: " + ", ".join(sorted(names[p] for p in who))
        conflicts.append(
            Conflict(
                id=stable_id("c", "denial", denial.id),
                kind="denial",
                topic=topic,
                sides=(
                    ClaimSide("asserts", topic, _one_per_article(m.span for m in asserted)),
                    ClaimSide("denies", topic, (denial.span,)),
                ),
            )
        )
    for event in events:
        days = sorted(
            {
                (m.time.value, m.span)
                for m in event.mentions
                if m.time and m.time.value and m.time.granularity == "day"
            }
        )
        values = sorted({v for v, _ in days})
        if len(values) > 1:
            sides = tuple(
                ClaimSide("states", f"{event.label} on {v}", tuple(sp for x, sp in days if x == v))
                for v in values
            )
            conflicts.append(
                Conflict(
                    stable_id("c", "date", event.id),
                    "disagreement",
                    f"date of {event.label}",
                    sides,
                )
            )
    conflicts.sort(key=lambda c: (c.kind, c.topic, c.id))
    return conflicts


def _one_per_article(spans: object) -> tuple[Span, ...]:
    first: dict[str, Span] = {}
    for sp in sorted(spans):  # type: ignore[call-overload]
        first.setdefault(sp.article, sp)
    return tuple(first[a] for a in sorted(first))
