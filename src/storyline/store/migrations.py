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


@migration
def m002_web_search_stories_briefs(db: sqlite3.Connection) -> None:
    """Full-text search over articles, stories made in the web app, cached briefs."""
    # ``seq`` is the FTS rowid: the implicit rowid of ``articles`` may change on VACUUM.
    db.execute("CREATE UNIQUE INDEX articles_seq ON articles(seq)")
    db.execute("CREATE INDEX articles_collection ON articles(collection, seq)")
    db.execute(
        """CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, source, text,
            content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
        )"""
    )
    db.execute(
        """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts (rowid, title, source, text)
            VALUES (new.seq, new.title, new.source, new.text);
        END"""
    )
    db.execute(
        """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, source, text)
            VALUES ('delete', old.seq, old.title, old.source, old.text);
        END"""
    )
    db.execute(
        """CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, source, text)
            VALUES ('delete', old.seq, old.title, old.source, old.text);
            INSERT INTO articles_fts (rowid, title, source, text)
            VALUES (new.seq, new.title, new.source, new.text);
        END"""
    )
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    # Stories named in the web app (a collection is a story without a row here).
    db.execute(
        """CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE story_articles (
            story TEXT NOT NULL REFERENCES stories(id),
            article TEXT NOT NULL REFERENCES articles(id),
            PRIMARY KEY (story, article)
        )"""
    )
    db.execute("CREATE INDEX story_articles_article ON story_articles(article)")
    # Briefs keyed by what decides them: the set of article hashes, the pipeline version
    # and the watchlist version; ``view`` is what the story page shows, ready to render.
    db.execute(
        """CREATE TABLE briefs (
            key TEXT PRIMARY KEY,
            articles_key TEXT NOT NULL,
            watchlist_key TEXT NOT NULL,
            pipeline TEXT NOT NULL,
            created_at TEXT NOT NULL,
            headline TEXT NOT NULL,
            brief TEXT NOT NULL,
            view TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE brief_items (
            brief TEXT NOT NULL REFERENCES briefs(key),
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (brief, kind, id)
        )"""
    )
    # The latest brief made for each story (collection stories included).
    db.execute(
        """CREATE TABLE story_briefs (
            story TEXT PRIMARY KEY,
            brief TEXT NOT NULL REFERENCES briefs(key),
            articles_key TEXT NOT NULL,
            updated_at TEXT NOT NULL
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
