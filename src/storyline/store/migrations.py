"""Schema migrations: registered functions, applied in order, each recorded in
the ``_migrations`` table inside the same transaction as its changes.

To change the schema, append a new function decorated with ``@migration``;
never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_initial(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            seq INTEGER NOT NULL,
            title TEXT, source TEXT, url TEXT, published TEXT, origin TEXT, collection TEXT,
            text TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE article_sources (
            article TEXT NOT NULL REFERENCES articles(id),
            origin TEXT NOT NULL,
            title TEXT, source TEXT, url TEXT, published TEXT,
            PRIMARY KEY (article, origin)
        )"""
    )
    db.execute(
        """CREATE TABLE article_links (
            article TEXT NOT NULL REFERENCES articles(id),
            other TEXT NOT NULL REFERENCES articles(id),
            kind TEXT NOT NULL,
            similarity REAL NOT NULL,
            PRIMARY KEY (article, other, kind)
        )"""
    )
    db.execute(
        """CREATE TABLE minhashes (
            article TEXT PRIMARY KEY REFERENCES articles(id),
            signature BLOB NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE annotations (
            hash TEXT NOT NULL,
            pipeline TEXT NOT NULL,
            doc BLOB NOT NULL,
            PRIMARY KEY (hash, pipeline)
        )"""
    )
    db.execute(
        """CREATE TABLE watchlist_entries (
            id TEXT PRIMARY KEY,
            list_name TEXT NOT NULL,
            data TEXT NOT NULL
        )"""
    )


def applied(db: sqlite3.Connection) -> list[str]:
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    return [r[0] for r in db.execute("SELECT name FROM _migrations ORDER BY rowid")]


def apply_migrations(db: sqlite3.Connection) -> list[str]:
    """Apply every migration not yet recorded; return the names applied now."""
    done = set(applied(db))
    known = {name for name, _ in MIGRATIONS}
    unknown = done - known
    if unknown:
        raise sqlite3.DatabaseError(
            f"database was written by a newer storyline (migrations {sorted(unknown)})"
        )
    now: list[str] = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            fn(db)
            db.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, datetime('now'))", (name,)
            )
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        now.append(name)
    return now
