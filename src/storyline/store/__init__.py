"""Storage: SQLite by default (one file, embedded)."""

from storyline.store.sqlite import DEFAULT_DB, AddResult, Store

__all__ = ["DEFAULT_DB", "AddResult", "Store"]
