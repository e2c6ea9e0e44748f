"""Whether the sanctions on someone were lifted or are in force, as each source puts it.

One report says a person "had personal sanctions against him dropped"; another, or the
same one a paragraph later, that the Security Council "has upheld a travel ban and asset
freezes on" him, or that he "is banned from traveling". Both cannot be true at once.

A **lifting** is a ``lift-sanctions`` mention, asserted, told as done (not "will be
lifted"), aimed at a person or organisation (its patient). It happened on its own date,
else on or before its article's publication.

A statement that a measure **is in force** is a ``sanction`` mention aimed at the same
party, asserted and told as a present state: a present passive ("is banned"), a present
tense ("maintains"), or a keeping verb ("uphold", "maintain", "extend", "renew") in the
present perfect ("has upheld"); "has twice sanctioned" tells past acts and does not count.
It holds on its article's publication date.

The two disagree when the lifting happened on or before the day the other source says
the measure is in force. The claim (attribute ``status``, on the lifting's event) has a
side for each value, every span cited; it is ``disputed`` when they disagree, and the
conflicts stage reports it like any other disputed claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.model import (
    AnnotatedArticle,
    Claim,
    ClaimSide,
    Entity,
    Event,
    EventMention,
    Span,
    stable_id,
)
from storyline.time.values import date_range

_DONE = ("actual", "reported")
_KEEPING = frozenset({"uphold", "maintain", "extend", "renew", "remain", "keep"})
_TARGET_TYPES = ("PERSON", "ORG")


def _token(docs: dict[str, Any], m: EventMention) -> Any | None:
    doc = docs.get(m.trigger.article)
    if doc is None:
        return None
    span = doc.char_span(m.trigger.start, m.trigger.end, alignment_mode="expand")
    return span.root if span is not None else None


def _in_force(tok: Any) -> bool:
    """A verb told as a present state: "is banned" (a present passive), "maintains",
    "has upheld" (a keeping verb in the present perfect) — not "has twice sanctioned",
    which tells past acts."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "would", "'ll", "could", "might", "may") for a in aux):
        return False
    if tok.tag_ in ("VBZ", "VBP"):
        return True
    if any(a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP") for a in aux):
        return True
    perfect = any(a.dep_ == "aux" and a.tag_ in ("VBZ", "VBP") for a in aux)
    return perfect and tok.lemma_.lower() in _KEEPING


def _past(tok: Any) -> bool:
    """A verb told as done: "dropped", "were lifted", "has lifted"."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "would", "'ll", "could", "might", "may", "to") for a in aux):
        return False
    return tok.tag_ in ("VBD", "VBN")


def _targets(m: EventMention, kinds: dict[str, str]) -> set[str]:
    named = {r.entity for r in m.roles if r.role == "patient" and r.entity is not None}
    return {e for e in named if kinds.get(e) in _TARGET_TYPES}


def _lifted_by(m: EventMention, published: dict[str, str | None]) -> str | None:
    """The latest day the lifting can have happened: its own date's end, else the
    publication of its article."""
    if m.time is not None and (span := date_range(m.time.value)) is not None:
        return span[1].isoformat()
    return published.get(m.span.article)


def status_claims(
    items: Sequence[AnnotatedArticle],
    events: Sequence[Event],
    entities: Sequence[Entity],
) -> list[Claim]:
    """For each lifting of sanctions on a party: a ``status`` claim, set against every
    statement that the party's sanctions are in force after it."""
    docs = {i.article.id: i.doc for i in items}
    published = {i.article.id: i.article.published for i in items}
    kinds = {e.id: e.type for e in entities}
    names = {e.id: e.name for e in entities}

    in_force: list[tuple[EventMention, set[str]]] = []
    lifts = [ev for ev in events if ev.type == "lift-sanctions"]
    lift_tokens = {}
    for ev in lifts:
        for m in ev.mentions:
            tok = _token(docs, m)
            if tok is not None:
                lift_tokens[m.id] = tok
    # tokens inside a lifting's phrase, by article: "sanctions against him dropped"
    inside_lift = {
        (m.trigger.article, t.i)
        for ev in lifts
        for m in ev.mentions
        if m.id in lift_tokens
        for t in lift_tokens[m.id].subtree
    }
    for ev in events:
        if ev.type != "sanction":
            continue
        for m in ev.mentions:
            tok = _token(docs, m)
            if tok is None or m.polarity != "asserted" or m.modality not in _DONE:
                continue
            if (m.trigger.article, tok.i) in inside_lift:
                continue  # the measure being lifted, not one in force
            if not _in_force(tok):
                continue
            targets = _targets(m, kinds)
            if targets:
                in_force.append((m, targets))

    claims: list[Claim] = []
    for ev in lifts:
        done = [
            m
            for m in ev.mentions
            if m.polarity == "asserted"
            and m.modality in _DONE
            and m.id in lift_tokens
            and _past(lift_tokens[m.id])
        ]
        for party in sorted({p for m in done for p in _targets(m, kinds)}):
            lifted = [m for m in done if party in _targets(m, kinds)]
            latest = {m.id: _lifted_by(m, published) for m in lifted}
            against = [
                s
                for s, targets in in_force
                if party in targets
                and (on := published.get(s.span.article))
                and any(by is not None and by <= on for by in latest.values())
            ]
            sides = [ClaimSide("states", "lifted", _spans(lifted))]
            if against:
                sides.append(ClaimSide("states", "in force", _spans(against)))
            articles = {c.article for s in sides for c in s.citations}
            status = "disputed" if against else ("agreed" if len(articles) > 1 else "single-source")
            topic = f"status of sanctions on {names.get(party, party)}"
            claims.append(
                Claim(
                    id=stable_id("cl", ev.id, "status", party),
                    event=ev.id,
                    attribute="status",
                    topic=topic,
                    status=status,  # type: ignore[arg-type]
                    sides=tuple(sides),
                    sources=tuple(sorted(articles)),
                )
            )
    return claims


def _spans(mentions: Sequence[EventMention]) -> tuple[Span, ...]:
    return tuple(sorted({m.span for m in mentions}, key=lambda s: (s.article, s.start, s.end)))
