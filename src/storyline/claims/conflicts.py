"""Where sources disagree: denials set against assertions, and incompatible values.

A thin entry over :mod:`storyline.claims.claims`: the conflicts of a set of
articles are its disputed claims (different dates, numbers or ordinals for the
same event, from different articles) and every denial set against the
asserted mentions it contradicts, each side with its citations.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.claims.claims import conflicts_from_claims, find_claims
from storyline.model import AnnotatedArticle, Claim, Conflict, Entity, Event, EventMention


def find_conflicts(
    events: Sequence[Event],
    mentions: Sequence[EventMention],
    entities: Sequence[Entity],
    items: Sequence[AnnotatedArticle] = (),
    claims: Sequence[Claim] | None = None,
) -> list[Conflict]:
    """Conflicts between sources; ``claims`` (from :func:`find_claims`) are reused if given."""
    if claims is None:
        claims = find_claims(items, events, mentions, entities)
    return conflicts_from_claims(claims, mentions, entities, items, events)
