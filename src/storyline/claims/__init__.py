"""Agreement and conflict between sources: claims per event and attribute, conflicts."""

from storyline.claims.claims import conflicts_from_claims, find_claims
from storyline.claims.conflicts import find_conflicts

__all__ = ["conflicts_from_claims", "find_claims", "find_conflicts"]
