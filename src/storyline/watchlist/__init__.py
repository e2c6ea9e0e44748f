"""Watchlists: list formats, screening of resolved entities, restriction rules → alerts."""

from storyline.watchlist.formats import load_watchlist
from storyline.watchlist.rules import apply_rules
from storyline.watchlist.screen import DEFAULT_THRESHOLD, screen

__all__ = ["DEFAULT_THRESHOLD", "apply_rules", "load_watchlist", "screen"]
