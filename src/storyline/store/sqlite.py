"""SQLite store: articles, where each was read from, near-duplicate links,
cached annotations and watchlist entries.

Every write happens inside an explicit transaction (``BEGIN IMMEDIATE`` …
``COMMIT``), and the database runs in WAL mode, so a process killed at any
point leaves the store as it was after its last commit: never half an article.
The schema is versioned by the migrations in :mod:`storyline.store.migrations`,
applied when a store is opened.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.errors import StoreError
from storyline.model import Article, ArticleLink, Restriction, WatchlistEntry, to_dict
from storyline.store.migrations import apply_migrations

DEFAULT_DB = "storyline.db"
# A search word (letters, digits, underscores) and whether a ``*`` follows it (a prefix).
_SEARCH_WORD = re.compile(r"(\w+)(\*?)")


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
        rows = [
            (entry.id, entry.list_name, json.dumps(to_dict(entry), sort_keys=True))
            for entry in entries
        ]
        with self.transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO watchlist_entries (id, list_name, data) VALUES (?,?,?)",
                rows,
            )
        return len(rows)

    def watchlist_entries(self) -> list[WatchlistEntry]:
        rows = self._db.execute("SELECT data FROM watchlist_entries ORDER BY id").fetchall()
        return [entry_from_dict(json.loads(r[0])) for r in rows]

    # -- web app: full-text search, stories, cached briefs -----------------------
    def read_only(self) -> None:
        """Refuse every write on this connection from now on (the web app's readers)."""
        self._db.execute("PRAGMA query_only = ON")

    def search_articles(self, query: str, limit: int = 200) -> list[dict[str, Any]]:
        """Articles whose title, source or text hold every word of ``query`` (FTS5), best
        first, each with a snippet of its text where ``\x02`` and ``\x03`` mark the match.

        Words are taken from ``query`` as they are (letters and digits, diacritics ignored);
        a trailing ``*`` asks for a prefix. Nothing in ``query`` is FTS5 syntax, so any input
        is a valid search."""
        terms = [f'"{w}"' + ("*" if star else "") for w, star in _SEARCH_WORD.findall(query)]
        if not terms:
            return []
        rows = self._db.execute(
            "SELECT a.id, a.title, a.source, a.published, a.collection,"
            " snippet(articles_fts, 2, char(2), char(3), '…', 24)"
            " FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank, a.seq LIMIT ?",
            (" ".join(terms), limit),
        ).fetchall()
        keys = ("id", "title", "source", "published", "collection", "snippet")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def stories_of(self, article_ids: Sequence[str]) -> dict[str, list[str]]:
        """The named stories (made in the web app) each of ``article_ids`` belongs to."""
        found: dict[str, list[str]] = {}
        for i in range(0, len(article_ids), 500):
            chunk = list(article_ids[i : i + 500])
            marks = ",".join("?" * len(chunk))
            for article, story in self._db.execute(
                f"SELECT article, story FROM story_articles WHERE article IN ({marks})"
                " ORDER BY story",
                chunk,
            ):
                found.setdefault(article, []).append(story)
        return found

    _STORY_STATS = (
        "COUNT(*), MAX(a.seq), MIN(a.published), MAX(a.published), COUNT(DISTINCT a.source)"
    )
    _STORY_KEYS = ("articles", "last_seq", "first_published", "last_published", "sources")

    def collection_stories(self) -> list[dict[str, Any]]:
        """One row per collection: its name, article count, latest ``seq``, date range and
        number of distinct sources."""
        rows = self._db.execute(
            f"SELECT a.collection, {self._STORY_STATS} FROM articles a"
            " WHERE a.collection IS NOT NULL GROUP BY a.collection"
        ).fetchall()
        return [dict(zip(("collection", *self._STORY_KEYS), r, strict=True)) for r in rows]

    def named_stories(self) -> list[dict[str, Any]]:
        """One row per story named in the web app, with the same counts as collections."""
        rows = self._db.execute(
            f"SELECT s.id, s.title, s.created_at, {self._STORY_STATS}"
            " FROM stories s JOIN story_articles sa ON sa.story = s.id"
            " JOIN articles a ON a.id = sa.article GROUP BY s.id"
        ).fetchall()
        return [
            dict(zip(("id", "title", "created_at", *self._STORY_KEYS), r, strict=True))
            for r in rows
        ]

    def unfiled_story(self) -> dict[str, Any]:
        """Counts over the articles in no collection and no named story."""
        row = self._db.execute(
            f"SELECT {self._STORY_STATS} FROM articles a WHERE a.collection IS NULL"
            " AND NOT EXISTS (SELECT 1 FROM story_articles sa WHERE sa.article = a.id)"
        ).fetchone()
        return dict(zip(self._STORY_KEYS, row, strict=True))

    def collection_articles(self, collection: str) -> list[tuple[str, str]]:
        """``(id, hash)`` of the articles of ``collection``, in ingest order."""
        return [
            (r[0], r[1])
            for r in self._db.execute(
                "SELECT id, hash FROM articles WHERE collection = ? ORDER BY seq", (collection,)
            )
        ]

    def named_story_articles(self, story: str) -> list[tuple[str, str]]:
        """``(id, hash)`` of the articles of the named story ``story``, in ingest order."""
        return [
            (r[0], r[1])
            for r in self._db.execute(
                "SELECT a.id, a.hash FROM story_articles sa JOIN articles a ON a.id = sa.article"
                " WHERE sa.story = ? ORDER BY a.seq",
                (story,),
            )
        ]

    def unfiled_articles(self) -> list[tuple[str, str]]:
        """``(id, hash)`` of the articles in no collection and no named story."""
        return [
            (r[0], r[1])
            for r in self._db.execute(
                "SELECT a.id, a.hash FROM articles a WHERE a.collection IS NULL AND NOT EXISTS"
                " (SELECT 1 FROM story_articles sa WHERE sa.article = a.id) ORDER BY a.seq"
            )
        ]

    def named_story(self, story: str) -> dict[str, Any] | None:
        row = self._db.execute(
            "SELECT id, title, created_at FROM stories WHERE id = ?", (story,)
        ).fetchone()
        return dict(zip(("id", "title", "created_at"), row, strict=True)) if row else None

    def add_story(self, story: str, title: str, article_ids: Iterable[str] = ()) -> None:
        """Create the named story ``story`` (if new) and add ``article_ids`` to it."""
        with self.transaction():
            self._db.execute(
                "INSERT OR IGNORE INTO stories (id, title, created_at)"
                " VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                (story, title),
            )
            self._db.executemany(
                "INSERT OR IGNORE INTO story_articles (story, article) VALUES (?, ?)",
                ((story, a) for a in article_ids),
            )

    def rename_origins(self, prefix: str, replacement: str) -> int:
        """Replace ``prefix`` by ``replacement`` at the start of every origin that has it (the
        web app stores uploads under a temporary path and names them by upload instead)."""
        n = len(prefix)
        with self.transaction():
            changed = self._db.execute(
                "UPDATE articles SET origin = ? || substr(origin, ?)"
                " WHERE substr(origin, 1, ?) = ?",
                (replacement, n + 1, n, prefix),
            ).rowcount
            self._db.execute(
                "UPDATE article_sources SET origin = ? || substr(origin, ?)"
                " WHERE substr(origin, 1, ?) = ?",
                (replacement, n + 1, n, prefix),
            )
        return int(changed)

    def watchlist_signature(self) -> tuple[int, int, int]:
        """A cheap fingerprint of the stored watchlist (count, last rowid, total size): it
        changes whenever an entry is added or replaced, so :meth:`watchlist_key` can be
        cached under it."""
        row = self._db.execute(
            "SELECT COUNT(*), COALESCE(MAX(rowid), 0), COALESCE(SUM(length(data)), 0)"
            " FROM watchlist_entries"
        ).fetchone()
        return int(row[0]), int(row[1]), int(row[2])

    def watchlist_key(self) -> str:
        """A hash of every stored watchlist entry: it changes whenever the watchlist does."""
        digest = hashlib.sha256()
        for entry_id, data in self._db.execute(
            "SELECT id, data FROM watchlist_entries ORDER BY id"
        ):
            digest.update(f"{entry_id}\x1f{data}\x1e".encode())
        return digest.hexdigest()

    def save_brief(
        self,
        key: str,
        articles_key: str,
        watchlist_key: str,
        pipeline: str,
        headline: str,
        brief: str,
        view: str,
        items: Iterable[tuple[str, str, str]],
        stories: Iterable[str],
    ) -> None:
        """Cache a computed brief (its JSON, the story page's view, and per-item JSON such as
        entity dossiers and alerts) and make it the latest brief of ``stories``."""
        with self.transaction():
            self._db.execute("DELETE FROM brief_items WHERE brief = ?", (key,))
            self._db.execute(
                "INSERT OR REPLACE INTO briefs (key, articles_key, watchlist_key, pipeline,"
                " created_at, headline, brief, view)"
                " VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?, ?)",
                (key, articles_key, watchlist_key, pipeline, headline, brief, view),
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO brief_items (brief, kind, id, data) VALUES (?, ?, ?, ?)",
                ((key, kind, item, data) for kind, item, data in items),
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO story_briefs (story, brief, articles_key, updated_at)"
                " VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                ((story, key, articles_key) for story in stories),
            )

    def story_brief(self, story: str) -> dict[str, Any] | None:
        """The latest brief made for ``story``: its key, what it was made from, when, and
        the story page's view (JSON text); ``None`` if none was made."""
        row = self._db.execute(
            "SELECT b.key, b.articles_key, b.watchlist_key, b.pipeline, b.created_at, b.view"
            " FROM story_briefs sb JOIN briefs b ON b.key = sb.brief WHERE sb.story = ?",
            (story,),
        ).fetchone()
        keys = ("key", "articles_key", "watchlist_key", "pipeline", "created_at", "view")
        return dict(zip(keys, row, strict=True)) if row else None

    def story_headlines(self) -> dict[str, str]:
        """The headline of every story's latest brief (its most mentioned names)."""
        return {
            r[0]: r[1]
            for r in self._db.execute(
                "SELECT sb.story, b.headline FROM story_briefs sb JOIN briefs b ON b.key = sb.brief"
            )
        }

    def brief_json(self, key: str) -> str | None:
        """The cached brief ``key`` as JSON text (the documented wire form)."""
        row = self._db.execute("SELECT brief FROM briefs WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def brief_item(self, key: str, kind: str, item: str) -> str | None:
        row = self._db.execute(
            "SELECT data FROM brief_items WHERE brief = ? AND kind = ? AND id = ?",
            (key, kind, item),
        ).fetchone()
        return row[0] if row else None

    def brief_items(self, key: str, kind: str) -> list[str]:
        return [
            r[0]
            for r in self._db.execute(
                "SELECT data FROM brief_items WHERE brief = ? AND kind = ? ORDER BY id",
                (key, kind),
            )
        ]

    def latest_brief_items(self, kind: str) -> list[tuple[str, str]]:
        """``(story, data)`` of every item of ``kind`` in the latest brief of every story."""
        return [
            (r[0], r[1])
            for r in self._db.execute(
                "SELECT sb.story, i.data FROM story_briefs sb"
                " JOIN brief_items i ON i.brief = sb.brief WHERE i.kind = ?"
                " ORDER BY sb.story, i.id",
                (kind,),
            )
        ]

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
        weak_aliases=tuple(d.get("weak_aliases") or ()),
        birth_dates=tuple(d.get("birth_dates") or ()),
        birth_places=tuple(d.get("birth_places") or ()),
        positions=tuple(d.get("positions") or ()),
        source=d.get("source") or "",
    )
