"""SQLite store: articles, where each was read from, near-duplicate links,
cached annotations and watchlist entries.

Every write happens inside an explicit transaction (``BEGIN IMMEDIATE`` …
``COMMIT``), and the database runs in WAL mode, so a process killed at any
point leaves the store as it was after its last commit: never half an article.
The schema is versioned by the migrations in :mod:`storyline.store.migrations`,
applied when a store is opened.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from storyline.errors import StoreError
from storyline.model import Article, ArticleLink, Restriction, WatchlistEntry, to_dict
from storyline.store.migrations import apply_migrations

DEFAULT_DB = "storyline.db"


@dataclass(frozen=True, slots=True)
class AddResult:
    """What :meth:`Store.add_article` did with one article."""

    status: str  # "added" | "duplicate" | "conflict"
    article_id: str
    detail: str = ""


_ARTICLE_COLUMNS = "id, text, title, source, url, published, origin, collection, hash"


def _article(row: sqlite3.Row | tuple) -> Article:
    return Article(*row)


class Store:
    """A storyline database in one SQLite file (``:memory:`` for a throwaway one)."""

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self.path = str(path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA busy_timeout = 30000")
            apply_migrations(self._db)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open as a storyline database ({exc})") from exc
        self._in_tx = False

    # -- transactions ---------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside happen together or not at all. Nested uses join the outer one."""
        if self._in_tx:
            yield
            return
        self._db.execute("BEGIN IMMEDIATE")
        self._in_tx = True
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")
        finally:
            self._in_tx = False

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- articles -------------------------------------------------------------
    def add_article(self, article: Article) -> AddResult:
        """Store ``article`` once; an exact duplicate only records its extra source."""
        with self.transaction():
            row = self._db.execute(
                "SELECT id FROM articles WHERE hash = ?", (article.hash,)
            ).fetchone()
            if row is not None:
                self._add_source(row[0], article)
                return AddResult("duplicate", row[0], f"same text as stored article {row[0]}")
            row = self._db.execute(
                "SELECT hash FROM articles WHERE id = ?", (article.id,)
            ).fetchone()
            if row is not None:
                return AddResult(
                    "conflict",
                    article.id,
                    f"id {article.id!r} is already stored with a different text",
                )
            seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]
            self._db.execute(
                f"INSERT INTO articles ({_ARTICLE_COLUMNS}, seq) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    article.id,
                    article.text,
                    article.title,
                    article.source,
                    article.url,
                    article.published,
                    article.origin,
                    article.collection,
                    article.hash,
                    seq,
                ),
            )
            self._add_source(article.id, article)
            return AddResult("added", article.id)

    def _add_source(self, article_id: str, article: Article) -> None:
        self._db.execute(
            "INSERT OR IGNORE INTO article_sources (article, origin, title, source, url, published)"
            " VALUES (?,?,?,?,?,?)",
            (
                article_id,
                article.origin or "",
                article.title,
                article.source,
                article.url,
                article.published,
            ),
        )

    def sources_of(self, article_id: str) -> list[dict[str, str | None]]:
        """Every place the text of ``article_id`` was read from (exact duplicates included)."""
        rows = self._db.execute(
            "SELECT origin, title, source, url, published FROM article_sources WHERE article = ?"
            " ORDER BY origin",
            (article_id,),
        ).fetchall()
        return [
            dict(zip(("origin", "title", "source", "url", "published"), r, strict=True))
            for r in rows
        ]

    def article(self, article_id: str) -> Article | None:
        row = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return _article(row) if row else None

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Stored articles in ingest order (all of them, or those with ``ids``)."""
        rows = self._db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY seq").fetchall()
        found = [_article(r) for r in rows]
        if ids is None:
            return found
        wanted = set(ids)
        return [a for a in found if a.id in wanted]

    def count_articles(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    # -- near duplicates ------------------------------------------------------
    def add_signature(self, article_id: str, signature: bytes) -> None:
        with self.transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO minhashes (article, signature) VALUES (?, ?)",
                (article_id, signature),
            )

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        yield from self._db.execute("SELECT article, signature FROM minhashes ORDER BY article")

    def add_link(self, link: ArticleLink) -> None:
        a, b = sorted((link.article, link.other))
        with self.transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO article_links (article, other, kind, similarity)"
                " VALUES (?,?,?,?)",
                (a, b, link.kind, round(link.similarity, 4)),
            )

    def links(self, ids: Iterable[str] | None = None) -> list[ArticleLink]:
        rows = self._db.execute(
            "SELECT article, other, kind, similarity FROM article_links ORDER BY article, other"
        ).fetchall()
        links = [ArticleLink(r[0], r[1], r[2], r[3]) for r in rows]
        if ids is None:
            return links
        wanted = set(ids)
        return [x for x in links if x.article in wanted and x.other in wanted]

    # -- annotation cache -----------------------------------------------------
    def cached_docs(self, hashes: Sequence[str], pipeline: str) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for i in range(0, len(hashes), 500):
            chunk = list(hashes[i : i + 500])
            marks = ",".join("?" * len(chunk))
            for h, blob in self._db.execute(
                f"SELECT hash, doc FROM annotations WHERE pipeline = ? AND hash IN ({marks})",
                (pipeline, *chunk),
            ):
                found[h] = blob
        return found

    def save_docs(self, docs: Iterable[tuple[str, bytes]], pipeline: str) -> None:
        with self.transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO annotations (hash, pipeline, doc) VALUES (?, ?, ?)",
                ((h, pipeline, blob) for h, blob in docs),
            )

    # -- watchlists -----------------------------------------------------------
    def add_watchlist_entries(self, entries: Iterable[WatchlistEntry]) -> int:
        n = 0
        with self.transaction():
            for entry in entries:
                self._db.execute(
                    "INSERT OR REPLACE INTO watchlist_entries (id, list_name, data) VALUES (?,?,?)",
                    (entry.id, entry.list_name, json.dumps(to_dict(entry), sort_keys=True)),
                )
                n += 1
        return n

    def watchlist_entries(self) -> list[WatchlistEntry]:
        rows = self._db.execute("SELECT data FROM watchlist_entries ORDER BY id").fetchall()
        return [entry_from_dict(json.loads(r[0])) for r in rows]

    # -- checks ---------------------------------------------------------------
    def integrity_problems(self) -> list[str]:
        """What is inconsistent in the store (empty when all is well)."""
        problems = [r[0] for r in self._db.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [
            f"article {r[0]} has no source"
            for r in self._db.execute(
                "SELECT id FROM articles WHERE id NOT IN (SELECT article FROM article_sources)"
            )
        ]
        problems += [
            f"foreign key violation in {r[0]}" for r in self._db.execute("PRAGMA foreign_key_check")
        ]
        return problems


def entry_from_dict(d: dict) -> WatchlistEntry:
    """A :class:`WatchlistEntry` from its :func:`to_dict` form."""
    return WatchlistEntry(
        id=d["id"],
        list_name=d["list_name"],
        name=d["name"],
        aliases=tuple(d.get("aliases") or ()),
        type=d.get("type", "person"),
        nationalities=tuple(d.get("nationalities") or ()),
        programmes=tuple(d.get("programmes") or ()),
        listed=d.get("listed"),
        delisted=d.get("delisted"),
        restrictions=tuple(Restriction(**r) for r in d.get("restrictions") or ()),
    )
